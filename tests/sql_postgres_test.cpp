// sql.from / sql.to with the postgres driver against a real PostgreSQL server started for the test
// process (tests/support/postgres_server.h): round trips of every column type with nulls, the
// type mapping of sql.from, one transaction per call, and the errors (connection refused, a server
// that does not answer, bad SQL, a missing table, values of the wrong type).
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "tests/support/flux_run.h"
#include "tests/support/postgres_server.h"

using fluxi::testutil::runTables;

namespace {

std::string pgFrom(const std::string& dsn, const std::string& query) {
    return runTables("import \"sql\"\nsql.from(driverName: \"postgres\", dataSourceName: \"" + dsn + "\", query: \"" +
                     query + "\")");
}

}  // namespace

TEST_CASE("sql postgres: to then from gives the same rows and types (uint as int); nulls stay null") {
    auto& pg = fluxi::test::sharedPostgres();
    std::string script = R"(
import "array"
import "sql"
import "internal/debug"
array.from(rows: [
    {_time: 2024-01-01T00:00:00.123456Z, f: 1.5, i: -3, u: uint(v: 7), s: "it's \"quoted\"", b: true, n: 1},
    {_time: 1999-12-31T23:59:59Z, f: float(v: "-1e300"), i: 9223372036854775807, u: uint(v: 0), s: "", b: false, n: 2},
])
    |> map(fn: (r) => ({r with n: if r.n == 2 then r.n else int(v: debug.null())}))
    |> sql.to(driverName: "postgres", dataSourceName: ")" + pg.dsn() + R"(", table: "roundtrip")
)";
    std::string written = runTables(script);
    CHECK_MESSAGE(written.rfind("[] _time:time,f:float,i:int,u:uint,s:string,b:bool,n:int\n", 0) == 0, written);
    CHECK(pgFrom(pg.dsn(), "SELECT * FROM roundtrip ORDER BY i") ==
          "[] _time:time,f:float,i:int,u:int,s:string,b:bool,n:int\n"
          "2024-01-01T00:00:00.123456Z,1.5,-3,7,\"it's \\\"quoted\\\"\",true,null\n"
          "1999-12-31T23:59:59Z,-1e+300,9223372036854775807,0,\"\",false,2");
    CHECK(pgFrom(pg.dsn(),
                 "SELECT column_name || ' ' || data_type AS c FROM information_schema.columns WHERE table_name = "
                 "'roundtrip' ORDER BY ordinal_position") ==
          "[] c:string\n\"_time timestamp without time zone\"\n\"f double precision\"\n\"i bigint\"\n\"u bigint\"\n"
          "\"s text\"\n\"b boolean\"\n\"n bigint\"");
    // Writing again appends to the existing table.
    runTables(script);
    CHECK(pgFrom(pg.dsn(), "SELECT count(*) AS n FROM roundtrip") == "[] n:int\n4");
}

TEST_CASE("sql postgres: from maps PostgreSQL's types as the reference (timestamptz too)") {
    auto& pg = fluxi::test::sharedPostgres();
    CHECK(pgFrom(pg.dsn(),
                 "SELECT 1::int2 AS a, 2::int4 AS b, 3::int8 AS c, 1.5::float4 AS d, 2.5::float8 AS e, true AS f, "
                 "'2024-02-29'::date AS g, '2024-01-01 01:02:03.5'::timestamp AS h, "
                 "'2024-01-01 01:02:03+02'::timestamptz AS i, 'x'::text AS j, 'y'::varchar(3) AS k, "
                 "12.50::numeric AS l, '12:30:00'::time AS m, 'NaN'::float8 AS n, NULL::int8 AS o") ==
          "[] a:int,b:int,c:int,d:float,e:float,f:bool,g:time,h:time,i:time,j:string,k:string,l:string,m:string,"
          "n:float,o:int\n"
          "1,2,3,1.5,2.5,true,2024-02-29T00:00:00Z,2024-01-01T01:02:03.5Z,2023-12-31T23:02:03Z,\"x\",\"y\",\"12.50\","
          "\"12:30:00\",NaN,null");
    // A statement without rows gives a table without columns; an empty result keeps its columns.
    CHECK(pgFrom(pg.dsn(), "SELECT 1 AS a WHERE false") == "[] a:int");
}

TEST_CASE("sql postgres: to is one transaction per call; bad values roll everything back") {
    auto& pg = fluxi::test::sharedPostgres();
    CHECK(pgFrom(pg.dsn(), "CREATE TABLE typed (k text, v bigint)") == "[]");
    std::string script = R"(
import "array"
import "sql"
array.from(rows: [{k: "a", v: "1"}, {k: "b", v: "2"}, {k: "c", v: "three"}])
    |> group(columns: ["k"])
    |> sql.to(driverName: "postgres", dataSourceName: ")" + pg.dsn() + R"(", table: "typed")
)";
    CHECK(runTables(script) ==
          "error: sql.to: postgres: the INSERT failed: invalid input syntax for type bigint: \"three\" (nothing was "
          "written)");
    CHECK(pgFrom(pg.dsn(), "SELECT count(*) AS n FROM typed") == "[] n:int\n0");
    // A uint beyond bigint: PostgreSQL's own message.
    CHECK(runTables("import \"array\"\nimport \"sql\"\narray.from(rows: [{v: uint(v: \"18446744073709551615\")}]) |> "
                    "sql.to(driverName: \"postgres\", dataSourceName: \"" + pg.dsn() + "\", table: \"typed\")") ==
          "error: sql.to: postgres: the INSERT failed: value \"18446744073709551615\" is out of range for type bigint "
          "(nothing was written)");
    // Many rows in several INSERTs, all committed together.
    CHECK(runTables("import \"sql\"\nimport \"generate\"\ngenerate.from(count: 3000, fn: (n) => n, start: "
                    "2024-01-01T00:00:00Z, stop: 2024-01-02T00:00:00Z) |> sql.to(driverName: \"postgres\", "
                    "dataSourceName: \"" + pg.dsn() + "\", table: \"many\", batchSize: 1000) |> count() |> keep(columns: [\"_value\"])") ==
          "[] _value:int\n3000");
    CHECK(pgFrom(pg.dsn(), "SELECT count(*) AS n, sum(_value)::int8 AS s FROM many") == "[] n:int,s:int\n3000,4498500");
}

TEST_CASE("sql postgres: bad SQL, a missing table, connection refused and a silent server are clear errors") {
    auto& pg = fluxi::test::sharedPostgres();
    CHECK(pgFrom(pg.dsn(), "SELEC 1") == "error: sql.from: postgres: the query failed: syntax error at or near \"SELEC\"");
    CHECK(pgFrom(pg.dsn(), "SELECT * FROM nope") ==
          "error: sql.from: postgres: the query failed: relation \"nope\" does not exist");
    CHECK(pgFrom(pg.dsn("nosuchdb"), "SELECT 1").find("database \"nosuchdb\" does not exist") != std::string::npos);
    // Nothing listens on this port.
    int closed = fluxi::test::freeLoopbackPort();
    std::string refused =
        pgFrom("postgres://postgres@127.0.0.1:" + std::to_string(closed) + "/postgres?sslmode=disable", "SELECT 1");
    CHECK(refused.rfind("error: sql.from: postgres: cannot connect: ", 0) == 0);
    CHECK_MESSAGE(refused.find("Connection refused") != std::string::npos, refused);
    // A listener that never answers: connect_timeout bounds the wait.
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(fd, 4) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    auto t0 = std::chrono::steady_clock::now();
    std::string silent = pgFrom("postgres://postgres@127.0.0.1:" + std::to_string(ntohs(a.sin_port)) +
                                    "/postgres?sslmode=disable&connect_timeout=1",
                                "SELECT 1");
    auto took = std::chrono::steady_clock::now() - t0;
    ::close(fd);
    CHECK(silent.rfind("error: sql.from: postgres: cannot connect: ", 0) == 0);
    CHECK_MESSAGE(silent.find("timeout expired") != std::string::npos, silent);
    CHECK(took < std::chrono::seconds(5));
    fluxi::Engine e;
    auto r = e.run("import \"sql\"\nsql.from(driverName: \"postgres\", dataSourceName: \"postgres://postgres@127.0.0.1:" +
                   std::to_string(closed) + "/postgres?sslmode=disable\", query: \"SELECT 1\")");
    CHECK(r.code == fluxi::ErrorCode::Unavailable);
}
