// Tests of the universe functions added after the core set: join and the join package, top/bottom
// and the highest/lowest family, the to* conversions, state tracking, time shifting and
// truncation, sample, keyValues, histograms, covariance, hourSelection, the moving-average and
// momentum indicators and holtWinters. Scripts run through fluxi::Engine on small annotated-CSV
// inputs (with nulls and group keys); results are rendered one table after another:
//
//     [t="a"] _time:time,_value:float,t:string    <- group key, then columns with types
//     2020-01-01T00:00:00Z,1.0,"a"                  <- one line per row (null cells print as null)
#include <doctest/doctest.h>

#include <string>

#include "eval/value_text.h"
#include "eval/stream.h"
#include "api/engine.h"
#include "tests/support/flux_run.h"

using namespace fluxi;

namespace {


// Runs `src` after the csv import and the sample data below; renders its last value (tables for a
// stream, Flux syntax otherwise, "error: MESSAGE" on failure).
std::string run(const std::string& src, const std::string& imports = "") {
    static const char* kData = R"(import "csv"
data = csv.from(csv: "
#datatype,string,long,dateTime:RFC3339,double,string
#group,false,false,false,false,true
#default,_result,,,,
,result,table,_time,_value,t
,,0,2020-01-01T00:00:00Z,1,a
,,0,2020-01-01T00:00:10Z,,a
,,0,2020-01-01T00:00:20Z,3,a
,,1,2020-01-01T00:00:00Z,10,b
,,1,2020-01-01T00:00:30Z,40,b
")
)";
    return testutil::runTables(imports + kData + src);
}

bool startsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

TEST_CASE("universe join: on columns, renamed columns, union key, nulls never match") {
    std::string right = "right = data |> map(fn: (r) => ({r with _value: r._value * 2.0}))\n";
    CHECK(run(right + "join(tables: {l: data, r: right}, on: [\"t\", \"_time\"])") ==
          "[t=\"a\"] _time:time,_value_l:float,_value_r:float,t:string\n"
          "2020-01-01T00:00:00Z,1.0,2.0,\"a\"\n"
          "2020-01-01T00:00:10Z,null,null,\"a\"\n"
          "2020-01-01T00:00:20Z,3.0,6.0,\"a\"\n"
          "[t=\"b\"] _time:time,_value_l:float,_value_r:float,t:string\n"
          "2020-01-01T00:00:00Z,10.0,20.0,\"b\"\n"
          "2020-01-01T00:00:30Z,40.0,80.0,\"b\"");
    // joining on _value: the null rows do not match each other; t is renamed on both sides and the
    // output key is the union of both keys
    CHECK(run("join(tables: {x: data, y: data |> group()}, on: [\"_value\"]) |> keep(columns: [\"_value\", \"t_x\", "
              "\"t_y\"])") ==
          "[t_x=\"a\"] _value:float,t_x:string,t_y:string\n1.0,\"a\",\"a\"\n3.0,\"a\",\"a\"\n"
          "[t_x=\"b\"] _value:float,t_x:string,t_y:string\n10.0,\"b\",\"b\"\n40.0,\"b\",\"b\"");
    // a table lacking an `on` column joins nothing
    CHECK(run("join(tables: {x: data, y: data |> drop(columns: [\"t\"])}, on: [\"t\"])") == "");
    CHECK(run("join(tables: {x: data}, on: [\"t\"])") == "error: join: argument tables must hold exactly two streams, got 1");
    CHECK(run("join(tables: {x: data, y: data})") == "error: join: argument on (the columns to join on) is required");
    CHECK(startsWith(run("join(tables: {x: data, y: data}, on: [\"t\"], method: \"outer\")"),
                     "error: join: method \"outer\" is not supported"));
    CHECK(run("join(tables: {x: data, y: data |> map(fn: (r) => ({r with t: 1}))}, on: [\"t\"])") ==
          "error: join: column \"t\" has type string in x but int in y");
}

TEST_CASE("join package: inner, left, right and full joins with default records") {
    const std::string imp = "import \"join\"\n";
    std::string right = "right = data |> map(fn: (r) => ({r with _value: r._value * 2.0})) |> filter(fn: (r) => "
                        "r._value > 5.0)\n";
    CHECK(run(right + "join.inner(left: data, right: right, on: (l, r) => l._time == r._time, as: (l, r) => ({t: "
                      "l.t, lv: l._value, rv: r._value}))",
              imp) ==
          "[t=\"a\"] lv:float,rv:float,t:string\n3.0,6.0,\"a\"\n"
          "[t=\"b\"] lv:float,rv:float,t:string\n10.0,20.0,\"b\"\n40.0,80.0,\"b\"");
    // full: unmatched rows meet a default record (key columns set, the rest null); rows come in
    // order of the join values
    CHECK(run(right + "join.full(left: data, right: right, on: (l, r) => l._time == r._time, as: (l, r) => ({t: "
                      "r.t, lv: l._value, rv: r._value}))",
              imp) ==
          "[t=\"a\"] lv:float,rv:float,t:string\n1.0,null,\"a\"\nnull,null,\"a\"\n3.0,6.0,\"a\"\n"
          "[t=\"b\"] lv:float,rv:float,t:string\n10.0,20.0,\"b\"\n40.0,80.0,\"b\"");
    // right join against a table only the right side has: l has the left stream's columns, null but
    // the key; output columns in name order
    CHECK(run("join.right(left: data |> filter(fn: (r) => r.t == \"a\"), right: data |> filter(fn: (r) => r.t == "
              "\"b\"), on: (l, r) => l._time == r._time, as: (l, r) => ({t: l.t, v: r._value, lv: l._value}))",
              imp) ==
          "[t=\"b\"] lv:float,t:string,v:float\nnull,\"b\",10.0\nnull,\"b\",40.0");
    // join.time joins on _time; multiple equal keys pair left-major
    CHECK(run("join.time(left: data |> group(), right: data |> group() |> filter(fn: (r) => r._time == "
              "2020-01-01T00:00:00Z), as: (l, r) => ({a: l._value, b: r._value}))",
              imp) ==
          "[] a:float,b:float\n1.0,1.0\n1.0,10.0\n10.0,1.0\n10.0,10.0");
    CHECK(startsWith(run("join.inner(left: data, right: data, on: (l, r) => l.t != r.t, as: (l, r) => l)", imp),
                     "error: join.tables: on must be a function"));
    CHECK(startsWith(run("join.inner(left: data, right: data, on: (l, r) => l.t == r.t or l.t == r.t, as: (l, r) => l)",
                         imp),
                     "error: join.tables: on must be a function"));
    CHECK(run("join.tables(left: data, right: data, on: (l, r) => l.t == r.t, as: (l, r) => l, method: \"x\")", imp) ==
          "error: join.tables: method must be \"inner\", \"left\", \"right\" or \"full\", got \"x\"");
    CHECK(run("join.inner(left: data, right: data, on: (l, r) => l.t == r.t, as: (l, r) => 1)", imp) ==
          "error: join.tables: as must return a record, got int");
}

TEST_CASE("universe top, bottom, highestMax, lowestMin and friends") {
    // (nulls are filtered first: where sort puts them is sort's business)
    CHECK(run("data |> filter(fn: (r) => exists r._value) |> top(n: 1)") ==
          "[t=\"a\"] _time:time,_value:float,t:string\n2020-01-01T00:00:20Z,3.0,\"a\"\n"
          "[t=\"b\"] _time:time,_value:float,t:string\n2020-01-01T00:00:30Z,40.0,\"b\"");
    CHECK(run("data |> filter(fn: (r) => exists r._value) |> bottom(n: 1) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n1.0\n10.0");
    CHECK(run("data |> highestMax(n: 1, groupColumns: [\"t\"]) |> keep(columns: [\"_value\", \"t\"])") ==
          "[] _value:float,t:string\n40.0,\"b\"");
    CHECK(run("data |> lowestMin(n: 2, groupColumns: [\"t\"]) |> keep(columns: [\"_value\", \"t\"])") ==
          "[] _value:float,t:string\n1.0,\"a\"\n10.0,\"b\"");
    CHECK(run("data |> highestAverage(n: 1, groupColumns: [\"t\"])") == "[] t:string,_value:float\n\"b\",25.0");
    CHECK(run("data |> lowestAverage(n: 1, groupColumns: [\"t\"])") == "[] t:string,_value:float\n\"a\",2.0");
    CHECK(run("data |> highestCurrent(n: 1, groupColumns: [\"t\"]) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n40.0");
    CHECK(run("data |> lowestCurrent(n: 1, groupColumns: [\"t\"]) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n3.0");
}

TEST_CASE("universe toInt, toString, toBool, ...: _value converted, nulls kept") {
    CHECK(run("data |> toInt() |> filter(fn: (r) => r.t == \"a\")") ==
          "[t=\"a\"] _time:time,_value:int,t:string\n2020-01-01T00:00:00Z,1,\"a\"\n"
          "2020-01-01T00:00:10Z,null,\"a\"\n2020-01-01T00:00:20Z,3,\"a\"");
    CHECK(run("data |> toString() |> filter(fn: (r) => r.t == \"b\") |> keep(columns: [\"_value\"])") ==
          "[] _value:string\n\"10\"\n\"40\"");
    CHECK(run("data |> toBool() |> filter(fn: (r) => r.t == \"a\") |> keep(columns: [\"_value\"])") ==
          "error: bool: cannot convert float 3.0 to bool: expected 0.0 or 1.0");
    CHECK(run("data |> toUInt() |> toTime() |> keep(columns: [\"_value\"])") ==
          "[] _value:time\n1970-01-01T00:00:00.000000001Z\nnull\n1970-01-01T00:00:00.000000003Z\n"
          "1970-01-01T00:00:00.00000001Z\n1970-01-01T00:00:00.00000004Z");
    CHECK(run("data |> toTime()") == "error: time: cannot convert float to time");
    // no _value column: tables pass unchanged
    CHECK(run("data |> rename(columns: {_value: \"v\"}) |> toInt() |> keep(columns: [\"v\"]) |> limit(n: 1)") ==
          "[] v:float\n1.0");
}

TEST_CASE("universe stateCount, stateDuration and stateTracking") {
    CHECK(run("data |> stateCount(fn: (r) => r._value < 20.0) |> keep(columns: [\"stateCount\"])") ==
          "[] stateCount:int\n1\n-1\n1\n1\n-1");
    CHECK(run("data |> stateDuration(fn: (r) => r.t == \"a\", unit: 1ms) |> keep(columns: [\"stateDuration\"])") ==
          "[] stateDuration:int\n0\n10000\n20000\n-1\n-1");
    CHECK(run("data |> stateTracking(fn: (r) => true, countColumn: \"c\", durationColumn: \"d\") |> keep(columns: "
              "[\"c\", \"d\"]) |> filter(fn: (r) => r.c > 1)") ==
          "[] c:int,d:int\n2,10\n3,20\n2,30");
    CHECK(run("data |> stateTracking(fn: (r) => true)") ==
          "error: stateTracking: give countColumn, durationColumn or both");
    CHECK(run("data |> stateCount(fn: (r) => 1)") == "error: stateTracking: fn must return a bool, got int (row 0)");
}

TEST_CASE("universe timeShift and truncateTimeColumn") {
    CHECK(run("data |> range(start: 2020-01-01T00:00:00Z, stop: 2020-01-02T00:00:00Z) |> timeShift(duration: -1h) "
              "|> filter(fn: (r) => r.t == \"b\")") ==
          "[_start=2019-12-31T23:00:00Z,_stop=2020-01-01T23:00:00Z,t=\"b\"] "
          "_start:time,_stop:time,_time:time,_value:float,t:string\n"
          "2019-12-31T23:00:00Z,2020-01-01T23:00:00Z,2019-12-31T23:00:00Z,10.0,\"b\"\n"
          "2019-12-31T23:00:00Z,2020-01-01T23:00:00Z,2019-12-31T23:00:30Z,40.0,\"b\"");
    CHECK(run("data |> timeShift(duration: 1mo, columns: [\"_time\"]) |> keep(columns: [\"_time\"]) |> limit(n: 1)") ==
          "[] _time:time\n2020-02-01T00:00:00Z");
    CHECK(run("data |> timeShift(duration: 1h, columns: [\"t\"])") ==
          "error: timeShift: column \"t\" must be of type time, got string");
    CHECK(run("data |> truncateTimeColumn(unit: 20s) |> keep(columns: [\"_time\"])") ==
          "[] _time:time\n2020-01-01T00:00:00Z\n2020-01-01T00:00:00Z\n2020-01-01T00:00:20Z\n"
          "2020-01-01T00:00:00Z\n2020-01-01T00:00:20Z");
}

TEST_CASE("universe sample, keyValues and hourSelection") {
    CHECK(run("data |> sample(n: 2, pos: 1) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\nnull\n40.0");
    CHECK(run("data |> sample(n: 2, pos: 2)") == "error: sample: pos must be less than n, got pos 2 and n 2");
    // a random start still keeps every n-th row
    CHECK(run("data |> sample(n: 1) |> count()") ==
          "[t=\"a\"] t:string,_value:int\n\"a\",3\n[t=\"b\"] t:string,_value:int\n\"b\",2");
    CHECK(run("data |> map(fn: (r) => ({r with u: \"x\"})) |> keyValues(keyColumns: [\"u\", \"t\"])") ==
          "[t=\"a\"] t:string,_key:string,_value:string\n\"a\",\"u\",\"x\"\n\"a\",\"t\",\"a\"\n"
          "[t=\"b\"] t:string,_key:string,_value:string\n\"b\",\"u\",\"x\"\n\"b\",\"t\",\"b\"");
    CHECK(run("data |> keyValues(keyColumns: [\"_value\", \"t\"])") ==
          "error: keyValues: keyColumns must all have one type, but \"_value\" is float and \"t\" is string");
    CHECK(run("data |> keyValues(keyColumns: [\"nope\"])") == "error: keyValues: table has no column \"nope\"");
    CHECK(run("data |> timeShift(duration: 13h) |> hourSelection(start: 13, stop: 13) |> count()") ==
          "[t=\"a\"] t:string,_value:int\n\"a\",3\n[t=\"b\"] t:string,_value:int\n\"b\",2");
    CHECK(run("data |> hourSelection(start: 1, stop: 23) |> count()") ==
          "[t=\"a\"] t:string,_value:int\n\"a\",0\n[t=\"b\"] t:string,_value:int\n\"b\",0");
    // hours on the clock of a location: a fixed offset, a named zone, or the location option
    CHECK(run("data |> hourSelection(start: 13, stop: 13, location: {zone: \"UTC\", offset: 13h}) |> count()") ==
          "[t=\"a\"] t:string,_value:int\n\"a\",3\n[t=\"b\"] t:string,_value:int\n\"b\",2");
    CHECK(run("data |> hourSelection(start: 9, stop: 9, location: timezone.location(name: \"Asia/Tokyo\")) |> count()",
              "import \"timezone\"\n") ==
          "[t=\"a\"] t:string,_value:int\n\"a\",3\n[t=\"b\"] t:string,_value:int\n\"b\",2");
    CHECK(run("option location = timezone.fixed(offset: -1h)\ndata |> hourSelection(start: 23, stop: 23) |> count()",
              "import \"timezone\"\n") ==
          "[t=\"a\"] t:string,_value:int\n\"a\",3\n[t=\"b\"] t:string,_value:int\n\"b\",2");
    CHECK(run("data |> hourSelection(start: 0, stop: 0, location: {zone: \"Nowhere/City\", offset: 0h})")
              .find("error: hourSelection: location:") == 0);
    CHECK(run("data |> hourSelection(start: 1, stop: 24)") ==
          "error: hourSelection: start and stop must be hours from 0 to 23, got 1 and 24");
}

TEST_CASE("universe histogram and histogramQuantile") {
    CHECK(run("data |> histogram(bins: [50.0, 0.0, 2.0]) |> filter(fn: (r) => r.t == \"a\")") ==
          "[t=\"a\"] t:string,le:float,_value:float\n\"a\",0.0,0.0\n\"a\",2.0,1.0\n\"a\",50.0,2.0");
    CHECK(run("data |> histogram(bins: [5.0, 100.0], normalize: true, countColumn: \"c\", upperBoundColumn: "
              "\"ub\") |> filter(fn: (r) => r.t == \"b\")") ==
          "[t=\"b\"] t:string,ub:float,c:float\n\"b\",5.0,0.0\n\"b\",100.0,1.0");
    CHECK(run("data |> toInt() |> histogram(bins: [1.0])") ==
          "error: histogram: column \"_value\" must be of type float, got int");
    std::string hist = "h = data |> histogram(bins: [0.0, 2.0, 4.0, 50.0])\n";
    // a: counts 0, 1, 2, 2 -> the median (rank 1) is the bound 2.0; b: counts 0, 0, 0, 2 -> rank 1 is
    // halfway from 4.0 (count 0) to 50.0 (count 2)
    CHECK(run(hist + "h |> histogramQuantile()") == "error: histogramQuantile: missing required argument quantile");
    CHECK(run(hist + "h |> histogramQuantile(quantile: 0.5)") ==
          "[t=\"a\"] t:string,_value:float\n\"a\",2.0\n[t=\"b\"] t:string,_value:float\n\"b\",27.0");
    // rank 1.5 of a falls between 2.0 (count 1) and 4.0 (count 2)
    CHECK(run(hist + "h |> histogramQuantile(quantile: 0.75) |> filter(fn: (r) => r.t == \"a\")") ==
          "[t=\"a\"] t:string,_value:float\n\"a\",3.0");
    CHECK(run(hist + "h |> histogramQuantile(quantile: 1.5)") ==
          "error: histogramQuantile: quantile must be between 0 and 1");
    CHECK(run("data |> rename(columns: {_time: \"le\"}) |> histogramQuantile(quantile: 0.5)") ==
          "error: histogramQuantile: column \"le\" must be of type float, got time");
    CHECK(run("data |> map(fn: (r) => ({t: r.t, le: r._value, _value: 3.0 - r._value})) |> filter(fn: (r) => r.t == "
              "\"a\" and exists r.le) |> histogramQuantile(quantile: 0.5)") ==
          "error: histogramQuantile: histogram records counts are not monotonic");
}

TEST_CASE("universe covariance, cov and pearsonr") {
    std::string xy = "xy = data |> map(fn: (r) => ({r with x: r._value, y: 2.0 * r._value + 1.0}))\n";
    // b: x = 10, 40 (mean 25), y = 21, 81 (mean 51): cov = (-15*-30 + 15*30) / 1 = 900
    CHECK(run(xy + "xy |> covariance(columns: [\"x\", \"y\"])") ==
          "[t=\"a\"] t:string,_value:float\n\"a\",4.0\n[t=\"b\"] t:string,_value:float\n\"b\",900.0");
    CHECK(run(xy + "xy |> covariance(columns: [\"x\", \"y\"], pearsonr: true, valueDst: \"r\")") ==
          "[t=\"a\"] t:string,r:float\n\"a\",1.0\n[t=\"b\"] t:string,r:float\n\"b\",1.0");
    CHECK(run("cov(x: data, y: data |> map(fn: (r) => ({r with _value: -r._value})), on: [\"_time\", \"t\"])") ==
          "[t=\"a\"] t:string,_value:float\n\"a\",-2.0\n[t=\"b\"] t:string,_value:float\n\"b\",-450.0");
    CHECK(run("pearsonr(x: data, y: data, on: [\"_time\", \"t\"]) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n1.0\n1.0");
    CHECK(run("data |> filter(fn: (r) => r._value == 1.0) |> covariance(columns: [\"_value\", \"_value\"])") ==
          "[t=\"a\"] t:string,_value:float\n\"a\",NaN");
    CHECK(run("data |> covariance(columns: [\"_value\", \"r\"])") ==
          "error: covariance: specified column does not exist in table: r");
    CHECK(run("data |> covariance(columns: [\"_value\"])") == "error: covariance: must provide exactly two columns");
}

TEST_CASE("universe exponentialMovingAverage, doubleEMA, tripleEMA and momentum indicators") {
    const std::string ramp = R"(ramp = csv.from(csv: "
#datatype,string,long,dateTime:RFC3339,long
#group,false,false,false,false
#default,_result,,,
,result,table,_time,_value
,,0,2020-01-01T00:00:00Z,1
,,0,2020-01-01T00:00:01Z,2
,,0,2020-01-01T00:00:02Z,4
,,0,2020-01-01T00:00:03Z,3
,,0,2020-01-01T00:00:04Z,5
,,0,2020-01-01T00:00:05Z,8
")
)";
    // EMA(2): mean of the first two, then x*2/3 + y*1/3; a null keeps the previous average
    CHECK(run("data |> exponentialMovingAverage(n: 2) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n1.0\n2.3333333333333335\n25.0");
    CHECK(run(ramp + "ramp |> exponentialMovingAverage(n: 3) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n2.3333333333333335\n2.666666666666667\n3.8333333333333335\n5.916666666666667");
    CHECK(run(ramp + "ramp |> doubleEMA(n: 2) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n4.0\n3.2962962962962963\n4.864197530864197\n7.765432098765432");
    CHECK(run(ramp + "ramp |> tripleEMA(n: 2) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n3.2962962962962967\n4.954732510288066\n7.951989026063101");
    // CMO(2) over changes +1 +2 -1 +2 +3
    CHECK(run(ramp + "ramp |> chandeMomentumOscillator(n: 2) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n100.0\n33.333333333333336\n33.333333333333336\n100.0");
    CHECK(run(ramp + "ramp |> kaufmansER(n: 2) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n1.0\n0.33333333333333337\n0.33333333333333337\n1.0");
    // RSI(2): averages over +1 +2 -> no loss -> 100; then -1: gain (1.5 + 0)/2, loss (0 + 1)/2 -> 60
    CHECK(run(ramp + "ramp |> relativeStrengthIndex(n: 2) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n100.0\n60.0\n84.61538461538461\n94.5945945945946");
    CHECK(run(ramp + "ramp |> kaufmansAMA(n: 2) |> keep(columns: [\"_value\"]) |> count()") == "[] _value:int\n4");
    CHECK(run(ramp + "ramp |> tripleExponentialDerivative(n: 2) |> count()") == "[] _value:int\n2");
    // too short: one row, the last, with NaN
    CHECK(run(ramp + "ramp |> limit(n: 3) |> tripleExponentialDerivative(n: 2) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\nNaN");
    CHECK(run("data |> exponentialMovingAverage(n: 0)") == "error: exponentialMovingAverage: n must be positive, got 0");
    CHECK(run("data |> rename(columns: {_value: \"v\"}) |> exponentialMovingAverage(n: 2)") ==
          "error: exponentialMovingAverage: column \"_value\" not found");
    CHECK(run("data |> chandeMomentumOscillator(n: 2, columns: [\"t\"])") ==
          "error: chandeMomentumOscillator: column \"t\" must be numeric (int, uint or float), got string");
}

TEST_CASE("universe timedMovingAverage and holtWinters") {
    CHECK(run("data |> range(start: 2020-01-01T00:00:00Z, stop: 2020-01-01T00:01:00Z) |> timedMovingAverage(every: "
              "20s, period: 40s) |> filter(fn: (r) => r.t == \"b\") |> keep(columns: [\"_time\", \"_value\"])") ==
          "[] _value:float,_time:time\n10.0,2020-01-01T00:00:20Z\n25.0,2020-01-01T00:00:40Z\n"
          "40.0,2020-01-01T00:01:00Z");
    // A straight line is fitted exactly: the forecast continues it.
    const std::string line = R"(line = csv.from(csv: "
#datatype,string,long,dateTime:RFC3339,double,string
#group,false,false,false,false,true
#default,_result,,,,
,result,table,_time,_value,t
,,0,2020-01-01T00:00:00Z,2,a
,,0,2020-01-01T00:00:10Z,4,a
,,0,2020-01-01T00:00:20Z,6,a
,,0,2020-01-01T00:00:30Z,8,a
,,0,2020-01-01T00:00:40Z,10,a
,,0,2020-01-01T00:00:50Z,12,a
")
)";
    std::string out = run(line + "line |> holtWinters(n: 2, interval: 10s, withMinSSE: true)");
    REQUIRE(startsWith(out, "[t=\"a\"] t:string,_time:time,_value:float,minSSE:float\n\"a\",2020-01-01T00:01:00Z,"));
    CHECK(out.find("\"a\",2020-01-01T00:01:10Z,") != std::string::npos);
    // withFit starts at the first point; rows sharing an interval bucket count once
    CHECK(run(line + "line |> holtWinters(n: 1, interval: 10s, withFit: true) |> count()") ==
          "[t=\"a\"] t:string,_value:int\n\"a\",7");
    CHECK(run(line + "union(tables: [line |> timeShift(duration: 3s, columns: [\"_time\"]), line]) |> group(columns: "
                     "[\"t\"]) |> sort(columns: [\"_time\"]) |> holtWinters(n: 1, interval: 10s, withFit: true) |> count()") ==
          "[t=\"a\"] t:string,_value:int\n\"a\",7");
    // fewer than two points: nothing to forecast
    CHECK(run(line + "line |> limit(n: 1) |> holtWinters(n: 3, interval: 10s)") ==
          "[t=\"a\"] t:string,_time:time,_value:float");
    CHECK(run(line + "line |> holtWinters(n: 3, interval: -1s)") ==
          "error: holtWinters: interval must be a positive duration, got -1s");
    CHECK(run(line + "line |> holtWinters(n: 3, interval: 10s, column: \"t\")") ==
          "error: holtWinters: can work only on numerical types, got string");
}
