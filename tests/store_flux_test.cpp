// Tests of the Flux functions over the store: from() tables (columns, group key, order, every value
// type), range/filter push-down giving the same results as row-by-row evaluation, the push-down
// analysis itself, to() (defaults, fieldFn, atomicity with the run) and buckets().
#include <doctest/doctest.h>

#include <cstdlib>

#include "eval/builtin.h"
#include "eval/table.h"
#include "api/engine.h"
#include "store/line_protocol.h"
#include "store/pushdown.h"
#include "store/store.h"
#include "store/store_stream.h"
#include "eval/kernels/aggregate_builtins.h"
#include "tests/support/store_test_util.h"

using namespace fluxi;
using fluxi::testutil::TempDataDir;

namespace {

constexpr int64_t kSec = 1000000000LL;
const char* kNow = "2024-01-01T00:00:00Z";

using testutil::writeLP;

// Every table of every result as text: key, then the rows (cells separated by '|').
std::string dump(const RunResult& r) {
    std::string out;
    for (auto& res : r.results) {
        for (const TablePtr& t : collect(*res.stream)) {
            out += "table";
            for (size_t k = 0; k < t->key.cols.size(); k++)
                out += " " + t->key.cols[k].name + "=" + formatValue(t->key.values[k]);
            out += "\n ";
            for (auto& m : t->meta) out += m.name + ":" + colTypeName(m.type) + " ";
            out += "\n";
            for (size_t row = 0; row < t->nrows; row++) {
                out += " ";
                for (size_t c = 0; c < t->numColumns(); c++) out += formatValue(t->column(c).get(row)) + "|";
                out += "\n";
            }
        }
    }
    return out;
}

RunResult run(const std::string& dir, const std::string& script) { return testutil::runWithStore(dir, script, kNow); }

const char* kData =
    "cpu,host=a,dc=x usage=1.5,n=1i,u=7u,s=\"one\",ok=true 1704060000\n"
    "cpu,host=a,dc=x usage=2.5,n=2i,u=8u,s=\"two\",ok=false 1704060010\n"
    "cpu,host=b usage=3.5 1704060005\n"
    "mem,host=a used=10i 1704060000\n"
    "mem free=4 1704060000\n";

}  // namespace

TEST_CASE("from: tables per series with InfluxDB's columns and group key") {
    TempDataDir dir;
    writeLP(dir.path(), "b", kData);
    auto r = run(dir.path(),
                 "from(bucket: \"b\") |> range(start: 2024-01-01T00:00:00Z, stop: 2024-01-01T00:00:00Z)");
    CHECK_MESSAGE(!r.ok, "an empty range must be an error");
    r = run(dir.path(), "from(bucket: \"b\") |> range(start: 2023-12-31T00:00:00Z)");
    REQUIRE_MESSAGE(r.ok, r.error);
    std::string d = dump(r);
    // first table: cpu,dc=x,host=a field n (fields sorted, tags sorted by key)
    CHECK(d.find("table _start=2023-12-31T00:00:00Z _stop=2024-01-01T00:00:00Z _field=\"n\" "
                 "_measurement=\"cpu\" dc=\"x\" host=\"a\"\n"
                 " _start:time _stop:time _time:time _value:int _field:string _measurement:string dc:string "
                 "host:string \n"
                 " 2023-12-31T00:00:00Z|2024-01-01T00:00:00Z|2023-12-31T22:00:00Z|1|\"n\"|\"cpu\"|\"x\"|\"a\"|\n"
                 " 2023-12-31T00:00:00Z|2024-01-01T00:00:00Z|2023-12-31T22:00:10Z|2|\"n\"|\"cpu\"|\"x\"|\"a\"|\n") == 0);
    CHECK(d.find("_value:float") != std::string::npos);
    CHECK(d.find("_value:uint") != std::string::npos);
    CHECK(d.find("_value:bool") != std::string::npos);
    CHECK(d.find("|\"two\"|\"s\"|") != std::string::npos);
    CHECK(d.find("|false|\"ok\"|") != std::string::npos);
    // 5 cpu series of host a, 1 of host b, 2 mem series
    size_t tables = 0;
    for (size_t p = d.find("table "); p != std::string::npos; p = d.find("table ", p + 1)) tables++;
    CHECK(tables == 8);
    // the mem table without tags comes after the one with host=a? order: measurement, tags, field
    CHECK(d.find("_field=\"used\"") > d.find("_measurement=\"cpu\" host=\"b\""));
}

TEST_CASE("from: errors") {
    TempDataDir dir;
    writeLP(dir.path(), "b", kData);
    auto r = run(dir.path(), "from(bucket: \"b\")");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(r.error.find("cannot submit unbounded read to \"b\"") != std::string::npos, r.error);
    r = run(dir.path(), "from(bucket: \"nope\")");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(r.error.find("bucket \"nope\" not found") != std::string::npos, r.error);
    r = run(dir.path(), "from()");
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("missing required argument bucket") != std::string::npos);
    r = run(dir.path(), "from(bucket: \"b\", host: \"x\")");  // remote reads: tests/serve_remote_test.cpp
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(r.error.find("host must be an http:// or https:// URL") != std::string::npos, r.error);
    r = run(dir.path(), "from(bucket: \"b\", token: \"t\") |> range(start: 0)");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(r.error.find("token is only used with host") != std::string::npos, r.error);
    r = run(dir.path(), "import \"influxdata/influxdb\"\ninfluxdb.from(bucketID: \"0000000000000000\")");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(r.error.find("no bucket with id") != std::string::npos, r.error);
}

TEST_CASE("from: bucketID and the influxdata/influxdb package") {
    TempDataDir dir;
    writeLP(dir.path(), "b", kData);
    std::string id = store::Store::open(dir.path())->findBucket("b")->id;
    auto a = run(dir.path(), "from(bucket: \"b\") |> range(start: 2023-12-31T00:00:00Z)");
    auto b = run(dir.path(), "import \"influxdata/influxdb\"\ninfluxdb.from(bucketID: \"" + id +
                                 "\") |> range(start: 2023-12-31T00:00:00Z)");
    REQUIRE_MESSAGE(b.ok, b.error);
    CHECK(dump(a) == dump(b));
}

TEST_CASE("push-down: analysis of filter functions") {
    // The analysis runs inside the script (through a host builtin), as it does for from() |> filter():
    // the global values a filter reads (`h`, `re`) belong to the run and are gone after it.
    TempDataDir dir;
    Engine e;
    e.setDataDir(dir.path());
    e.registerBuiltin("pushdowntest", "describe", "fn", [](CallContext&, const Args& a) {
        std::string why;
        auto p = store::pushDownFilter(*a.get("fn"), &why);
        if (p) return Value::string(p->describe());
        return Value::string(why.empty() ? std::string("not pushed down, no reason given") : "no: " + why);
    });
    auto r = e.run(
        "import \"pushdowntest\"\n"
        "h = \"a\"\nre = /^c/\n"
        "pushdowntest.describe(fn: (r) => r._measurement == \"cpu\" and (r.host != h or r[\"dc\"] =~ /x|y/))\n"
        "pushdowntest.describe(fn: (r) => \"cpu\" == r._measurement and r._field !~ re)\n"
        "pushdowntest.describe(fn: (r) => r._value > 1.0)\n"
        "pushdowntest.describe(fn: (r) => r._measurement == \"cpu\" and r._time == 2024-01-01T00:00:00Z)\n"
        "pushdowntest.describe(fn: (r) => r.host == \"a${h}\")\n"
        "pushdowntest.describe(fn: (r) => exists r.host)\n"
        "pushdowntest.describe(fn: (r) => r.host == 1)\n"
        "pushdowntest.describe(fn: (x) => x.host == \"a\")\n"
        "pushdowntest.describe(fn: (r) => { return r.host == \"a\" })\n");
    REQUIRE_MESSAGE(r.ok, r.error);
    REQUIRE(r.values.size() == 9);
    CHECK(r.values[0].asString() == "(_measurement == \"cpu\" and (host != \"a\" or dc =~ /x|y/))");
    CHECK(r.values[1].asString() == "(_measurement == \"cpu\" and _field !~ /^c/)");
    for (size_t i = 2; i <= 6; i++) {
        CAPTURE(i);
        CHECK(r.values[i].asString().rfind("no: ", 0) == 0);
    }
    CHECK(r.values[7].asString() == "host == \"a\"");
    CHECK(r.values[8].asString() == "host == \"a\"");
}

TEST_CASE("push-down: range and filter give the same tables with and without push-down") {
    TempDataDir dir;
    std::string lp;
    for (int t = 0; t < 50; t++) {
        std::string ts = std::to_string(1704060000 + t * 10);
        lp += "cpu,host=a,dc=x usage=" + std::to_string(t) + ",n=" + std::to_string(t) + "i " + ts + "\n";
        lp += "cpu,host=b usage=" + std::to_string(t * 2) + " " + ts + "\n";
        lp += "mem,host=c used=" + std::to_string(t) + "i " + ts + "\n";
        lp += "disk free=" + std::to_string(t) + " " + ts + "\n";
    }
    writeLP(dir.path(), "b", lp);
    const char* filters[] = {
        "r._measurement == \"cpu\"",
        "r._measurement == \"cpu\" and r._field == \"usage\"",
        "r.host != \"a\"",
        "r.host == \"a\" or r._measurement == \"disk\"",
        "r.dc == \"x\" or r._field == \"free\"",
        "r.host =~ /^[ab]$/ and r._field !~ /n/",
        "\"mem\" == r._measurement",
        "r.nosuchtag == \"q\"",
        "r.nosuchtag != \"q\"",
    };
    const char* ranges[] = {"start: 2023-12-31T22:00:00Z, stop: 2023-12-31T22:05:00Z",
                            "start: 2023-12-31T22:03:20Z, stop: 2023-12-31T22:03:40Z"};
    for (const char* range : ranges) {
        for (const char* f : filters) {
            std::string script = std::string("from(bucket: \"b\") |> range(") + range + ") |> filter(fn: (r) => " + f + ")";
            CAPTURE(script);
            unsetenv("FLUXI_NO_PUSHDOWN");
            auto on = run(dir.path(), script);
            setenv("FLUXI_NO_PUSHDOWN", "1", 1);
            auto off = run(dir.path(), script);
            unsetenv("FLUXI_NO_PUSHDOWN");
            REQUIRE_MESSAGE(on.ok, on.error);
            REQUIRE_MESSAGE(off.ok, off.error);
            CHECK(dump(on) == dump(off));
        }
    }
    // windows are clipped to the same query bounds either way
    std::string script =
        "from(bucket: \"b\") |> range(start: 2023-12-31T22:00:30Z, stop: 2023-12-31T22:06:00Z)"
        " |> filter(fn: (r) => r._field == \"usage\") |> aggregateWindow(every: 2m, fn: mean)";
    auto on = run(dir.path(), script);
    setenv("FLUXI_NO_PUSHDOWN", "1", 1);
    auto off = run(dir.path(), script);
    unsetenv("FLUXI_NO_PUSHDOWN");
    REQUIRE_MESSAGE(on.ok, on.error);
    REQUIRE_MESSAGE(off.ok, off.error);
    CHECK(dump(on) == dump(off));
    CHECK(dump(on).find("2023-12-31T22:06:00Z|") != std::string::npos);
    // filter before range pushes down too
    auto a = run(dir.path(), "from(bucket: \"b\") |> filter(fn: (r) => r.host == \"b\") |> range(start: 2023-12-31T22:00:00Z)");
    REQUIRE_MESSAGE(a.ok, a.error);
    CHECK(dump(a).find("host=\"b\"") != std::string::npos);
}

TEST_CASE("to: stages rows as points applied when the run succeeds") {
    TempDataDir dir;
    writeLP(dir.path(), "src", kData);
    auto r = run(dir.path(), "from(bucket: \"src\") |> range(start: 2023-12-31T00:00:00Z) |> to(bucket: \"dst\")");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(r.pointsWritten == 13);
    auto a = run(dir.path(), "from(bucket: \"src\") |> range(start: 2023-12-31T00:00:00Z)");
    auto b = run(dir.path(), "from(bucket: \"dst\") |> range(start: 2023-12-31T00:00:00Z)");
    CHECK(dump(a) == dump(b));
    // a failing script writes nothing
    r = run(dir.path(), "from(bucket: \"src\") |> range(start: 2023-12-31T00:00:00Z) |> to(bucket: \"dst2\")\n"
                        "die(msg: \"boom\")");
    CHECK_FALSE(r.ok);
    CHECK_FALSE(store::Store::open(dir.path())->findBucket("dst2"));
}

TEST_CASE("to: fieldFn, tagColumns and measurementColumn") {
    TempDataDir dir;
    writeLP(dir.path(), "src", "cpu,host=a,dc=x usage=1.5 1704060000\ncpu,host=b,dc=y usage=2.5 1704060010\n");
    auto r = run(dir.path(),
                 "from(bucket: \"src\") |> range(start: 2023-12-31T00:00:00Z)\n"
                 "  |> map(fn: (r) => ({r with m: \"renamed\"}))\n"
                 "  |> to(bucket: \"dst\", measurementColumn: \"m\", tagColumns: [\"host\"],\n"
                 "        fieldFn: (r) => ({double: r._value * 2.0, label: r.dc}))");
    REQUIRE_MESSAGE(r.ok, r.error);
    auto st = store::Store::open(dir.path());
    auto series = st->findSeries(*st->findBucket("dst"), nullptr);
    REQUIRE(series.size() == 4);
    CHECK(series[0].measurement == "renamed");
    CHECK(series[0].tags == std::vector<store::Tag>{{"host", "a"}});
    CHECK(series[0].field == "double");
    store::SeriesColumns c;
    st->readSeries(series[0], INT64_MIN, INT64_MAX, c);
    CHECK(c.floats == std::vector<double>{3.0});
    CHECK(series[1].field == "label");
    st->readSeries(series[1], INT64_MIN, INT64_MAX, c);
    CHECK(c.strings == std::vector<std::string>{"x"});
    r = run(dir.path(), "from(bucket: \"src\") |> range(start: 2023-12-31T00:00:00Z) |> to(bucket: \"d\", timeColumn: \"nope\")");
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("to: table has no time column \"nope\"") != std::string::npos);
}

TEST_CASE("buckets(): one table of the store's buckets") {
    TempDataDir dir;
    {
        auto st = store::Store::open(dir.path());
        st->createBucket("one", 3600 * kSec);
        st->createBucket("two");
    }
    auto r = run(dir.path(), "buckets()");
    REQUIRE_MESSAGE(r.ok, r.error);
    std::string d = dump(r);
    CHECK(d.find(" name:string id:string organizationID:string retentionPolicy:string retentionPeriod:int") !=
          std::string::npos);
    CHECK(d.find("\"one\"|") != std::string::npos);
    CHECK(d.find("|3600000000000|") != std::string::npos);
    CHECK(d.find("\"two\"|") != std::string::npos);
}

TEST_CASE("reading where there is no store creates nothing: from() says so, buckets() is empty, to() creates") {
    TempDataDir dir;
    const std::string none = dir.sub("none");
    RunResult r = run(none, "from(bucket: \"b\") |> range(start: 2023-12-31T00:00:00Z)");
    CHECK_FALSE(r.ok);
    CHECK(r.code == ErrorCode::NotFound);
    CHECK(r.error.find("bucket \"b\" not found: there is no store in") != std::string::npos);
    r = run(none, "buckets()");
    REQUIRE_MESSAGE(r.ok, r.error);
    size_t rows = 0;
    for (auto& res : r.results)
        for (const TablePtr& t : collect(*res.stream)) rows += t->nrows;
    CHECK(rows == 0);
    CHECK_FALSE(std::filesystem::exists(none));
    r = run(none, "import \"array\"\narray.from(rows: [{_time: 2024-01-01T00:00:00Z, _measurement: \"m\", "
                           "_field: \"f\", _value: 1.0}]) |> to(bucket: \"b\")");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(std::filesystem::exists(none));
}

TEST_CASE("push-down: count, sum, mean, min, max, first, last give the same tables with and without push-down") {
    TempDataDir dir;
    std::string lp;
    // 2600 points per series: several blocks, so ranges take whole blocks and cut others
    for (int t = 0; t < 2600; t++) {
        std::string ts = std::to_string(1704060000 + t);
        int w = (t * 7919) % 1000 - 500;
        lp += "cpu,host=a f=" + std::to_string(w) + ".25,n=" + std::to_string(w) + "i,u=" + std::to_string(t % 97) +
              "u,s=\"v" + std::to_string(t % 5) + "\",ok=" + (t % 3 ? "true" : "false") + " " + ts + "\n";
        if (t % 2 == 0) lp += "cpu,host=b f=" + std::to_string(t % 13) + " " + ts + "\n";
    }
    writeLP(dir.path(), "b", lp);
    const char* ranges[] = {"start: 2023-12-31T22:00:00Z, stop: 2023-12-31T23:00:00Z",   // all
                            "start: 2023-12-31T22:05:00Z, stop: 2023-12-31T22:30:00Z",   // cuts blocks
                            "start: 2023-12-31T22:00:01Z, stop: 2023-12-31T22:00:02Z",   // one point
                            "start: 2023-12-31T20:00:00Z, stop: 2023-12-31T21:00:00Z"};  // nothing
    const char* aggregates[] = {"count()", "sum()", "mean()", "min()", "max()", "first()", "last()",
                                "count(column: \"_value\")", "count() |> filter(fn: (r) => r._value > 2)"};
    const char* filters[] = {"r._field == \"f\" or r._field == \"n\" or r._field == \"u\"", "true",
                             "r._field == \"s\"", "r._field == \"ok\""};
    for (const char* range : ranges) {
        for (const char* f : filters) {
            for (const char* a : aggregates) {
                std::string script = std::string("from(bucket: \"b\") |> range(") + range + ") |> filter(fn: (r) => " +
                                     f + ") |> " + a;
                CAPTURE(script);
                unsetenv("FLUXI_NO_PUSHDOWN");
                auto on = run(dir.path(), script);
                setenv("FLUXI_NO_PUSHDOWN", "1", 1);
                auto off = run(dir.path(), script);
                unsetenv("FLUXI_NO_PUSHDOWN");
                CHECK(on.ok == off.ok);
                CHECK(on.error == off.error);  // e.g. sum() of strings fails the same way
                if (on.ok && off.ok) CHECK(dump(on) == dump(off));
            }
        }
    }
}

TEST_CASE("push-down: the store stream takes over aggregates only after a range and before any other aggregate") {
    TempDataDir dir;
    writeLP(dir.path(), "b", kData);
    auto st = store::Store::open(dir.path());
    auto bucket = st->findBucket("b");
    REQUIRE(bucket);
    store::StoreStreamOptions opt;
    StreamRef src = store::makeStoreStream(st, *bucket, opt);
    agg::FusedAggregate count;
    auto identity = [](const TablePtr& t) { return t; };
    CHECK_FALSE(src->withAggregate(count, identity));  // unbounded: not pushed
    StreamRef ranged = src->withRange(0, INT64_MAX);
    REQUIRE(ranged);
    StreamRef counted = ranged->withAggregate(count, identity);
    REQUIRE(counted);
    CHECK_FALSE(counted->withAggregate(count, identity));
    CHECK_FALSE(counted->withFilter(Value()));
    CHECK_FALSE(counted->withRange(0, 1));
    opt.pushdown = false;
    CHECK_FALSE(store::makeStoreStream(st, *bucket, opt)->withAggregate(count, identity));
}
