// Opening a store (folder, database, schema, pragmas), buckets and the task run log.
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <random>

#include "store/store_impl.h"

namespace fluxi::store {

namespace {

// 1: the first schema. 2: task_runs.pid, the process that runs a run (to find runs it left
// 'running' when it was killed). 3: points in compressed blocks (`blocks`) instead of one row per
// point (`points_<type>`); stores of version 1 and 2 are converted when opened writable. 4:
// task_runs.attempt, the attempt number of a run (retries); older run logs get it from the
// "(attempt N of M ...)" note their failed retried runs carry, else 1.
constexpr int kSchemaVersion = 4;

// blocks: one row per block of a series (see store/block.h), disjoint in time within a series and
// found by (series, max_time). sum/min/max: REAL for float series, INTEGER for int and uint (bit
// pattern of the uint64) series, NULL for string and bool series and float blocks holding a NaN.
constexpr const char* kSchema = R"SQL(
CREATE TABLE IF NOT EXISTS buckets (
    rowid_ INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    bucket_id TEXT NOT NULL UNIQUE,
    retention_ns INTEGER NOT NULL DEFAULT 0,
    created_ns INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS series (
    id INTEGER PRIMARY KEY,
    bucket INTEGER NOT NULL,
    measurement TEXT NOT NULL,
    tags TEXT NOT NULL,
    field TEXT NOT NULL,
    type INTEGER NOT NULL,
    UNIQUE (bucket, measurement, tags, field)
);
CREATE TABLE IF NOT EXISTS blocks (
    id INTEGER PRIMARY KEY,
    series INTEGER NOT NULL,
    min_time INTEGER NOT NULL,
    max_time INTEGER NOT NULL,
    count INTEGER NOT NULL,
    sum, min, max,
    data BLOB NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS blocks_by_series ON blocks (series, max_time);
CREATE TABLE IF NOT EXISTS task_runs (
    id INTEGER PRIMARY KEY,
    task TEXT NOT NULL,
    scheduled_ns INTEGER NOT NULL,
    started_ns INTEGER NOT NULL,
    finished_ns INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    error TEXT NOT NULL DEFAULT '',
    rows_written INTEGER NOT NULL DEFAULT 0,
    pid INTEGER NOT NULL DEFAULT 0,
    attempt INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX IF NOT EXISTS task_runs_by_task ON task_runs (task, scheduled_ns);
)SQL";

std::string newBucketId() {
    static thread_local std::mt19937_64 rng{std::random_device{}() ^
                                            static_cast<uint64_t>(wallClockNanos())};
    uint64_t v = rng();
    static const char* hex = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; i--) {
        s[static_cast<size_t>(i)] = hex[v & 15];
        v >>= 4;
    }
    return s;
}

BucketInfo readBucket(const Stmt& st) {
    BucketInfo b;
    b.rowid = st.int64(0);
    b.name = std::string(st.text(1));
    b.id = std::string(st.text(2));
    b.retention = st.int64(3);
    b.createdAt = st.int64(4);
    return b;
}

constexpr const char* kBucketCols = "rowid_, name, bucket_id, retention_ns, created_ns";

}  // namespace

int64_t wallClockNanos() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const char* pointTableName(ValueType t) {
    switch (t) {
        case ValueType::Float: return "points_float";
        case ValueType::Int: return "points_int";
        case ValueType::UInt: return "points_uint";
        case ValueType::String: return "points_string";
        case ValueType::Bool: return "points_bool";
    }
    return "?";
}

std::string encodeTags(const std::vector<Tag>& tags) {
    std::string out;
    auto esc = [&](const std::string& s) {
        for (char c : s) {
            if (c == '\\' || c == ',' || c == '=') out.push_back('\\');
            out.push_back(c);
        }
    };
    for (size_t i = 0; i < tags.size(); i++) {
        if (i) out.push_back(',');
        esc(tags[i].key);
        out.push_back('=');
        esc(tags[i].value);
    }
    return out;
}

std::vector<Tag> decodeTags(std::string_view text) {
    std::vector<Tag> tags;
    if (text.empty()) return tags;
    Tag cur;
    bool inValue = false;
    for (size_t i = 0; i < text.size(); i++) {
        char c = text[i];
        if (c == '\\' && i + 1 < text.size()) {
            (inValue ? cur.value : cur.key).push_back(text[++i]);
        } else if (c == '=' && !inValue) {
            inValue = true;
        } else if (c == ',') {
            tags.push_back(std::move(cur));
            cur = Tag();
            inValue = false;
        } else {
            (inValue ? cur.value : cur.key).push_back(c);
        }
    }
    tags.push_back(std::move(cur));
    return tags;
}

void Store::Impl::exec(const char* sql) {
    char* err = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : sqlite3_errmsg(db);
        sqlite3_free(err);
        throw StoreError(sqliteFailure(db, std::string("executing `") + sql + "`", msg.c_str()));
    }
}

void Store::Impl::checkExternalChanges() {
    Stmt st(db, "PRAGMA data_version");
    st.step();
    int64_t v = st.int64(0);
    if (v != dataVersion) {
        seriesCache.clear();
        dataVersion = v;
    }
}

std::optional<BucketInfo> Store::Impl::bucketByName(std::string_view name) {
    Stmt st(db, std::string("SELECT ") + kBucketCols + " FROM buckets WHERE name = ?");
    st.bind(1, name);
    if (!st.step()) return std::nullopt;
    return readBucket(st);
}

BucketInfo Store::Impl::insertBucket(std::string_view name, int64_t retention, int64_t now) {
    if (name.empty()) throw StoreError("bucket name must not be empty");
    if (retention < 0) throw StoreError("retention must not be negative");
    for (int attempt = 0;; attempt++) {
        std::string id = newBucketId();
        Stmt exists(db, "SELECT 1 FROM buckets WHERE bucket_id = ?");
        exists.bind(1, std::string_view(id));
        if (exists.step()) {
            if (attempt > 10) throw StoreError("could not choose a unique bucket id");
            continue;
        }
        Stmt ins(db, "INSERT INTO buckets (name, bucket_id, retention_ns, created_ns) VALUES (?, ?, ?, ?)");
        ins.bind(1, name).bind(2, std::string_view(id)).bind(3, retention).bind(4, now);
        ins.step();
        BucketInfo b;
        b.rowid = sqlite3_last_insert_rowid(db);
        b.name = std::string(name);
        b.id = id;
        b.retention = retention;
        b.createdAt = now;
        return b;
    }
}

namespace {

// The folder or the database file exists but this process may not write it.
bool notWritable(const std::string& dir, const std::string& dbPath) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) return false;
    if (access(dir.c_str(), W_OK) != 0) return true;
    return std::filesystem::exists(dbPath, ec) && access(dbPath.c_str(), W_OK) != 0;
}

// A `file:` URI for sqlite3_open_v2 (percent-encodes what a URI path cannot hold as it is).
std::string fileUri(const std::string& path, const char* query) {
    std::string uri = "file:";
    static const char* hex = "0123456789ABCDEF";
    for (unsigned char c : path) {
        if (c == '?' || c == '#' || c == '%' || c < 0x20) {
            uri += '%';
            uri += hex[c >> 4];
            uri += hex[c & 15];
        } else {
            uri += static_cast<char>(c);
        }
    }
    return uri + "?" + query;
}

}  // namespace

namespace {

void prepareStatements(Store::Impl& m) {
    constexpr const char* kBlockCols = "SELECT id, min_time, max_time, count, data, sum, min, max FROM blocks ";
    m.blocksFrom = Stmt(m.db, std::string(kBlockCols) + "WHERE series = ? AND max_time >= ? ORDER BY max_time");
    m.blockBefore =
        Stmt(m.db, std::string(kBlockCols) + "WHERE series = ? AND max_time < ? ORDER BY max_time DESC LIMIT 1");
    m.insertBlock = Stmt(m.db,
                         "INSERT INTO blocks (series, min_time, max_time, count, sum, min, max, data) VALUES (?, ?, ?, "
                         "?, ?, ?, ?, ?)");
    m.deleteBlock = Stmt(m.db, "DELETE FROM blocks WHERE id = ?");
    m.findSeriesId = Stmt(m.db, "SELECT id, type FROM series WHERE bucket = ? AND measurement = ? AND tags = ? AND field = ?");
    m.insertSeries = Stmt(m.db, "INSERT INTO series (bucket, measurement, tags, field, type) VALUES (?, ?, ?, ?, ?)");
    m.listSeries = Stmt(m.db, "SELECT id, measurement, tags, field, type FROM series WHERE bucket = ?");
    m.begin = Stmt(m.db, "BEGIN IMMEDIATE");
    m.commit = Stmt(m.db, "COMMIT");
    m.rollback = Stmt(m.db, "ROLLBACK");
}

// Store format 1 and 2 kept one row per point in points_<type> tables: each series is read in time
// order, written as blocks, and the tables are dropped (inside the caller's transaction).
void convertPointTables(Store::Impl& m) {
    std::vector<std::pair<int64_t, ValueType>> series;
    {
        Stmt st(m.db, "SELECT id, type FROM series ORDER BY id");
        while (st.step()) {
            int64_t type = st.int64(1);
            if (type < 0 || type >= kValueTypeCount)
                throw StoreError("corrupt store: series " + std::to_string(st.int64(0)) + " has unknown type " +
                                 std::to_string(type));
            series.emplace_back(st.int64(0), static_cast<ValueType>(type));
        }
    }
    SeriesColumns cols;
    for (auto [id, type] : series) {
        Stmt st(m.db, std::string("SELECT time, value FROM ") + pointTableName(type) + " WHERE series = ? ORDER BY time");
        st.bind(1, id);
        cols.clear();
        while (st.step()) {
            cols.times.push_back(st.int64(0));
            switch (type) {
                case ValueType::Float: cols.floats.push_back(st.real(1)); break;
                case ValueType::Int: cols.ints.push_back(st.int64(1)); break;
                case ValueType::UInt: cols.uints.push_back(static_cast<uint64_t>(st.int64(1))); break;
                case ValueType::Bool: cols.bools.push_back(st.int64(1) != 0); break;
                case ValueType::String: cols.strings.emplace_back(st.text(1)); break;
            }
        }
        m.insertBlocks(id, type, cols, 0, cols.size());
    }
    for (int t = 0; t < kValueTypeCount; t++)
        m.exec((std::string("DROP TABLE IF EXISTS ") + pointTableName(static_cast<ValueType>(t))).c_str());
}

}  // namespace

std::string Store::databaseFile(const std::string& dir) { return (std::filesystem::path(dir) / "fluxi.db").string(); }

std::shared_ptr<Store> Store::open(const std::string& dir, OpenMode mode) {
    std::shared_ptr<Store> s(new Store());
    s->dir_ = dir;
    s->dbPath_ = databaseFile(dir);
    if (mode == OpenMode::Auto) mode = notWritable(dir, s->dbPath_) ? OpenMode::ReadOnly : OpenMode::ReadWrite;
    s->readOnly_ = mode == OpenMode::ReadOnly;
    std::error_code ec;
    if (s->readOnly_) {
        if (!std::filesystem::is_regular_file(s->dbPath_, ec))
            throw StoreError("cannot open store \"" + s->dbPath_ + "\" read-only: there is no store file there (check --data / $FLUXI_DATA)");
    } else {
        std::filesystem::create_directories(dir, ec);
        if (ec) throw StoreError("cannot create data folder \"" + dir + "\": " + ec.message());
        if (!std::filesystem::is_directory(dir, ec))
            throw StoreError("data folder \"" + dir + "\" is not a directory");
    }
    s->impl_ = std::make_unique<Impl>();
    Impl& m = *s->impl_;
    auto openDb = [&](const char* query) {
        if (m.db) {
            sqlite3_close_v2(m.db);
            m.db = nullptr;
        }
        int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI |
                    (s->readOnly_ ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
        int rc = sqlite3_open_v2(fileUri(s->dbPath_, query).c_str(), &m.db, flags, nullptr);
        if (rc != SQLITE_OK) {
            std::string msg = m.db ? sqlite3_errmsg(m.db) : "out of memory";
            throw StoreError("cannot open store \"" + s->dbPath_ + "\": " + msg +
                             " (check that the file and its folder exist and are readable)");
        }
    };
    openDb(s->readOnly_ ? "mode=ro" : "mode=rwc");
    if (s->readOnly_) {
        // A WAL database needs its -shm file to be read; in a folder this process cannot write, a
        // store closed cleanly has none and cannot get one: read the file as it is (immutable).
        if (sqlite3_exec(m.db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) != SQLITE_OK)
            openDb("mode=ro&immutable=1");
    }
    try {
        sqlite3_busy_timeout(m.db, 30000);
        if (!s->readOnly_) {
            // A new database gets 32 KiB pages: a block row (~1-8 KiB) then shares its page with
            // others instead of leaving most of a 4 KiB page empty (see docs/STORE.md).
            Stmt pages(m.db, "PRAGMA page_count");
            pages.step();
            bool fresh = pages.int64(0) == 0;
            pages.reset();
            if (fresh) m.exec("PRAGMA page_size = 32768");
            m.exec("PRAGMA journal_mode = WAL");
        }
        // FULL: an acknowledged write survives a power loss (see Durability).
        m.exec(defaultDurability() == Durability::Full ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
        m.exec("PRAGMA cache_size = -262144");  // 256 MiB
        m.exec("PRAGMA temp_store = MEMORY");
        m.exec("PRAGMA mmap_size = 1073741824");
        {
            Stmt v(m.db, "PRAGMA user_version");
            v.step();
            int64_t version = v.int64(0);
            v.reset();
            if (version > kSchemaVersion)
                throw StoreError("store was written by a newer fluxi (schema version " + std::to_string(version) +
                                 ", this one knows " + std::to_string(kSchemaVersion) + ")");
            if (version < 1 && s->readOnly_)
                throw StoreError("it holds no fluxi store, and a read-only one cannot be set up");
            if (version == 3 && s->readOnly_) m.runAttempts = false;
            if (version >= 1 && version < 3 && s->readOnly_)
                throw StoreError("the store has format version " + std::to_string(version) +
                                 " (one row per point); this fluxi reads version " + std::to_string(kSchemaVersion) +
                                 " (compressed blocks) and converts older stores when it may write them: open it "
                                 "once with write permission on the folder and the file (any fluxi command "
                                 "with --data pointing there), then read it read-only");
            if (version < kSchemaVersion && !s->readOnly_) {
                m.exec("BEGIN IMMEDIATE");
                try {
                    {  // another process may have set the store up since the version was read
                        Stmt again(m.db, "PRAGMA user_version");
                        again.step();
                        version = again.int64(0);
                    }
                    if (version == 1) m.exec("ALTER TABLE task_runs ADD COLUMN pid INTEGER NOT NULL DEFAULT 0");
                    if (version >= 1 && version < 4) {
                        m.exec("ALTER TABLE task_runs ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1");
                        // the scheduler noted "(attempt N of M; ...)" in the error of a failed attempt
                        m.exec("UPDATE task_runs SET attempt = max(1, CAST(substr(error, instr(error, '(attempt ') + 9) "
                               "AS INTEGER)) WHERE instr(error, '(attempt ') > 0");
                    }
                    m.exec(kSchema);
                    prepareStatements(m);
                    if (version >= 1 && version < 3) convertPointTables(m);
                    m.exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
                    m.exec("COMMIT");
                } catch (...) {
                    sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
                    throw;
                }
                // give the pages of the dropped point tables back to the file system
                if (version >= 1 && version < 3) {
                    m.blocksFrom = Stmt();
                    m.exec("VACUUM");
                }
            }
        }
        prepareStatements(m);
    } catch (const StoreError& e) {
        std::string why = e.what();
        if (why.find(s->dbPath_) != std::string::npos) throw StoreError("cannot open store: " + why);
        throw StoreError("cannot open store \"" + s->dbPath_ + "\": " + why);
    }
    return s;
}

Store::~Store() = default;

// ---- buckets ----------------------------------------------------------------------------------

void Store::requireWritable(const char* what) const {
    if (readOnly_)
        throw StoreError("cannot " + std::string(what) + ": the store \"" + dbPath_ +
                         "\" is open read-only (this process may not write it or its folder); give write "
                         "permission on the folder and the file, or use another --data folder");
}

BucketInfo Store::createBucket(std::string_view name, int64_t retention) {
    std::lock_guard lock(mu_);
    requireWritable("create a bucket");
    Impl& m = *impl_;
    m.exec("BEGIN IMMEDIATE");
    try {
        if (m.bucketByName(name)) throw StoreError("bucket \"" + std::string(name) + "\" already exists");
        BucketInfo b = m.insertBucket(name, retention, wallClockNanos());
        m.exec("COMMIT");
        return b;
    } catch (...) {
        sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

std::vector<BucketInfo> Store::listBuckets() {
    std::lock_guard lock(mu_);
    Stmt st(impl_->db, std::string("SELECT ") + kBucketCols + " FROM buckets ORDER BY name");
    std::vector<BucketInfo> out;
    while (st.step()) out.push_back(readBucket(st));
    return out;
}

std::optional<BucketInfo> Store::findBucket(std::string_view name) {
    std::lock_guard lock(mu_);
    return impl_->bucketByName(name);
}

std::optional<BucketInfo> Store::findBucketById(std::string_view id) {
    std::lock_guard lock(mu_);
    Stmt st(impl_->db, std::string("SELECT ") + kBucketCols + " FROM buckets WHERE bucket_id = ?");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return readBucket(st);
}

bool Store::deleteBucket(std::string_view name) {
    std::lock_guard lock(mu_);
    requireWritable("delete a bucket");
    Impl& m = *impl_;
    m.exec("BEGIN IMMEDIATE");
    try {
        auto b = m.bucketByName(name);
        if (!b) {
            m.exec("COMMIT");
            return false;
        }
        {
            Stmt del(m.db, "DELETE FROM blocks WHERE series IN (SELECT id FROM series WHERE bucket = ?)");
            del.bind(1, b->rowid).step();
        }
        Stmt ds(m.db, "DELETE FROM series WHERE bucket = ?");
        ds.bind(1, b->rowid).step();
        Stmt db(m.db, "DELETE FROM buckets WHERE rowid_ = ?");
        db.bind(1, b->rowid).step();
        m.exec("COMMIT");
        m.seriesCache.clear();
        return true;
    } catch (...) {
        sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
        m.seriesCache.clear();
        throw;
    }
}

void Store::setRetention(std::string_view name, int64_t retention) {
    std::lock_guard lock(mu_);
    requireWritable("change a retention");
    if (retention < 0) throw StoreError("retention must not be negative");
    Stmt st(impl_->db, "UPDATE buckets SET retention_ns = ? WHERE name = ?");
    st.bind(1, retention).bind(2, name).step();
    if (sqlite3_changes(impl_->db) == 0) throw StoreError("bucket \"" + std::string(name) + "\" not found");
}

namespace {
std::atomic<Durability> gDefaultDurability{Durability::Full};
}  // namespace

void Store::setDefaultDurability(Durability d) { gDefaultDurability.store(d, std::memory_order_relaxed); }
Durability Store::defaultDurability() { return gDefaultDurability.load(std::memory_order_relaxed); }

Durability Store::durability() {
    std::lock_guard lock(mu_);
    Stmt st(impl_->db, "PRAGMA synchronous");
    st.step();
    return st.int64(0) >= 2 ? Durability::Full : Durability::Fast;  // 2 = FULL, 3 = EXTRA, 1 = NORMAL
}

std::string Store::integrityCheck() {
    std::lock_guard lock(mu_);
    Stmt st(impl_->db, "PRAGMA integrity_check");
    std::string out;
    while (st.step()) {
        if (!out.empty()) out += "\n";
        out += st.text(0);
    }
    return out;
}

// ---- run log -----------------------------------------------------------------------------------

int64_t Store::beginRun(std::string_view task, int64_t scheduledFor, int64_t startedAt, int64_t attempt) {
    std::lock_guard lock(mu_);
    requireWritable("log a task run");
    Stmt st(impl_->db,
            "INSERT INTO task_runs (task, scheduled_ns, started_ns, status, pid, attempt) VALUES (?, ?, ?, 'running', ?, ?)");
    st.bind(1, task).bind(2, scheduledFor).bind(3, startedAt).bind(4, static_cast<int64_t>(getpid())).bind(5, attempt).step();
    return sqlite3_last_insert_rowid(impl_->db);
}

size_t Store::closeInterruptedRuns(int64_t now) {
    std::lock_guard lock(mu_);
    if (readOnly_) return 0;  // nothing can be closed; the log is read as it is
    Impl& m = *impl_;
    m.exec("BEGIN IMMEDIATE");
    try {
        std::vector<std::pair<int64_t, int64_t>> stale;  // run id, pid
        {
            Stmt st(m.db, "SELECT id, pid FROM task_runs WHERE status = 'running'");
            while (st.step()) {
                int64_t pid = st.int64(1);
                // pid 0: logged by a fluxi before schema 2, which cannot still be running it under this one.
                bool alive = pid > 0 && pid <= INT32_MAX &&
                             (kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM);
                if (!alive) stale.emplace_back(st.int64(0), pid);
            }
        }
        Stmt upd(m.db, "UPDATE task_runs SET finished_ns = ?, status = 'failed', error = ? WHERE id = ?");
        for (auto [id, pid] : stale) {
            std::string why = "interrupted: the process running it";
            if (pid > 0) why += " (pid " + std::to_string(pid) + ")";
            why += " ended before the run finished (killed or crashed); nothing of the run was written";
            upd.bind(1, now).bind(2, std::string_view(why)).bind(3, id).exec();
        }
        m.exec("COMMIT");
        return stale.size();
    } catch (...) {
        sqlite3_exec(m.db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
}

void Store::finishRun(int64_t runId, int64_t finishedAt, std::string_view status, std::string_view error,
                      int64_t rowsWritten) {
    std::lock_guard lock(mu_);
    requireWritable("log a task run");
    Stmt st(impl_->db, "UPDATE task_runs SET finished_ns = ?, status = ?, error = ?, rows_written = ? WHERE id = ?");
    st.bind(1, finishedAt).bind(2, status).bind(3, error).bind(4, rowsWritten).bind(5, runId).step();
    if (sqlite3_changes(impl_->db) == 0) throw StoreError("no task run with id " + std::to_string(runId));
}

std::vector<RunRecord> Store::listRuns(std::string_view task, size_t limit) {
    std::lock_guard lock(mu_);
    std::string sql = std::string("SELECT id, task, scheduled_ns, started_ns, finished_ns, status, error, rows_written, ") +
                      (impl_->runAttempts ? "attempt" : "1") + " FROM task_runs";
    if (!task.empty()) sql += " WHERE task = ?1";
    sql += " ORDER BY scheduled_ns DESC, id DESC";
    if (limit > 0) sql += " LIMIT " + std::to_string(limit);
    Stmt st(impl_->db, sql);
    if (!task.empty()) st.bind(1, task);
    std::vector<RunRecord> out;
    while (st.step()) {
        RunRecord r;
        r.id = st.int64(0);
        r.task = std::string(st.text(1));
        r.scheduledFor = st.int64(2);
        r.startedAt = st.int64(3);
        r.finishedAt = st.int64(4);
        r.status = std::string(st.text(5));
        r.error = std::string(st.text(6));
        r.rowsWritten = st.int64(7);
        r.attempt = st.int64(8);
        out.push_back(std::move(r));
    }
    return out;
}

std::optional<int64_t> Store::lastScheduled(std::string_view task, std::string_view status) {
    std::lock_guard lock(mu_);
    std::string sql = "SELECT max(scheduled_ns) FROM task_runs WHERE task = ?1";
    if (!status.empty()) sql += " AND status = ?2";
    Stmt st(impl_->db, sql);
    st.bind(1, task);
    if (!status.empty()) st.bind(2, status);
    if (!st.step() || st.isNull(0)) return std::nullopt;
    return st.int64(0);
}

}  // namespace fluxi::store
