// Remote InfluxDB 2-compatible servers as a source and sink: from(host:) and to(host:) against a
// second `fluxi serve`, with results equal to the same query on that server's embedded store, the
// range and filters pushed down into the query sent (checked on a recording receiver), and remote
// errors reported with the server's message.
#include <doctest/doctest.h>

#include "api/engine.h"
#include "tests/support/http_receiver.h"
#include "tests/support/serve_process.h"

using namespace fluxi::testutil;
using fluxi::net::HttpResponse;

namespace {

std::string runCsv(const std::string& flux, const std::string& dataDir = "") {
    TempDir t;
    t.write("q.flux", flux);
    Run r = runFluxi(t, "run --format csv" + (dataDir.empty() ? std::string() : " --data '" + dataDir + "'") + " '" +
                            (t.path / "q.flux").string() + "'");
    INFO(r.err);
    REQUIRE(r.status == 0);
    return r.out;
}

const char* kData =
    "cpu,host=a,region=eu usage=1.5 1700000000000000000\n"
    "cpu,host=a,region=eu usage=2.5 1700000060000000000\n"
    "cpu,host=b,region=us usage=10 1700000000000000000\n"
    "cpu,host=c,region=us usage=7 1700000120000000000\n"
    "mem,host=a,region=eu used=3i 1700000000000000000\n"
    "mem,host=a,region=eu note=\"x, \\\"y\\\"\" 1700000000000000000\n";

}  // namespace

TEST_CASE("remote: from(host:) against a second fluxi serve equals the query on its store") {
    TempDir t;
    t.write("token", "remote-token\n");
    ServeProcess remote({"--token-file", (t.path / "token").string()});
    const fluxi::net::HttpHeaders auth = {{"Authorization", "Token remote-token"}};
    REQUIRE(httpCall("POST", remote.url("/api/v2/buckets"), R"({"name":"src"})", auth).status == 201);
    REQUIRE(httpCall("POST", remote.url("/api/v2/write?bucket=src"), kData, auth).status == 204);
    const std::string conn = "bucket: \"src\", host: \"" + remote.url() + "\", org: \"my-org\", token: \"remote-token\"";
    for (const std::string& pipeline : {
             std::string("|> range(start: 2023-11-01T00:00:00Z, stop: 2023-12-01T00:00:00Z)"),
             std::string("|> range(start: 2023-11-01T00:00:00Z, stop: 2023-12-01T00:00:00Z) |> filter(fn: (r) => "
                         "r._measurement == \"cpu\" and (r.host == \"a\" or r.region =~ /^u/))"),
             std::string("|> range(start: 2023-11-14T22:14:00Z, stop: 2023-12-01T00:00:00Z) |> filter(fn: (r) => "
                         "r._measurement == \"cpu\") |> filter(fn: (r) => r._value > 2.0) |> mean()"),
             std::string("|> range(start: 2023-11-01T00:00:00Z, stop: 2023-11-15T00:00:00Z) |> filter(fn: (r) => r._field == \"note\" or r._field "
                         "== \"used\") |> count()"),
             std::string("|> range(start: 2023-11-14T22:00:00Z, stop: 2023-11-14T23:00:00Z) |> filter(fn: (r) => r.host != \"a\") |> "
                         "aggregateWindow(every: 1m, fn: sum)"),
         }) {
        CAPTURE(pipeline);
        std::string viaRemote = runCsv("from(" + conn + ")\n" + pipeline);
        std::string onStore = runCsv("from(bucket: \"src\")\n" + pipeline, remote.dataDir());
        CHECK(viaRemote == onStore);
        CHECK(viaRemote.size() > 10);
    }
    // errors of the remote server come back with its message
    TempDir q;
    Run wrong = runFluxi(q, "run -e 'from(bucket: \"src\", host: \"" + remote.url() +
                                "\", token: \"nope\") |> range(start: 0)'");
    CHECK(wrong.status != 0);
    CHECK_MESSAGE(wrong.err.find("answered HTTP 401: unauthorized access") != std::string::npos, wrong.err);
    CHECK(wrong.err.find("nope") == std::string::npos);
    Run missing = runFluxi(q, "run -e 'from(bucket: \"zzz\", host: \"" + remote.url() +
                                  "\", token: \"remote-token\") |> range(start: 0)'");
    CHECK(missing.status != 0);
    CHECK_MESSAGE(missing.err.find("answered HTTP 404") != std::string::npos, missing.err);
    Run unbounded = runFluxi(q, "run -e 'from(bucket: \"src\", host: \"" + remote.url() + "\") |> count()'");
    CHECK(unbounded.status != 0);
    CHECK(unbounded.err.find("cannot submit unbounded read") != std::string::npos);
}

TEST_CASE("remote: from(host:) pushes range and filters into the query it sends") {
    fluxi::test::HttpReceiver receiver;
    receiver.respond({200,
                      "#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,string,string\r\n"
                      "#group,false,false,true,true,false,false,true,true,true\r\n"
                      "#default,_result,,,,,,,,\r\n"
                      ",result,table,_start,_stop,_time,_value,_field,_measurement,host\r\n"
                      ",,0,2023-01-01T00:00:00Z,2024-01-01T00:00:00Z,2023-06-01T00:00:00Z,4.5,usage,cpu,a\r\n\r\n",
                      "text/csv", std::chrono::milliseconds(0), ""});
    fluxi::Engine engine;
    fluxi::RunResult r = engine.run(
        "x = \"a\"\nfrom(bucket: \"b\", host: \"" + receiver.url("") +
        "\", org: \"o r g\", token: \"tok\")\n  |> range(start: 2023-01-01T00:00:00Z, stop: 2024-01-01T00:00:00Z)\n"
        "  |> filter(fn: (r) => r._measurement == \"cpu\" and r.host == x)\n  |> filter(fn: (r) => r.host =~ /a\\/b|a/)\n"
        "  |> filter(fn: (r) => r._value > 1.0)");
    REQUIRE_MESSAGE(r.ok, r.error);
    auto reqs = receiver.requests();
    REQUIRE(reqs.size() == 1);
    CHECK(reqs[0].path == "/api/v2/query");
    CHECK(reqs[0].query.find("org")->second == "o r g");
    CHECK(reqs[0].header("Authorization") == "Token tok");
    const std::string& body = reqs[0].body;
    CHECK_MESSAGE(body.find(R"(from(bucket: \"b\")\n  |> range(start: 2023-01-01T00:00:00Z, stop: 2024-01-01T00:00:00Z)\n  |> filter(fn: (r) => (r[\"_measurement\"] == \"cpu\" and r[\"host\"] == \"a\"))\n  |> filter(fn: (r) => r[\"host\"] =~ /a\\/b|a/))") != std::string::npos, body);
    CHECK(body.find("_value") == std::string::npos);  // the _value filter runs locally
    CHECK(body.find(R"("annotations":["datatype","group","default"])") != std::string::npos);
}

TEST_CASE("remote: to(host:) writes line protocol to a second fluxi serve") {
    ServeProcess remote;
    REQUIRE(httpCall("POST", remote.url("/api/v2/buckets"), R"({"name":"dst"})").status == 201);
    const std::string script =
        "import \"array\"\n"
        "array.from(rows: [\n"
        "  {_time: 2023-11-14T22:13:20Z, _measurement: \"m\", host: \"a b\", _field: \"f\", _value: 1.25},\n"
        "  {_time: 2023-11-14T22:13:21Z, _measurement: \"m\", host: \"a,b\", _field: \"f\", _value: 2.0},\n"
        "  {_time: 2023-11-14T22:13:22Z, _measurement: \"m\", host: \"c\", _field: \"f\", _value: -3.5}])\n"
        "  |> to(bucket: \"dst\", host: \"" + remote.url() + "\", org: \"o\")\n";
    runCsv(script);
    std::string back = runCsv("from(bucket: \"dst\") |> range(start: 0) |> group() |> sort(columns: [\"_time\"]) "
                              "|> keep(columns: [\"_time\", \"host\", \"_value\"])",
                              remote.dataDir());
    CHECK_MESSAGE(back.find(",,0,2023-11-14T22:13:20Z,1.25,a b\r\n,,0,2023-11-14T22:13:21Z,2,\"a,b\"\r\n,,0,2023-11-14T22:13:22Z,-3.5,c\r\n") !=
                      std::string::npos,
                  back);
    TempDir q;
    Run missing = runFluxi(q, "run -e 'import \"array\"\narray.from(rows: [{_time: now(), _measurement: \"m\", _field: "
                              "\"f\", _value: 1}]) |> to(bucket: \"nope\", host: \"" + remote.url() + "\")'");
    CHECK(missing.status != 0);
    CHECK_MESSAGE(missing.err.find("answered HTTP 404") != std::string::npos, missing.err);
}

TEST_CASE("remote: a fluxi serve whose queries read another fluxi serve") {
    ServeProcess origin;
    REQUIRE(httpCall("POST", origin.url("/api/v2/buckets"), R"({"name":"src"})").status == 201);
    REQUIRE(httpCall("POST", origin.url("/api/v2/write?bucket=src"), kData).status == 204);
    ServeProcess front;
    HttpResponse r = fluxQuery(front, "from(bucket: \"src\", host: \"" + origin.url() +
                                          "\") |> range(start: 2023-11-01T00:00:00Z) |> filter(fn: (r) => r._field == "
                                          "\"usage\") |> group() |> sum()");
    REQUIRE_MESSAGE(r.status == 200, r.body);
    CHECK_MESSAGE(r.body.find(",21\r\n") != std::string::npos, r.body);  // 1.5 + 2.5 + 10 + 7
}
