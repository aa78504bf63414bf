// Tests of the table-producing packages added with the missing stdlib names: internal/promql,
// influxdata/influxdb/v1.json, influxdata/influxdb.cardinality (over a store in a temporary data
// folder) and experimental/query.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "eval/stream.h"
#include "api/engine.h"
#include "store/line_protocol.h"
#include "store/store.h"
#include "tests/support/flux_run.h"
#include "tests/support/store_test_util.h"

using fluxi::testutil::runTables;
using fluxi::testutil::TempDataDir;

namespace {

// Four samples of one series in the range [00:00, 01:00): 1, 3, 2 (a counter reset), 5.
const std::string kSeries =
    "import \"array\"\nimport \"internal/promql\"\n"
    "data = array.from(rows: [\n"
    " {_start: 2020-01-01T00:00:00Z, _stop: 2020-01-01T00:01:00Z, _time: 2020-01-01T00:00:10Z, _value: 1.0, t: \"a\"},\n"
    " {_start: 2020-01-01T00:00:00Z, _stop: 2020-01-01T00:01:00Z, _time: 2020-01-01T00:00:20Z, _value: 3.0, t: \"a\"},\n"
    " {_start: 2020-01-01T00:00:00Z, _stop: 2020-01-01T00:01:00Z, _time: 2020-01-01T00:00:30Z, _value: 2.0, t: \"a\"},\n"
    " {_start: 2020-01-01T00:00:00Z, _stop: 2020-01-01T00:01:00Z, _time: 2020-01-01T00:00:40Z, _value: 5.0, t: \"a\"},\n"
    "]) |> group(columns: [\"_start\", \"_stop\", \"t\"])\n";
const std::string kKey = "[_start=2020-01-01T00:00:00Z,_stop=2020-01-01T00:01:00Z,t=\"a\"] ";
const std::string kRowHead = kKey + "_start:time,_stop:time,t:string,_value:float\n"
                                    "2020-01-01T00:00:00Z,2020-01-01T00:01:00Z,\"a\",";

// The single _value of a one-row result.
std::string one(const std::string& script) {
    std::string out = runTables(kSeries + script + " |> keep(columns: [\"_value\"])");
    auto nl = out.find('\n');
    return nl == std::string::npos ? out : out.substr(nl + 1);
}

// A series with fewer than two samples: one row, then none.
const std::string kOneSample =
    "import \"array\"\nimport \"internal/promql\"\n"
    "array.from(rows: [{_start: 2020-01-01T00:00:00Z, _stop: 2020-01-01T00:01:00Z, _time: 2020-01-01T00:00:10Z, "
    "_value: 1.0}]) |> group(columns: [\"_start\", \"_stop\"])";
const std::string kKeyOnly =
    "[_start=2020-01-01T00:00:00Z,_stop=2020-01-01T00:01:00Z] _start:time,_stop:time";

}  // namespace

TEST_CASE("promql.changes and resets count value transitions per table") {
    CHECK(runTables(kSeries + "data |> promql.changes()") == kRowHead + "3.0");
    CHECK(runTables(kSeries + "data |> promql.resets()") == kRowHead + "1.0");
    // NaN to NaN is no change; nulls are skipped.
    CHECK(runTables("import \"array\"\nimport \"internal/promql\"\nimport \"internal/debug\"\nimport \"math\"\n"
                    "array.from(rows: [{_value: math.NaN()}, {_value: debug.null(type: \"float\")}, {_value: math.NaN()},"
                    " {_value: 1.0}, {_value: 1.0}]) |> promql.changes()") == "[] _value:float\n1.0");
    // No non-null value: an empty table of the key columns.
    CHECK(runTables(kOneSample + " |> filter(fn: (r) => false, onEmpty: \"keep\") |> promql.changes()") == kKeyOnly);
    CHECK(runTables(kOneSample + " |> promql.resets()") ==
          "[_start=2020-01-01T00:00:00Z,_stop=2020-01-01T00:01:00Z] _start:time,_stop:time,_value:float\n"
          "2020-01-01T00:00:00Z,2020-01-01T00:01:00Z,0.0");
    CHECK(runTables("import \"array\"\nimport \"internal/promql\"\narray.from(rows: [{_value: 1}]) |> promql.changes()") ==
          "error: promql.changes: column _value has type int, expected float");
}

TEST_CASE("promql.extrapolatedRate: rate(), increase() and delta()") {
    // increase: 5 - 1 + 3 (reset) = 7 over 30s of samples; the start extrapolates to the counter's
    // zero point (30s * 1/7 before the first sample), the end by half an interval (20s > 11s):
    // 7 * (30 + 30/7 + 5) / 30.
    CHECK(one("data |> promql.extrapolatedRate(isCounter: true)") == "9.166666666666666");
    CHECK(one("data |> promql.extrapolatedRate(isCounter: true, isRate: true)") == "0.15277777777777776");
    // delta (no counter): 5 - 1 = 4, start 10s away (< 11s: extrapolated), end by 5s: 4 * 45 / 30.
    CHECK(one("data |> promql.extrapolatedRate()") == "6.0");
    CHECK(runTables(kOneSample + " |> promql.extrapolatedRate()") == kKeyOnly);
    CHECK(runTables("import \"array\"\nimport \"internal/promql\"\n"
                    "array.from(rows: [{_start: 2020-01-01T00:00:00Z, _stop: 2020-01-01T00:01:00Z, _time: 2020-01-01T00:00:10Z,"
                    " _value: 1.0}]) |> promql.extrapolatedRate()") ==
          "error: promql.extrapolatedRate: the group key has no column _start");
    CHECK(runTables("import \"array\"\nimport \"internal/promql\"\n"
                    "array.from(rows: [{_time: 2020-01-01T00:00:10Z, _value: 1.0}]) |> promql.extrapolatedRate()") ==
          "error: promql.extrapolatedRate: column _start not found");
}

TEST_CASE("promql.instantRate: irate() and idelta()") {
    CHECK(one("data |> promql.instantRate()") == "3.0");                // 5 - 2
    CHECK(one("data |> promql.instantRate(isRate: true)") == "0.3");    // 3 per 10s
    CHECK(one("data |> filter(fn: (r) => r._value < 4.0) |> promql.instantRate(isRate: true)") == "0.2");  // reset: 2 / 10s
    CHECK(one("data |> filter(fn: (r) => r._value < 4.0) |> promql.instantRate()") == "-1.0");
    CHECK(runTables(kOneSample + " |> promql.instantRate()") == kKeyOnly);
    // Two samples at the same time: no rate.
    CHECK(runTables("import \"array\"\nimport \"internal/promql\"\n"
                    "array.from(rows: [{_time: 2020-01-01T00:00:10Z, _value: 1.0}, {_time: 2020-01-01T00:00:10Z, _value: 2.0}])"
                    " |> promql.instantRate()") == "[]");
}

TEST_CASE("promql.linearRegression and holtWinters") {
    // x = 0, 10, 20, 30 s; y = 1, 3, 2, 5: slope = cov / var = 33 / 500 * 10 ... = 0.11
    CHECK(one("data |> promql.linearRegression()") == "0.11");
    // Intercept at x measured from _stop (x = -50, -40, -30, -20): 2.75 - 0.11 * -35 = 6.6; + 0.11 * 60.
    CHECK(one("data |> promql.linearRegression(predict: true, fromNow: 60.0)") == "13.2");
    CHECK(one("data |> promql.holtWinters(smoothingFactor: 0.5, trendFactor: 0.5)") == "4.875");
    CHECK(runTables(kSeries + "data |> promql.holtWinters(smoothingFactor: 1.0, trendFactor: 0.5)") ==
          "error: promql.holtWinters: invalid smoothing factor. Expected: 0 < sf < 1, got: 1.000000");
    CHECK(runTables(kSeries + "data |> promql.holtWinters(smoothingFactor: 0.5)") ==
          "error: promql.holtWinters: invalid trend factor. Expected: 0 < tf < 1, got: 0.000000");
    CHECK(runTables(kOneSample + " |> promql.linearRegression()") == kKeyOnly);
    CHECK(runTables(kOneSample + " |> promql.holtWinters(smoothingFactor: 0.1, trendFactor: 0.1)") == kKeyOnly);
}

TEST_CASE("promql.timestamp: _time (or _stop) as float seconds, millisecond precision") {
    CHECK(runTables("import \"array\"\nimport \"internal/promql\"\nimport \"internal/debug\"\n"
                    "array.from(rows: [{_time: 2020-01-01T00:00:10.123456Z, _value: 1.0, x: 1},"
                    " {_time: debug.null(type: \"time\"), _value: 2.0, x: 2}]) |> promql.timestamp()") ==
          "[] _time:time,_value:float,x:int\n2020-01-01T00:00:10.123456Z,1577836810.123,1\nnull,null,2");
    CHECK(runTables("import \"array\"\nimport \"internal/promql\"\n"
                    "array.from(rows: [{_stop: 1970-01-01T00:00:01.5Z, _value: 1.0}]) |> promql.timestamp()") ==
          "[] _stop:time,_value:float\n1970-01-01T00:00:01.5Z,1.5");
    CHECK(runTables("import \"array\"\nimport \"internal/promql\"\narray.from(rows: [{_value: 1.0}]) |> promql.timestamp()") ==
          "error: promql.timestamp: neither _time nor _stop column found");
}

TEST_CASE("promql.labelReplace") {
    const std::string in =
        "import \"array\"\nimport \"internal/promql\"\n"
        "data = array.from(rows: [{src: \"host-12\", _value: 1.0, _time: 2020-01-01T00:00:00Z},"
        " {src: \"host-12\", _value: 2.0, _time: 2020-01-01T00:00:01Z}, {src: \"web\", _value: 3.0, _time: 2020-01-01T00:00:00Z}])"
        " |> group(columns: [\"src\"])\n";
    CHECK(runTables(in + "data |> promql.labelReplace(source: \"src\", destination: \"n\", regex: \"host-(?P<num>[0-9]+)\","
                         " replacement: \"n\\${num}/$1$$\")") ==
          "[src=\"host-12\",n=\"n12/12$\"] src:string,n:string,_value:float\n\"host-12\",\"n12/12$\",1.0\n\"host-12\",\"n12/12$\",2.0\n"
          "[src=\"web\"] src:string,_value:float\n\"web\",3.0");
    // An empty expansion removes the destination from the key; $1x is the (missing) group "1x".
    CHECK(runTables(in + "data |> promql.labelReplace(source: \"src\", destination: \"src\", regex: \"web\", replacement: \"$1x\")") ==
          "[src=\"host-12\"] src:string,_value:float\n\"host-12\",1.0\n\"host-12\",2.0\n[] _value:float\n3.0");
    // A missing source is the empty string, which .* matches.
    CHECK(runTables(in + "data |> promql.labelReplace(source: \"nope\", destination: \"d\", regex: \".*\", replacement: \"x\")"
                         " |> group() |> keep(columns: [\"d\"])") == "[] d:string\n\"x\"\n\"x\"\n\"x\"");
    CHECK(runTables(in + "data |> promql.labelReplace(source: \"src\", destination: \"src\", regex: \".*\", replacement: \"same\")") ==
          "error: promql.labelReplace: found duplicate table with key {src=\"same\"}");
    CHECK(runTables(in + "data |> promql.labelReplace(source: \"src\", destination: \"d\", regex: \"(\", replacement: \"\")") ==
          "error: promql.labelReplace: invalid regular expression in label_replace(): (");
}

TEST_CASE("promql.promHistogramQuantile") {
    const std::string in =
        "import \"array\"\nimport \"internal/promql\"\n"
        "data = array.from(rows: [{le: \"0.5\", _value: 2.0}, {le: \"+Inf\", _value: 10.0}, {le: \"1\", _value: 6.0},"
        " {le: \"bad\", _value: 100.0}])\n";
    // Sorted: bad (0, 0), 0.5 (2), 1 (6), +Inf (10). Rank 0.5 * 10 = 5 falls in (0.5, 1]: 0.5 + 0.5 * 3/4.
    CHECK(runTables(in + "data |> promql.promHistogramQuantile(quantile: 0.5)") == "[] _value:float\n0.875");
    // Rank 9 falls in the +Inf bucket: the highest finite bound.
    CHECK(runTables(in + "data |> promql.promHistogramQuantile(quantile: 0.9)") == "[] _value:float\n1.0");
    CHECK(runTables(in + "data |> promql.promHistogramQuantile(quantile: -0.1)") == "[] _value:float\n-Inf");
    CHECK(runTables(in + "data |> promql.promHistogramQuantile(quantile: 1.1, valueColumn: \"q\")") == "[] q:float\n+Inf");
    CHECK(runTables(in + "data |> filter(fn: (r) => r.le != \"+Inf\") |> promql.promHistogramQuantile(quantile: 0.5)") ==
          "[] _value:float\nNaN");
    // Rank 1 in the first bucket with a bound above 0: interpolated from 0.
    CHECK(runTables("import \"array\"\nimport \"internal/promql\"\narray.from(rows: [{le: \"2\", c: 2.0}, {le: \"+Inf\", c: 4.0}])"
                    " |> promql.promHistogramQuantile(quantile: 0.25, countColumn: \"c\")") == "[] _value:float\n1.0");
    CHECK(runTables("import \"array\"\nimport \"internal/promql\"\narray.from(rows: [{_value: 1.0}])"
                    " |> promql.promHistogramQuantile(quantile: 0.5)") == "[] _value:float");
    CHECK(runTables("import \"array\"\nimport \"internal/promql\"\narray.from(rows: [{le: 1.0, _value: 1.0}])"
                    " |> promql.promHistogramQuantile(quantile: 0.5)") ==
          "error: promql.promHistogramQuantile: upper bound column le must be of type string");
    CHECK(runTables(in + "data |> promql.promHistogramQuantile()") ==
          "error: promHistogramQuantile: missing required argument quantile");
}

TEST_CASE("promql: quantile, date functions, emptyTable, join") {
    CHECK(one("data |> promql.quantile(q: 0.5)") == "2.5");
    CHECK(one("data |> promql.quantile(q: 1.5)") == "+Inf");
    CHECK(one("data |> promql.quantile(q: -1.0)") == "-Inf");
    // 2020-02-29T12:34:56Z, a Saturday
    const std::string t = "(timestamp: 1582979696.0)";
    CHECK(runTables("import \"internal/promql\"\n[promql.promqlYear" + t + ", promql.promqlMonth" + t +
                    ", promql.promqlDayOfMonth" + t + ", promql.promqlDaysInMonth" + t + ", promql.promqlDayOfWeek" + t +
                    ", promql.promqlHour" + t + ", promql.promqlMinute" + t + "]") ==
          "[2020.0, 2.0, 29.0, 29.0, 6.0, 12.0, 34.0]");
    CHECK(runTables("import \"internal/promql\"\npromql.promqlDaysInMonth(timestamp: 1551398400.0)") == "31.0");  // 2019-03-01
    CHECK(runTables("import \"internal/promql\"\npromql.promqlYear(timestamp: 1)") ==
          "error: promqlYear: argument timestamp must be of type float, got int");
    CHECK(runTables("import \"internal/promql\"\npromql.emptyTable()") ==
          "[_start=1970-01-01T00:00:00Z,_stop=1970-01-01T00:00:00Z] "
          "_start:time,_stop:time,_time:time,_value:float");
    CHECK(runTables("import \"array\"\nimport \"internal/promql\"\n"
                    "l = array.from(rows: [{_time: 2020-01-01T00:00:00Z, a: 1}])\n"
                    "r = array.from(rows: [{_time: 2020-01-01T00:00:00Z, b: 2}])\n"
                    "promql.join(left: l, right: r, fn: (left, right) => ({left with b: right.b}))") ==
          "[] _time:time,a:int,b:int\n2020-01-01T00:00:00Z,1,2");
}

// ---------------------------------------------------------------------------------------------
// v1.json

namespace {

std::string V1(const std::string& json) {
    std::string esc;
    for (char c : json) {
        if (c == '"' || c == '\\') esc += '\\';
        esc += c;
    }
    return runTables("import \"influxdata/influxdb/v1\"\nv1.json(json: \"" + esc + "\")");
}

}  // namespace

TEST_CASE("v1.json: one table per series and column, key columns sorted, null values left out") {
    CHECK(V1(R"({"results":[{"statement_id":0,"series":[
        {"name":"cpu","tags":{"host":"a","dc":"x"},"columns":["time","usage","state","up"],
         "values":[["2020-01-01T00:00:00Z",1.5,"ok",true],["2020-01-01T00:00:10.5Z",null,"bad",false]]},
        {"name":"mem","columns":["time","free"],"values":[["2020-01-01T00:00:00Z",null]]}]}]})") ==
          "[_field=\"usage\",_measurement=\"cpu\",dc=\"x\",host=\"a\"] _time:time,_field:string,_measurement:string,dc:string,"
          "host:string,_value:float\n2020-01-01T00:00:00Z,\"usage\",\"cpu\",\"x\",\"a\",1.5\n"
          "[_field=\"state\",_measurement=\"cpu\",dc=\"x\",host=\"a\"] _time:time,_field:string,_measurement:string,dc:string,"
          "host:string,_value:string\n2020-01-01T00:00:00Z,\"state\",\"cpu\",\"x\",\"a\",\"ok\"\n"
          "2020-01-01T00:00:10.5Z,\"state\",\"cpu\",\"x\",\"a\",\"bad\"\n"
          "[_field=\"up\",_measurement=\"cpu\",dc=\"x\",host=\"a\"] _time:time,_field:string,_measurement:string,dc:string,"
          "host:string,_value:bool\n2020-01-01T00:00:00Z,\"up\",\"cpu\",\"x\",\"a\",true\n"
          "2020-01-01T00:00:10.5Z,\"up\",\"cpu\",\"x\",\"a\",false");
    // No time column, no name: no _time, no _measurement. Only the first result is read.
    CHECK(V1(R"({"results":[{"series":[{"columns":["n"],"values":[[1],[2]]}]},{"series":[{"columns":["m"],"values":[[3]]}]}]})") ==
          "[_field=\"n\"] _field:string,_value:float\n\"n\",1.0\n\"n\",2.0");
    CHECK(V1(R"({"results":[{"statement_id":0}]})") == "");
}

TEST_CASE("v1.json: file, and errors") {
    TempDataDir dir;
    std::string path = dir.sub("resp.json");
    std::ofstream(path) << R"({"results":[{"series":[{"name":"m","columns":["time","v"],"values":[["2020-01-01T00:00:00Z",2]]}]}]})";
    CHECK(runTables("import \"influxdata/influxdb/v1\"\nv1.json(file: \"" + path + "\")") ==
          "[_field=\"v\",_measurement=\"m\"] _time:time,_field:string,_measurement:string,_value:float\n"
          "2020-01-01T00:00:00Z,\"v\",\"m\",2.0");
    CHECK(runTables("import \"influxdata/influxdb/v1\"\nv1.json(file: \"" + dir.sub("nope.json") + "\")") ==
          "error: v1.json: cannot read file \"" + dir.sub("nope.json") + "\": No such file or directory");
    CHECK(runTables("import \"influxdata/influxdb/v1\"\nv1.json()") ==
          "error: v1.json: missing the response: give json (the response text) or file (a path)");
    CHECK(runTables("import \"influxdata/influxdb/v1\"\nv1.json(json: \"{}\", file: \"x\")") ==
          "error: v1.json: give exactly one of json (the response text) or file (a path), not both");
    CHECK(V1("{\"results\": [}") ==
          "error: v1.json: json: invalid JSON at line 1, column 14: unexpected character '}', expected a JSON value");
    CHECK(V1(R"({"results":[{"statement_id":0,"error":"database not found: x"}]})") ==
          "error: v1.json: json: results[0] is an error: database not found: x");
    CHECK(V1(R"({"error":"unauthorized"})") == "error: v1.json: json: the response is an error: unauthorized");
    CHECK(V1(R"({"results":[]})") == "error: v1.json: json: the response holds no result (\"results\" is empty)");
    CHECK(V1(R"({"results":[{"series":[{"columns":["time","v"],"values":[["yesterday",1]]}]}]})") ==
          "error: v1.json: json: results[0].series[0].values[0]: time \"yesterday\" is not an RFC3339 time: "
          "expected a time like 2021-01-02T15:04:05Z");
    CHECK(V1(R"({"results":[{"series":[{"columns":["v"],"values":[[1],["x"]]}]}]})") ==
          "error: v1.json: json: results[0].series[0].values[1][0]: column v holds float values, got a JSON string");
    CHECK(V1(R"({"results":[{"series":[{"columns":["v"],"values":[[1,2]]}]}]})") ==
          "error: v1.json: json: results[0].series[0].values[0] must be an array of 1 values (one per column)");
}

// ---------------------------------------------------------------------------------------------
// influxdb.cardinality and experimental/query over a store

namespace {

constexpr int64_t kSec = 1000000000LL;

void writeLP(const std::string& dir, const std::string& lp) {
    auto st = fluxi::store::Store::open(dir);
    fluxi::store::WriteBatch b;
    fluxi::store::parseLineProtocol(lp, "b", fluxi::store::Precision::s, 0, b);
    st->apply(b, 1704067200LL * kSec);
}

std::string runStore(const std::string& dir, const std::string& script) {
    fluxi::Engine e;
    e.setNow("2024-01-01T00:00:00Z");
    e.setDataDir(dir);
    fluxi::RunResult r = e.run(script, "test.flux");
    if (!r.ok) {
        auto first = r.error.substr(0, r.error.find('\n'));
        auto pos = first.find("error: ");
        return "error: " + (pos == std::string::npos ? first : first.substr(pos + 7));
    }
    std::string s;
    for (auto& res : r.results)
        for (auto& t : fluxi::collect(*res.stream)) s += (s.empty() ? "" : "\n") + fluxi::testutil::renderTable(*t);
    return s;
}

// cpu: hosts a and b (fields usage, n on a); mem: host a; disk: no tags, an hour later; one old point.
const char* kData =
    "cpu,host=a usage=1.5,n=1i 1704060000\n"
    "cpu,host=b usage=3.5 1704060005\n"
    "mem,host=a used=10i 1704060000\n"
    "mem,region=eu free=4 1600000000\n"
    "disk free=2.5 1704063600\n";

}  // namespace

TEST_CASE("influxdb.cardinality counts the series with points in the range") {
    TempDataDir dir;
    writeLP(dir.path(), kData);
    const std::string head = "import \"influxdata/influxdb\"\n";
    const std::string key = "[_start=2023-12-31T00:00:00Z,_stop=2024-01-01T00:00:00Z] _start:time,_stop:time,_value:int\n"
                            "2023-12-31T00:00:00Z,2024-01-01T00:00:00Z,";
    CHECK(runStore(dir.path(), head + "influxdb.cardinality(bucket: \"b\", start: -1d)") == key + "5");
    CHECK(runStore(dir.path(), head + "influxdb.cardinality(bucket: \"b\", start: 0)") ==
          "[_start=1970-01-01T00:00:00Z,_stop=2024-01-01T00:00:00Z] _start:time,_stop:time,_value:int\n"
          "1970-01-01T00:00:00Z,2024-01-01T00:00:00Z,6");
    // Answered from the series index ...
    CHECK(runStore(dir.path(), head + "influxdb.cardinality(bucket: \"b\", start: -1d, predicate: (r) => r._measurement == \"cpu\")") ==
          key + "3");
    CHECK(runStore(dir.path(), head + "influxdb.cardinality(bucket: \"b\", start: -1d, predicate: (r) => r.host == \"a\")") ==
          key + "3");
    // ... or by running the predicate over the rows.
    CHECK(runStore(dir.path(), head + "influxdb.cardinality(bucket: \"b\", start: -1d, predicate: (r) => r._field == \"usage\" and r._value > 2.0)") ==
          key + "1");
    CHECK(runStore(dir.path(), head + "influxdb.cardinality(bucket: \"b\", start: -1d, stop: -90m)") ==
          "[_start=2023-12-31T00:00:00Z,_stop=2023-12-31T22:30:00Z] _start:time,_stop:time,_value:int\n"
          "2023-12-31T00:00:00Z,2023-12-31T22:30:00Z,4");
    CHECK(runStore(dir.path(), head + "influxdb.cardinality(bucket: \"b\", start: -1d, predicate: (r) => r.host == \"zz\")") ==
          key + "0");
    CHECK(runStore(dir.path(), head + "influxdb.cardinality(bucket: \"nope\", start: -1d)") ==
          "error: influxdb.cardinality: bucket \"nope\" not found");
    CHECK(runStore(dir.path(), head + "influxdb.cardinality(bucket: \"b\", start: -1d, stop: -2d)") ==
          "error: influxdb.cardinality: cannot query an empty range: start (2023-12-31T00:00:00Z) must be before stop "
          "(2023-12-30T00:00:00Z)");
    CHECK(runStore(dir.path(), head + "influxdb.cardinality(bucket: \"b\")") ==
          "error: cardinality: missing required argument start");
    CHECK(runStore(dir.path(), head + "influxdb.cardinality(start: -1d)") ==
          "error: influxdb.cardinality: missing required argument bucket (or bucketID)");
    CHECK(runStore(dir.path(), head + "influxdb.cardinality(bucket: \"b\", start: -1d, host: \"http://x\")") ==
          "error: influxdb.cardinality: host is not supported: fluxi reads only its embedded store (the --data folder)");
    CHECK(runStore(dir.path(), head + "influxdb.cardinality(bucket: \"b\", start: \"x\")") ==
          "error: influxdb.cardinality: argument start must be a time, a duration (relative to now()) or an int (Unix "
          "seconds), got string");
}

TEST_CASE("experimental/query: fromRange, filterMeasurement, filterFields, inBucket") {
    TempDataDir dir;
    writeLP(dir.path(), kData);
    const std::string head = "import \"experimental/query\"\n";
    // The (measurement, field) of every row, sorted.
    auto series = [&](const std::string& script) {
        return runStore(dir.path(), head + script + " |> map(fn: (r) => ({m: r._measurement, f: r._field})) |> group()"
                                                    " |> sort(columns: [\"m\", \"f\"])");
    };
    CHECK(series("query.fromRange(bucket: \"b\", start: -1d, stop: -90m)") ==
          "[] m:string,f:string\n\"cpu\",\"n\"\n\"cpu\",\"usage\"\n\"cpu\",\"usage\"\n\"mem\",\"used\"");
    CHECK(runStore(dir.path(), head + "query.fromRange(bucket: \"b\", start: -1d) |> query.filterMeasurement(measurement: \"disk\")"
                                      " |> keep(columns: [\"_value\"])") == "[] _value:float\n2.5");
    CHECK(series("query.fromRange(bucket: \"b\", start: -1d) |> query.filterMeasurement(measurement: \"cpu\") "
                 "|> query.filterFields(fields: [\"usage\"])") ==
          "[] m:string,f:string\n\"cpu\",\"usage\"\n\"cpu\",\"usage\"");
    // No fields: everything passes.
    CHECK(series("query.fromRange(bucket: \"b\", start: -1d) |> query.filterMeasurement(measurement: \"cpu\") "
                 "|> query.filterFields()") ==
          "[] m:string,f:string\n\"cpu\",\"n\"\n\"cpu\",\"usage\"\n\"cpu\",\"usage\"");
    CHECK(runStore(dir.path(), head + "query.inBucket(bucket: \"b\", measurement: \"cpu\", start: -1d, fields: [\"usage\"], "
                                      "predicate: (r) => r.host == \"b\") |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n3.5");
    CHECK(series("query.inBucket(bucket: \"b\", measurement: \"mem\", start: 0)") ==
          "[] m:string,f:string\n\"mem\",\"free\"\n\"mem\",\"used\"");
    CHECK(runStore(dir.path(), head + "query.inBucket(bucket: \"b\", start: -1d)").find("missing required argument measurement") !=
          std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// contrib/tomhollingworth/events.duration and experimental/oee

TEST_CASE("events.duration: time to the next row, the last row to stop") {
    const std::string in =
        "import \"array\"\nimport \"contrib/tomhollingworth/events\"\n"
        "data = array.from(rows: [{_time: 2020-01-01T00:00:00Z, _stop: 2020-01-01T01:00:00Z, s: \"ok\"},"
        " {_time: 2020-01-01T00:12:34Z, _stop: 2020-01-01T01:00:00Z, s: \"warn\"},"
        " {_time: 2020-01-01T00:25:01Z, _stop: 2020-01-01T01:00:00Z, s: \"ok\"}])\n";
    CHECK(runTables(in + "data |> events.duration(unit: 1m) |> keep(columns: [\"s\", \"duration\"])") ==
          "[] s:string,duration:int\n\"ok\",12\n\"warn\",12\n\"ok\",34");
    CHECK(runTables(in + "data |> events.duration(stop: 2020-01-01T00:30:00Z, columnName: \"d\") |> keep(columns: [\"d\"])") ==
          "[] d:int\n754\n747\n299");
    CHECK(runTables(in + "data |> filter(fn: (r) => false, onEmpty: \"keep\") |> events.duration()") ==
          "[] _time:time,_stop:time,s:string,duration:int");
    CHECK(runTables(in + "data |> drop(columns: [\"_stop\"]) |> events.duration()") ==
          "error: events.duration: column \"_stop\" does not exist");
    CHECK(runTables(in + "data |> events.duration(timeColumn: \"s\")") ==
          "error: events.duration: time column \"s\" must be of type time, got string");
    CHECK(runTables(in + "data |> events.duration(columnName: \"s\")") ==
          "error: events.duration: the table already has a column \"s\"");
    CHECK(runTables(in + "data |> events.duration(unit: 1mo)") ==
          "error: events.duration: unit must be a fixed-length duration (no months or years), got 1mo");
}

TEST_CASE("oee.APQ and computeAPQ: availability, performance, quality, oee") {
    const std::string in =
        "import \"csv\"\nimport \"experimental/oee\"\n"
        "data = csv.from(csv: \"#datatype,string,long,dateTime:RFC3339,string,long,long\n"
        "#group,false,false,false,false,false,false\n#default,_result,,,,,\n"
        ",result,table,_time,state,partCount,badCount\n"
        ",,0,2021-03-22T00:00:00Z,running,1200,10\n,,0,2021-03-22T01:00:00Z,running,1300,11\n"
        ",,0,2021-03-22T02:00:00Z,stopped,1400,11\n,,0,2021-03-22T03:00:00Z,running,1400,11\n"
        ",,0,2021-03-22T03:30:00Z,running,1440,14\n\")\n"
        "  |> range(start: 2021-03-22T00:00:00Z, stop: 2021-03-22T04:00:00Z)\n";
    // Running 3h of a planned 8h; 240 parts * 30s over 3h; 236 of 240 good.
    // (reduce() gives its accumulator columns in name order, as the reference does)
    const std::string want = "[] _time:time,availability:float,oee:float,performance:float,quality:float,runTime:int\n"
                             "2021-03-22T04:00:00Z,0.375,0.24583333333333332,0.6666666666666666,0.9833333333333333,"
                             "10800000000000";
    auto cols = " |> drop(columns: [\"_start\", \"_stop\"]) |> keep(columns: [\"_time\", \"availability\", \"oee\", "
                "\"performance\", \"quality\", \"runTime\"])";
    CHECK(runTables(in + "data |> oee.APQ(runningState: \"running\", plannedTime: 8h, idealCycleTime: 30s)" + cols) == want);
    CHECK(runTables(in + "oee.computeAPQ(productionEvents: data, partEvents: data, runningState: \"running\","
                         " plannedTime: 8h, idealCycleTime: 30s)" + cols) == want);
}

TEST_CASE("promql.promHistogramQuantile over grouped bucket series (the reference's case)") {
    std::string rows;
    const char* x[][2] = {{"1", "0.1"}, {"2", "0.2"}, {"2", "0.3"}, {"2", "0.4"}, {"2", "0.5"},
                          {"2", "0.6"}, {"2", "0.7"}, {"8", "0.8"}, {"10", "0.9"}, {"10", "+Inf"}};
    const char* y[][2] = {{"10", "0.2"}, {"15", "0.4"}, {"25", "0.6"}, {"35", "0.8"}, {"45", "1"}, {"45", "+Inf"}};
    int table = 0;
    for (auto& r : x) rows += ",," + std::to_string(table++) + ",2018-05-22T19:53:00Z,x," + r[0] + "," + r[1] + "\n";
    for (auto& r : y) rows += ",," + std::to_string(table++) + ",2018-05-22T19:53:00Z,y," + r[0] + "," + r[1] + "\n";
    CHECK(runTables("import \"csv\"\nimport \"internal/promql\"\n"
                    "csv.from(csv: \"#datatype,string,long,dateTime:RFC3339,string,double,string\n"
                    "#group,false,false,false,true,false,true\n#default,_result,,,,,\n,result,table,_time,_field,_value,le\n" +
                        rows +
                        "\") |> range(start: 2018-05-22T19:53:00Z, stop: 2030-01-01T00:00:00Z)\n"
                        "|> group(mode: \"except\", columns: [\"le\", \"_time\", \"_value\"])\n"
                        "|> promql.promHistogramQuantile(quantile: 0.9) |> keep(columns: [\"_field\", \"_value\"])") ==
          "[_field=\"x\"] _field:string,_value:float\n\"x\",0.8500000000000001\n"
          "[_field=\"y\"] _field:string,_value:float\n\"y\",0.91");
}

TEST_CASE("promql.extrapolatedRate over counters (the reference's case)") {
    std::string rows;
    const char* series[][6] = {{"1", "1", "1", "1", "1", "1"},
                               {"1", "1", "1", "100", "100", "100"},
                               {"100", "200", "300", "200", "300", "400"}};
    const char* times[] = {"20:52:33", "20:52:43", "20:52:53", "20:53:03", "20:53:13", "20:53:23"};
    for (int s = 0; s < 3; s++)
        for (int i = 0; i < 6; i++)
            rows += ",," + std::to_string(s) + ",2018-12-18T" + times[i] + "Z,m" + std::to_string(s + 1) + "," + series[s][i] + "\n";
    rows += ",,3,2018-12-18T20:52:33Z,m4,100\n";
    CHECK(runTables("import \"csv\"\nimport \"internal/promql\"\n"
                    "csv.from(csv: \"#datatype,string,long,dateTime:RFC3339,string,double\n"
                    "#group,false,false,false,true,false\n#default,_result,,,,\n,result,table,_time,_field,_value\n" +
                        rows +
                        "\") |> range(start: 2018-12-18T20:50:00Z, stop: 2018-12-18T20:55:00Z)\n"
                        "|> promql.extrapolatedRate(isCounter: true, isRate: true) |> keep(columns: [\"_field\", \"_value\"])") ==
          "[_field=\"m1\"] _field:string,_value:float\n\"m1\",0.0\n"
          "[_field=\"m2\"] _field:string,_value:float\n\"m2\",0.3663333333333333\n"
          "[_field=\"m3\"] _field:string,_value:float\n\"m3\",2.533333333333333\n"
          "[_field=\"m4\"] _field:string");
}
