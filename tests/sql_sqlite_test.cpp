// sql.from / sql.to with the sqlite3 driver against temporary database files: round trips of every
// column type with nulls, the declared-type mapping of sql.from, batches, one transaction per call
// (a failure leaves the database as it was), a write that happens once however often its result is
// read, and the errors (bad SQL, missing table, values that do not fit, unsupported drivers).
#include <doctest/doctest.h>
#include <sqlite3.h>

#include <string>

#include "net/outbound_policy.h"
#include "tests/support/flux_run.h"
#include "tests/support/service_process.h"

using fluxi::testutil::runTables;

namespace {

// Runs SQL directly on the database file (setting up or inspecting what a script did).
void sqliteExec(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
    char* err = nullptr;
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    std::string msg = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    REQUIRE_MESSAGE(rc == SQLITE_OK, msg);
}

// The first column of the first row of `sql` as text ("<none>" without rows, "<error: ...>").
std::string sqliteScalar(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) return "<cannot open>";
    sqlite3_stmt* st = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
        out = std::string("<error: ") + sqlite3_errmsg(db) + ">";
    } else if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char* t = sqlite3_column_text(st, 0);
        out = t ? reinterpret_cast<const char*>(t) : "NULL";
    } else {
        out = "<none>";
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

const char* kRows = R"(
import "array"
import "sql"
data = array.from(rows: [
    {_time: 2024-01-01T00:00:00.123456789Z, f: 1.5, i: -3, u: uint(v: 7), s: "a\"b'c", n: 1.0},
    {_time: 2024-01-02T10:30:00Z, f: -0.25, i: 9223372036854775807, u: uint(v: 0), s: "", n: 2.0},
])
    |> map(fn: (r) => ({r with n: if r.n > 1.0 then r.n else float(v: debug.null())}))
)";

}  // namespace

TEST_CASE("sql sqlite3: to then from gives the same rows; uint comes back as int; nulls stay null") {
    fluxi::test::ServiceDir dir("fluxi-sqlite");
    const std::string db = dir.sub("user.db");
    std::string script = std::string("import \"internal/debug\"\n") + kRows +
                         "data |> sql.to(driverName: \"sqlite3\", dataSourceName: \"" + db + "\", table: \"readings\")\n";
    std::string written = runTables(script);
    CHECK(written ==
          "[] _time:time,f:float,i:int,u:uint,s:string,n:float\n"
          "2024-01-01T00:00:00.123456789Z,1.5,-3,7,\"a\\\"b'c\",null\n"
          "2024-01-02T10:30:00Z,-0.25,9223372036854775807,0,\"\",2.0");
    CHECK(sqliteScalar(db, "SELECT sql FROM sqlite_master WHERE name = 'readings'") ==
          R"(CREATE TABLE readings ("_time" DATETIME,"f" FLOAT,"i" INT,"u" INT,"s" TEXT,"n" FLOAT))");
    CHECK(sqliteScalar(db, "SELECT _time FROM readings WHERE i = -3") == "2024-01-01 00:00:00.123456789+00:00");
    CHECK(runTables("import \"sql\"\nsql.from(driverName: \"sqlite3\", dataSourceName: \"" + db +
                    "\", query: \"SELECT * FROM readings ORDER BY i\")") ==
          "[] _time:time,f:float,i:int,u:int,s:string,n:float\n"
          "2024-01-01T00:00:00.123456789Z,1.5,-3,7,\"a\\\"b'c\",null\n"
          "2024-01-02T10:30:00Z,-0.25,9223372036854775807,0,\"\",2.0");
    // A "file:" URI works as the data source name too (read-only here).
    CHECK(runTables("import \"sql\"\nsql.from(driverName: \"sqlite3\", dataSourceName: \"file:" + db +
                    "?mode=ro\", query: \"SELECT count(*) AS n FROM readings\")") == "[] n:int\n2");
}

TEST_CASE("sql sqlite3: from maps declared types as the reference and types expressions by their values") {
    fluxi::test::ServiceDir dir("fluxi-sqlite");
    const std::string db = dir.sub("types.db");
    sqliteExec(db,
               "CREATE TABLE t (a INTEGER, b BIGINT, c REAL, d DOUBLE, e TEXT, f VARCHAR(10), g BOOLEAN, "
               "h DATETIME, i TIMESTAMP, j DATE, k BLOB, l NUMERIC);"
               "INSERT INTO t VALUES (1, 2, 1.5, 2.5, 'x', 'y', 1, '2024-01-01 12:00:00', '2024-01-01T12:00:00.5Z', "
               "'2024-03-01', 'bytes', 3.25);"
               "INSERT INTO t VALUES (NULL, NULL, NULL, NULL, NULL, NULL, 0, 1704067200, 1704067200123, NULL, NULL, 4);");
    CHECK(runTables("import \"sql\"\nsql.from(driverName: \"sqlite3\", dataSourceName: \"" + db +
                    "\", query: \"SELECT * FROM t\")") ==
          "[] a:int,b:int,c:float,d:float,e:string,f:string,g:int,h:time,i:time,j:time,k:string,l:float\n"
          "1,2,1.5,2.5,\"x\",\"y\",1,2024-01-01T12:00:00Z,2024-01-01T12:00:00.5Z,2024-03-01T00:00:00Z,\"bytes\",3.25\n"
          "null,null,null,null,null,null,0,2024-01-01T00:00:00Z,2024-01-01T00:00:00.123Z,null,null,4.0");
    CHECK(runTables("import \"sql\"\nsql.from(driverName: \"sqlite3\", dataSourceName: \"" + db +
                    "\", query: \"SELECT 1 AS i, 2.5 AS f, 'x' AS s, NULL AS n, a + 0.5 AS mixed FROM t\")") ==
          "[] i:int,f:float,s:string,n:string,mixed:float\n1,2.5,\"x\",null,1.5\n1,2.5,\"x\",null,null");
    // Several statements: the rows are those of the last one returning columns.
    CHECK(runTables("import \"sql\"\nsql.from(driverName: \"sqlite3\", dataSourceName: \"" + db +
                    "\", query: \"CREATE TEMP TABLE x (v INT); INSERT INTO x VALUES (5), (6); SELECT sum(v) AS s FROM x; "
                    "-- done\")") == "[] s:int\n11");
    // A query without rows still gives its columns.
    CHECK(runTables("import \"sql\"\nsql.from(driverName: \"sqlite3\", dataSourceName: \"" + db +
                    "\", query: \"SELECT a, e FROM t WHERE a > 100\")") == "[] a:int,e:string");
    // A value that does not fit its declared type is an error naming the row and column.
    sqliteExec(db, "CREATE TABLE bad (n INT, t DATETIME); INSERT INTO bad VALUES (1, '2024-01-01'), ('abc', 'soon');");
    CHECK(runTables("import \"sql\"\nsql.from(driverName: \"sqlite3\", dataSourceName: \"" + db +
                    "\", query: \"SELECT n FROM bad\")") ==
          "error: sql.from: sqlite3: row 2, column \"n\" (declared INT): cannot read the text \"abc\" as an int");
    CHECK(runTables("import \"sql\"\nsql.from(driverName: \"sqlite3\", dataSourceName: \"" + db +
                    "\", query: \"SELECT t FROM bad\")") ==
          "error: sql.from: sqlite3: row 2, column \"t\" (declared DATETIME): cannot read \"soon\" as a time "
          "(expected YYYY-MM-DD[ hh:mm:ss[.fraction]][offset])");
}

TEST_CASE("sql sqlite3: bad SQL, a missing table and a database that cannot be opened are clear errors") {
    fluxi::test::ServiceDir dir("fluxi-sqlite");
    const std::string db = dir.sub("e.db");
    sqliteExec(db, "CREATE TABLE t (a INT)");
    auto from = [&](const std::string& dsn, const std::string& q) {
        return runTables("import \"sql\"\nsql.from(driverName: \"sqlite3\", dataSourceName: \"" + dsn +
                         "\", query: \"" + q + "\")");
    };
    CHECK(from(db, "SELEC a FROM t") == "error: sql.from: sqlite3: the query failed: near \"SELEC\": syntax error");
    CHECK(from(db, "SELECT a FROM missing") == "error: sql.from: sqlite3: the query failed: no such table: missing");
    CHECK(from(db, "SELECT nope FROM t") == "error: sql.from: sqlite3: the query failed: no such column: nope");
    CHECK(from(dir.sub("no/such/dir/x.db"), "SELECT 1") ==
          "error: sql.from: sqlite3: cannot open the database \"" + dir.sub("no/such/dir/x.db") +
              "\": unable to open database file");
    CHECK(from("", "SELECT 1") == "error: sql.from: invalid data source url: empty path supplied");
    CHECK(from(db, " ") == "error: sql.from: query must not be empty");
    // The error carries the position of the call and the reference's error code for the kind.
    fluxi::Engine e;
    auto r = e.run("import \"sql\"\n\nsql.from(driverName: \"sqlite3\", dataSourceName: \"" + db +
                   "\", query: \"SELECT a FROM missing\")");
    CHECK_FALSE(r.ok);
    CHECK(r.error.find(":3:1: error: sql.from: sqlite3:") != std::string::npos);
    CHECK(r.code == fluxi::ErrorCode::Invalid);
}

TEST_CASE("sql: drivers of the reference that fluxi lacks, and unknown drivers, are named in the error") {
    for (const char* d : {"snowflake", "sqlserver", "mssql", "bigquery", "hdb", "vertica", "awsathena"}) {
        std::string got = runTables(std::string("import \"sql\"\nsql.from(driverName: \"") + d +
                                    "\", dataSourceName: \"x\", query: \"SELECT 1\")");
        CHECK(got == std::string("error: sql.from: driver \"") + d +
                         "\" is not supported by fluxi (its drivers are sqlite3, postgres and mysql)");
    }
    CHECK(runTables("import \"sql\"\nsql.from(driverName: \"oracle9\", dataSourceName: \"x\", query: \"SELECT 1\")") ==
          "error: sql.from: sql driver \"oracle9\" not supported (fluxi's drivers are sqlite3, postgres and mysql)");
    fluxi::Engine e;
    auto r = e.run("import \"sql\"\nsql.from(driverName: \"snowflake\", dataSourceName: \"u@h/d\", query: \"SELECT 1\")");
    CHECK(r.code == fluxi::ErrorCode::Unimplemented);
    const std::string to = "import \"sql\"\nimport \"array\"\narray.from(rows: [{a: 1}]) |> sql.to(";
    CHECK(runTables(to + "driverName: \"\", dataSourceName: \"x\", table: \"t\")") == "error: sql.to: invalid driver name");
    CHECK(runTables(to + "driverName: \"sqlite3\", dataSourceName: \"\", table: \"t\")") ==
          "error: sql.to: invalid data source name");
    CHECK(runTables(to + "driverName: \"sqlite3\", dataSourceName: \"x\", table: \"\")") ==
          "error: sql.to: invalid table name");
}

TEST_CASE("sql sqlite3: to is one transaction per call: any failure leaves the database as it was") {
    fluxi::test::ServiceDir dir("fluxi-sqlite");
    const std::string db = dir.sub("tx.db");
    sqliteExec(db, "CREATE TABLE t (\"k\" TEXT, \"v\" INT NOT NULL); INSERT INTO t VALUES ('before', 0);");
    // Two tables (group by k): the first is fine, the second has a null v that NOT NULL refuses.
    std::string script = R"(
import "array"
import "sql"
import "internal/debug"
array.from(rows: [{k: "a", v: 1}, {k: "a", v: 2}, {k: "b", v: 3}])
    |> map(fn: (r) => ({r with v: if r.k == "b" then int(v: debug.null()) else r.v}))
    |> group(columns: ["k"])
    |> sql.to(driverName: "sqlite3", dataSourceName: ")" +
                         db + R"(", table: "t")
)";
    CHECK(runTables(script) ==
          "error: sql.to: sqlite3: the INSERT failed: NOT NULL constraint failed: t.v (nothing was written)");
    CHECK(sqliteScalar(db, "SELECT group_concat(k) FROM t") == "before");
    // Booleans have no SQLite column type: an error before anything is written.
    CHECK(runTables("import \"array\"\nimport \"sql\"\narray.from(rows: [{a: 1, b: true}]) |> sql.to(driverName: "
                    "\"sqlite3\", dataSourceName: \"" + db + "\", table: \"flags\")") ==
          "error: sql.to: SQLite does not support column type bool (nothing was written)");
    CHECK(sqliteScalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'flags'") == "0");
    // A uint above SQLite's integers.
    CHECK(runTables("import \"array\"\nimport \"sql\"\narray.from(rows: [{u: uint(v: 1)}, {u: uint(v: "
                    "\"18446744073709551615\")}]) |> sql.to(driverName: \"sqlite3\", dataSourceName: \"" + db +
                    "\", table: \"big\")") ==
          "error: sql.to: sqlite3: column \"u\", row 2: the uint 18446744073709551615 does not fit SQLite's 64-bit "
          "signed integers (nothing was written)");
    CHECK(sqliteScalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'big'") == "0");
    // An input that fails part-way writes nothing either.
    CHECK(runTables("import \"array\"\nimport \"sql\"\narray.from(rows: [{a: 1}, {a: 0}]) |> map(fn: (r) => ({a: 10 / "
                    "r.a})) |> sql.to(driverName: \"sqlite3\", dataSourceName: \"" + db + "\", table: \"div\")")
              .rfind("error: ", 0) == 0);
    CHECK(sqliteScalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'div'") == "0");
}

TEST_CASE("sql sqlite3: batches of batchSize parameters write every row; the result is written once") {
    fluxi::test::ServiceDir dir("fluxi-sqlite");
    const std::string db = dir.sub("b.db");
    auto write = [&](const std::string& table, int rows, const std::string& batch) {
        return runTables("import \"sql\"\nimport \"array\"\nimport \"generate\"\n"
                         "generate.from(count: " + std::to_string(rows) +
                         ", fn: (n) => n, start: 2024-01-01T00:00:00Z, stop: 2024-01-02T00:00:00Z)"
                         " |> map(fn: (r) => ({r with label: \"row\" + string(v: r._value)}))"
                         " |> sql.to(driverName: \"sqlite3\", dataSourceName: \"" + db + "\", table: \"" + table + "\"" +
                         batch + ") |> count() |> keep(columns: [\"_value\"])");
    };
    CHECK(write("small", 25, ", batchSize: 7") == "[] _value:int\n25");  // 3 columns: 1 row per INSERT
    CHECK(sqliteScalar(db, "SELECT count(*) || ',' || sum(_value) || ',' || count(DISTINCT label) FROM small") ==
          "25,300,25");
    CHECK(write("mid", 100, ", batchSize: 30") == "[] _value:int\n100");  // 9 rows per INSERT
    CHECK(sqliteScalar(db, "SELECT count(*) || ',' || sum(_value) FROM mid") == "100,4950");
    CHECK(write("dflt", 5000, "") == "[] _value:int\n5000");
    CHECK(sqliteScalar(db, "SELECT count(*) || ',' || max(_value) FROM dflt") == "5000,4999");
    CHECK(write("zero", 10, ", batchSize: 0") == "[] _value:int\n10");  // 0 or less: the default
    // Read twice (two yields of one sql.to result): one write.
    std::string twice = "import \"sql\"\nimport \"array\"\nx = array.from(rows: [{a: 1}, {a: 2}]) |> sql.to("
                        "driverName: \"sqlite3\", dataSourceName: \"" + db + "\", table: \"once\")\n"
                        "x |> yield(name: \"one\")\nx |> yield(name: \"two\")\n";
    fluxi::Engine e;
    auto r = e.run(twice);
    REQUIRE(r.ok);
    REQUIRE(r.results.size() == 2);
    for (auto& res : r.results) CHECK(fluxi::collect(*res.stream).size() == 1);
    CHECK(sqliteScalar(db, "SELECT count(*) FROM once") == "2");
}

TEST_CASE("sql: fluxi check knows sql.from and sql.to with their parameters") {
    fluxi::Engine e;
    CHECK(e.check("import \"sql\"\nimport \"array\"\narray.from(rows: [{a: 1}]) |> sql.to(driverName: \"sqlite3\", "
                  "dataSourceName: \"x.db\", table: \"t\", batchSize: 500)\nsql.from(driverName: \"postgres\", "
                  "dataSourceName: \"postgres://u@localhost/db\", query: \"SELECT 1\")")
              .ok);
    auto bad = e.check("import \"sql\"\nsql.from(driverName: \"sqlite3\", dataSourceName: \"x\", query: 1)");
    CHECK_FALSE(bad.ok);
    CHECK(bad.error.find("expected string but found int (argument query)") != std::string::npos);
}

TEST_CASE("sql.to and mqtt.publish with --no-side-effects: recorded and printed, not performed") {
    fluxi::test::ServiceDir dir("fluxi-sqlite");
    const std::string db = dir.sub("held.db");
    std::vector<fluxi::net::OutboundRecord> printed;
    fluxi::net::setOutboundMode(fluxi::net::OutboundMode::Record);
    fluxi::net::setRecordedRequestPrinter([&](const fluxi::net::OutboundRecord& r) { printed.push_back(r); });
    std::string script = std::string("import \"internal/debug\"\n") + kRows +
                         "data |> sql.to(driverName: \"sqlite3\", dataSourceName: \"" + db + "\", table: \"readings\")\n";
    std::string written = runTables(script);
    // No broker listens on port 1: a publish that were performed would fail.
    std::string published = fluxi::testutil::eval(
        "import \"experimental/mqtt\"\nmqtt.publish(broker: \"tcp://127.0.0.1:1\", topic: \"t/x\", message: \"m 1\")");
    fluxi::net::setOutboundMode(fluxi::net::OutboundMode::Send);
    fluxi::net::setRecordedRequestPrinter(nullptr);
    CHECK(written.find("[] _time:time,f:float") == 0);
    CHECK(sqliteScalar(db, "SELECT count(*) FROM sqlite_master WHERE name = 'readings'") != "1");
    CHECK(published == "true");
    REQUIRE(printed.size() == 2);
    CHECK(printed[0].method == "SQL INSERT");
    CHECK(printed[0].url == "sqlite3 table readings");
    CHECK(printed[0].body == "2 rows");
    CHECK_FALSE(printed[0].sent);
    CHECK(printed[1].method == "MQTT PUBLISH");
    CHECK(printed[1].url == "tcp://127.0.0.1:1 topic t/x");
    CHECK(printed[1].body == "m 1");
}
