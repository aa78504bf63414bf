// Thin RAII helpers over the SQLite C API used by the store: an owned connection, prepared
// statements that reset themselves, and errors that say which statement failed and why.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace fluxi::store {

// Every store failure (I/O, corrupt file, constraint, bad argument) is reported as a StoreError.
class StoreError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// What the user can do about an SQLite result code (the primary code: `code & 0xff`).
inline const char* sqliteAdvice(int code) {
    switch (code & 0xff) {
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return "the database file is damaged: restore the data folder from a backup, or move it away and "
                   "write the data again";
        case SQLITE_FULL: return "the disk is full: free some space and try again";
        case SQLITE_READONLY:
        case SQLITE_PERM:
            return "this process may not write the store: give write permission on the data folder and its "
                   "files, or use another --data folder";
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return "another process holds the store locked: try again when it has finished";
        case SQLITE_IOERR: return "reading or writing the file failed: check the disk and the file system";
        case SQLITE_CANTOPEN:
            return "check that the data folder exists and is readable and writable";
        case SQLITE_NOMEM: return "the process ran out of memory";
        default: return nullptr;
    }
}

// "WHAT: SQLITE MESSAGE (store file "PATH"; ADVICE)" for a failure on `db`.
inline std::string sqliteFailure(sqlite3* db, std::string_view what, const char* detail = nullptr) {
    std::string msg(what);
    msg += ": ";
    msg += detail ? detail : db ? sqlite3_errmsg(db) : "out of memory";
    const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
    const char* advice = db ? sqliteAdvice(sqlite3_extended_errcode(db)) : sqliteAdvice(SQLITE_NOMEM);
    if ((file && *file) || advice) {
        msg += " (";
        if (file && *file) msg += std::string("store file \"") + file + "\"" + (advice ? "; " : "");
        if (advice) msg += advice;
        msg += ")";
    }
    return msg;
}

[[noreturn]] inline void throwSqlite(sqlite3* db, std::string_view what) { throw StoreError(sqliteFailure(db, what)); }

// A prepared statement. Bind parameters are 1-based as in SQLite.
class Stmt {
public:
    Stmt() = default;
    Stmt(sqlite3* db, std::string_view sql) : db_(db) {
        if (sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                               &st_, nullptr) != SQLITE_OK)
            throwSqlite(db, "preparing `" + std::string(sql) + "`");
    }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    Stmt(Stmt&& o) noexcept : db_(o.db_), st_(o.st_) { o.st_ = nullptr; }
    Stmt& operator=(Stmt&& o) noexcept {
        std::swap(db_, o.db_);
        std::swap(st_, o.st_);
        return *this;
    }
    ~Stmt() { sqlite3_finalize(st_); }

    sqlite3_stmt* get() const { return st_; }
    Stmt& bind(int i, int64_t v) {
        check(sqlite3_bind_int64(st_, i, v));
        return *this;
    }
    Stmt& bind(int i, double v) {
        check(sqlite3_bind_double(st_, i, v));
        return *this;
    }
    Stmt& bind(int i, std::string_view v) {  // SQLite copies the text
        check(sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
        return *this;
    }
    Stmt& bindStatic(int i, std::string_view v) {  // caller keeps the text alive until reset
        check(sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_STATIC));
        return *this;
    }
    Stmt& bindNull(int i) {
        check(sqlite3_bind_null(st_, i));
        return *this;
    }
    // true while a row is available; false when done. Throws on error.
    bool step() {
        int rc = sqlite3_step(st_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        std::string sql = sqlite3_sql(st_) ? sqlite3_sql(st_) : "?";
        sqlite3_reset(st_);
        throwSqlite(db_, "executing `" + sql + "`");
    }
    // Runs a statement that returns no rows, then resets it.
    void exec() {
        step();
        reset();
    }
    void reset() {
        sqlite3_reset(st_);
        sqlite3_clear_bindings(st_);
    }
    int64_t int64(int col) const { return sqlite3_column_int64(st_, col); }
    double real(int col) const { return sqlite3_column_double(st_, col); }
    bool isNull(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }
    std::string_view text(int col) const {
        auto p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
        return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(st_, col))) : std::string_view();
    }

private:
    void check(int rc) {
        if (rc != SQLITE_OK) throwSqlite(db_, "binding a statement parameter");
    }
    sqlite3* db_ = nullptr;
    sqlite3_stmt* st_ = nullptr;
};

// Resets a statement when leaving a scope (so an early return or exception leaves no open read).
class StmtResetter {
public:
    explicit StmtResetter(Stmt& s) : s_(s) {}
    ~StmtResetter() { s_.reset(); }
    StmtResetter(const StmtResetter&) = delete;
    StmtResetter& operator=(const StmtResetter&) = delete;

private:
    Stmt& s_;
};

}  // namespace fluxi::store
