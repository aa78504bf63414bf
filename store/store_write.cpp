// Applying a WriteBatch in one transaction (buckets and series created on demand, points inserted
// in (series, time) order with INSERT OR REPLACE) and deleting points beyond retention.
#include <algorithm>
#include <numeric>

#include "store/store_impl.h"

namespace fluxi::store {

ApplyStats Store::apply(const WriteBatch& batch, int64_t now) {
    std::lock_guard lock(mu_);
    Impl& m = *impl_;
    const auto& b = batch.impl();
    ApplyStats stats;
    if (b.points.empty()) return stats;
    requireWritable("write points");
    m.checkExternalChanges();
    m.begin.exec();
    try {
        // 1. buckets and series ids
        std::unordered_map<std::string, BucketInfo> buckets;
        std::vector<int64_t> seriesId(b.series.size());
        std::vector<int64_t> cutoff(b.series.size(), INT64_MIN);
        for (size_t i = 0; i < b.series.size(); i++) {
            const auto& s = b.series[i];
            auto bit = buckets.find(s.bucket);
            if (bit == buckets.end()) {
                auto found = m.bucketByName(s.bucket);
                if (!found) {
                    found = m.insertBucket(s.bucket, 0, wallClockNanos());
                    stats.newBuckets++;
                }
                bit = buckets.emplace(s.bucket, *found).first;
            }
            const BucketInfo& bucket = bit->second;
            if (bucket.retention > 0) cutoff[i] = now - bucket.retention;
            auto cached = m.seriesCache.find(std::string_view(s.key));
            if (cached != m.seriesCache.end()) {
                if (cached->second.type != s.type)
                    throw FieldTypeConflict(s.sourceLine, "field type conflict: field \"" + s.field + "\" of measurement \"" +
                                                              s.measurement + "\" in bucket \"" + s.bucket + "\" is " +
                                                              valueTypeName(cached->second.type) + " in the store, got " +
                                                              valueTypeName(s.type));
                seriesId[i] = cached->second.id;
                continue;
            }
            std::string tags = encodeTags(s.tags);
            int64_t id;
            {
                StmtResetter r(m.findSeriesId);
                m.findSeriesId.bind(1, bucket.rowid).bind(2, s.measurement).bind(3, tags).bind(4, s.field);
                if (m.findSeriesId.step()) {
                    id = m.findSeriesId.int64(0);
                    auto type = static_cast<ValueType>(m.findSeriesId.int64(1));
                    if (type != s.type)
                        throw FieldTypeConflict(s.sourceLine, "field type conflict: field \"" + s.field + "\" of measurement \"" +
                                                                  s.measurement + "\" in bucket \"" + s.bucket + "\" is " +
                                                                  valueTypeName(type) + " in the store, got " +
                                                                  valueTypeName(s.type));
                } else {
                    StmtResetter r2(m.insertSeries);
                    m.insertSeries.bind(1, bucket.rowid)
                        .bind(2, s.measurement)
                        .bind(3, tags)
                        .bind(4, s.field)
                        .bind(5, static_cast<int64_t>(s.type));
                    m.insertSeries.step();
                    id = sqlite3_last_insert_rowid(m.db);
                    stats.newSeries++;
                }
            }
            seriesId[i] = id;
            m.seriesCache.emplace(s.key, Impl::CachedSeries{id, s.type});
        }

        // 2. order points by (series id, time), keeping batch order among equal keys so the last
        //    write of a point wins: counting sort by series, then a stable sort inside a series only
        //    when its times are not already ascending.
        const size_t ns = b.series.size();
        std::vector<uint32_t> seriesOrder(ns);
        std::iota(seriesOrder.begin(), seriesOrder.end(), 0u);
        std::sort(seriesOrder.begin(), seriesOrder.end(),
                  [&](uint32_t x, uint32_t y) { return seriesId[x] < seriesId[y]; });
        std::vector<size_t> start(ns + 1, 0);
        for (const auto& p : b.points) start[p.series + 1]++;
        // prefix sums in series-id order
        std::vector<size_t> offset(ns);
        size_t acc = 0;
        for (uint32_t si : seriesOrder) {
            offset[si] = acc;
            acc += start[si + 1];
        }
        std::vector<uint32_t> order(b.points.size());
        {
            std::vector<size_t> fill = offset;
            for (size_t i = 0; i < b.points.size(); i++) order[fill[b.points[i].series]++] = static_cast<uint32_t>(i);
        }
        for (uint32_t si : seriesOrder) {
            auto first = order.begin() + static_cast<std::ptrdiff_t>(offset[si]);
            auto last = first + static_cast<std::ptrdiff_t>(start[si + 1]);
            bool sorted = std::is_sorted(first, last, [&](uint32_t x, uint32_t y) {
                return b.points[x].time < b.points[y].time;
            });
            if (!sorted)
                std::stable_sort(first, last, [&](uint32_t x, uint32_t y) {
                    return b.points[x].time < b.points[y].time;
                });
        }

        // 3. insert, kInsertChunk points per statement while consecutive points share a value type
        auto bindPoint = [&](sqlite3_stmt* st, int base, const WriteBatch::Impl::Point& p, ValueType type) {
            sqlite3_bind_int64(st, base + 1, seriesId[p.series]);
            sqlite3_bind_int64(st, base + 2, p.time);
            switch (type) {
                case ValueType::Float: sqlite3_bind_double(st, base + 3, p.v.f); break;
                case ValueType::Int:
                case ValueType::Bool: sqlite3_bind_int64(st, base + 3, p.v.i); break;
                case ValueType::UInt: sqlite3_bind_int64(st, base + 3, static_cast<int64_t>(p.v.u)); break;
                case ValueType::String:
                    sqlite3_bind_text(st, base + 3, b.strings.data() + p.v.u, static_cast<int>(p.strLen),
                                      SQLITE_STATIC);
                    break;
            }
        };
        auto run = [&](sqlite3_stmt* st) {
            int rc = sqlite3_step(st);
            sqlite3_reset(st);
            if (rc != SQLITE_DONE) throwSqlite(m.db, "writing points");
        };
        std::vector<uint32_t> pending;  // points of one value type, in order
        pending.reserve(Impl::kInsertChunk);
        ValueType pendingType = ValueType::Float;
        auto flush = [&] {
            size_t i = 0;
            if (pending.size() == static_cast<size_t>(Impl::kInsertChunk)) {
                sqlite3_stmt* st = m.insertPoints[static_cast<size_t>(pendingType)].get();
                for (; i < pending.size(); i++) bindPoint(st, static_cast<int>(i) * 3, b.points[pending[i]], pendingType);
                run(st);
            } else {
                sqlite3_stmt* st = m.insertPoint[static_cast<size_t>(pendingType)].get();
                for (; i < pending.size(); i++) {
                    bindPoint(st, 0, b.points[pending[i]], pendingType);
                    run(st);
                }
            }
            stats.points += pending.size();
            pending.clear();
        };
        for (uint32_t idx : order) {
            const auto& p = b.points[idx];
            if (p.time < cutoff[p.series]) {
                stats.beyondRetention++;
                continue;
            }
            ValueType type = b.series[p.series].type;
            if (!pending.empty() && type != pendingType) flush();
            pendingType = type;
            pending.push_back(idx);
            if (pending.size() == static_cast<size_t>(Impl::kInsertChunk)) flush();
        }
        if (!pending.empty()) flush();
        m.commit.exec();
    } catch (...) {
        if (!sqlite3_get_autocommit(m.db)) sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
        m.seriesCache.clear();
        throw;
    }
    return stats;
}

size_t Store::enforceRetention(int64_t now) {
    std::lock_guard lock(mu_);
    if (readOnly_) return 0;  // expired points stay hidden from reads; deleting them waits for a writer
    Impl& m = *impl_;
    size_t deleted = 0;
    m.exec("BEGIN IMMEDIATE");
    try {
        Stmt list(m.db, "SELECT rowid_, retention_ns FROM buckets WHERE retention_ns > 0");
        std::vector<std::pair<int64_t, int64_t>> buckets;
        while (list.step()) buckets.emplace_back(list.int64(0), list.int64(1));
        for (auto [rowid, retention] : buckets) {
            for (int t = 0; t < kValueTypeCount; t++) {
                Stmt del(m.db, std::string("DELETE FROM ") + pointTableName(static_cast<ValueType>(t)) +
                                   " WHERE series IN (SELECT id FROM series WHERE bucket = ?) AND time < ?");
                del.bind(1, rowid).bind(2, now - retention).step();
                deleted += static_cast<size_t>(sqlite3_changes(m.db));
            }
        }
        m.exec("COMMIT");
    } catch (...) {
        sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    return deleted;
}

}  // namespace fluxi::store
