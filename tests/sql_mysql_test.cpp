// sql.from / sql.to with the mysql driver against a real MariaDB server started for the test process
// (tests/support/mysql_server.h): round trips of every column type with nulls, the reference's type
// mapping of sql.from, the Go driver's data source names, one transaction per call, and the errors
// (bad data source names, connection refused, wrong password, bad SQL, values that do not fit).
#include <doctest/doctest.h>

#include <string>

#include "fluxi/fluxi.h"
#include "tests/support/flux_run.h"
#include "tests/support/mysql_server.h"

using fluxi::testutil::runTables;

namespace {

std::string myFrom(const std::string& dsn, const std::string& query) {
    return runTables("import \"sql\"\nsql.from(driverName: \"mysql\", dataSourceName: \"" + dsn + "\", query: \"" +
                     query + "\")");
}

}  // namespace

TEST_CASE("sql mysql: to then from gives the rows back with MySQL's types; nulls stay null") {
    auto& my = fluxi::test::sharedMySql();
    std::string script = R"(
import "array"
import "sql"
import "internal/debug"
array.from(rows: [
    {_time: 2024-01-01T00:00:01Z, f: 1.5, i: -3, u: uint(v: "18446744073709551615"), s: "it's \"quoted\" `x`", b: true, n: 1},
    {_time: 1999-12-31T23:59:59Z, f: -0.25, i: 9223372036854775807, u: uint(v: 0), s: "", b: false, n: 2},
])
    |> map(fn: (r) => ({r with n: if r.n == 2 then r.n else int(v: debug.null())}))
    |> sql.to(driverName: "mysql", dataSourceName: ")" + my.dsn() + R"(", table: "roundtrip")
)";
    std::string written = runTables(script);
    CHECK_MESSAGE(written.rfind("[] _time:time,f:float,i:int,u:uint,s:string,b:bool,n:int\n", 0) == 0, written);
    // uint comes back as a string (BIGINT UNSIGNED) and bool as an int (TINYINT), as in the reference.
    CHECK(myFrom(my.dsn(), "SELECT * FROM roundtrip ORDER BY i") ==
          "[] _time:time,f:float,i:int,u:string,s:string,b:int,n:int\n"
          "2024-01-01T00:00:01Z,1.5,-3,\"18446744073709551615\",\"it's \\\"quoted\\\" `x`\",1,null\n"
          "1999-12-31T23:59:59Z,-0.25,9223372036854775807,\"0\",\"\",0,2");
    CHECK(myFrom(my.dsn(),
                 "SELECT CONCAT(column_name, ' ', column_type) AS c FROM information_schema.columns WHERE table_schema = "
                 "'fluxi' AND table_name = 'roundtrip' ORDER BY ordinal_position") ==
          "[] c:string\n\"_time datetime\"\n\"f float\"\n\"i bigint(20)\"\n\"u bigint(20) unsigned\"\n\"s text\"\n"
          "\"b tinyint(1)\"\n\"n bigint(20)\"");
    // Writing again appends to the existing table.
    runTables(script);
    CHECK(myFrom(my.dsn(), "SELECT count(*) AS n FROM roundtrip") == "[] n:int\n4");
}

TEST_CASE("sql mysql: from maps MySQL's types as the reference") {
    auto& my = fluxi::test::sharedMySql();
    CHECK(myFrom(my.dsn(), "DROP TABLE IF EXISTS types") == "[]");
    CHECK(myFrom(my.dsn(),
                 "CREATE TABLE types (a TINYINT, b SMALLINT, c INT, d BIGINT, e MEDIUMINT, f INT UNSIGNED, g FLOAT, "
                 "h DOUBLE, i DECIMAL(5,2), j DATETIME(6), k TIMESTAMP NULL, l DATE, m VARCHAR(10), n TEXT, o BIGINT)") ==
          "[]");
    CHECK(myFrom(my.dsn(), "INSERT INTO types VALUES (-1, 2, 3, 4, 5, 6, 1.5, 2.25, 12.50, '2024-02-29 01:02:03.5', "
                           "'2024-01-01 00:00:00', '2024-03-01', 'x', 'y', NULL)") == "[]");
    CHECK(myFrom(my.dsn(), "SELECT * FROM types") ==
          "[] a:int,b:int,c:int,d:int,e:string,f:string,g:float,h:float,i:string,j:time,k:string,l:string,m:string,"
          "n:string,o:int\n"
          "-1,2,3,4,\"5\",\"6\",1.5,2.25,\"12.50\",2024-02-29T01:02:03.5Z,\"2024-01-01 00:00:00\",\"2024-03-01\",\"x\","
          "\"y\",null");
    // An empty result keeps its columns.
    CHECK(myFrom(my.dsn(), "SELECT a FROM types WHERE false") == "[] a:int");
}

TEST_CASE("sql mysql: to is one transaction per call; values that do not fit roll everything back") {
    auto& my = fluxi::test::sharedMySql();
    CHECK(myFrom(my.dsn(), "DROP TABLE IF EXISTS typed") == "[]");
    CHECK(myFrom(my.dsn(), "CREATE TABLE typed (k TEXT, v TINYINT) ENGINE=InnoDB") == "[]");
    std::string script = R"(
import "array"
import "sql"
array.from(rows: [{k: "a", v: 1}, {k: "b", v: 2}, {k: "c", v: 300}])
    |> group(columns: ["k"])
    |> sql.to(driverName: "mysql", dataSourceName: ")" + my.dsn() + R"(", table: "typed")
)";
    std::string failed = runTables(script);
    CHECK_MESSAGE(failed.rfind("error: sql.to: mysql: the INSERT failed: Out of range value for column 'v'", 0) == 0,
                  failed);
    CHECK(failed.find("(nothing was written)") != std::string::npos);
    CHECK(myFrom(my.dsn(), "SELECT count(*) AS n FROM typed") == "[] n:int\n0");
    // Many rows in several INSERTs, all committed together.
    CHECK(runTables("import \"sql\"\nimport \"generate\"\ngenerate.from(count: 3000, fn: (n) => n, start: "
                    "2024-01-01T00:00:00Z, stop: 2024-01-02T00:00:00Z) |> sql.to(driverName: \"mysql\", "
                    "dataSourceName: \"" + my.dsn() + "\", table: \"many\", batchSize: 1000) |> count() |> keep(columns: [\"_value\"])") ==
          "[] _value:int\n3000");
    CHECK(myFrom(my.dsn(), "SELECT count(*) AS n, CAST(sum(_value) AS SIGNED) AS s FROM many") == "[] n:int,s:int\n3000,4498500");
}

TEST_CASE("sql mysql: data source names as the Go driver reads them") {
    auto& my = fluxi::test::sharedMySql();
    std::string port = std::to_string(my.port());
    // parameters: timeouts, parseTime, and a session variable
    CHECK(myFrom("fluxi:secret@tcp(127.0.0.1:" + port + ")/fluxi?timeout=5s&parseTime=true&sql_mode=%27ANSI_QUOTES%27",
                 "SELECT @@SESSION.sql_mode AS m") == "[] m:string\n\"ANSI_QUOTES\"");
    CHECK(myFrom("fluxi:secret@tcp(127.0.0.1:" + port + ")/", "SELECT DATABASE() AS d") == "[] d:string\nnull");
    CHECK(myFrom("fluxi:secret@tcp(127.0.0.1:" + port + ")/fluxi", "SELECT @@SESSION.time_zone AS z") ==
          "[] z:string\n\"+00:00\"");
    CHECK(myFrom("fluxi:secret@tcp(127.0.0.1:" + port + ")", "SELECT 1") ==
          "error: sql.from: mysql: invalid data source name: missing the slash before the database name "
          "(user:password@tcp(host:port)/dbname)");
    CHECK(myFrom("fluxi:secret@udp(127.0.0.1:" + port + ")/fluxi", "SELECT 1") ==
          "error: sql.from: mysql: invalid data source name: unknown network \"udp\" (tcp or unix)");
    CHECK(myFrom("fluxi:secret@tcp(127.0.0.1:" + port + ")/fluxi?timeout=soon", "SELECT 1") ==
          "error: sql.from: mysql: invalid data source name: timeout=soon is not a duration (for example 5s or 500ms)");
    CHECK(myFrom("fluxi:secret@tcp(127.0.0.1:" + port + ")/fluxi?loc=Local", "SELECT 1") ==
          "error: sql.from: mysql: invalid data source name: loc=Local: fluxi reads and writes DATETIME values as UTC "
          "only");
}

TEST_CASE("sql mysql: bad SQL, wrong password, unknown database and connection refused are clear errors") {
    auto& my = fluxi::test::sharedMySql();
    std::string port = std::to_string(my.port());
    std::string bad = myFrom(my.dsn(), "SELEC 1");
    CHECK_MESSAGE(bad.rfind("error: sql.from: mysql: the query failed: You have an error in your SQL syntax", 0) == 0, bad);
    CHECK(myFrom(my.dsn(), "SELECT * FROM nope") == "error: sql.from: mysql: the query failed: Table 'fluxi.nope' doesn't exist");
    std::string denied = myFrom("fluxi:wrong@tcp(127.0.0.1:" + port + ")/fluxi", "SELECT 1");
    CHECK_MESSAGE(denied.rfind("error: sql.from: mysql: cannot connect: Access denied for user 'fluxi'", 0) == 0, denied);
    std::string nodb = myFrom("fluxi:secret@tcp(127.0.0.1:" + port + ")/nosuchdb", "SELECT 1");
    CHECK_MESSAGE(nodb.find("Unknown database 'nosuchdb'") != std::string::npos, nodb);
    int closed = fluxi::test::freeLoopbackPort();
    std::string refused = myFrom("fluxi:secret@tcp(127.0.0.1:" + std::to_string(closed) + ")/fluxi", "SELECT 1");
    CHECK_MESSAGE(refused.rfind("error: sql.from: mysql: cannot connect: ", 0) == 0, refused);
    fluxi::Engine e;
    auto r = e.run("import \"sql\"\nsql.from(driverName: \"mysql\", dataSourceName: \"fluxi:secret@tcp(127.0.0.1:" +
                   std::to_string(closed) + ")/fluxi\", query: \"SELECT 1\")");
    CHECK(r.code == fluxi::ErrorCode::Unavailable);
}
