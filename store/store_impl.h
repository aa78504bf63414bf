// Internal state of a Store (connection, prepared statements, caches), shared by the store_*.cpp
// files. Not part of the store's public interface.
#pragma once

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/store.h"
#include "store/write_batch_impl.h"

namespace fluxi::store {

struct Store::Impl {
    sqlite3* db = nullptr;

    // writes
    std::array<Stmt, kValueTypeCount> insertPoint;  // (series, time, value)
    // The same for kInsertChunk rows at once (fewer statement executions per point).
    static constexpr int kInsertChunk = 32;
    std::array<Stmt, kValueTypeCount> insertPoints;
    Stmt findSeriesId, findSeriesAnyType, insertSeries;
    Stmt begin, commit, rollback;
    // reads
    std::array<Stmt, kValueTypeCount> readRange;    // (series, start, stop) -> time, value
    Stmt listSeries;

    // Series ids by WriteBatch key (bucket name, measurement, tags, field). Cleared whenever another
    // connection changed the database, a bucket is deleted or a transaction is rolled back.
    struct CachedSeries {
        int64_t id;
        ValueType type;
    };
    std::unordered_map<std::string, CachedSeries, StringHash, std::equal_to<>> seriesCache;
    int64_t dataVersion = -1;

    ~Impl() {
        // statements must be finalized before the connection closes
        for (auto& s : insertPoint) s = Stmt();
        for (auto& s : insertPoints) s = Stmt();
        for (auto& s : readRange) s = Stmt();
        findSeriesId = Stmt();
        findSeriesAnyType = Stmt();
        insertSeries = Stmt();
        begin = Stmt();
        commit = Stmt();
        rollback = Stmt();
        listSeries = Stmt();
        if (db) sqlite3_close_v2(db);
    }

    void exec(const char* sql);
    // Clears caches when another connection (process) committed since the last check.
    void checkExternalChanges();
    std::optional<BucketInfo> bucketByName(std::string_view name);
    BucketInfo insertBucket(std::string_view name, int64_t retention, int64_t now);
};

// Canonical text of a sorted tag set: `k=v,k2=v2` with `\`, `,` and `=` escaped by a backslash.
std::string encodeTags(const std::vector<Tag>& tags);
std::vector<Tag> decodeTags(std::string_view text);

const char* pointTableName(ValueType t);  // "points_float", ...
int64_t wallClockNanos();

}  // namespace fluxi::store
