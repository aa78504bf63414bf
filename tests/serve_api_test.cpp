// `fluxi serve`: the InfluxDB v2 routes (query with its dialects, write, buckets, health, ping, v1
// write and query) driven over HTTP against a real server process; results compared with `fluxi run`
// on the same data folder.
#include <doctest/doctest.h>

#include "tests/support/serve_process.h"

using namespace fluxi::testutil;
using fluxi::net::HttpResponse;

namespace {

const char* kLines =
    "cpu,host=a usage=1.5 1700000000000000000\n"
    "cpu,host=a usage=2.5 1700000010000000000\n"
    "cpu,host=b usage=10 1700000000000000000\n"
    "mem,host=a used=7i 1700000000000000000\n";

void createBucket(const ServeProcess& s, const std::string& name) {
    HttpResponse r = httpCall("POST", s.url("/api/v2/buckets"), R"({"name":")" + name + R"(","orgID":"x"})",
                              {{"Content-Type", "application/json"}});
    REQUIRE_MESSAGE(r.status == 201, r.body);
}

void writeLines(const ServeProcess& s, const std::string& bucket, const std::string& lines) {
    HttpResponse w = httpCall("POST", s.url("/api/v2/write?org=o&bucket=" + bucket + "&precision=ns"), lines);
    REQUIRE_MESSAGE(w.status == 204, w.body);
}

}  // namespace

TEST_CASE("serve: health, ping and ready") {
    ServeProcess s;
    HttpResponse h = httpCall("GET", s.url("/health"));
    CHECK(h.status == 200);
    CHECK(h.body.find(R"("status":"pass")") != std::string::npos);
    HttpResponse p = httpCall("GET", s.url("/ping"));
    CHECK(p.status == 204);
    REQUIRE(p.header("X-Influxdb-Version"));
    CHECK(p.header("X-Influxdb-Version")->find("fluxi") != std::string::npos);
    CHECK(httpCall("HEAD", s.url("/ping")).status == 204);
    CHECK(httpCall("GET", s.url("/ready")).status == 200);
    HttpResponse nf = httpCall("GET", s.url("/api/v2/nothing"));
    CHECK(nf.status == 404);
    CHECK(nf.body.find(R"("code":"not found")") != std::string::npos);
}

TEST_CASE("serve: write then query, as fluxi run sees the same store") {
    ServeProcess s;
    createBucket(s, "b");
    writeLines(s, "b", kLines);
    const std::string flux =
        "from(bucket: \"b\") |> range(start: 2023-01-01T00:00:00Z, stop: 2024-01-01T00:00:00Z) |> filter(fn: (r) => "
        "r._measurement == \"cpu\")";

    SUBCASE("JSON body with InfluxDB's client dialect: datatype, group, default annotations") {
        std::string body = R"({"query":)" + std::string("\"") +
                           "from(bucket: \\\"b\\\") |> range(start: 2023-01-01T00:00:00Z, stop: 2024-01-01T00:00:00Z) "
                           "|> filter(fn: (r) => r._measurement == \\\"cpu\\\")" +
                           R"(","type":"flux","dialect":{"header":true,"delimiter":",","annotations":["datatype","group","default"],"commentPrefix":"#","dateTimeFormat":"RFC3339"}})";
        HttpResponse r = httpCall("POST", s.url("/api/v2/query?org=o"), body, {{"Content-Type", "application/json"}});
        REQUIRE_MESSAGE(r.status == 200, r.body);
        REQUIRE(r.header("Content-Type"));
        CHECK(r.header("Content-Type")->find("text/csv") == 0);
        // the same as `fluxi run --format csv` on the same folder (the server holds no other state)
        TempDir t;
        Run cli = runFluxi(t, "run --format csv --data '" + s.dataDir() + "' -e '" + flux + "'");
        REQUIRE_MESSAGE(cli.status == 0, cli.err);
        CHECK(r.body == cli.out);
        CHECK(r.body.find("#datatype,string,long,dateTime:RFC3339,dateTime:RFC3339,dateTime:RFC3339,double,string,"
                          "string,string\r\n#group,false,false,true,true,false,false,true,true,true\r\n#default,_result,") == 0);
    }
    SUBCASE("application/vnd.flux: InfluxDB's default dialect has no annotations; rows carry the result name") {
        HttpResponse r = fluxQuery(s, flux);
        REQUIRE_MESSAGE(r.status == 200, r.body);
        CHECK(r.body ==
              ",result,table,_start,_stop,_time,_value,_field,_measurement,host\r\n"
              ",_result,0,2023-01-01T00:00:00Z,2024-01-01T00:00:00Z,2023-11-14T22:13:20Z,1.5,usage,cpu,a\r\n"
              ",_result,0,2023-01-01T00:00:00Z,2024-01-01T00:00:00Z,2023-11-14T22:13:30Z,2.5,usage,cpu,a\r\n"
              ",_result,1,2023-01-01T00:00:00Z,2024-01-01T00:00:00Z,2023-11-14T22:13:20Z,10,usage,cpu,b\r\n"
              "\r\n");
    }
    SUBCASE("dialect: annotations in the requested order, no header, another delimiter") {
        std::string body = R"x({"query":"from(bucket: \"b\") |> range(start: 2023-01-01T00:00:00Z, stop: 2024-01-01T00:00:00Z) |> filter(fn: (r) => r.host == \"b\") |> keep(columns: [\"_value\", \"host\"])","dialect":{"header":false,"delimiter":";","annotations":["group","datatype"]}})x";
        HttpResponse r = httpCall("POST", s.url("/api/v2/query"), body, {{"Content-Type", "application/json"}});
        REQUIRE_MESSAGE(r.status == 200, r.body);
        CHECK(r.body == "#group;false;false;false;true\r\n#datatype;string;long;double;string\r\n;_result;0;10;b\r\n\r\n");
    }
    SUBCASE("now from the request fixes now()") {
        HttpResponse r = httpCall("POST", s.url("/api/v2/query"),
                                  R"x({"query":"import \"array\"\narray.from(rows: [{t: now()}])","now":"2021-02-03T04:05:06Z"})x",
                                  {{"Content-Type", "application/json"}});
        REQUIRE_MESSAGE(r.status == 200, r.body);
        CHECK(r.body == ",result,table,t\r\n,_result,0,2021-02-03T04:05:06Z\r\n\r\n");
    }
    SUBCASE("to() through the API writes to the store") {
        HttpResponse r = fluxQuery(s, flux + " |> map(fn: (r) => ({r with _value: r._value * 2.0})) |> to(bucket: \"b2\")");
        REQUIRE_MESSAGE(r.status == 200, r.body);
        HttpResponse c = fluxQuery(s, "from(bucket: \"b2\") |> range(start: 0) |> group() |> sum()");
        REQUIRE_MESSAGE(c.status == 200, c.body);
        CHECK(c.body.find(",28\r\n") != std::string::npos);  // 2 * (1.5 + 2.5 + 10)
    }
}

TEST_CASE("serve: query errors are InfluxDB JSON errors with the right status") {
    ServeProcess s;
    struct Case {
        std::string contentType, body;
        int status;
        std::string code, fragment;
    };
    for (const Case& c : std::vector<Case>{
             {"application/vnd.flux", "fro(bucket: \"x\")", 400, "invalid", "undefined identifier fro"},
             {"application/vnd.flux", "1 +", 400, "invalid", "error"},
             {"application/vnd.flux", "x = 1\nx + \"a\"", 400, "invalid", "error"},
             {"application/vnd.flux", "from(bucket: \"nope\") |> range(start: 0)", 404, "not found", "nope"},
             {"application/vnd.flux", "   ", 400, "invalid", "empty"},
             {"application/json", "{\"query\": ", 400, "invalid", "not valid JSON"},
             {"application/json", "[1, 2]", 400, "invalid", "JSON object"},
             {"application/json", "{\"qery\": \"1\"}", 400, "invalid", "missing \\\"query\\\""},
             {"application/json", "{\"query\": \"1\", \"dialect\": {\"annotations\": [\"x\"]}}", 400, "invalid", "annotations"},
             {"application/json", "{\"query\": \"1\", \"dialect\": {\"delimiter\": \"ab\"}}", 400, "invalid", "delimiter"},
             {"application/json", "{\"query\": \"1\", \"now\": \"yesterday\"}", 400, "invalid", "RFC3339"},
             {"application/json", "{\"query\": \"SELECT 1\", \"type\": \"influxql\"}", 501, "not implemented", "InfluxQL"},
         }) {
        CAPTURE(c.body);
        HttpResponse r = httpCall("POST", s.url("/api/v2/query"), c.body, {{"Content-Type", c.contentType}});
        CHECK(r.status == c.status);
        CHECK(r.body.find("\"code\":\"" + c.code + "\"") != std::string::npos);
        CHECK_MESSAGE(r.body.find(c.fragment) != std::string::npos, r.body);
        REQUIRE(r.header("Content-Type"));
        CHECK(r.header("Content-Type")->find("application/json") == 0);
    }
    CHECK(httpCall("GET", s.url("/health")).status == 200);  // still up
}

TEST_CASE("serve: write errors: bad line protocol names the line, missing bucket 404, type conflict 422") {
    ServeProcess s;
    createBucket(s, "b");
    SUBCASE("a malformed line: 400 naming it, and nothing of the batch is written") {
        HttpResponse r = httpCall("POST", s.url("/api/v2/write?bucket=b"), "m v=1 1\nm v= 2\nm v=3 3\n");
        CHECK(r.status == 400);
        CHECK(r.body.find("\"code\":\"invalid\"") != std::string::npos);
        CHECK_MESSAGE(r.body.find("unable to parse 'm v= 2': line 2") != std::string::npos, r.body);
        HttpResponse q = fluxQuery(s, "from(bucket: \"b\") |> range(start: 0)");
        CHECK(q.status == 200);
        CHECK(q.body == "\r\n");  // an empty result
    }
    SUBCASE("a missing bucket: 404 like InfluxDB, and no bucket is created") {
        HttpResponse r = httpCall("POST", s.url("/api/v2/write?bucket=missing"), "m v=1 1\n");
        CHECK(r.status == 404);
        CHECK(r.body.find("\"code\":\"not found\"") != std::string::npos);
        HttpResponse l = httpCall("GET", s.url("/api/v2/buckets?name=missing"));
        CHECK(l.body.find("\"buckets\":[]") != std::string::npos);
    }
    SUBCASE("a field type conflict: 422") {
        REQUIRE(httpCall("POST", s.url("/api/v2/write?bucket=b"), "m v=1 1\n").status == 204);
        HttpResponse r = httpCall("POST", s.url("/api/v2/write?bucket=b"), "m v=\"s\" 2\n");
        CHECK(r.status == 422);
        CHECK(r.body.find("conflict") != std::string::npos);
    }
    SUBCASE("precision") {
        REQUIRE(httpCall("POST", s.url("/api/v2/write?bucket=b&precision=s"), "m v=1 1700000000\n").status == 204);
        HttpResponse q = fluxQuery(s, "from(bucket: \"b\") |> range(start: 0) |> keep(columns: [\"_time\"])");
        CHECK(q.body.find("2023-11-14T22:13:20Z") != std::string::npos);
        HttpResponse bad = httpCall("POST", s.url("/api/v2/write?bucket=b&precision=h"), "m v=1 1\n");
        CHECK(bad.status == 400);
        CHECK(bad.body.find("precision") != std::string::npos);
    }
    SUBCASE("gzip bodies") {
        TempDir t;
        t.write("lines", "g v=1i 1\ng v=2i 2\ng v=3i 3\n");
        REQUIRE(std::system(("gzip -c '" + (t.path / "lines").string() + "' > '" + (t.path / "lines.gz").string() + "'").c_str()) == 0);
        HttpResponse r = httpCall("POST", s.url("/api/v2/write?bucket=b"), readFile(t.path / "lines.gz"),
                                  {{"Content-Encoding", "gzip"}});
        REQUIRE_MESSAGE(r.status == 204, r.body);
        HttpResponse q = fluxQuery(s, "from(bucket: \"b\") |> range(start: 0) |> filter(fn: (r) => r._measurement == \"g\") |> sum()");
        CHECK(q.body.find(",v,g,6\r\n") != std::string::npos);
        HttpResponse corrupt = httpCall("POST", s.url("/api/v2/write?bucket=b"), "not gzip at all",
                                        {{"Content-Encoding", "gzip"}});
        CHECK(corrupt.status == 400);
    }
}

TEST_CASE("serve: buckets: create, list, get, update retention, delete") {
    ServeProcess s;
    HttpResponse c = httpCall("POST", s.url("/api/v2/buckets"),
                              R"({"name":"weekly","orgID":"o","retentionRules":[{"type":"expire","everySeconds":604800}]})",
                              {{"Content-Type", "application/json"}});
    REQUIRE_MESSAGE(c.status == 201, c.body);
    CHECK(c.body.find(R"("name":"weekly")") != std::string::npos);
    CHECK(c.body.find(R"("everySeconds":604800)") != std::string::npos);
    std::smatch m;
    REQUIRE(std::regex_search(c.body, m, std::regex(R"re("id":"([0-9a-f]{16})")re")));
    const std::string id = m[1].str();

    HttpResponse dup = httpCall("POST", s.url("/api/v2/buckets"), R"({"name":"weekly"})");
    CHECK(dup.status == 422);
    CHECK(dup.body.find("\"code\":\"conflict\"") != std::string::npos);
    CHECK(httpCall("POST", s.url("/api/v2/buckets"), R"({"nam":"x"})").status == 400);
    CHECK(httpCall("POST", s.url("/api/v2/buckets"), R"({"name":"x","retentionRules":[{"everySeconds":-1}]})").status == 400);

    HttpResponse list = httpCall("GET", s.url("/api/v2/buckets"));
    CHECK(list.status == 200);
    CHECK(list.body.find(R"("name":"weekly")") != std::string::npos);
    CHECK(httpCall("GET", s.url("/api/v2/buckets/" + id)).status == 200);
    HttpResponse patched = httpCall("PATCH", s.url("/api/v2/buckets/" + id), R"({"retentionRules":[{"everySeconds":3600}]})");
    CHECK(patched.status == 200);
    CHECK(patched.body.find(R"("everySeconds":3600)") != std::string::npos);
    CHECK(httpCall("DELETE", s.url("/api/v2/buckets/" + id)).status == 204);
    CHECK(httpCall("GET", s.url("/api/v2/buckets/" + id)).status == 404);
    CHECK(httpCall("DELETE", s.url("/api/v2/buckets/" + id)).status == 404);
}

TEST_CASE("serve: v1 compatibility: /write maps db and rp onto buckets, /query answers 501") {
    ServeProcess s;
    createBucket(s, "telegraf");
    createBucket(s, "telegraf/weekly");
    REQUIRE(httpCall("POST", s.url("/write?db=telegraf&precision=s"), "m v=1 1700000000\n").status == 204);
    REQUIRE(httpCall("POST", s.url("/write?db=telegraf&rp=autogen&precision=s"), "m v=2 1700000001\n").status == 204);
    REQUIRE(httpCall("POST", s.url("/write?db=telegraf&rp=weekly"), "m v=3 1\n").status == 204);
    CHECK(httpCall("POST", s.url("/write?db=nope"), "m v=3 1\n").status == 404);
    CHECK(httpCall("POST", s.url("/write?db=telegraf&rp=nope"), "m v=3 1\n").status == 404);
    CHECK(httpCall("POST", s.url("/write"), "m v=3 1\n").status == 400);
    HttpResponse q = fluxQuery(s, "from(bucket: \"telegraf\") |> range(start: 0) |> sum()");
    CHECK(q.body.find(",v,m,3\r\n") != std::string::npos);
    HttpResponse w = fluxQuery(s, "from(bucket: \"telegraf/weekly\") |> range(start: 0) |> sum()");
    CHECK(w.body.find(",v,m,3\r\n") != std::string::npos);
    HttpResponse v1 = httpCall("GET", s.url("/query?db=telegraf&q=SELECT%20*%20FROM%20m"));
    CHECK(v1.status == 501);
    CHECK(v1.body.find("InfluxQL") != std::string::npos);
}

TEST_CASE("serve: curl, as in the README") {
    ServeProcess s;
    createBucket(s, "example-bucket");
    TempDir t;
    const std::string base = s.url();
    std::string cmd = "curl -sS -o '" + (t.path / "w").string() + "' -w '%{http_code}' -X POST '" + base +
                      "/api/v2/write?org=my-org&bucket=example-bucket&precision=s' --data-binary 'cpu,host=a usage=0.5 "
                      "1700000000' > '" + (t.path / "wstatus").string() + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
    CHECK(readFile(t.path / "wstatus") == "204");
    cmd = "curl -sS -X POST '" + base +
          "/api/v2/query?org=my-org' -H 'Accept: application/csv' -H 'Content-Type: application/vnd.flux' "
          "--data 'from(bucket: \"example-bucket\") |> range(start: 2023-11-01T00:00:00Z) |> mean()' > '" +
          (t.path / "q").string() + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
    const std::string csv = readFile(t.path / "q");
    CHECK(csv.find(",result,table,") == 0);
    CHECK_MESSAGE(csv.find(",0.5") != std::string::npos, csv);
}
