// The database connections behind sql.from and sql.to: one interface, one implementation per
// driver (sqlite_connection.cpp over the SQLite library, postgres_connection.cpp over libpq,
// mysql_connection.cpp over the MySQL C API), the
// driver-name dispatch, and the text forms of times that both drivers read and write.
//
// A connection is the user's own database (never fluxi's store). Every failure is a SqlError
// carrying the database's own message and the error code the builtins report: Unavailable when the
// database cannot be reached or opened, Invalid for bad SQL or data the database refuses,
// FailedPrecondition for values that do not fit a column type, Unimplemented for a driver of the
// reference implementation that fluxi does not have.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>

#include "eval/error.h"
#include "eval/table.h"

namespace fluxi::sql {

class SqlError : public std::runtime_error {
public:
    SqlError(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ErrorCode code() const { return code_; }

private:
    ErrorCode code_;
};

std::string quoteIdentifier(std::string_view name);

class Connection {
public:
    virtual ~Connection() = default;

    // Runs `query` and reads every row into one table with an empty group key. Column names are the
    // result's; column types come from the types the database declares for them (see the driver
    // files for the mapping). A statement that returns no rows gives a table without columns.
    virtual TablePtr query(const std::string& query) = 0;
    // Runs a statement that returns no rows (CREATE TABLE, BEGIN, ...).
    virtual void execute(const std::string& statement) = 0;

    // The column type sql.to declares for a Flux column type when it creates a table; throws a
    // SqlError when the database has no such type (SQLite has no boolean).
    virtual std::string columnType(ColType type) const = 0;
    // A column name quoted for this database's statements (double quotes unless the driver differs).
    virtual std::string quote(std::string_view name) const { return quoteIdentifier(name); }
    // Whether CREATE TABLE takes part in a transaction (false for MySQL, where it commits).
    virtual bool transactionalDdl() const { return true; }
    // The placeholder of the n-th parameter (1-based) of a statement: "?" or "$n".
    virtual std::string placeholder(size_t n) const = 0;
    // Runs `insert` (an INSERT with one placeholder per cell, row after row) with the cells of rows
    // [begin, end) of `t`, all columns in table order. Null cells insert NULL.
    virtual void insertRows(const std::string& insert, const Table& t, size_t begin, size_t end) = 0;
};

// Opens a connection with `driver` ("sqlite3", "postgres", "mysql") to `dataSourceName`. Throws SqlError for
// an empty data source name, a driver fluxi does not support, or a database it cannot reach.
std::unique_ptr<Connection> connect(std::string_view driver, const std::string& dataSourceName);

std::unique_ptr<Connection> connectSqlite(const std::string& dataSourceName);    // sqlite_connection.cpp
std::unique_ptr<Connection> connectPostgres(const std::string& dataSourceName);  // postgres_connection.cpp
std::unique_ptr<Connection> connectMySql(const std::string& dataSourceName);     // mysql_connection.cpp

// An identifier in double quotes (SQLite and PostgreSQL; MySQL quotes with backticks), inner quotes doubled: a"b -> "a""b".

// A whole cell's text as an int (decimal) or a float (decimal, exponent, NaN, Infinity, -Infinity, as
// PostgreSQL prints them); false when the text is anything else.
bool parseIntText(std::string_view text, int64_t& out);
bool parseFloatText(std::string_view text, double& out);

// Appends a cell the database gave as text to `col`, read as the column's type (bool as "t"/"f", as
// PostgreSQL prints it); text that does not fit is a FailedPrecondition SqlError naming the driver, the
// row and the column.
void appendTextCell(Column& col, std::string_view text, const char* driver, const char* column, int row);

// Times as SQL databases print them: "2006-01-02 15:04:05[.fraction][offset]" or with a 'T'
// between date and time, offsets "Z", "+hh", "+hh:mm" or "+hhmm", a time without an offset read
// as UTC, a date alone as midnight UTC. False on anything else.
bool parseSqlTime(std::string_view text, int64_t& nanos);
// "2006-01-02 15:04:05.123456789+00:00" (fraction without trailing zeros, none when zero): the
// form the reference's SQLite driver writes, and PostgreSQL reads.
std::string formatSqlTime(int64_t nanos);

}  // namespace fluxi::sql
