// Tests of the universe functions linearBins, logarithmicBins, skew and timeWeightedAvg (expected
// values worked out by hand from the reference's definitions).
#include <doctest/doctest.h>

#include <string>

#include "tests/support/flux_run.h"

using fluxi::testutil::eval;
using fluxi::testutil::runTables;

TEST_CASE("universe.linearBins and logarithmicBins") {
    CHECK(eval("linearBins(start: 0.0, width: 10.0, count: 3)") == "[0.0, 10.0, 20.0, +Inf]");
    CHECK(eval("linearBins(start: -5.0, width: 2.5, count: 2, infinity: false)") == "[-5.0, -2.5]");
    CHECK(eval("linearBins(start: 1.0, width: 1.0, count: 0)") == "[+Inf]");
    CHECK(eval("logarithmicBins(start: 1.0, factor: 2.0, count: 4)") == "[1.0, 2.0, 4.0, 8.0, +Inf]");
    CHECK(eval("logarithmicBins(start: 1.0, factor: 10.0, count: 3, infinity: false)") == "[1.0, 10.0, 100.0]");
    CHECK(eval("length(arr: linearBins(start: 0.0, width: 1.0, count: 100))") == "101");
    CHECK(eval("linearBins(start: 0.0, width: 1.0, count: -1)") ==
          "error: linearBins: count must not be negative, got -1");
    CHECK(eval("linearBins(start: 0, width: 1.0, count: 2)") ==
          "error: linearBins: argument start must be of type float, got int");
    CHECK(eval("logarithmicBins(start: 1.0, count: 2)") == "error: logarithmicBins: missing required argument factor");
}

TEST_CASE("universe.skew") {
    const std::string data =
        "import \"array\"\n"
        "array.from(rows: [{t: \"a\", _value: 1}, {t: \"a\", _value: 2}, {t: \"a\", _value: 3}, {t: \"a\", _value: 10},"
        " {t: \"b\", _value: 4}, {t: \"c\", _value: 5}, {t: \"c\", _value: 1}, {t: \"c\", _value: 1}])"
        " |> group(columns: [\"t\"])";
    CHECK(runTables(data + " |> skew()") ==
          "[t=\"a\"] t:string,_value:float\n\"a\",1.0182337649086284\n"
          "[t=\"b\"] t:string,_value:float\n\"b\",NaN\n"  // fewer than two values
          "[t=\"c\"] t:string,_value:float\n\"c\",0.7071067811865475");
    // symmetric data: 0; nulls are skipped
    CHECK(runTables("import \"array\"\narray.from(rows: [{v: 1.0}, {v: 2.0}, {v: 3.0}]) |> skew(column: \"v\")") ==
          "[] v:float\n0.0");
    CHECK(runTables("import \"array\"\nimport \"internal/debug\"\n"
                    "array.from(rows: [{v: 1.0}, {v: 5.0}, {v: 1.0}, {v: 1.0}])"
                    " |> map(fn: (r) => ({v: if r.v == 5.0 then debug.null(type: \"float\") else r.v}))"
                    " |> skew(column: \"v\")") == "[] v:float\nNaN");  // three equal values: 0/0
    CHECK(runTables("import \"array\"\narray.from(rows: [{v: \"x\"}]) |> skew(column: \"v\")").find("error: skew") == 0);
    CHECK(runTables("import \"array\"\narray.from(rows: [{v: 1.0}]) |> skew()").find("error: skew: column \"_value\"") ==
          0);
}

TEST_CASE("universe.timeWeightedAvg") {
    const std::string head =
        "import \"array\"\n"
        "array.from(rows: [";
    const std::string tail =
        "]) |> range(start: 2024-01-01T00:00:00Z, stop: 2024-01-01T00:01:00Z)";
    // a line through (15s, 10) and (45s, 40), extended to the range bounds: v(0s) = -5, v(60s) = 55
    CHECK(runTables(head +
                    "{_time: 2024-01-01T00:00:15Z, _value: 10.0}, {_time: 2024-01-01T00:00:45Z, _value: 40.0}" + tail +
                    " |> timeWeightedAvg(unit: 1s) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n25.0");
    // the unit does not change the result
    CHECK(runTables(head +
                    "{_time: 2024-01-01T00:00:15Z, _value: 10.0}, {_time: 2024-01-01T00:00:45Z, _value: 40.0}" + tail +
                    " |> timeWeightedAvg(unit: 1m) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n25.0");
    CHECK(runTables(head + "{_time: 2024-01-01T00:00:00Z, _value: 2.0}, {_time: 2024-01-01T00:00:30Z, _value: 2.0}" +
                    tail + " |> timeWeightedAvg(unit: 1s) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n2.0");
    CHECK(runTables(head + "{_time: 2024-01-01T00:00:15Z, _value: 10.0}" + tail + " |> timeWeightedAvg()") ==
          "error: timeWeightedAvg: missing required argument unit");
}
