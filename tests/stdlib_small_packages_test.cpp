// Tests of the small packages: internal/debug (null, getOption, vectorize, sink), experimental/table,
// experimental/record, internal/testing, sampledata, generate, interpolate, json,
// experimental/aggregate and influxdata/influxdb/v1 -- plus the conformance testcases of these
// packages (and of experimental) that must pass, when the conformance folder is present.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <set>

#include "testrunner/test_runner.h"
#include "tests/support/flux_run.h"
#include "tests/support/conformance.h"

using fluxi::testutil::runTables;

TEST_CASE("internal/debug: typed nulls type array.from columns; getOption; vectorize; sink") {
    CHECK(runTables("import \"array\"\nimport \"internal/debug\"\n"
                    "array.from(rows: [{a: debug.null(type: \"float\"), b: 1}, {a: debug.null(type: \"float\"), b: 2}])") ==
          "[] a:float,b:int\nnull,1\nnull,2");
    CHECK(runTables("import \"array\"\nimport \"internal/debug\"\n"
                    "array.from(rows: [{a: debug.null(type: \"float\")}, {a: 1}])") ==
          "error: array.from: column \"a\" has mixed types: float in row 0 but int in row 1");
    CHECK(runTables("import \"array\"\narray.from(rows: [{a: 1, b: 2}, {a: 2}]) |> keep(columns: [\"b\"])") == "[] b:int\n2\nnull");
    CHECK(runTables("import \"internal/debug\"\ndebug.null(type: \"blob\")").rfind("error: debug.null: type must be one of", 0) == 0);
    CHECK(runTables("import \"internal/debug\"\ndebug.null()") == "null");
    CHECK(runTables("import \"internal/debug\"\ndebug.getOption(pkg: \"internal/debug\", name: \"vectorize\")") == "false");
    CHECK(runTables("import \"internal/debug\"\noption debug.vectorize = true\n"
                    "debug.getOption(pkg: \"internal/debug\", name: \"vectorize\")") == "true");
    CHECK(runTables("import \"internal/debug\"\ndebug.getOption(pkg: \"internal/debug\", name: \"nope\")") ==
          "error: debug.getOption: package \"internal/debug\" has no option \"nope\"");
    CHECK(runTables("import \"array\"\nimport \"internal/debug\"\narray.from(rows: [{a: 1}]) |> debug.sink()") == "");
    // sink still runs its input
    CHECK(runTables("import \"array\"\nimport \"internal/debug\"\n"
                    "array.from(rows: [{a: 1}]) |> map(fn: (r) => ({a: r.a / 0})) |> debug.sink()")
              .find("cannot divide by zero") != std::string::npos);
}

TEST_CASE("experimental/table.fill gives empty tables a row of key values; experimental/record") {
    CHECK(runTables("import \"array\"\nimport \"experimental/table\"\n"
                    "array.from(rows: [{t: \"a\", v: 1}, {t: \"b\", v: 2}]) |> group(columns: [\"t\"]) "
                    "|> filter(fn: (r) => r.t == \"a\", onEmpty: \"keep\") |> table.fill()") ==
          "[t=\"a\"] t:string,v:int\n\"a\",1\n[t=\"b\"] t:string,v:int\n\"b\",null");
    CHECK(runTables("import \"experimental/record\"\nrecord.get(r: {x: 1}, key: \"x\", default: 0)") == "1");
    CHECK(runTables("import \"experimental/record\"\nrecord.get(r: {x: 1}, key: \"y\", default: 0)") == "0");
    CHECK(runTables("import \"experimental/record\"\nf = (r=record.any) => ({r with x: true})\nf()") == "{x: true}");
}

TEST_CASE("internal/testing.assertMatches") {
    CHECK(runTables("import internalTesting \"internal/testing\"\ninternalTesting.assertMatches(got: \"a44\", want: /4+/)") ==
          "");  // a match gives an empty stream (as testing.assertEqualValues does), as the reference
    CHECK(runTables("import internalTesting \"internal/testing\"\ninternalTesting.assertMatches(got: \"\", want: /4+/)") ==
          "error: Regex `4+` does not match ``");
}

TEST_CASE("sampledata: the documented data sets, with and without nulls") {
    CHECK(runTables("import \"sampledata\"\nsampledata.float() |> filter(fn: (r) => r.tag == \"t2\")") ==
          "[tag=\"t2\"] _time:time,tag:string,_value:float\n"
          "2021-01-01T00:00:00Z,\"t2\",19.85\n2021-01-01T00:00:10Z,\"t2\",4.97\n2021-01-01T00:00:20Z,\"t2\",-3.75\n"
          "2021-01-01T00:00:30Z,\"t2\",19.77\n2021-01-01T00:00:40Z,\"t2\",13.86\n2021-01-01T00:00:50Z,\"t2\",1.86");
    CHECK(runTables("import \"sampledata\"\nsampledata.int(includeNull: true) |> filter(fn: (r) => r.tag == \"t1\") "
                    "|> keep(columns: [\"_value\"])") == "[] _value:int\n-2\nnull\n7\nnull\nnull\n4");
    CHECK(runTables("import \"sampledata\"\nsampledata.uint() |> filter(fn: (r) => r.tag == \"t1\") |> keep(columns: [\"_value\"])") ==
          "[] _value:uint\n18446744073709551614\n10\n7\n17\n15\n4");
    CHECK(runTables("import \"sampledata\"\nsampledata.string(includeNull: true) |> filter(fn: (r) => r.tag == \"t2\") "
                    "|> keep(columns: [\"_value\"])") ==
          "[] _value:string\nnull\n\"smpl_eu4oxp\"\n\"smpl_5g7tz4\"\n\"smpl_sox1ut\"\nnull\n\"smpl_dtn2bv\"");
    CHECK(runTables("import \"sampledata\"\nsampledata.numericBool() |> filter(fn: (r) => r.tag == \"t1\") "
                    "|> keep(columns: [\"_value\"])") == "[] _value:int\n1\n1\n0\n1\n0\n0");
    CHECK(runTables("import \"sampledata\"\nsampledata.bool() |> filter(fn: (r) => r.tag == \"t2\") |> keep(columns: [\"_value\"])") ==
          "[] _value:bool\nfalse\ntrue\nfalse\ntrue\ntrue\nfalse");
    CHECK(runTables("import \"sampledata\"\n[sampledata.start, sampledata.stop]") ==
          "[2021-01-01T00:00:00Z, 2021-01-01T00:01:00Z]");
}

TEST_CASE("generate.from spreads count rows over [start, stop)") {
    CHECK(runTables("import \"generate\"\n"
                    "generate.from(count: 3, fn: (n) => n * n, start: 2021-01-01T00:00:00Z, stop: 2021-01-01T00:00:30Z)") ==
          "[_start=2021-01-01T00:00:00Z,_stop=2021-01-01T00:00:30Z] _start:time,_stop:time,_time:time,_value:int\n"
          "2021-01-01T00:00:00Z,2021-01-01T00:00:30Z,2021-01-01T00:00:00Z,0\n"
          "2021-01-01T00:00:00Z,2021-01-01T00:00:30Z,2021-01-01T00:00:10Z,1\n"
          "2021-01-01T00:00:00Z,2021-01-01T00:00:30Z,2021-01-01T00:00:20Z,4");
    CHECK(runTables("import \"generate\"\n"
                    "generate.from(count: 1, fn: (n) => 1.5, start: 2021-01-01T00:00:00Z, stop: 2021-01-02T00:00:00Z)") ==
          "error: generate.from: fn must return an int, got float for n = 0");
    // durations count from now()
    CHECK(runTables("import \"generate\"\ngenerate.from(count: 1, fn: (n) => n, start: -1h, stop: 0h) |> keep(columns: [\"_time\"])") ==
          "[] _time:time\n2023-12-31T23:00:00Z");
}

TEST_CASE("interpolate.linear inserts rows at every boundary between points") {
    const std::string src = R"(import "array"
import "interpolate"
data = array.from(rows: [
    {_time: 2021-01-01T00:00:00Z, _value: 0.0, t: "a"},
    {_time: 2021-01-01T00:00:30Z, _value: 3.0, t: "a"},
    {_time: 2021-01-01T00:00:45Z, _value: 1.5, t: "a"}]) |> group(columns: ["t"])
)";
    CHECK(runTables(src + "data |> interpolate.linear(every: 10s)") ==
          "[t=\"a\"] _time:time,_value:float,t:string\n"
          "2021-01-01T00:00:00Z,0.0,\"a\"\n2021-01-01T00:00:10Z,1.0,\"a\"\n2021-01-01T00:00:20Z,2.0,\"a\"\n"
          "2021-01-01T00:00:30Z,3.0,\"a\"\n2021-01-01T00:00:40Z,2.0,\"a\"\n2021-01-01T00:00:45Z,1.5,\"a\"");
    CHECK(runTables(src + "data |> group() |> interpolate.linear(every: 10s)") ==
          "error: interpolate.linear: column \"t\" must be in the group key (only _time and _value may vary)");
    CHECK(runTables(src + "data |> map(fn: (r) => ({r with _value: 1})) |> interpolate.linear(every: 10s)") ==
          "error: interpolate.linear: cannot interpolate int values; expected float values");
}

TEST_CASE("json.encode") {
    CHECK(runTables("import \"json\"\nstring(v: json.encode(v: {b: [1, 2], a: \"x<\", c: 1.5, d: 1m, e: 2019-08-14T10:03:12Z, "
                    "f: /.*/, g: 0.0000001, h: 1000000000000000000000.0, i: true}))") ==
          "\"{\\\"a\\\":\\\"x\\\\u003c\\\",\\\"b\\\":[1,2],\\\"c\\\":1.5,\\\"d\\\":\\\"1m\\\",\\\"e\\\":\\\"2019-08-14T10:03:12Z\\\","
          "\\\"f\\\":\\\".*\\\",\\\"g\\\":1e-7,\\\"h\\\":1e+21,\\\"i\\\":true}\"");
    CHECK(runTables("import \"json\"\nstring(v: json.encode(v: {}))") == "\"{}\"");
    CHECK(runTables("import \"json\"\njson.encode(v: float(v: \"NaN\"))").find("cannot encode the float NaN") !=
          std::string::npos);
    CHECK(runTables("import \"json\"\njson.encode(v: {f: (x) => x})") == "error: json.encode: a function at .f cannot be encoded");
}

TEST_CASE("influxdata/influxdb/v1.fieldsAsCols pivots fields into columns") {
    CHECK(runTables("import \"array\"\nimport \"influxdata/influxdb/v1\"\n"
                    "array.from(rows: [{_time: 2021-01-01T00:00:00Z, _field: \"a\", _value: 1}, "
                    "{_time: 2021-01-01T00:00:00Z, _field: \"b\", _value: 2}]) |> v1.fieldsAsCols()") ==
          "[] _time:time,a:int,b:int\n2021-01-01T00:00:00Z,1,2");
}

namespace {

namespace fs = std::filesystem;

}  // namespace

TEST_CASE("conformance: the testcases of experimental, internal, sampledata, generate, interpolate that must pass" * doctest::test_suite("conformance")) {
    const fs::path dir = fluxi::testutil::conformanceDir();
    fluxi::runner::RunnerOptions opts;
    for (const char* p : {"experimental", "internal", "sampledata", "generate", "interpolate"})
        opts.paths.push_back((dir / p).string());
    opts.jobs = 2;
    // Everything in these folders passes except the testcases that need what other parts of fluxi
    // do not provide yet (listed with the reason).
    const std::set<std::string> pending = {
        "table/fill_test.flux::fill_unknown_column",  // universe fill() of a missing column is an error
    };
    int passed = 0;
    for (auto& t : fluxi::runner::runTests(opts, [](const fluxi::runner::TestOutcome&) {})) {
        std::string id = fluxi::runner::testId(t);
        if (pending.count(id)) continue;
        INFO(id << ": " << t.message);
        CHECK(t.status == fluxi::runner::Status::Passed);
        passed += t.status == fluxi::runner::Status::Passed;
    }
    CHECK(passed >= 123);
}
