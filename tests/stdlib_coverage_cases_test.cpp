// Direct calls of the functions that stdlib_coverage_test.cpp found called by no test (some were only
// reached through a name built at run time), with expected values worked out by hand or from the
// reference's documentation: math's hyperbolic and inverse functions, the weekday boundaries, the
// PromQL date helpers, geo distances, the basic selectors/aggregates, aggregate.rate, the debug
// pass-through helpers, testing.assertEmpty, expect.planner, join.left and influxdb.buckets/to.
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"
#include "tests/support/store_test_util.h"

using fluxi::testutil::eval;
using fluxi::testutil::runTables;

TEST_CASE("math: hyperbolic and inverse trigonometric functions, Bessel y1") {
    CHECK(eval("import \"math\"\nmath.asin(x: 0.5)") == "0.5235987755982989");      // pi / 6
    CHECK(eval("import \"math\"\nmath.atan(x: 1.0)") == "0.7853981633974483");      // pi / 4
    CHECK(eval("import \"math\"\nmath.sinh(x: 1.0)") == "1.1752011936438014");      // (e - 1/e) / 2
    CHECK(eval("import \"math\"\nmath.cosh(x: 1.0)") == "1.5430806348152437");      // (e + 1/e) / 2
    CHECK(eval("import \"math\"\nmath.tanh(x: 0.5)") == "0.46211715726000974");
    CHECK(eval("import \"math\"\nmath.asinh(x: 1.0)") == "0.881373587019543");      // ln(1 + sqrt 2)
    CHECK(eval("import \"math\"\nmath.acosh(x: 1.5)") == "0.9624236501192069");     // ln(1.5 + sqrt 1.25)
    CHECK(eval("import \"math\"\nmath.y1(x: 1.0)") == "-0.7812128213002887");
    CHECK(eval("import \"math\"\nmath.asin(x: 2.0)") == "NaN");
    CHECK(eval("import \"math\"\nmath.acosh(x: 0.5)") == "NaN");
}

TEST_CASE("date/boundaries: the most recent weekday before today; on that day, a week back") {
    // 2024-01-03 is a Wednesday.
    const char* now = "2024-01-03T10:00:00Z";
    auto B = [&](const std::string& pkg, const std::string& call) {
        return eval("import \"" + pkg + "\"\noption now = () => " + now + "\n" + call, now);
    };
    CHECK(B("date/boundaries", "boundaries.tuesday()") == "{start: 2024-01-02T00:00:00Z, stop: 2024-01-03T00:00:00Z}");
    CHECK(B("date/boundaries", "boundaries.wednesday()") == "{start: 2023-12-27T00:00:00Z, stop: 2023-12-28T00:00:00Z}");
    CHECK(B("date/boundaries", "boundaries.thursday()") == "{start: 2023-12-28T00:00:00Z, stop: 2023-12-29T00:00:00Z}");
    CHECK(B("date/boundaries", "boundaries.saturday()") == "{start: 2023-12-30T00:00:00Z, stop: 2023-12-31T00:00:00Z}");
    CHECK(B("experimental/date/boundaries", "boundaries.tuesday()") == "{start: 2024-01-02T00:00:00Z, stop: 2024-01-03T00:00:00Z}");
    CHECK(B("experimental/date/boundaries", "boundaries.wednesday()") == "{start: 2023-12-27T00:00:00Z, stop: 2023-12-28T00:00:00Z}");
    CHECK(B("experimental/date/boundaries", "boundaries.thursday()") == "{start: 2023-12-28T00:00:00Z, stop: 2023-12-29T00:00:00Z}");
    CHECK(B("experimental/date/boundaries", "boundaries.saturday()") == "{start: 2023-12-30T00:00:00Z, stop: 2023-12-31T00:00:00Z}");
    CHECK(eval(std::string("import \"experimental/date/boundaries\"\n") +
               "[boundaries.tuesday().start, boundaries.wednesday().start, boundaries.thursday().start, "
               "boundaries.saturday().start]",
               now) == "[2024-01-02T00:00:00Z, 2023-12-27T00:00:00Z, 2023-12-28T00:00:00Z, 2023-12-30T00:00:00Z]");
    // week() on a Monday is the week starting today (conformance boundaries_test week_current_week_for_monday).
    CHECK(eval(std::string("import \"date/boundaries\"\nboundaries.week()"), "2024-01-08T10:00:00Z") ==
          "{start: 2024-01-08T00:00:00Z, stop: 2024-01-15T00:00:00Z}");
}

TEST_CASE("internal/promql date helpers read a Unix time in seconds (2023-11-14T22:13:20Z, a Tuesday)") {
    auto P = [](const std::string& call) { return eval("import \"internal/promql\"\n" + call); };
    CHECK(P("promql.promqlDayOfMonth(timestamp: 1700000000.0)") == "14.0");
    CHECK(P("promql.promqlDayOfWeek(timestamp: 1700000000.0)") == "2.0");
    CHECK(P("promql.promqlHour(timestamp: 1700000000.0)") == "22.0");
    CHECK(P("promql.promqlMinute(timestamp: 1700000000.0)") == "13.0");
    CHECK(P("promql.promqlMonth(timestamp: 1700000000.0)") == "11.0");
}

TEST_CASE("geo.stDistance and geo.stLength: one degree of latitude is 111.195 km (radius 6371.01 km)") {
    CHECK(eval("import \"experimental/geo\"\ngeo.stDistance(region: {lat: 40.0, lon: -73.0}, geometry: {lat: 41.0, lon: "
               "-73.0}, units: {distance: \"km\"})")
              .substr(0, 10) == "111.195101");
    CHECK(eval("import \"experimental/geo\"\ngeo.stLength(geometry: {linestring: \"-73 40, -73 41\"}, units: {distance: "
               "\"km\"})")
              .substr(0, 10) == "111.195101");
}

namespace {
const char* kSeries = R"(import "array"
d = array.from(rows: [{_time: 2024-01-01T00:00:00Z, _value: 3.0, t: "a"}, {_time: 2024-01-01T00:00:10Z, _value: 1.0, t: "a"},
                      {_time: 2024-01-01T00:00:20Z, _value: 6.0, t: "a"}])
)";
std::string S(const std::string& expr) { return runTables(std::string(kSeries) + expr); }
// With more imports: they go before the data.
std::string SI(const std::string& imports, const std::string& expr) {
    return runTables(imports + "\n" + kSeries + expr);
}
}  // namespace

TEST_CASE("universe first, min, max, spread, stddev, toFloat") {
    CHECK(S("d |> first()") == "[] _time:time,_value:float,t:string\n2024-01-01T00:00:00Z,3.0,\"a\"");
    CHECK(S("d |> min()") == "[] _time:time,_value:float,t:string\n2024-01-01T00:00:10Z,1.0,\"a\"");
    CHECK(S("d |> max()") == "[] _time:time,_value:float,t:string\n2024-01-01T00:00:20Z,6.0,\"a\"");
    CHECK(S("d |> spread()") == "[] _value:float\n5.0");
    // Sample standard deviation: squares of the deviations from 10/3 sum to 38/3; / 2, square root.
    CHECK(S("d |> stddev()") == "[] _value:float\n2.5166114784235836");
    CHECK(S("d |> stddev(mode: \"population\")") == "[] _value:float\n2.0548046676563256");
    CHECK(runTables("import \"array\"\narray.from(rows: [{_value: 1}, {_value: -2}]) |> toFloat()") ==
          "[] _value:float\n1.0\n-2.0");
}

TEST_CASE("experimental/aggregate.rate: non-negative derivative, then the mean per window") {
    std::string src = R"(import "array"
import "experimental/aggregate"
array.from(rows: [
    {_time: 2024-01-01T00:00:00Z, _value: 0, _start: 2024-01-01T00:00:00Z, _stop: 2024-01-01T00:02:00Z},
    {_time: 2024-01-01T00:00:30Z, _value: 30, _start: 2024-01-01T00:00:00Z, _stop: 2024-01-01T00:02:00Z},
    {_time: 2024-01-01T00:00:40Z, _value: 50, _start: 2024-01-01T00:00:00Z, _stop: 2024-01-01T00:02:00Z},
    {_time: 2024-01-01T00:01:10Z, _value: 20, _start: 2024-01-01T00:00:00Z, _stop: 2024-01-01T00:02:00Z}])
    |> group(columns: ["_start", "_stop"])
    |> aggregate.rate(every: 1m, unit: 1s)
)";
    // Rates 1/s (at 0:30) and 2/s (at 0:40) average to 1.5 in the first minute; the drop at 1:10 is null.
    CHECK(runTables(src) ==
          "[_start=2024-01-01T00:00:00Z,_stop=2024-01-01T00:02:00Z] _start:time,_stop:time,_value:float,_time:time\n"
          "2024-01-01T00:00:00Z,2024-01-01T00:02:00Z,1.5,2024-01-01T00:01:00Z\n"
          "2024-01-01T00:00:00Z,2024-01-01T00:02:00Z,null,2024-01-01T00:02:00Z");
}

TEST_CASE("internal/debug pass, opaque and slurp pass the data through; testing.assertEmpty; expect.planner") {
    std::string passed = SI("import \"internal/debug\"", "d |> debug.pass() |> debug.opaque() |> debug.slurp() |> count()");
    CHECK(passed == "[] _value:int\n3");
    CHECK(SI("import \"testing\"", "d |> filter(fn: (r) => r._value > 100.0) |> testing.assertEmpty()") == "");
    CHECK(SI("import \"testing\"", "d |> testing.assertEmpty()").rfind("error: ", 0) == 0);
    CHECK(eval("import \"testing/expect\"\nexpect.planner(rules: [\"pushDownRule\": 1])") == "{}");
}

TEST_CASE("join.left keeps unmatched left rows, with the right record's fields null") {
    std::string src = R"(import "array"
import "join"
l = array.from(rows: [{id: 1, a: "x"}, {id: 2, a: "y"}])
r = array.from(rows: [{id: 1, b: 10}])
join.left(left: l, right: r, on: (l, r) => l.id == r.id, as: (l, r) => ({id: l.id, a: l.a, b: r.b}))
)";
    CHECK(runTables(src) == "[] a:string,b:int,id:int\n\"x\",10,1\n\"y\",null,2");
}

TEST_CASE("influxdata/influxdb buckets() and to() on the embedded store") {
    fluxi::testutil::TempDataDir dir;
    auto w = fluxi::testutil::runWithStore(dir.path(), R"(import "array"
import "influxdata/influxdb"
array.from(rows: [{_time: 2023-12-31T00:00:00Z, _measurement: "m", _field: "f", _value: 1.5}])
    |> influxdb.to(bucket: "b1")
)");
    REQUIRE(w.ok);
    auto r = fluxi::testutil::runWithStore(dir.path(), R"(import "influxdata/influxdb"
influxdb.buckets() |> keep(columns: ["name"])
)");
    REQUIRE(r.ok);
    REQUIRE(r.results.size() == 1);
    auto q = fluxi::testutil::runWithStore(dir.path(), R"(import "influxdata/influxdb"
influxdb.from(bucket: "b1") |> range(start: 2023-01-01T00:00:00Z) |> keep(columns: ["_value"])
)");
    REQUIRE(q.ok);
}
