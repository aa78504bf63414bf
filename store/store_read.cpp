// Reads: the series of a bucket matching a predicate, and time-range scans of one series at a time
// into columns (the blocks overlapping the range, decoded; see store_blocks.cpp).
#include <algorithm>

#include "store/series_predicate.h"
#include "store/store_impl.h"

namespace fluxi::store {

std::vector<SeriesInfo> Store::findSeries(const BucketInfo& bucket, const SeriesPredicate* pred) {
    std::lock_guard lock(mu_);
    Impl& m = *impl_;
    std::vector<SeriesInfo> out;
    StmtResetter r(m.listSeries);
    m.listSeries.bind(1, bucket.rowid);
    while (m.listSeries.step()) {
        SeriesInfo s;
        s.id = m.listSeries.int64(0);
        s.measurement = std::string(m.listSeries.text(1));
        s.tags = decodeTags(m.listSeries.text(2));
        s.field = std::string(m.listSeries.text(3));
        int64_t type = m.listSeries.int64(4);
        if (type < 0 || type >= kValueTypeCount)
            throw StoreError("corrupt store: series " + std::to_string(s.id) + " has unknown type " + std::to_string(type));
        s.type = static_cast<ValueType>(type);
        if (pred && !pred->matches(s)) continue;
        out.push_back(std::move(s));
    }
    std::sort(out.begin(), out.end(), [](const SeriesInfo& a, const SeriesInfo& b) {
        if (a.measurement != b.measurement) return a.measurement < b.measurement;
        size_t n = std::min(a.tags.size(), b.tags.size());
        for (size_t i = 0; i < n; i++) {
            if (a.tags[i].key != b.tags[i].key) return a.tags[i].key < b.tags[i].key;
            if (a.tags[i].value != b.tags[i].value) return a.tags[i].value < b.tags[i].value;
        }
        if (a.tags.size() != b.tags.size()) return a.tags.size() < b.tags.size();
        return a.field < b.field;
    });
    return out;
}

void Store::readSeries(const SeriesInfo& s, int64_t start, int64_t stop, SeriesColumns& out) {
    std::lock_guard lock(mu_);
    out.clear();
    impl_->readRange(s.id, s.type, start, stop, out);
}

size_t Store::countRange(const SeriesInfo& s, int64_t start, int64_t stop) {
    std::lock_guard lock(mu_);
    return impl_->countRange(s.id, s.type, start, stop);
}

void Store::scanBlocks(const SeriesInfo& s, int64_t start, int64_t stop, const BlockVisitor& visit) {
    std::lock_guard lock(mu_);
    impl_->scanBlocks(s.id, s.type, start, stop, visit);
}

size_t Store::countPoints(const BucketInfo& bucket) {
    std::lock_guard lock(mu_);
    Stmt st(impl_->db, "SELECT coalesce(sum(count), 0) FROM blocks WHERE series IN (SELECT id FROM series WHERE bucket = ?)");
    st.bind(1, bucket.rowid);
    st.step();
    return static_cast<size_t>(st.int64(0));
}

Scan Store::scan(const BucketInfo& bucket, const SeriesPredicate* pred, int64_t start, int64_t stop, int64_t now) {
    Scan sc;
    sc.store_ = shared_from_this();
    sc.series_ = findSeries(bucket, pred);
    sc.start_ = start;
    sc.stop_ = stop;
    if (bucket.retention > 0 && now - bucket.retention > sc.start_) sc.start_ = now - bucket.retention;
    return sc;
}

bool Scan::next(const SeriesInfo*& series, SeriesColumns& out) {
    while (pos_ < series_.size()) {
        const SeriesInfo& s = series_[pos_++];
        store_->readSeries(s, start_, stop_, out);
        if (out.size() > 0) {
            series = &s;
            return true;
        }
    }
    return false;
}

}  // namespace fluxi::store
