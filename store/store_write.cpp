// Applying a WriteBatch in one transaction (buckets and series created on demand, each series' points
// merged into its blocks, the last write of a series and time winning) and deleting points beyond
// retention.
#include <algorithm>
#include <numeric>

#include "store/store_impl.h"

namespace fluxi::store {

ApplyStats Store::apply(const WriteBatch& batch, int64_t now) {
    std::lock_guard lock(mu_);
    if (batch.empty()) return {};
    WriteTransaction tx = beginWrite(now);
    ApplyStats stats = tx.apply(batch);
    tx.commit();
    return stats;
}

Store::WriteTransaction Store::beginWrite(int64_t now) {
    std::unique_lock lock(mu_);
    requireWritable("write points");
    Impl& m = *impl_;
    m.checkExternalChanges();
    m.begin.exec();
    WriteTransaction tx;
    tx.store_ = this;
    tx.lock_ = std::move(lock);
    tx.now_ = now;
    return tx;
}

Store::WriteTransaction::WriteTransaction(WriteTransaction&& o) noexcept
    : store_(o.store_), lock_(std::move(o.lock_)), now_(o.now_) {
    o.store_ = nullptr;
}

Store::WriteTransaction::~WriteTransaction() {
    if (!store_) return;
    Impl& m = *store_->impl_;
    if (!sqlite3_get_autocommit(m.db)) sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
    m.seriesCache.clear();
}

void Store::WriteTransaction::commit() {
    if (!store_) throw StoreError("internal error: commit of a finished write transaction");
    Impl& m = *store_->impl_;
    try {
        m.commit.exec();
    } catch (...) {
        if (!sqlite3_get_autocommit(m.db)) sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
        m.seriesCache.clear();
        store_ = nullptr;
        throw;
    }
    store_ = nullptr;
    lock_ = {};
}

ApplyStats Store::WriteTransaction::apply(const WriteBatch& batch) {
    if (!store_) throw StoreError("internal error: write to a finished write transaction");
    Impl& m = *store_->impl_;
    const int64_t now = now_;
    const auto& b = batch.impl();
    ApplyStats stats;
    if (b.points.empty()) return stats;
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

        // 3. per series: the batch's points (the last of equal times wins) merged into its blocks
        SeriesColumns incoming;
        for (uint32_t si : seriesOrder) {
            const size_t first = offset[si], count = start[si + 1];
            if (count == 0) continue;
            const ValueType type = b.series[si].type;
            incoming.clear();
            for (size_t k = first; k < first + count; k++) {
                const auto& p = b.points[order[k]];
                if (p.time < cutoff[si]) {
                    stats.beyondRetention++;
                    continue;
                }
                stats.points++;
                const bool replace = incoming.size() > 0 && incoming.times.back() == p.time;
                if (!replace) incoming.times.push_back(p.time);
                switch (type) {
                    case ValueType::Float:
                        if (replace) incoming.floats.back() = p.v.f; else incoming.floats.push_back(p.v.f);
                        break;
                    case ValueType::Int:
                        if (replace) incoming.ints.back() = p.v.i; else incoming.ints.push_back(p.v.i);
                        break;
                    case ValueType::UInt:
                        if (replace) incoming.uints.back() = p.v.u; else incoming.uints.push_back(p.v.u);
                        break;
                    case ValueType::Bool: {
                        uint8_t v = p.v.i != 0;
                        if (replace) incoming.bools.back() = v; else incoming.bools.push_back(v);
                        break;
                    }
                    case ValueType::String: {
                        std::string_view v(b.strings.data() + p.v.u, p.strLen);
                        if (replace) incoming.strings.back().assign(v); else incoming.strings.emplace_back(v);
                        break;
                    }
                }
            }
            m.mergePoints(seriesId[si], type, incoming);
        }
    } catch (...) {
        // nothing of the transaction may be kept: roll it back now
        if (!sqlite3_get_autocommit(m.db)) sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
        m.seriesCache.clear();
        store_ = nullptr;
        lock_ = {};
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
        // whole blocks before the cutoff go; a block across it is cut and written again
        Stmt countOld(m.db, "SELECT coalesce(sum(count), 0) FROM blocks WHERE series IN (SELECT id FROM series WHERE "
                            "bucket = ?) AND max_time < ?");
        Stmt delOld(m.db, "DELETE FROM blocks WHERE series IN (SELECT id FROM series WHERE bucket = ?) AND max_time < ?");
        Stmt across(m.db, "SELECT b.id, b.series, s.type, b.data FROM blocks b JOIN series s ON s.id = b.series "
                          "WHERE s.bucket = ? AND b.min_time < ?2 AND b.max_time >= ?2");
        for (auto [rowid, retention] : buckets) {
            const int64_t cutoff = now - retention;
            countOld.bind(1, rowid).bind(2, cutoff).step();
            deleted += static_cast<size_t>(countOld.int64(0));
            countOld.reset();
            delOld.bind(1, rowid).bind(2, cutoff).exec();
            struct Cut {
                int64_t id, series;
                ValueType type;
                SeriesColumns kept;
                size_t dropped;
            };
            std::vector<Cut> cuts;
            across.bind(1, rowid).bind(2, cutoff);
            while (across.step()) {
                {
                    Cut c{across.int64(0), across.int64(1), static_cast<ValueType>(across.int64(2)), {}, 0};
                    SeriesColumns all;
                    m.decode(c.series, c.type, m.blobOf(across, 3), all);
                    size_t lo = static_cast<size_t>(std::lower_bound(all.times.begin(), all.times.end(), cutoff) -
                                                    all.times.begin());
                    appendPoints(c.type, all, lo, all.size(), c.kept);
                    c.dropped = lo;
                    cuts.push_back(std::move(c));
                }
            }
            across.reset();
            for (Cut& c : cuts) {
                m.deleteBlock.bind(1, c.id).exec();
                m.insertBlocks(c.series, c.type, c.kept, 0, c.kept.size());
                deleted += c.dropped;
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
