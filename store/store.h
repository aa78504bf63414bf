// The embedded store of fluxi: buckets of time series in one SQLite database (WAL mode) inside a
// data folder, written in atomic batches and read by time-range scans, plus the run log of tasks.
//
// Data model (as InfluxDB): a point belongs to a bucket and a series -- measurement, tag set
// (string key/value pairs) and field -- and has a time (ns since the epoch) and a value of one of
// five types (float, int, uint, string, bool). Writing a point whose series and time already exist
// replaces its value. A field keeps the type it was first written with; writing another type to
// the same series is a "field type conflict" error and the whole batch is refused.
//
// Schema (see store.cpp and docs/STORE.md): `buckets`, `series` (one row per bucket/measurement/
// tags/field with its value type) and `blocks`: each series' points in compressed, time-ordered
// blocks of up to 1000 points (store/block.h) with their time range and statistics, found by
// (series, max_time), so a scan of one series over a time range decodes only the blocks it needs.
// `task_runs` holds the run log.
//
// Retention: a bucket's retention period (0 = forever) hides points older than now - retention
// from every read, drops such points when they are written, and enforceRetention() deletes them
// (the write verb calls it after each write; the task engine may call it periodically).
//
// Thread safety: one Store may be used from several threads (calls are serialised). Several
// processes may open the same folder: SQLite locks serialise their writes.
#pragma once

#include <cstdint>
#include <memory>
#include <functional>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/sqlite_util.h"

namespace fluxi::store {

enum class ValueType : uint8_t { Float = 0, Int = 1, UInt = 2, String = 3, Bool = 4 };
constexpr int kValueTypeCount = 5;
const char* valueTypeName(ValueType t);  // "float", "integer", "unsigned", "string", "boolean"

struct TagView {
    std::string_view key, value;
};
struct Tag {
    std::string key, value;
    bool operator==(const Tag&) const = default;
};

struct BucketInfo {
    int64_t rowid = 0;       // internal key
    std::string name;
    std::string id;          // 16 lowercase hex digits, as InfluxDB bucket IDs
    int64_t retention = 0;   // ns; 0 = keep forever
    int64_t createdAt = 0;   // ns since the epoch
};

// ---------------------------------------------------------------------------------------------
// Points staged in memory, applied by Store::apply in one transaction.
class WriteBatch {
public:
    WriteBatch();
    ~WriteBatch();
    WriteBatch(WriteBatch&&) noexcept;
    WriteBatch& operator=(WriteBatch&&) noexcept;

    // Starts a point: the series prefix for the fields added next. Tags may come in any order;
    // tags with an empty value are ignored (as InfluxDB does). Throws StoreError on an empty
    // bucket, measurement or tag key, or a duplicate tag key. The views need only live for this call.
    void beginPoint(std::string_view bucket, std::string_view measurement, std::span<const TagView> tags);
    // The 1-based input line of the points added next (line protocol), so that Store::apply can
    // say where a series that conflicts with stored data came from; 0 = not from a text input.
    void setSourceLine(size_t line);
    // One field of the current point. Throws StoreError on an empty field name or when this batch
    // already holds the same series with another type ("field type conflict").
    void addFloat(std::string_view field, int64_t time, double v);
    void addInt(std::string_view field, int64_t time, int64_t v);
    void addUInt(std::string_view field, int64_t time, uint64_t v);
    void addString(std::string_view field, int64_t time, std::string_view v);
    void addBool(std::string_view field, int64_t time, bool v);

    size_t size() const;        // points staged
    bool empty() const { return size() == 0; }
    size_t seriesCount() const;
    void clear();
    // Moves all points of `other` after those of this batch (later points win on equal series/time).
    void append(const WriteBatch& other);

    struct Impl;
    const Impl& impl() const { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

// Store::apply: a series of the batch has another type in the store. `line` is where the series
// first appeared in the input (WriteBatch::setSourceLine), 0 when unknown; what() leads with
// "line N: " when it is known.
class FieldTypeConflict : public StoreError {
public:
    FieldTypeConflict(size_t line, const std::string& detail)
        : StoreError(line ? "line " + std::to_string(line) + ": " + detail : detail), line_(line), detail_(detail) {}
    size_t line() const { return line_; }
    const std::string& detail() const { return detail_; }

private:
    size_t line_;
    std::string detail_;
};

struct ApplyStats {
    size_t points = 0;          // points written (inserted or replaced)
    size_t beyondRetention = 0; // points dropped because they are older than the bucket retention
    size_t newSeries = 0;
    size_t newBuckets = 0;
};

// ---------------------------------------------------------------------------------------------
// Reads

struct SeriesInfo {
    int64_t id = 0;
    std::string measurement;
    std::vector<Tag> tags;  // sorted by key
    std::string field;
    ValueType type = ValueType::Float;
    // The tag's value, or nullptr when the series has no such tag.
    const std::string* tag(std::string_view key) const;
};

class SeriesPredicate;  // store/series_predicate.h

// One series' points in a time range, column by column (only the column of the series' type is
// filled). Reused from series to series to avoid reallocations.
struct SeriesColumns {
    std::vector<int64_t> times;
    std::vector<double> floats;
    std::vector<int64_t> ints;
    std::vector<uint64_t> uints;
    std::vector<std::string> strings;
    std::vector<uint8_t> bools;
    size_t size() const { return times.size(); }
    void clear();
};

class Store;
struct BlockStats;  // store/block.h

// A time-range scan over the series of one bucket that match a predicate, one series at a time,
// in series order (measurement, tags, field). Keeps the Store alive.
class Scan {
public:
    // The next series with at least one point in range; false at the end.
    bool next(const SeriesInfo*& series, SeriesColumns& out);
    const std::vector<SeriesInfo>& series() const { return series_; }
    int64_t start() const { return start_; }  // effective bounds (retention applied to start)
    int64_t stop() const { return stop_; }

private:
    friend class Store;
    std::shared_ptr<Store> store_;
    std::vector<SeriesInfo> series_;
    size_t pos_ = 0;
    int64_t start_ = 0, stop_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Run log of tasks

struct RunRecord {
    int64_t id = 0;
    std::string task;
    int64_t scheduledFor = 0;  // ns; the time the run was due
    int64_t startedAt = 0;
    int64_t finishedAt = 0;    // 0 while running
    std::string status;        // "running", "success", "failed", ... (the task engine decides)
    std::string error;         // empty unless failed
    int64_t rowsWritten = 0;
    int64_t attempt = 1;       // 1 for a first try, k + 1 for retry k
};

// ---------------------------------------------------------------------------------------------
// How commits reach the disk. Full (the default): SQLite `synchronous = FULL`, the write-ahead log
// is synced at every commit, so an acknowledged write survives a power loss. Fast: `synchronous =
// NORMAL`, synced only at checkpoints; a commit survives the process being killed, but the last
// commits may be lost on a power loss or an operating system crash.
enum class Durability { Full, Fast };

class Store : public std::enable_shared_from_this<Store> {
public:
    // The durability of the stores this process opens from now on (the CLI's --durability).
    static void setDefaultDurability(Durability d);
    static Durability defaultDurability();
    enum class OpenMode {
        Auto,       // read-only when the folder or the database file exists and may not be written
        ReadWrite,  // creates the folder and the database when missing
        ReadOnly,   // reads an existing store; every write is a StoreError naming the file
    };
    // Opens the store in `dir`. Throws StoreError with the path and the reason when it cannot.
    static std::shared_ptr<Store> open(const std::string& dir, OpenMode mode = OpenMode::Auto);
    // The database file of the store in `dir` (it exists once a store was created there).
    static std::string databaseFile(const std::string& dir);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::string& dir() const { return dir_; }
    const std::string& databasePath() const { return dbPath_; }
    bool readOnly() const { return readOnly_; }
    // The durability the database connection has (read back from SQLite).
    Durability durability();

    // ---- buckets ----
    // Throws StoreError when the name is empty or taken, or the retention is negative.
    BucketInfo createBucket(std::string_view name, int64_t retention = 0);
    std::vector<BucketInfo> listBuckets();  // sorted by name
    std::optional<BucketInfo> findBucket(std::string_view name);
    std::optional<BucketInfo> findBucketById(std::string_view id);
    // Deletes the bucket with all its series and points; false when there is no such bucket.
    bool deleteBucket(std::string_view name);
    // Throws StoreError when there is no such bucket.
    void setRetention(std::string_view name, int64_t retention);

    // ---- writes ----
    // Writes the whole batch in one transaction, creating missing buckets (retention forever) and
    // series; on any error nothing is written and StoreError says why. `now` (ns) is the reference
    // for retention.
    ApplyStats apply(const WriteBatch& batch, int64_t now);
    // A write transaction over several batches (a streamed input): readers see none of it until
    // commit(); destroying it uncommitted, or a failed apply(), rolls all of it back. It holds the
    // Store for its thread until it ends; buckets, retention and the run log must not be changed
    // through the same Store while it is open.
    class WriteTransaction {
    public:
        WriteTransaction(WriteTransaction&&) noexcept;
        WriteTransaction& operator=(WriteTransaction&&) = delete;
        ~WriteTransaction();
        // As Store::apply, inside this transaction. On error the whole transaction is rolled back
        // and the object is finished.
        ApplyStats apply(const WriteBatch& batch);
        void commit();

    private:
        friend class Store;
        WriteTransaction() = default;
        Store* store_ = nullptr;
        std::unique_lock<std::recursive_mutex> lock_;
        int64_t now_ = 0;
    };
    WriteTransaction beginWrite(int64_t now);
    // Deletes points older than each bucket's retention (relative to `now`); returns how many.
    size_t enforceRetention(int64_t now);

    // ---- reads ----
    // Series of a bucket matching `pred` (all when null), sorted by measurement, tags, field.
    std::vector<SeriesInfo> findSeries(const BucketInfo& bucket, const SeriesPredicate* pred);
    // Scans [start, stop) of the matching series. Points older than now - retention are hidden.
    Scan scan(const BucketInfo& bucket, const SeriesPredicate* pred, int64_t start, int64_t stop, int64_t now);
    // Appends the points of one series in [start, stop), in time order, to `out` (cleared first).
    void readSeries(const SeriesInfo& s, int64_t start, int64_t stop, SeriesColumns& out);
    // Number of points of one series in [start, stop): from block headers, decoding only the (at most
    // two) blocks that straddle the range's edges.
    size_t countRange(const SeriesInfo& s, int64_t start, int64_t stop);
    // Number of points stored in a bucket (all times).
    size_t countPoints(const BucketInfo& bucket);
    // Visits the blocks of one series that overlap [start, stop), in time order, reading only their
    // headers: visit(stats, inside, points) gets a block's statistics (block.h), whether all of its
    // points lie in the range (when not, the statistics also cover points outside it), and `points`,
    // which decodes the block's points in the range (cut at the edges; possibly none) on first call.
    // Returning false stops the scan. The store is locked meanwhile: `visit` must not call it.
    using BlockPoints = std::function<const SeriesColumns&()>;
    using BlockVisitor = std::function<bool(const BlockStats& stats, bool inside, const BlockPoints& points)>;
    void scanBlocks(const SeriesInfo& s, int64_t start, int64_t stop, const BlockVisitor& visit);
    // The series index restricted to a time range: the series of findSeries(bucket, pred) that hold
    // at least one point in [start, stop) (older than now - retention hidden), in the same order.
    // Reads no point values (one existence probe per series); see store/series_index.cpp.
    std::vector<SeriesInfo> seriesWithPoints(const BucketInfo& bucket, const SeriesPredicate* pred, int64_t start,
                                             int64_t stop, int64_t now);

    // SQLite's integrity check of the database file: "ok", or the problems found.
    std::string integrityCheck();

    // ---- run log ----
    // Logs a run as 'running'; `attempt` is 1 for a first try, k + 1 for retry k.
    int64_t beginRun(std::string_view task, int64_t scheduledFor, int64_t startedAt, int64_t attempt = 1);
    void finishRun(int64_t runId, int64_t finishedAt, std::string_view status, std::string_view error,
                   int64_t rowsWritten);
    // Closes the runs left 'running' by a process that no longer exists (killed with SIGKILL, power
    // loss, crash) as 'failed' with an "interrupted: ..." error, finished at `now`. Runs of live
    // processes are left alone. Returns how many were closed.
    size_t closeInterruptedRuns(int64_t now);
    // Most recent first; all tasks when `task` is empty; at most `limit` (0 = no limit).
    std::vector<RunRecord> listRuns(std::string_view task, size_t limit);
    // The latest scheduledFor of a task's runs with the given status (any when empty), if any.
    std::optional<int64_t> lastScheduled(std::string_view task, std::string_view status);

    struct Impl;

private:
    Store() = default;
    // Throws a StoreError saying the store is read-only and what the user can do about it.
    void requireWritable(const char* what) const;
    std::string dir_, dbPath_;
    bool readOnly_ = false;
    std::unique_ptr<Impl> impl_;
    std::recursive_mutex mu_;
};

}  // namespace fluxi::store
