// The series index over a time range: which series of a bucket have points in [start, stop), found
// with one indexed existence probe per series (no point values are read). Backs the schema
// functions (schema.tagKeys, tagValues, measurements, ...).
#include <array>

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
    std::array<Stmt, kValueTypeCount> probe;
    for (SeriesInfo& s : all) {
        Stmt& st = probe[static_cast<size_t>(s.type)];
        if (!st.get())
            st = Stmt(m.db, std::string("SELECT 1 FROM ") + pointTableName(s.type) +
                                " WHERE series = ? AND time >= ? AND time < ? LIMIT 1");
        StmtResetter reset(st);
        st.bind(1, s.id).bind(2, start).bind(3, stop);
        if (st.step()) out.push_back(std::move(s));
    }
    return out;
}

}  // namespace fluxi::store
