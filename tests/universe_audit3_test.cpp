// Universe functions checked against the reference's Go code (third audit): holtWinters' fitting and
// bucketing, covariance's types and NaN result, and the other cases where fluxi differed, each
// pinned here.
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"

using fluxi::testutil::runTables;

namespace {
std::string series(const std::string& rows) {
    return "import \"array\"\nimport \"experimental\"\nimport \"internal/debug\"\nimport \"math\"\n"
           "import \"timezone\"\nd = array.from(rows: [" + rows + "])\n";
}
}  // namespace

TEST_CASE("holtWinters: a constant series forecasts the constant; minSSE after _value, key columns first") {
    const std::string d = series(
        "{k: \"a\", _time: 2021-01-01T00:00:00Z, _value: 5}, {k: \"a\", _time: 2021-01-01T00:00:10Z, _value: 5},"
        "{k: \"a\", _time: 2021-01-01T00:00:20Z, _value: 5}, {k: \"a\", _time: 2021-01-01T00:00:30Z, _value: 5}") +
                          "  |> group(columns: [\"k\"])\n";
    CHECK(runTables(d + "d |> holtWinters(n: 2, interval: 10s, withMinSSE: true)") ==
          "[k=\"a\"] k:string,_time:time,_value:float,minSSE:float\n"
          "\"a\",2021-01-01T00:00:40Z,5.0,0.0\n\"a\",2021-01-01T00:00:50Z,5.0,0.0");
    // withFit: one value per point from the first one on, then the forecast
    CHECK(runTables(d + "d |> holtWinters(n: 2, interval: 10s, withFit: true) |> count()") ==
          "[k=\"a\"] k:string,_value:int\n\"a\",6");
    // seasonal: a constant series is also fitted exactly
    CHECK(runTables(d + "d |> holtWinters(n: 1, interval: 10s, seasonality: 2) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n5.0");
}

TEST_CASE("holtWinters: buckets and times as the reference computes them") {
    // Times before 1970 round as the reference's values.Time.Round does (Go's truncated remainder):
    // -5s rounds up to 10s, so -20s and -5s are four 10s-buckets apart, two of them empty.
    const std::string early = series("{_time: 1969-12-31T23:59:40Z, _value: 1.0}, {_time: 1969-12-31T23:59:55Z, _value: 2.0}");
    CHECK(runTables(early + "d |> holtWinters(n: 1, interval: 10s, withFit: true) |> count()") == "[] _value:int\n5");
    // A month interval is accepted: buckets are 1/12 of 365.25 days, output times calendar months.
    const std::string monthly = series(
        "{_time: 2021-01-31T00:00:00Z, _value: 1.0}, {_time: 2021-03-02T00:00:00Z, _value: 1.0},"
        "{_time: 2021-04-01T00:00:00Z, _value: 1.0}");
    CHECK(runTables(monthly + "d |> holtWinters(n: 2, interval: 1mo) |> keep(columns: [\"_time\", \"_value\"])") ==
          "[] _time:time,_value:float\n2021-05-01T00:00:00Z,1.0\n2021-06-01T00:00:00Z,1.0");
    // NaN and infinite floats are an error (the reference's optimizer cannot start from them).
    CHECK(runTables(series("{_time: 2021-01-01T00:00:00Z, _value: 1.0}, {_time: 2021-01-01T00:00:10Z, _value: 2.0}") +
                    "d |> map(fn: (r) => ({r with _value: if r._value > 1.5 then math.NaN() else r._value}))"
                    " |> holtWinters(n: 1, interval: 10s)")
              .rfind("error: holtWinters: NaN/Inf in input", 0) == 0);
    // a NaN in a row whose bucket is already filled is skipped like the rest of that row
    CHECK(runTables(series("{_time: 2021-01-01T00:00:00Z, _value: 1.0}, {_time: 2021-01-01T00:00:01Z, _value: 2.0},"
                           "{_time: 2021-01-01T00:00:10Z, _value: 1.0}") +
                    "d |> map(fn: (r) => ({r with _value: if r._value > 1.5 then math.NaN() else r._value}))"
                    " |> holtWinters(n: 1, interval: 10s) |> count()") == "[] _value:int\n1");
    CHECK(runTables(series("{_time: 2021-01-01T00:00:00Z, _value: 1.0}") + "d |> holtWinters(n: 1, interval: 0s)") ==
          "error: holtWinters: interval must be a positive duration, got 0ns");
    CHECK(runTables(series("{_time: 2021-01-01T00:00:00Z, _value: \"x\"}") + "d |> holtWinters(n: 1, interval: 1s)") ==
          "error: holtWinters: can work only on numerical types, got string");
}

TEST_CASE("covariance: float columns of one type only; fewer than two rows give NaN") {
    const std::string d = series("{x: 1.0, y: 2.0, i: 1, j: 2}, {x: 2.0, y: 4.0, i: 2, j: 4}, {x: 3.0, y: 7.0, i: 3, j: 7}");
    CHECK(runTables(d + "d |> covariance(columns: [\"x\", \"y\"])") == "[] _value:float\n2.5");
    CHECK(runTables(d + "d |> limit(n: 1) |> covariance(columns: [\"x\", \"y\"])") == "[] _value:float\nNaN");
    CHECK(runTables(d + "d |> limit(n: 1) |> covariance(columns: [\"x\", \"y\"], pearsonr: true)") ==
          "[] _value:float\nNaN");
    CHECK(runTables(d + "d |> covariance(columns: [\"i\", \"j\"])") ==
          "error: covariance: covariance does not support int (convert the columns to float first)");
    CHECK(runTables(d + "d |> covariance(columns: [\"x\", \"j\"])") ==
          "error: covariance: cannot compute the covariance between different types (float and int)");
    CHECK(runTables(d + "d |> covariance(columns: [\"x\"])") == "error: covariance: must provide exactly two columns");
}

TEST_CASE("join package: output columns in name order; `as` may not change the group key") {
    const std::string d = R"(import "array"
import "join"
l = array.from(rows: [{k: "a", id: 1, lv: 1.0}, {k: "a", id: 2, lv: 2.0}]) |> group(columns: ["k"])
r = array.from(rows: [{k: "a", id: 1, rv: "x"}, {k: "a", id: 3, rv: "y"}]) |> group(columns: ["k"])
)";
    CHECK(runTables(d + "join.inner(left: l, right: r, on: (l, r) => l.id == r.id, as: (l, r) => ({l with rv: r.rv}))") ==
          "[k=\"a\"] id:int,k:string,lv:float,rv:string\n1,\"a\",1.0,\"x\"");
    CHECK(runTables(d + "join.full(left: l, right: r, on: (l, r) => l.id == r.id, as: (l, r) => ({z: r.rv, k: l.k, "
                        "id: if exists l.id then l.id else r.id}))") ==
          "[k=\"a\"] id:int,k:string,z:string\n1,\"a\",\"x\"\n2,\"a\",null\n3,\"a\",\"y\"");
    CHECK(runTables(d + "join.inner(left: l, right: r, on: (l, r) => l.id == r.id, as: (l, r) => ({id: l.id}))") ==
          "error: join.tables: join cannot modify group key: output record has a missing or invalid value for column "
          "'k:string'");
    CHECK(runTables(d + "join.inner(left: l, right: r, on: (l, r) => l.id == r.id, as: (l, r) => ({l with k: \"b\"}))") ==
          "error: join.tables: join cannot modify group key: output record has a missing or invalid value for column "
          "'k:string'");
    // a key without a partner table: the missing side is a row of the other stream's columns, null but the key
    const std::string other = R"(import "array"
import "join"
l = array.from(rows: [{k: "a", id: 1, lv: 1.0}, {k: "b", id: 1, lv: 2.0}]) |> group(columns: ["k"])
r = array.from(rows: [{k: "a", id: 1, rv: "x"}]) |> group(columns: ["k"])
)";
    CHECK(runTables(other + "join.left(left: l, right: r, on: (l, r) => l.id == r.id, as: (l, r) => ({l with rv: r.rv, "
                            "rk: r.k}))") ==
          "[k=\"a\"] id:int,k:string,lv:float,rk:string,rv:string\n1,\"a\",1.0,\"a\",\"x\"\n"
          "[k=\"b\"] id:int,k:string,lv:float,rk:string,rv:string\n1,\"b\",2.0,\"b\",null");
}

TEST_CASE("experimental.join: output columns in name order; fn may not change the group key") {
    const std::string d = R"(import "array"
import "experimental"
l = array.from(rows: [{k: "a", _time: 2021-01-01T00:00:00Z, lv: 1.0}, {k: "a", _time: 2021-01-01T00:00:01Z, lv: 2.0}])
    |> group(columns: ["k"])
r = array.from(rows: [{k: "a", _time: 2021-01-01T00:00:00Z, rv: "x"}]) |> group(columns: ["k"])
)";
    CHECK(runTables(d + "experimental.join(left: l, right: r, fn: (left, right) => ({left with rv: right.rv, a: 1}))") ==
          "[k=\"a\"] _time:time,a:int,k:string,lv:float,rv:string\n2021-01-01T00:00:00Z,1,\"a\",1.0,\"x\"");
    CHECK(runTables(d + "experimental.join(left: l, right: r, fn: (left, right) => ({_time: left._time, rv: right.rv}))")
              .rfind("error: experimental.join: argument 'fn' may not modify group key", 0) == 0);
}

TEST_CASE("hourSelection: a start after the stop wraps around midnight") {
    const std::string d = series(
        "{_time: 2021-01-01T08:30:00Z, _value: 1}, {_time: 2021-01-01T10:30:00Z, _value: 2},"
        "{_time: 2021-01-01T23:30:00Z, _value: 3}, {_time: 2021-01-02T00:10:00Z, _value: 4},"
        "{_time: 2021-01-02T01:59:00Z, _value: 5}, {_time: 2021-01-02T02:00:00Z, _value: 6}");
    CHECK(runTables(d + "d |> hourSelection(start: 22, stop: 1) |> keep(columns: [\"_value\"])") ==
          "[] _value:int\n3\n4\n5");
    CHECK(runTables(d + "d |> hourSelection(start: 9, stop: 10) |> keep(columns: [\"_value\"])") == "[] _value:int\n2");
    CHECK(runTables(d + "d |> hourSelection(start: 0, stop: 0, location: timezone.fixed(offset: 1h))"
                        " |> keep(columns: [\"_value\"])") == "[] _value:int\n3");
}

TEST_CASE("histogramQuantile: total 0 is null; force fixes counts before the total; drop leaves no row") {
    CHECK(runTables(series("{le: 1.0, _value: 0.0}, {le: 2.0, _value: 0.0}") + "d |> histogramQuantile(quantile: 0.5)") ==
          "[] _value:float\nnull");
    // forced counts 3, 3: the total is 3 (not the last raw count 2), rank 2.7 lies below the first bound
    CHECK(runTables(series("{le: 1.0, _value: 3.0}, {le: 2.0, _value: 2.0}") +
                    "d |> histogramQuantile(quantile: 0.9, onNonmonotonic: \"force\")") == "[] _value:float\n0.9");
    CHECK(runTables(series("{le: 1.0, _value: 3.0}, {le: 2.0, _value: 2.0}") +
                    "d |> histogramQuantile(quantile: 0.9, onNonmonotonic: \"drop\")") == "[] _value:float");
    // between -Inf and +Inf the upper bound is returned (the lower infinite bound is checked first)
    CHECK(runTables(series("{le: -1.0, _value: 0.0}, {le: 1.0, _value: 2.0}") +
                    "d |> map(fn: (r) => ({r with le: if r.le < 0.0 then math.mInf(sign: -1) else math.mInf(sign: 1)}))"
                    " |> histogramQuantile(quantile: 0.5)") == "[] _value:float\n+Inf");
}

TEST_CASE("histogram: a value above the last bin is an error; normalizing no values gives NaN") {
    const std::string d = series("{_value: 1.0}, {_value: 2.5}");
    CHECK(runTables(d + "d |> histogram(bins: [3.0, 1.0, 2.0])") ==
          "[] le:float,_value:float\n1.0,1.0\n2.0,1.0\n3.0,2.0");
    CHECK(runTables(d + "d |> histogram(bins: [1.0, 2.0])") ==
          "error: histogram: found value greater than any bin: 2.5 > 2 (row 2)");
    CHECK(runTables(d + "d |> filter(fn: (r) => false, onEmpty: \"keep\") |> histogram(bins: [1.0], normalize: true)") ==
          "[] le:float,_value:float\n1.0,NaN");
    CHECK(runTables(d + "d |> map(fn: (r) => ({r with _value: string(v: r._value)})) |> histogram(bins: [1.0])") ==
          "error: histogram: column \"_value\" must be of type float, got string");
}

TEST_CASE("reduce: the accumulator's columns after the key, in name order; a null result is an error") {
    const std::string d = series("{k: \"a\", v: 1}, {k: \"a\", v: 2}") + "  |> group(columns: [\"k\"])\n";
    CHECK(runTables(d + "d |> reduce(fn: (r, accumulator) => ({z: r.v + accumulator.z, a: accumulator.a + 1}), "
                        "identity: {z: 0, a: 0})") == "[k=\"a\"] k:string,a:int,z:int\n\"a\",2,3");
    CHECK(runTables(d +
                    "d |> reduce(fn: (r, accumulator) => ({s: if r.v > 5 then r.v else accumulator.s}), "
                    "identity: {s: debug.null(type: \"int\")})") ==
          "error: reduce: null values are not supported for \"s\" in the reduce() function");
}

TEST_CASE("integral: needs _start/_stop keys; repeated times count once; unsorted or null times are errors") {
    const std::string r = "  |> range(start: 2021-01-01T00:00:00Z, stop: 2021-01-01T00:00:30Z)\n";
    // 0s: 1.0, 0s again: 5.0 (skipped), 10s: 3.0 -> 0.5 * (1 + 3) * 10s / 10s = 2
    const std::string dup =
        series("{_time: 2021-01-01T00:00:00Z, _value: 1.0}, {_time: 2021-01-01T00:00:00Z, _value: 5.0},"
               "{_time: 2021-01-01T00:00:10Z, _value: 3.0}") + r;
    CHECK(runTables(dup + "d |> integral(unit: 10s) |> keep(columns: [\"_value\"])") == "[] _value:float\n2.0");
    // linear: from _start (the first point) nothing; from 10s to _stop 30s the line goes on (slope 0.2/s):
    // 2 + 0.5 * (3 + 7) * 2 = 12
    CHECK(runTables(dup + "d |> integral(unit: 10s, interpolate: \"linear\") |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n12.0");
    CHECK(runTables(series("{_time: 2021-01-01T00:00:00Z, _value: 1.0}") + "d |> integral(unit: 10s)") ==
          "error: integral: integral function needs _start column to be part of group key (use range() first)");
    CHECK(runTables(series("{_time: 2021-01-01T00:00:10Z, _value: 1.0}, {_time: 2021-01-01T00:00:00Z, _value: 2.0}") + r +
                    "d |> integral(unit: 10s)") ==
          "error: integral: integral found out-of-order times in time column (row 2)");
    // a null value at a time still claims that time
    CHECK(runTables(
                    series("{_time: 2021-01-01T00:00:00Z, _value: 1.0}, {_time: 2021-01-01T00:00:10Z, _value: 0.0},"
                           "{_time: 2021-01-01T00:00:10Z, _value: 9.0}, {_time: 2021-01-01T00:00:20Z, _value: 3.0}") +
                    r + "d |> map(fn: (r) => ({r with _value: if r._value == 0.0 then debug.null(type: \"float\") else r._value}))"
                        " |> integral(unit: 10s) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n4.0");
}

TEST_CASE("experimental.group: a listed column the table lacks is an error") {
    CHECK(runTables(series("{a: 1, b: 2}") +
                    "d |> experimental.group(columns: [\"nope\"], mode: \"extend\")") ==
          "error: experimental.group: unknown column \"nope\" (table {})");
}

TEST_CASE("experimental.unpivot: key columns, _field, otherColumns in listed order, _value") {
    const std::string d = series("{_time: 2021-01-01T00:00:00Z, k: \"x\", a: 1.0, b: 2.0}") + "  |> group(columns: [\"k\"])\n";
    CHECK(runTables(d + "d |> experimental.unpivot()") ==
          "[k=\"x\",_field=\"a\"] k:string,_field:string,_time:time,_value:float\n\"x\",\"a\",2021-01-01T00:00:00Z,1.0\n"
          "[k=\"x\",_field=\"b\"] k:string,_field:string,_time:time,_value:float\n\"x\",\"b\",2021-01-01T00:00:00Z,2.0");
    CHECK(runTables(d + "d |> group() |> experimental.unpivot(otherColumns: [\"_time\", \"_field\", \"k\"])") ==
          "[] _time:time,_field:string,k:string,_value:float\n2021-01-01T00:00:00Z,\"a\",\"x\",1.0\n"
          "2021-01-01T00:00:00Z,\"b\",\"x\",2.0");
}
