// Internal state of a Store (connection, prepared statements, caches), shared by the store_*.cpp
// files. Not part of the store's public interface.
#pragma once

#include <array>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/block.h"
#include "store/store.h"
#include "store/write_batch_impl.h"

namespace fluxi::store {

struct Store::Impl {
    sqlite3* db = nullptr;
    // task_runs has the attempt column (schema 4; an older store opened read-only has not)
    bool runAttempts = true;

    // blocks (store_blocks.cpp)
    Stmt blocksFrom;       // (series, time) -> id, min_time, max_time, count, data of blocks with max_time >= time
    Stmt blockBefore;      // (series, time) -> the same for the last block with max_time < time
    Stmt insertBlock;      // (series, min_time, max_time, count, sum, min, max, data)
    Stmt deleteBlock;      // (id)
    Stmt findSeriesId, findSeriesAnyType, insertSeries;
    Stmt begin, commit, rollback;
    Stmt listSeries;
    // scratch buffers of the block reads and writes
    SeriesColumns scratch, merged, visited;
    std::string blob;

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
        blocksFrom = Stmt();
        blockBefore = Stmt();
        insertBlock = Stmt();
        deleteBlock = Stmt();
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

    // ---- blocks (store_blocks.cpp); all inside the caller's transaction ----
    // Encodes points [from, to) of `cols` as blocks of at most kMaxBlockPoints and inserts them.
    void insertBlocks(int64_t series, ValueType type, const SeriesColumns& cols, size_t from, size_t to);
    // Writes `incoming` (times strictly ascending) into a series: blocks it overlaps (and a last block
    // before it that is not full) are decoded, merged with it -- incoming points replace stored points
    // of the same time -- and written again.
    void mergePoints(int64_t series, ValueType type, const SeriesColumns& incoming);
    // Appends the points of a series in [start, stop) to `out`, decoding only the blocks that
    // overlap the range.
    void readRange(int64_t series, ValueType type, int64_t start, int64_t stop, SeriesColumns& out);
    // Points of a series in [start, stop): block counts, decoding only blocks across the edges.
    size_t countRange(int64_t series, ValueType type, int64_t start, int64_t stop);
    // Store::scanBlocks inside the caller's lock (statistics from the columns sum, min, max).
    void scanBlocks(int64_t series, ValueType type, int64_t start, int64_t stop, const Store::BlockVisitor& visit);
    // Decodes a block read from the database; a damaged one is a StoreError naming the file.
    void decode(int64_t series, ValueType type, std::string_view data, SeriesColumns& out);
    std::string_view blobOf(const Stmt& st, int col) const;
};

// Canonical text of a sorted tag set: `k=v,k2=v2` with `\`, `,` and `=` escaped by a backslash.
std::string encodeTags(const std::vector<Tag>& tags);
std::vector<Tag> decodeTags(std::string_view text);

const char* pointTableName(ValueType t);  // "points_float", ...: the point tables of store format 2
int64_t wallClockNanos();

}  // namespace fluxi::store
