// The series index over a time range: which series of a bucket have points in [start, stop), found
// from the block headers (a block that straddles `start` has its times decoded). Backs the schema
// functions (schema.tagKeys, tagValues, measurements, ...).
#include <algorithm>

#include "store/store_impl.h"

namespace fluxi::store {

std::vector<SeriesInfo> Store::seriesWithPoints(const BucketInfo& bucket, const SeriesPredicate* pred,
                                                int64_t start, int64_t stop, int64_t now) {
    std::vector<SeriesInfo> all = findSeries(bucket, pred);
    if (bucket.retention > 0 && now - bucket.retention > start) start = now - bucket.retention;
    std::vector<SeriesInfo> out;
    if (start >= stop || all.empty()) return out;
    std::lock_guard lock(mu_);
    Impl& m = *impl_;
    SeriesColumns blk;
    for (SeriesInfo& s : all) {
        bool found = false;
        {
            StmtResetter reset(m.blocksFrom);
            m.blocksFrom.bind(1, s.id).bind(2, start);
            while (!found && m.blocksFrom.step()) {
                const int64_t minTime = m.blocksFrom.int64(1);
                if (minTime >= stop) break;
                if (minTime >= start) {
                    found = true;
                    break;
                }
                blk.clear();
                m.decode(s.id, s.type, m.blobOf(m.blocksFrom, 4), blk);
                auto it = std::lower_bound(blk.times.begin(), blk.times.end(), start);
                found = it != blk.times.end() && *it < stop;
            }
        }
        if (found) out.push_back(std::move(s));
    }
    return out;
}

}  // namespace fluxi::store
