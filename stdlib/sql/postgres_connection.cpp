// The postgres driver of sql.from / sql.to over libpq. The data source name is a libpq connection
// string: a URI ("postgres://user:password@localhost:5432/db?sslmode=disable") or key=value pairs
// ("host=/tmp port=5432 dbname=db"). Connecting gives up after 10 seconds unless the data source
// name sets its own connect_timeout. The session's time zone is UTC.
//
// Column types read (as the reference maps PostgreSQL's types): int2, int4, int8 -> int; float4,
// float8 -> float; bool -> bool; date, timestamp and timestamptz -> time; anything else (text,
// varchar, numeric, time of day, json, ...) -> string in PostgreSQL's text form.
//
// Column types written by sql.to: float FLOAT, int and uint BIGINT, string TEXT, time TIMESTAMP
// (microsecond precision: PostgreSQL rounds nanoseconds), bool BOOL.
#include <libpq-fe.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "eval/value_text.h"
#include "stdlib/sql/sql_connection.h"

namespace fluxi::sql {

namespace {

// Type OIDs of the PostgreSQL catalog (pg_type.oid), stable across versions.
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701, kDate = 1082,
              kTimestamp = 1114, kTimestampTz = 1184;

// libpq messages end with a newline and may hold several lines: one line for an error message.
std::string oneLine(const char* msg) {
    std::string s = msg ? msg : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    std::string out;
    for (size_t i = 0; i < s.size(); i++) {
        if (s[i] == '\n' || s[i] == '\t') {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
            continue;
        }
        out.push_back(s[i]);
    }
    return out;
}

// The primary message of a failed statement, with the detail and hint PostgreSQL gave.
std::string resultMessage(const PGresult* res, PGconn* conn) {
    const char* primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
    if (!primary) return oneLine(PQerrorMessage(conn));
    std::string msg = primary;
    if (const char* detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL)) msg += " (" + oneLine(detail) + ")";
    if (const char* hint = PQresultErrorField(res, PG_DIAG_MESSAGE_HINT)) msg += " (hint: " + oneLine(hint) + ")";
    return msg;
}

// Class 08 (connection exception) and 57P (operator intervention) mean the server went away.
ErrorCode resultCode(const PGresult* res) {
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    if (!state) return ErrorCode::Unavailable;
    if (std::strncmp(state, "08", 2) == 0 || std::strncmp(state, "57P", 3) == 0) return ErrorCode::Unavailable;
    if (std::strncmp(state, "22", 2) == 0) return ErrorCode::FailedPrecondition;  // data exception
    return ErrorCode::Invalid;
}

struct ResultGuard {
    PGresult* r;
    ~ResultGuard() { PQclear(r); }
};

class PostgresConnection final : public Connection {
public:
    explicit PostgresConnection(PGconn* c) : conn_(c) {}
    ~PostgresConnection() override { PQfinish(conn_); }

    TablePtr query(const std::string& sql) override {
        ResultGuard res{PQexec(conn_, sql.c_str())};
        ExecStatusType s = PQresultStatus(res.r);
        if (s == PGRES_COMMAND_OK || s == PGRES_EMPTY_QUERY) return TableBuilder().finish();
        if (s != PGRES_TUPLES_OK) fail(res.r, "the query failed");
        int ncols = PQnfields(res.r), nrows = PQntuples(res.r);
        TableBuilder b;
        for (int c = 0; c < ncols; c++) {
            Oid type = PQftype(res.r, c);
            ColType t = ColType::String;
            if (type == kInt2 || type == kInt4 || type == kInt8) t = ColType::Int;
            else if (type == kFloat4 || type == kFloat8) t = ColType::Float;
            else if (type == kBool) t = ColType::Bool;
            else if (type == kDate || type == kTimestamp || type == kTimestampTz) t = ColType::Time;
            int idx = b.addColumn(PQfname(res.r, c), t);
            Column& col = b.column(static_cast<size_t>(idx));
            col.reserve(static_cast<size_t>(nrows));
            for (int r = 0; r < nrows; r++) {
                if (PQgetisnull(res.r, r, c)) {
                    col.appendNull();
                    continue;
                }
                const char* v = PQgetvalue(res.r, r, c);
                std::string_view text(v, static_cast<size_t>(PQgetlength(res.r, r, c)));
                appendTextCell(col, text, "postgres", PQfname(res.r, c), r + 1);
            }
        }
        return b.finish();
    }

    void execute(const std::string& statement) override {
        ResultGuard res{PQexec(conn_, statement.c_str())};
        ExecStatusType s = PQresultStatus(res.r);
        if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK && s != PGRES_EMPTY_QUERY)
            fail(res.r, "the statement failed");
    }

    std::string columnType(ColType type) const override {
        switch (type) {
            case ColType::Float: return "FLOAT";
            case ColType::Int:
            case ColType::UInt: return "BIGINT";
            case ColType::String: return "TEXT";
            case ColType::Time: return "TIMESTAMP";
            case ColType::Bool: return "BOOL";
        }
        throw SqlError(ErrorCode::Invalid, std::string("PostgreSQL does not support column type ") + colTypeName(type));
    }

    std::string placeholder(size_t n) const override { return "$" + std::to_string(n); }

    void insertRows(const std::string& insert, const Table& t, size_t begin, size_t end) override {
        size_t ncols = t.numColumns();
        size_t nparams = (end - begin) * ncols;
        texts_.resize(nparams);
        ptrs_.assign(nparams, nullptr);
        size_t p = 0;
        for (size_t r = begin; r < end; r++) {
            for (size_t c = 0; c < ncols; c++, p++) {
                const Column& col = t.column(c);
                if (col.isNull(r)) continue;  // NULL parameter
                std::string& s = texts_[p];
                switch (col.type()) {
                    case ColType::Int: s = std::to_string(col.ints()[r]); break;
                    case ColType::UInt: s = std::to_string(col.uints()[r]); break;
                    case ColType::Float: s = formatFloatLiteral(col.floats()[r]); break;
                    case ColType::Bool: s = col.bools()[r] ? "true" : "false"; break;
                    case ColType::Time: s = formatSqlTime(col.ints()[r]); break;
                    case ColType::String: {
                        const std::string& v = col.strings()[r]->s;
                        if (v.find('\0') != std::string::npos)
                            throw SqlError(ErrorCode::FailedPrecondition,
                                           "postgres: column \"" + t.meta[c].name + "\", row " + std::to_string(r + 1) +
                                               ": PostgreSQL text cannot hold a NUL character");
                        s = v;
                        break;
                    }
                }
                ptrs_[p] = s.c_str();
            }
        }
        if (nparams > 65535)
            throw SqlError(ErrorCode::Invalid, "postgres: an INSERT of " + std::to_string(nparams) +
                                                   " values exceeds PostgreSQL's 65535 parameters: lower batchSize");
        ResultGuard res{PQexecParams(conn_, insert.c_str(), static_cast<int>(nparams), nullptr, ptrs_.data(), nullptr,
                                     nullptr, 0)};
        if (PQresultStatus(res.r) != PGRES_COMMAND_OK) fail(res.r, "the INSERT failed");
    }

private:
    [[noreturn]] void fail(const PGresult* res, const char* what) const {
        throw SqlError(resultCode(res), std::string("postgres: ") + what + ": " + resultMessage(res, conn_));
    }


    PGconn* conn_;
    std::vector<std::string> texts_;  // parameter texts of the last INSERT (reused between batches)
    std::vector<const char*> ptrs_;
};

}  // namespace

std::unique_ptr<Connection> connectPostgres(const std::string& dataSourceName) {
    // connect_timeout first: a connect_timeout in the data source name overrides it.
    const char* keys[] = {"connect_timeout", "dbname", nullptr};
    const char* values[] = {"10", dataSourceName.c_str(), nullptr};
    PGconn* conn = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
    if (!conn) throw SqlError(ErrorCode::Unavailable, "postgres: cannot connect: out of memory");
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string msg = oneLine(PQerrorMessage(conn));
        PQfinish(conn);
        throw SqlError(ErrorCode::Unavailable, "postgres: cannot connect: " + msg);
    }
    // Notices ("relation ... already exists, skipping") are not errors: not printed.
    PQsetNoticeProcessor(conn, [](void*, const char*) {}, nullptr);
    auto c = std::make_unique<PostgresConnection>(conn);
    c->execute("SET TimeZone TO 'UTC'");
    return c;
}

}  // namespace fluxi::sql
