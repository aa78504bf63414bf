// Tests of the `experimental` package through Flux scripts: the aggregates and selectors of _value,
// histograms, group extend, set, window, alignTime, join, chain, unpivot, diff, preview, catch.
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"

using fluxi::testutil::runTables;

namespace {

// Two tables keyed by t: a has 1.0, 4.0, 2.0 (with x = p, q, p); b has 3.0.
const char* kData = R"(import "array"
import "experimental"
data = array.from(rows: [
    {_time: 2021-01-01T00:00:00Z, t: "a", _value: 1.0, x: "p"},
    {_time: 2021-01-01T00:00:10Z, t: "a", _value: 4.0, x: "q"},
    {_time: 2021-01-01T00:00:20Z, t: "a", _value: 2.0, x: "p"},
    {_time: 2021-01-01T00:00:00Z, t: "b", _value: 3.0, x: "p"},
]) |> group(columns: ["t"])
)";

std::string with(const std::string& pipeline) { return runTables(std::string(kData) + pipeline); }

}  // namespace

TEST_CASE("experimental aggregates of _value: count, sum, mean, spread, stddev, skew") {
    CHECK(with("data |> experimental.count()") == "[t=\"a\"] t:string,_value:int\n\"a\",3\n[t=\"b\"] t:string,_value:int\n\"b\",1");
    CHECK(with("data |> experimental.sum()") == "[t=\"a\"] t:string,_value:float\n\"a\",7.0\n[t=\"b\"] t:string,_value:float\n\"b\",3.0");
    CHECK(with("data |> experimental.mean() |> filter(fn: (r) => r.t == \"a\")") ==
          "[t=\"a\"] t:string,_value:float\n\"a\",2.3333333333333335");
    CHECK(with("data |> experimental.spread() |> filter(fn: (r) => r.t == \"a\")") == "[t=\"a\"] t:string,_value:float\n\"a\",3.0");
    CHECK(with("data |> experimental.stddev(mode: \"population\") |> filter(fn: (r) => r.t == \"a\")") ==
          "[t=\"a\"] t:string,_value:float\n\"a\",1.247219128924647");
    // skew = sqrt(n) * M3 / M2^1.5; fewer than two values give NaN
    CHECK(with("data |> experimental.skew()") ==
          "[t=\"a\"] t:string,_value:float\n\"a\",0.3818017741606058\n[t=\"b\"] t:string,_value:float\n\"b\",NaN");
    // count counts null values too
    CHECK(runTables("import \"array\"\nimport \"experimental\"\nimport \"internal/debug\"\n"
                    "array.from(rows: [{_value: 1}, {_value: debug.null(type: \"int\")}]) |> experimental.count()") ==
          "[] _value:int\n2");
    CHECK(with("data |> experimental.stddev(mode: \"x\")") ==
          "error: experimental.stddev: mode must be \"sample\" or \"population\", got \"x\"");
    CHECK(with("data |> group() |> experimental.count(tables: data |> drop(columns: [\"_value\"]))")
              .find("column \"_value\" not found") != std::string::npos);
}

TEST_CASE("experimental selectors: first, last, min, max, quantile keep the whole row") {
    CHECK(with("data |> experimental.max() |> filter(fn: (r) => r.t == \"a\")") ==
          "[t=\"a\"] _time:time,t:string,_value:float,x:string\n2021-01-01T00:00:10Z,\"a\",4.0,\"q\"");
    CHECK(with("data |> experimental.min() |> filter(fn: (r) => r.t == \"a\")") ==
          "[t=\"a\"] _time:time,t:string,_value:float,x:string\n2021-01-01T00:00:00Z,\"a\",1.0,\"p\"");
    CHECK(with("data |> experimental.last() |> filter(fn: (r) => r.t == \"a\")") ==
          "[t=\"a\"] _time:time,t:string,_value:float,x:string\n2021-01-01T00:00:20Z,\"a\",2.0,\"p\"");
    CHECK(with("data |> experimental.first() |> filter(fn: (r) => r.t == \"a\")") ==
          "[t=\"a\"] _time:time,t:string,_value:float,x:string\n2021-01-01T00:00:00Z,\"a\",1.0,\"p\"");
    CHECK(with("data |> experimental.quantile(q: 0.5, method: \"exact_selector\") |> filter(fn: (r) => r.t == \"a\")") ==
          "[t=\"a\"] _time:time,t:string,_value:float,x:string\n2021-01-01T00:00:20Z,\"a\",2.0,\"p\"");
    CHECK(with("data |> experimental.quantile(q: 0.5, method: \"exact_mean\") |> filter(fn: (r) => r.t == \"a\")") ==
          "[t=\"a\"] t:string,_value:float\n\"a\",2.0");
    CHECK(with("data |> experimental.quantile(q: 1.5)") == "error: experimental.quantile: q must be between 0 and 1, got 1.500000");
    CHECK(with("data |> experimental.quantile(q: 0.5, method: \"nope\")")
              .rfind("error: experimental.quantile: unknown method \"nope\"", 0) == 0);
}

TEST_CASE("experimental distinct, unique and fill work on _value and drop empty tables") {
    const std::string nulls = R"(import "array"
import "experimental"
import "internal/debug"
data = array.from(rows: [
    {t: "a", _value: 1, k: 1}, {t: "a", _value: debug.null(type: "int"), k: 2},
    {t: "a", _value: 1, k: 3}, {t: "a", _value: 5, k: 4}, {t: "b", _value: 7, k: 5}]) |> group(columns: ["t"])
)";
    CHECK(runTables(nulls + "data |> experimental.distinct() |> filter(fn: (r) => r.t == \"a\")") ==
          "[t=\"a\"] t:string,_value:int\n\"a\",1\n\"a\",null\n\"a\",5");
    CHECK(runTables(nulls + "data |> filter(fn: (r) => r.t == \"b\", onEmpty: \"keep\") |> experimental.distinct()") ==
          "[t=\"b\"] t:string,_value:int\n\"b\",7");
    CHECK(runTables(nulls + "data |> experimental.unique() |> filter(fn: (r) => r.t == \"a\") |> keep(columns: [\"k\"])") ==
          "[] k:int\n1\n2\n4");
    CHECK(runTables(nulls + "data |> experimental.fill(value: 0) |> filter(fn: (r) => r.t == \"a\") |> keep(columns: [\"_value\"])") ==
          "[] _value:int\n1\n0\n1\n5");
    CHECK(runTables(nulls + "data |> experimental.fill(usePrevious: true) |> filter(fn: (r) => r.t == \"a\") |> keep(columns: [\"_value\"])") ==
          "[] _value:int\n1\n1\n1\n5");
}

TEST_CASE("experimental.histogram and histogramQuantile: the universe functions on _value and le") {
    CHECK(with("data |> filter(fn: (r) => r.t == \"a\") |> experimental.histogram(bins: [3.0, 1.0, 10.0])") ==
          "[t=\"a\"] t:string,le:float,_value:float\n\"a\",1.0,1.0\n\"a\",3.0,2.0\n\"a\",10.0,3.0");
    CHECK(with("data |> filter(fn: (r) => r.t == \"a\") |> experimental.histogram(bins: [2.0, 4.0], normalize: true)") ==
          "[t=\"a\"] t:string,le:float,_value:float\n\"a\",2.0,0.6666666666666666\n\"a\",4.0,1.0");
    CHECK(with("data |> experimental.histogram(bins: [1])").rfind("error: ", 0) == 0);

    const std::string hist = R"(import "array"
import "experimental"
h = array.from(rows: [
    {le: 1.0, _value: 2.0}, {le: 0.5, _value: 1.0}, {le: 2.0, _value: 4.0}, {le: float(v: "+Inf"), _value: 4.0}])
)";
    // rank 0.5 * 4 = 2 falls in the bin le=1 (count 2): between 0.5 (count 1) and 1 -> 1.0
    CHECK(runTables(hist + "h |> experimental.histogramQuantile(quantile: 0.5)") == "[] _value:float\n1.0");
    // rank 3 is in the bin le=2 (count 4), after le=1 (count 2): 1 + 1 * (3 - 2) / 2
    CHECK(runTables(hist + "h |> experimental.histogramQuantile(quantile: 0.75)") == "[] _value:float\n1.5");
    // below the first bound: between minValue and 0.5
    CHECK(runTables(hist + "h |> experimental.histogramQuantile(quantile: 0.125, minValue: 0.25)") == "[] _value:float\n0.375");
    // the rank reaches the count of the last bin (+Inf): its bound, as in the reference
    CHECK(runTables(hist + "h |> experimental.histogramQuantile(quantile: 1.0)") == "[] _value:float\n+Inf");
    CHECK(runTables("import \"array\"\nimport \"experimental\"\n"
                    "array.from(rows: [{le: 1.0, _value: 3.0}, {le: 2.0, _value: 1.0}]) "
                    "|> experimental.histogramQuantile(quantile: 0.5)")
              .rfind("error: ", 0) == 0);
    // quantile is optional in the reference's declaration, but its implementation requires it when
    // the call runs (GetRequiredFloat): a missing quantile is a run-time error naming it.
    CHECK(runTables(hist + "h |> experimental.histogramQuantile()") ==
          "error: histogramQuantile: missing required argument quantile");
    CHECK(runTables(hist + "h |> experimental.histogramQuantile(minValue: 0.25)") ==
          "error: histogramQuantile: missing required argument quantile");
}

TEST_CASE("experimental.group extends the group key; experimental.set sets several columns") {
    CHECK(with("data |> experimental.group(columns: [\"x\"], mode: \"extend\") |> keep(columns: [\"t\", \"x\", \"_value\"])") ==
          "[t=\"a\",x=\"p\"] t:string,_value:float,x:string\n\"a\",1.0,\"p\"\n\"a\",2.0,\"p\"\n"
          "[t=\"a\",x=\"q\"] t:string,_value:float,x:string\n\"a\",4.0,\"q\"\n"
          "[t=\"b\",x=\"p\"] t:string,_value:float,x:string\n\"b\",3.0,\"p\"");
    CHECK(with("data |> experimental.group(columns: [\"x\"], mode: \"by\")") ==
          "error: experimental.group: mode must be \"extend\", got \"by\"");
    // setting a key column merges the tables; new columns are added at the end
    CHECK(with("data |> experimental.set(o: {t: \"z\", n: 1}) |> keep(columns: [\"t\", \"_value\", \"n\"])") ==
          "[t=\"z\"] t:string,_value:float,n:int\n\"z\",1.0,1\n\"z\",4.0,1\n\"z\",2.0,1\n\"z\",3.0,1");
    CHECK(with("data |> experimental.set(o: {a: [1]})").find("field \"a\" of o has type array") != std::string::npos);
    CHECK(runTables("import \"experimental\"\nexperimental.objectKeys(o: {b: 1, a: \"x\"})") == "[\"b\", \"a\"]");
}

TEST_CASE("experimental.window and alignTime") {
    const std::string src = std::string(kData) + "r = data |> range(start: 2021-01-01T00:00:00Z, stop: 2021-01-01T00:01:00Z)\n";
    CHECK(runTables(src + "r |> filter(fn: (r) => r.t == \"a\") |> experimental.window(every: 15s) "
                          "|> keep(columns: [\"_start\", \"_stop\", \"_value\"])") ==
          "[_start=2021-01-01T00:00:00Z,_stop=2021-01-01T00:00:15Z] _start:time,_stop:time,_value:float\n"
          "2021-01-01T00:00:00Z,2021-01-01T00:00:15Z,1.0\n2021-01-01T00:00:00Z,2021-01-01T00:00:15Z,4.0\n"
          "[_start=2021-01-01T00:00:15Z,_stop=2021-01-01T00:00:30Z] _start:time,_stop:time,_value:float\n"
          "2021-01-01T00:00:15Z,2021-01-01T00:00:30Z,2.0");
    CHECK(runTables(src + "r |> experimental.window()") == "error: experimental.window: needs a nonzero every or period (e.g. every: 1m)");
    CHECK(with("data |> experimental.alignTime(alignTo: 2000-01-01T00:00:00Z) |> keep(columns: [\"_time\", \"_value\"])") ==
          "[] _time:time,_value:float\n2000-01-01T00:00:00Z,1.0\n2000-01-01T00:00:10Z,4.0\n2000-01-01T00:00:20Z,2.0\n"
          "2000-01-01T00:00:00Z,3.0");  // each table starts at alignTo (keep() then merges them)
}

TEST_CASE("experimental.join joins tables with equal keys on _time; chain runs first then second") {
    const std::string src = std::string(kData) + R"(
right = array.from(rows: [
    {_time: 2021-01-01T00:00:10Z, t: "a", v: 40},
    {_time: 2021-01-01T00:00:00Z, t: "a", v: 10},
    {_time: 2021-01-01T00:00:30Z, t: "a", v: 99},
    {_time: 2021-01-01T00:00:00Z, t: "c", v: 5}]) |> group(columns: ["t"])
)";
    CHECK(runTables(src + "experimental.join(left: data, right: right, fn: (left, right) => ({left with v: right.v}))") ==
          "[t=\"a\"] _time:time,_value:float,t:string,v:int,x:string\n"
          "2021-01-01T00:00:00Z,1.0,\"a\",10,\"p\"\n2021-01-01T00:00:10Z,4.0,\"a\",40,\"q\"");
    CHECK(runTables(src + "experimental.join(left: data, right: right, fn: (l, r) => l)") ==
          "error: experimental.join: fn must take parameters named left and right");
    CHECK(runTables(src + "experimental.join(left: data, right: right, fn: (left, right) => 1)") ==
          "error: experimental.join: fn must return a record, got int");
    CHECK(runTables(src + "experimental.chain(first: right |> filter(fn: (r) => r.t == \"c\"), second: data |> experimental.count())") ==
          "[t=\"a\"] t:string,_value:int\n\"a\",3\n[t=\"b\"] t:string,_value:int\n\"b\",1");
    CHECK(runTables(src + "experimental.chain(first: right |> map(fn: (r) => ({r with v: r.v / 0})), second: data)")
              .find("cannot divide by zero") != std::string::npos);
}

TEST_CASE("experimental.unpivot turns field columns into _field/_value rows") {
    const std::string src = R"(import "array"
import "experimental"
import "internal/debug"
wide = array.from(rows: [
    {_time: 2021-01-01T00:00:00Z, m: "cpu", tag: "x", a: 1.0, b: "s"},
    {_time: 2021-01-01T00:00:10Z, m: "cpu", tag: "y", a: debug.null(type: "float"), b: "t"}]) |> group(columns: ["m"])
)";
    CHECK(runTables(src + "wide |> drop(columns: [\"tag\"]) |> experimental.unpivot()") ==
          "[m=\"cpu\",_field=\"a\"] m:string,_field:string,_time:time,_value:float\n"
          "\"cpu\",\"a\",2021-01-01T00:00:00Z,1.0\n"
          "[m=\"cpu\",_field=\"b\"] m:string,_field:string,_time:time,_value:string\n"
          "\"cpu\",\"b\",2021-01-01T00:00:00Z,\"s\"\n\"cpu\",\"b\",2021-01-01T00:00:10Z,\"t\"");
    // "_field" in otherColumns keeps the fields of a table together (they must share a type)
    CHECK(runTables(src + "wide |> drop(columns: [\"b\"]) |> experimental.unpivot(otherColumns: [\"_time\", \"tag\", \"_field\"])") ==
          "[m=\"cpu\"] m:string,_time:time,tag:string,_field:string,_value:float\n\"cpu\",2021-01-01T00:00:00Z,\"x\",\"a\",1.0");
    CHECK(runTables(src + "wide |> experimental.unpivot(otherColumns: [\"_time\", \"_field\"])")
              .find("would share one _value column") != std::string::npos);
    CHECK(runTables(src + "wide |> experimental.unpivot(otherColumns: [\"nope\"])")
              .find("experimental.unpivot could not find column named \"nope\"") != std::string::npos);
    CHECK(runTables(src + "wide |> rename(columns: {a: \"_value\"}) |> experimental.unpivot()")
              .find("can't have \"_field\" or \"_value\" as an input column") != std::string::npos);
}

TEST_CASE("experimental.diff: nothing for equal tables, a line diff with context otherwise") {
    const std::string src = R"(import "array"
import "experimental"
mk = (vs) => array.from(rows: vs) |> group(columns: ["k"])
want = mk(vs: [{k: "a", v: 1}, {k: "a", v: 2}, {k: "a", v: 3}, {k: "a", v: 4}, {k: "b", v: 9}])
)";
    CHECK(runTables(src + "experimental.diff(want: want, got: want)") == "");
    CHECK(runTables(src + "experimental.diff(want: want, got: mk(vs: [{k: \"a\", v: 1}, {k: \"a\", v: 5}, {k: \"a\", v: 3}, "
                          "{k: \"a\", v: 4}, {k: \"a\", v: 6}, {k: \"b\", v: 9}]))") ==
          "[k=\"a\"] _diff:string,k:string,v:int\n"
          "\"\",\"a\",1\n\"-\",\"a\",2\n\"+\",\"a\",5\n\"\",\"a\",3\n\"\",\"a\",4\n\"+\",\"a\",6");
    // a table missing on one side is all removed (or added)
    CHECK(runTables(src + "experimental.diff(want: want, got: want |> filter(fn: (r) => r.k == \"a\"))") ==
          "[k=\"b\"] _diff:string,k:string,v:int\n\"-\",\"b\",9");
    // different column types are compared as text
    CHECK(runTables(src + "experimental.diff(want: want |> filter(fn: (r) => r.k == \"b\"), "
                          "got: mk(vs: [{k: \"b\", v: 9.0}]))") ==
          "[k=\"b\"] _diff:string,k:string,v:string\n\"-\",\"b\",\"9\"\n\"+\",\"b\",\"9.0\"");
}

TEST_CASE("experimental.preview, experimental.catch") {
    CHECK(with("data |> experimental.preview(nrows: 2, ntables: 1) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n1.0\n4.0");
    CHECK(with("data |> experimental.preview(nrows: -1)") == "error: experimental.preview: nrows must not be negative, got -1");
    CHECK(runTables("import \"experimental\"\nexperimental.catch(fn: () => 1 + 1)") == "{value: 2, code: null, msg: null}");
    CHECK(runTables("import \"experimental\"\nexperimental.catch(fn: () => die(msg: \"boom\"))") ==
          "{value: null, code: 3, msg: \"boom\"}");
}

TEST_CASE("experimental mode, integral and kaufmansAMA are the universe functions on _value") {
    const std::string src = std::string(kData) + "r = data |> range(start: 2021-01-01T00:00:00Z, stop: 2021-01-01T00:01:00Z)\n";
    for (auto [exp, uni] : {std::pair<const char*, const char*>{"experimental.mode()", "mode(column: \"_value\")"},
                            {"experimental.integral(unit: 10s)", "integral(unit: 10s)"},
                            {"experimental.kaufmansAMA(n: 1)", "kaufmansAMA(n: 1)"}}) {
        std::string got = runTables(src + "r |> " + exp);
        CHECK(got.rfind("error", 0) != 0);
        CHECK(got == runTables(src + "r |> " + uni));
    }
    CHECK(runTables(src + "r |> filter(fn: (r) => r.t == \"a\") |> experimental.integral(unit: 10s) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n5.5");
}
