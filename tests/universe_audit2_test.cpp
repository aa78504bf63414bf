// Universe transformations checked against the reference's Go code (second audit): the cases where
// fluxi differed, each pinned here.
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"

using fluxi::testutil::runTables;

namespace {
const char* kGrouped = R"(import "array"
d = array.from(rows: [{k: "a", x: 1}, {k: "a", x: 1}, {k: "a", x: 2}, {k: "a", x: 2}, {k: "a", x: 3}])
    |> group(columns: ["k"])
)";
std::string G(const std::string& expr) { return runTables(std::string(kGrouped) + expr); }
}  // namespace

TEST_CASE("mode: several modes in order; a missing column gives an empty-string _value; a key column its value") {
    CHECK(G("d |> mode(column: \"x\")") == "[k=\"a\"] k:string,_value:int\n\"a\",1\n\"a\",2");
    CHECK(G("d |> mode(column: \"nope\")") == "[k=\"a\"] k:string,_value:string\n\"a\",\"\"");
    CHECK(G("d |> mode(column: \"k\")") == "[k=\"a\"] k:string,_value:string\n\"a\",\"a\"");
}

TEST_CASE("truncateTimeColumn / timeShift of a group key column merge tables whose new keys coincide") {
    const std::string d = R"(import "array"
d = array.from(rows: [{_start: 2020-01-01T00:10:00Z, _value: 5}, {_start: 2020-01-01T00:20:00Z, _value: 6}])
    |> group(columns: ["_start"])
)";
    CHECK(runTables(d + "d |> truncateTimeColumn(timeColumn: \"_start\", unit: 1h)") ==
          "[_start=2020-01-01T00:00:00Z] _start:time,_value:int\n2020-01-01T00:00:00Z,5\n2020-01-01T00:00:00Z,6");
    const std::string m = R"(import "array"
d = array.from(rows: [{_start: 2020-01-30T00:00:00Z, _value: 5}, {_start: 2020-01-31T00:00:00Z, _value: 6}])
    |> group(columns: ["_start"])
)";
    CHECK(runTables(m + "d |> timeShift(duration: 1mo, columns: [\"_start\"])") ==
          "[_start=2020-02-29T00:00:00Z] _start:time,_value:int\n2020-02-29T00:00:00Z,5\n2020-02-29T00:00:00Z,6");
}

TEST_CASE("chandeMomentumOscillator: no change is NaN (0/0); listed columns the table lacks are skipped") {
    const std::string d = "import \"array\"\nd = array.from(rows: [{x: 1.0, _value: 1.0}, {x: 1.0, _value: 1.0}, {x: 1.0, _value: 3.0}])\n";
    CHECK(runTables(d + "d |> chandeMomentumOscillator(n: 1, columns: [\"x\"])") == "[] x:float,_value:float\nNaN,1.0\nNaN,3.0");
    CHECK(runTables(d + "d |> chandeMomentumOscillator(n: 1, columns: [\"_value\", \"nope\"])") ==
          "[] x:float,_value:float\n1.0,NaN\n1.0,100.0");
    CHECK(runTables(d + "d |> kaufmansER(n: 1)") == "[] x:float,_value:float\n1.0,NaN\n1.0,1.0");
}

TEST_CASE("relativeStrengthIndex: as the reference computes it (first value a change from 0, Wilder smoothing)") {
    // values 3,2,1,2 with n = 2: gains 3,0,0,1 and losses 0,1,1,0 -> averages (1.5, 0.5), then smoothed:
    // row 2: gain 0.75, loss 0.75 -> 50; row 3: gain 0.875, loss 0.375 -> 70
    const std::string d = "import \"array\"\nimport \"math\"\nd = array.from(rows: [{_value: 3}, {_value: 2}, {_value: 1}, {_value: 2}])\n";
    CHECK(runTables(d + "d |> relativeStrengthIndex(n: 2) |> map(fn: (r) => ({_value: math.round(x: r._value * 1000.0) / 1000.0}))")
              .find("50.0\n70.0") != std::string::npos);
    CHECK(runTables("import \"array\"\narray.from(rows: [{_value: 0.0}, {_value: 0.0}, {_value: 0.0}]) |> relativeStrengthIndex(n: 1)") ==
          "[] _value:float\nNaN\nNaN");
    CHECK(runTables(d + "d |> relativeStrengthIndex(n: 2, columns: [\"_value\", \"nope\"]) |> count()") == "[] _value:int\n2");
}

TEST_CASE("kaufmansAMA: a window without movement gives NaN (0/0), which then stays, as in the reference") {
    CHECK(runTables("import \"array\"\narray.from(rows: [{_value: 1.0}, {_value: 1.0}, {_value: 1.0}, {_value: 2.0}]) "
                    "|> kaufmansAMA(n: 2)") == "[] _value:float\nNaN\nNaN");
}

TEST_CASE("kaufmansAMA of a column the table lacks passes the other columns from row n on") {
    CHECK(runTables("import \"array\"\narray.from(rows: [{x: 1}, {x: 2}, {x: 3}]) |> kaufmansAMA(n: 2, column: \"nope\")") ==
          "[] x:int\n3");
}

TEST_CASE("cumulativeSum: a null row holds the sum so far (0 before the first value); non-numeric columns pass") {
    const std::string d = R"(import "csv"
d = csv.from(csv: "#datatype,string,long,double,string\n#group,false,false,false,false\n#default,_result,,,\n,result,table,_value,s\n,,0,,a\n,,0,4,\n,,0,,c\n,,0,2,d\n")
)";
    CHECK(runTables(d + "d |> cumulativeSum()") == "[] _value:float,s:string\n0.0,\"a\"\n4.0,null\n4.0,\"c\"\n6.0,\"d\"");
    CHECK(runTables(d + "d |> cumulativeSum(columns: [\"_value\", \"s\"])") ==
          "[] _value:float,s:string\n0.0,\"a\"\n4.0,null\n4.0,\"c\"\n6.0,\"d\"");
}

TEST_CASE("difference(nonNegative, initialZero) of a uint reset to a value above the int range is null") {
    CHECK(runTables("import \"array\"\narray.from(rows: [{_value: uint(v: \"18446744073709551615\")}, "
                    "{_value: uint(v: \"9223372036854775813\")}, {_value: uint(v: 3)}]) "
                    "|> difference(nonNegative: true, initialZero: true)") ==
          // the next difference wraps as the reference's two's-complement int64(v - prev) does
          "[] _value:int\nnull\n9223372036854775806");
}

TEST_CASE("exponentialMovingAverage of a table shorter than n: its last row with the mean so far") {
    const std::string d = "import \"array\"\nd = array.from(rows: [{_time: 2020-01-01T00:00:00Z, _value: 1.0}, "
                          "{_time: 2020-01-01T00:00:01Z, _value: 2.0}])\n";
    CHECK(runTables(d + "d |> exponentialMovingAverage(n: 5)") == "[] _time:time,_value:float\n2020-01-01T00:00:01Z,1.5");
    CHECK(runTables(d + "d |> exponentialMovingAverage(n: 2)") == "[] _time:time,_value:float\n2020-01-01T00:00:01Z,1.5");
}
