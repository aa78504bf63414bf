// sql.to(tables, driverName:, dataSourceName:, table:, batchSize:): writes every row of its input
// into a table of a SQL database and passes the input tables through.
//
// As the reference does: for each input table it runs `CREATE TABLE IF NOT EXISTS <table> (...)`
// with one column per Flux column (quoted names: backticks for MySQL; types from the driver, see sql_connection.h), then
// INSERTs the rows in statements of at most batchSize parameters each (default 10000; a row takes
// one parameter per column, so a statement holds (batchSize - columns) / columns rows, at least
// one). The table name is used as written (it may name a schema: "public.readings").
//
// Unlike the reference, the whole call is one transaction: the input is read first, and a failure
// anywhere (bad value, refused INSERT, an input that fails) rolls everything back, so the database
// is left as it was -- except on MySQL, where CREATE TABLE commits on its own: there the missing
// table is created before the transaction starts and stays, empty, when the INSERTs fail. The write happens once per call even when the result is read more than once.
#include <memory>

#include "net/outbound_policy.h"
#include "eval/builtin.h"
#include "eval/kernels/stream_ops.h"
#include "eval/stream.h"
#include "stdlib/sql/sql_connection.h"

namespace fluxi {
namespace {

constexpr int64_t kDefaultBatchSize = 10000;

struct ToSpec {
    std::string driver, dataSourceName, table;
    int64_t batchSize = kDefaultBatchSize;
};

size_t rowsPerStatement(int64_t batchSize, size_t columns) {
    int64_t cols = static_cast<int64_t>(columns);
    if (batchSize < 2 * cols) return 1;
    return static_cast<size_t>((batchSize - cols) / cols);
}

std::string insertStatement(const sql::Connection& c, const std::string& table, const Table& t, size_t rows) {
    std::string s = "INSERT INTO " + table + " (";
    for (size_t i = 0; i < t.numColumns(); i++) s += (i ? "," : "") + c.quote(t.meta[i].name);
    s += ") VALUES ";
    size_t p = 1;
    for (size_t r = 0; r < rows; r++) {
        s += r ? ",(" : "(";
        for (size_t i = 0; i < t.numColumns(); i++) s += (i ? "," : "") + c.placeholder(p++);
        s += ")";
    }
    return s;
}

bool hasRows(const Table& t) { return t.nrows > 0 && t.numColumns() > 0; }

void createTable(sql::Connection& c, const ToSpec& spec, const Table& t) {
    std::string create = "CREATE TABLE IF NOT EXISTS " + spec.table + " (";
    for (size_t i = 0; i < t.numColumns(); i++)
        create += (i ? "," : "") + c.quote(t.meta[i].name) + " " + c.columnType(t.meta[i].type);
    create += ")";
    c.execute(create);
}

void writeTable(sql::Connection& c, const ToSpec& spec, const Table& t) {
    if (c.transactionalDdl()) createTable(c, spec, t);
    size_t perStatement = rowsPerStatement(spec.batchSize, t.numColumns());
    std::string full = insertStatement(c, spec.table, t, std::min(perStatement, t.nrows));
    for (size_t b = 0; b < t.nrows; b += perStatement) {
        size_t e = std::min(t.nrows, b + perStatement);
        if (e - b == std::min(perStatement, t.nrows)) c.insertRows(full, t, b, e);
        else c.insertRows(insertStatement(c, spec.table, t, e - b), t, b, e);
    }
}

// Writes all tables in one transaction; rolls back on any failure.
void writeAll(const ToSpec& spec, const std::vector<TablePtr>& tables) {
    auto conn = sql::connect(spec.driver, spec.dataSourceName);
    // Where CREATE TABLE would commit the transaction (MySQL), the tables are created first.
    if (!conn->transactionalDdl())
        for (const TablePtr& t : tables)
            if (hasRows(*t)) createTable(*conn, spec, *t);
    conn->execute("BEGIN");
    try {
        for (const TablePtr& t : tables)
            if (hasRows(*t)) writeTable(*conn, spec, *t);
        conn->execute("COMMIT");
    } catch (...) {
        try {
            conn->execute("ROLLBACK");
        } catch (...) {
            // the connection is gone; the server rolls the transaction back itself
        }
        throw;
    }
}

Value sqlTo(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    auto spec = std::make_shared<ToSpec>();
    spec->driver = ctx.requireString(args, "driverName");
    if (spec->driver.empty()) ctx.fail("sql.to: invalid driver name");
    spec->dataSourceName = ctx.requireString(args, "dataSourceName");
    if (spec->dataSourceName.empty()) ctx.fail("sql.to: invalid data source name");
    spec->table = ctx.requireString(args, "table");
    if (spec->table.empty()) ctx.fail("sql.to: invalid table name");
    // A batchSize of 0 or less means the default, as in the reference.
    int64_t b = ctx.intOr(args, "batchSize", kDefaultBatchSize);
    spec->batchSize = b > 0 ? b : kDefaultBatchSize;
    CallContext site = ctx;
    return Value::stream(tableops::makeOnceStream(
        in,
        [site, spec](std::vector<TablePtr> tables) {
            size_t rows = 0;
            for (const TablePtr& t : tables) rows += t->nrows;
            const std::string target = spec->driver + " table " + spec->table;
            const std::string body = std::to_string(rows) + " rows";
            if (!net::mayPerformSideEffect("SQL INSERT", target, body)) return tables;
            try {
                writeAll(*spec, tables);
                net::noteSideEffectDone("SQL INSERT", target, body);
            } catch (const sql::SqlError& e) {
                site.fail(e.code(), std::string("sql.to: ") + e.what() + " (nothing was written)");
            }
            return tables;
        },
        "sql.to"));
}

}  // namespace

FLUXI_BUILTIN("sql", "to", "<-tables, driverName, dataSourceName, table, ?batchSize", sqlTo);

}  // namespace fluxi
