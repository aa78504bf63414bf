// The sqlite3 driver of sql.from / sql.to: a connection of its own to the user's SQLite database
// (a path, ":memory:", or a "file:" URI such as "file:/data/app.db?mode=ro"), never fluxi's store.
//
// Column types read (as the reference maps SQLite's declared types): INT, INTEGER, BIGINT,
// SMALLINT, TINYINT and BOOL/BOOLEAN -> int; FLOAT, DOUBLE, REAL -> float; DATETIME, TIMESTAMP,
// DATE -> time; TEXT and anything else -> string. Other declared types follow SQLite's affinity
// rules (a type containing INT is int; CHAR, CLOB, TEXT string; REAL, FLOA, DOUB, NUMERIC, DECIMAL
// float). A column without a declared type (an expression) takes the type of its values: int when
// all are integers, float when all are numbers, else string. Time columns hold text (the forms
// parseSqlTime reads) or integers (Unix seconds; milliseconds beyond 1e12, as the reference's
// driver reads them). A value that does not fit its column (text "abc" in an INT column) is an
// error naming the row and the column.
//
// Column types written by sql.to: float FLOAT, int and uint INT, string TEXT, time DATETIME (as text
// "2006-01-02 15:04:05.999999999+00:00"); bool is an error, SQLite has no boolean type.
#include <sqlite3.h>

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "eval/value_text.h"
#include "stdlib/sql/sql_connection.h"

namespace fluxi::sql {

namespace {

enum class Declared { Int, Float, Time, String, None };

std::string upper(const char* s) {
    std::string u(s);
    for (char& c : u) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return u;
}

Declared declaredType(const char* decl) {
    if (!decl || !*decl) return Declared::None;
    std::string u = upper(decl);
    std::string base = u.substr(0, u.find('('));
    while (!base.empty() && base.back() == ' ') base.pop_back();
    if (base == "DATETIME" || base == "TIMESTAMP" || base == "DATE") return Declared::Time;
    if (base == "BOOL" || base == "BOOLEAN") return Declared::Int;
    if (u.find("INT") != std::string::npos) return Declared::Int;
    if (u.find("CHAR") != std::string::npos || u.find("CLOB") != std::string::npos ||
        u.find("TEXT") != std::string::npos)
        return Declared::String;
    if (u.find("REAL") != std::string::npos || u.find("FLOA") != std::string::npos ||
        u.find("DOUB") != std::string::npos || base == "NUMERIC" || base == "DECIMAL")
        return Declared::Float;
    return Declared::String;
}

const char* storageName(int cls) {
    switch (cls) {
        case SQLITE_INTEGER: return "integer";
        case SQLITE_FLOAT: return "real";
        case SQLITE_TEXT: return "text";
        case SQLITE_BLOB: return "blob";
        default: return "null";
    }
}

// The values of a column without a declared type, kept by storage class until the type is known.
struct LooseColumn {
    std::vector<uint8_t> cls;
    std::vector<int64_t> ints;
    std::vector<double> floats;
    std::vector<std::string> texts;
};

class SqliteConnection final : public Connection {
public:
    explicit SqliteConnection(sqlite3* db) : db_(db) {}
    ~SqliteConnection() override {
        if (insert_) sqlite3_finalize(insert_);
        sqlite3_close_v2(db_);
    }

    TablePtr query(const std::string& sql) override {
        // Runs each statement of the text in turn; the rows are those of the last statement that
        // returns columns (a script may create and fill a table before selecting from it).
        TablePtr result = TableBuilder().finish();
        const char* rest = sql.c_str();
        while (rest && *rest) {
            sqlite3_stmt* st = nullptr;
            const char* tail = nullptr;
            if (sqlite3_prepare_v2(db_, rest, -1, &st, &tail) != SQLITE_OK) fail("the query failed");
            rest = tail;
            if (!st) continue;  // whitespace or a comment
            try {
                if (sqlite3_column_count(st) > 0) {
                    result = readRows(st);
                } else {
                    int rc;
                    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
                    }
                    if (rc != SQLITE_DONE) fail("the query failed");
                }
            } catch (...) {
                sqlite3_finalize(st);
                throw;
            }
            sqlite3_finalize(st);
        }
        return result;
    }

    void execute(const std::string& statement) override {
        char* err = nullptr;
        if (sqlite3_exec(db_, statement.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
            std::string msg = err ? err : sqlite3_errmsg(db_);
            sqlite3_free(err);
            throw SqlError(ErrorCode::Invalid, "sqlite3: " + msg + " (in: " + statement + ")");
        }
    }

    std::string columnType(ColType type) const override {
        switch (type) {
            case ColType::Float: return "FLOAT";
            case ColType::Int:
            case ColType::UInt: return "INT";
            case ColType::String: return "TEXT";
            case ColType::Time: return "DATETIME";
            case ColType::Bool: break;
        }
        throw SqlError(ErrorCode::Invalid, std::string("SQLite does not support column type ") + colTypeName(type));
    }

    std::string placeholder(size_t) const override { return "?"; }

    void insertRows(const std::string& insert, const Table& t, size_t begin, size_t end) override {
        if (!insert_ || insertSql_ != insert) {
            if (insert_) sqlite3_finalize(insert_);
            insert_ = nullptr;
            if (sqlite3_prepare_v2(db_, insert.c_str(), -1, &insert_, nullptr) != SQLITE_OK)
                fail("preparing the INSERT failed");
            insertSql_ = insert;
        }
        sqlite3_reset(insert_);
        sqlite3_clear_bindings(insert_);
        int p = 1;
        for (size_t r = begin; r < end; r++) {
            for (size_t c = 0; c < t.numColumns(); c++, p++) {
                const Column& col = t.column(c);
                int rc = SQLITE_OK;
                if (col.isNull(r)) {
                    rc = sqlite3_bind_null(insert_, p);
                } else {
                    switch (col.type()) {
                        case ColType::Int: rc = sqlite3_bind_int64(insert_, p, col.ints()[r]); break;
                        case ColType::UInt: {
                            uint64_t u = col.uints()[r];
                            if (u > static_cast<uint64_t>(INT64_MAX))
                                throw SqlError(ErrorCode::FailedPrecondition,
                                               "sqlite3: column \"" + t.meta[c].name + "\", row " +
                                                   std::to_string(r + 1) + ": the uint " + std::to_string(u) +
                                                   " does not fit SQLite's 64-bit signed integers");
                            rc = sqlite3_bind_int64(insert_, p, static_cast<int64_t>(u));
                            break;
                        }
                        case ColType::Float: rc = sqlite3_bind_double(insert_, p, col.floats()[r]); break;
                        case ColType::String: {
                            const std::string& s = col.strings()[r]->s;
                            rc = sqlite3_bind_text(insert_, p, s.data(), static_cast<int>(s.size()), SQLITE_STATIC);
                            break;
                        }
                        case ColType::Time: {
                            std::string s = formatSqlTime(col.ints()[r]);
                            rc = sqlite3_bind_text(insert_, p, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
                            break;
                        }
                        case ColType::Bool: rc = sqlite3_bind_int(insert_, p, col.bools()[r] ? 1 : 0); break;
                    }
                }
                if (rc != SQLITE_OK) fail("binding a value failed");
            }
        }
        int rc = sqlite3_step(insert_);
        sqlite3_reset(insert_);
        if (rc != SQLITE_DONE) fail("the INSERT failed");
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        int code = sqlite3_extended_errcode(db_) & 0xff;
        ErrorCode ec = (code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_IOERR ||
                        code == SQLITE_CANTOPEN || code == SQLITE_FULL || code == SQLITE_READONLY)
                           ? ErrorCode::Unavailable
                           : ErrorCode::Invalid;
        throw SqlError(ec, "sqlite3: " + what + ": " + sqlite3_errmsg(db_));
    }

    [[noreturn]] static void cellError(const std::string& column, size_t row, const char* declared,
                                       const std::string& why) {
        throw SqlError(ErrorCode::FailedPrecondition, "sqlite3: row " + std::to_string(row) + ", column \"" +
                                                          column + "\" (declared " + declared + "): " + why);
    }

    TablePtr readRows(sqlite3_stmt* st) {
        int n = sqlite3_column_count(st);
        std::vector<Declared> decl(static_cast<size_t>(n));
        std::vector<std::string> names(static_cast<size_t>(n)), declText(static_cast<size_t>(n));
        std::vector<LooseColumn> loose(static_cast<size_t>(n));
        TableBuilder b;
        std::vector<int> builderIndex(static_cast<size_t>(n), -1);
        for (int i = 0; i < n; i++) {
            const char* nm = sqlite3_column_name(st, i);
            names[i] = nm ? nm : "";
            const char* dt = sqlite3_column_decltype(st, i);
            declText[i] = dt ? dt : "";
            decl[i] = declaredType(dt);
        }
        // Columns in result order; untyped ones are added at the end, once their type is known.
        std::vector<std::shared_ptr<Column>> cols(static_cast<size_t>(n));
        for (int i = 0; i < n; i++) {
            switch (decl[i]) {
                case Declared::Int: cols[i] = std::make_shared<Column>(ColType::Int); break;
                case Declared::Float: cols[i] = std::make_shared<Column>(ColType::Float); break;
                case Declared::Time: cols[i] = std::make_shared<Column>(ColType::Time); break;
                case Declared::String: cols[i] = std::make_shared<Column>(ColType::String); break;
                case Declared::None: break;
            }
        }
        size_t row = 0;
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            row++;
            for (int i = 0; i < n; i++) {
                int cls = sqlite3_column_type(st, i);
                if (decl[i] == Declared::None) {
                    LooseColumn& l = loose[i];
                    l.cls.push_back(static_cast<uint8_t>(cls));
                    l.ints.push_back(cls == SQLITE_INTEGER ? sqlite3_column_int64(st, i) : 0);
                    l.floats.push_back(cls == SQLITE_FLOAT || cls == SQLITE_INTEGER ? sqlite3_column_double(st, i) : 0);
                    if (cls == SQLITE_TEXT || cls == SQLITE_BLOB) {
                        const void* p = cls == SQLITE_TEXT ? static_cast<const void*>(sqlite3_column_text(st, i))
                                                           : sqlite3_column_blob(st, i);
                        l.texts.emplace_back(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(st, i)));
                    } else {
                        l.texts.emplace_back();
                    }
                    continue;
                }
                appendTyped(*cols[i], st, i, cls, names[i], row, declText[i].c_str());
            }
        }
        if (rc != SQLITE_DONE) fail("reading the rows failed");
        for (int i = 0; i < n; i++)
            if (decl[i] == Declared::None) cols[i] = settleLoose(loose[i]);
        for (int i = 0; i < n; i++) b.addColumn(names[i], ColumnPtr(cols[i]));
        return b.finish();
    }

    static void appendTyped(Column& col, sqlite3_stmt* st, int i, int cls, const std::string& name, size_t row,
                            const char* declared) {
        if (cls == SQLITE_NULL) {
            col.appendNull();
            return;
        }
        auto text = [&] {
            return std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(st, i)),
                                    static_cast<size_t>(sqlite3_column_bytes(st, i)));
        };
        switch (col.type()) {
            case ColType::Int: {
                if (cls == SQLITE_INTEGER) return col.appendInt(sqlite3_column_int64(st, i));
                if (cls == SQLITE_FLOAT) {
                    double d = sqlite3_column_double(st, i);
                    if (std::trunc(d) == d && std::fabs(d) < 9.2e18) return col.appendInt(static_cast<int64_t>(d));
                    cellError(name, row, declared, "the real " + formatFloatGo(d) + " is not an int");
                }
                std::string_view s = text();
                int64_t v = 0;
                auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
                if (ec != std::errc() || p != s.data() + s.size())
                    cellError(name, row, declared,
                              std::string("cannot read the ") + storageName(cls) + " \"" + std::string(s) + "\" as an int");
                return col.appendInt(v);
            }
            case ColType::Float: {
                if (cls == SQLITE_INTEGER || cls == SQLITE_FLOAT) return col.appendFloat(sqlite3_column_double(st, i));
                std::string s(text());
                char* endp = nullptr;
                errno = 0;
                double d = std::strtod(s.c_str(), &endp);
                if (s.empty() || *endp != '\0')
                    cellError(name, row, declared,
                              std::string("cannot read the ") + storageName(cls) + " \"" + s + "\" as a float");
                return col.appendFloat(d);
            }
            case ColType::Time: {
                if (cls == SQLITE_INTEGER) {
                    int64_t v = sqlite3_column_int64(st, i);
                    bool millis = v > 1000000000000LL || v < -1000000000000LL;
                    int64_t unit = millis ? 1000000 : 1000000000;
                    int64_t out;
                    if (__builtin_mul_overflow(v, unit, &out))
                        cellError(name, row, declared, "the integer " + std::to_string(v) + " is out of the time range");
                    return col.appendInt(out);
                }
                if (cls == SQLITE_TEXT) {
                    int64_t t;
                    if (parseSqlTime(text(), t)) return col.appendInt(t);
                    cellError(name, row, declared,
                              "cannot read \"" + std::string(text()) +
                                  "\" as a time (expected YYYY-MM-DD[ hh:mm:ss[.fraction]][offset])");
                }
                cellError(name, row, declared, std::string("a ") + storageName(cls) + " value is not a time");
            }
            default: {  // String
                if (cls == SQLITE_BLOB) {
                    const char* p = static_cast<const char*>(sqlite3_column_blob(st, i));
                    return col.appendString(std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(st, i))));
                }
                if (cls == SQLITE_FLOAT) return col.appendString(formatFloatGo(sqlite3_column_double(st, i)));
                return col.appendString(text());  // text, and integers in their decimal form
            }
        }
    }

    static std::shared_ptr<Column> settleLoose(const LooseColumn& l) {
        bool anyText = false, anyFloat = false, anyInt = false;
        for (uint8_t c : l.cls) {
            anyText |= c == SQLITE_TEXT || c == SQLITE_BLOB;
            anyFloat |= c == SQLITE_FLOAT;
            anyInt |= c == SQLITE_INTEGER;
        }
        ColType t = anyText ? ColType::String : anyFloat ? ColType::Float : anyInt ? ColType::Int : ColType::String;
        auto col = std::make_shared<Column>(t);
        col->reserve(l.cls.size());
        for (size_t r = 0; r < l.cls.size(); r++) {
            int c = l.cls[r];
            if (c == SQLITE_NULL) {
                col->appendNull();
            } else if (t == ColType::Int) {
                col->appendInt(l.ints[r]);
            } else if (t == ColType::Float) {
                col->appendFloat(l.floats[r]);
            } else if (c == SQLITE_INTEGER) {
                col->appendString(std::to_string(l.ints[r]));
            } else if (c == SQLITE_FLOAT) {
                col->appendString(formatFloatGo(l.floats[r]));
            } else {
                col->appendString(l.texts[r]);
            }
        }
        return col;
    }

    sqlite3* db_;
    sqlite3_stmt* insert_ = nullptr;
    std::string insertSql_;
};

}  // namespace

std::unique_ptr<Connection> connectSqlite(const std::string& dataSourceName) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(dataSourceName.c_str(), &db,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
        sqlite3_close_v2(db);
        throw SqlError(ErrorCode::Unavailable, "sqlite3: cannot open the database \"" + dataSourceName + "\": " + msg);
    }
    sqlite3_busy_timeout(db, 5000);
    sqlite3_extended_result_codes(db, 1);
    return std::make_unique<SqliteConnection>(db);
}

}  // namespace fluxi::sql
