// Driver dispatch and the shared text helpers of the SQL connections (see sql_connection.h).
#include "stdlib/sql/sql_connection.h"

#include <charconv>
#include <cmath>
#include <cstring>

#include "eval/time.h"

namespace fluxi::sql {

namespace {

// Drivers the reference implementation has and fluxi does not.
constexpr std::string_view kReferenceOnlyDrivers[] = {
    "snowflake", "sqlserver", "mssql", "awsathena", "bigquery", "hdb", "vertica", "vertigo", "clickhouse",
};

bool isBlank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

}  // namespace

std::unique_ptr<Connection> connect(std::string_view driver, const std::string& dataSourceName) {
    bool known = driver == "sqlite3" || driver == "postgres" || driver == "mysql";
    if (!known) {
        for (std::string_view d : kReferenceOnlyDrivers)
            if (d == driver)
                throw SqlError(ErrorCode::Unimplemented,
                               "driver \"" + std::string(driver) +
                                   "\" is not supported by fluxi (its drivers are sqlite3, postgres and mysql)");
        throw SqlError(ErrorCode::Invalid, "sql driver \"" + std::string(driver) +
                                               "\" not supported (fluxi's drivers are sqlite3, postgres and mysql)");
    }
    if (isBlank(dataSourceName))
        throw SqlError(ErrorCode::Invalid, "invalid data source url: empty path supplied");
    if (driver == "sqlite3") return connectSqlite(dataSourceName);
    if (driver == "mysql") return connectMySql(dataSourceName);
    return connectPostgres(dataSourceName);
}

std::string quoteIdentifier(std::string_view name) {
    std::string out;
    out.reserve(name.size() + 2);
    out.push_back('"');
    for (char c : name) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
    }
    out.push_back('"');
    return out;
}

bool parseIntText(std::string_view text, int64_t& out) {
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && p == text.data() + text.size();
}

bool parseFloatText(std::string_view text, double& out) {
    if (text == "NaN") return out = std::nan(""), true;
    if (text == "Infinity") return out = HUGE_VAL, true;
    if (text == "-Infinity") return out = -HUGE_VAL, true;
    auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && p == text.data() + text.size();
}

void appendTextCell(Column& col, std::string_view text, const char* driver, const char* column, int row) {
    auto bad = [&](const char* expected) {
        throw SqlError(ErrorCode::FailedPrecondition, std::string(driver) + ": row " + std::to_string(row) +
                                                          ", column \"" + column + "\": cannot read \"" +
                                                          std::string(text) + "\" as " + expected);
    };
    switch (col.type()) {
        case ColType::Int: {
            int64_t v = 0;
            if (!parseIntText(text, v)) bad("an int");
            return col.appendInt(v);
        }
        case ColType::Float: {
            double d = 0;
            if (!parseFloatText(text, d)) bad("a float");
            return col.appendFloat(d);
        }
        case ColType::Bool:
            if (text != "t" && text != "f") bad("a bool");
            return col.appendBool(text == "t");
        case ColType::Time: {
            int64_t t = 0;
            if (!parseSqlTime(text, t)) bad("a time between 1677-09-21 and 2262-04-11");
            return col.appendInt(t);
        }
        default: return col.appendString(text);
    }
}

bool parseSqlTime(std::string_view text, int64_t& nanos) {
    // Rewrite into RFC3339 form in a fixed buffer (no allocation per cell), then parse.
    char buf[64];
    if (text.size() < 10 || text.size() + 4 > sizeof buf) return false;
    size_t n = text.size();
    std::memcpy(buf, text.data(), n);
    if (n > 10 && buf[10] == ' ') buf[10] = 'T';
    // An offset after the time of day: "+hh" -> "+hh:00", "+hhmm" -> "+hh:mm".
    if (n > 19) {
        size_t sign = std::string_view(buf, n).find_last_of("+-");
        if (sign != std::string_view::npos && sign > 18) {
            size_t digits = n - sign - 1;
            if (digits == 2) {
                buf[n++] = ':';
                buf[n++] = '0';
                buf[n++] = '0';
            } else if (digits == 4 && buf[sign + 3] != ':') {
                buf[n] = buf[n - 1];
                buf[n - 1] = buf[n - 2];
                buf[n - 2] = ':';
                n++;
            }
        }
    }
    return tryParseTime(std::string_view(buf, n), nanos, nullptr, /*allowMissingOffset=*/true);
}

std::string formatSqlTime(int64_t nanos) {
    std::string s = formatTime(nanos);  // 2006-01-02T15:04:05[.f]Z
    s[10] = ' ';
    s.pop_back();
    s += "+00:00";
    return s;
}

}  // namespace fluxi::sql
