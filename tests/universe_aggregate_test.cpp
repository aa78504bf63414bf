// Tests of windowing and aggregation in the universe package (window, aggregateWindow, the
// aggregates and selectors), called through the interpreter on tables built in C++; expected
// values come from the reference Flux conformance tests where one exists.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "eval/value_text.h"
#include "eval/interpreter.h"
#include "eval/stream.h"
#include "eval/table.h"
#include "eval/time.h"
#include "api/engine.h"
#include "tests/support/flux_run.h"

using namespace fluxi;

namespace {

Value T(const char* rfc3339) { return Value::time(parseTime(rfc3339)); }
Value F(double f) { return Value::floating(f); }
Value I(int64_t i) { return Value::integer(i); }
Value U(uint64_t u) { return Value::uinteger(u); }
Value S(const char* s) { return Value::string(s); }
Value N() { return Value::null(); }
Value D(const char* d) { return Value::duration(parseDuration(d)); }

struct Col {
    std::string name;
    ColType type;
    std::vector<Value> cells;
};

TablePtr table(std::vector<Col> cols, std::vector<std::pair<std::string, Value>> key = {}) {
    GroupKey k;
    for (auto& [name, v] : key) {
        ColType t = ColType::String;
        for (auto& c : cols)
            if (c.name == name) t = c.type;
        k.cols.push_back({name, t});
        k.values.push_back(v);
    }
    TableBuilder b(k);
    for (auto& c : cols) {
        int i = b.addColumn(c.name, c.type);
        for (auto& v : c.cells) REQUIRE(b.column(i).appendValue(v));
    }
    return b.finish();
}

// "key {a=1} | name:type, ... | row; row; ..." per table, one line each.
std::string dump(const std::vector<TablePtr>& tables) {
    std::string out;
    for (auto& t : tables) {
        out += "{";
        for (size_t i = 0; i < t->key.cols.size(); i++)
            out += (i ? "," : "") + t->key.cols[i].name + "=" + formatValue(t->key.values[i]);
        out += "} ";
        for (size_t c = 0; c < t->numColumns(); c++)
            out += (c ? "," : "") + t->meta[c].name + ":" + colTypeName(t->meta[c].type);
        out += " |";
        for (size_t r = 0; r < t->nrows; r++) {
            out += r ? "; " : " ";
            for (size_t c = 0; c < t->numColumns(); c++) out += (c ? "," : "") + formatValue(t->column(c).get(r));
        }
        out += "\n";
    }
    return out;
}

// Calls a universe builtin on a stream and collects its output (or "error: ..." text).
struct Runner {
    Execution exec;
    Interpreter interp{exec};

    std::string run(const char* fn, StreamRef in, std::vector<std::pair<std::string, Value>> args = {}) {
        try {
            return dump(call(fn, std::move(in), std::move(args)));
        } catch (const FluxError& e) {
            return std::string("error: ") + e.message();
        }
    }
    std::vector<TablePtr> call(const char* fn, StreamRef in, std::vector<std::pair<std::string, Value>> args) {
        Value f = interp.option("universe", fn);
        REQUIRE(f.is(Kind::Function));
        args.emplace_back("tables", Value::stream(std::move(in)));
        Value r = interp.callNamed(f, std::move(args), nullptr, nullptr);
        REQUIRE(r.is(Kind::Stream));
        return collect(r.asStream());
    }
    Value universe(const char* name) { return interp.option("universe", name); }
};

StreamRef streamOf(std::vector<TablePtr> tables, std::optional<TimeBounds> bounds = {}) {
    StreamRef s = makeMaterializedStream(std::move(tables), "test");
    s->bounds = bounds;
    return s;
}

TimeBounds B(const char* start, const char* stop) { return {parseTime(start), parseTime(stop)}; }

// Three series a-0..a-2 of aggregate_window_test.flux, ranged to [00:00, 01:00).
std::vector<TablePtr> sampleSeries() {
    std::vector<TablePtr> out;
    for (const char* tag : {"a-0", "a-1", "a-2"}) {
        std::vector<Value> times = {T("2019-11-25T00:00:00Z"), T("2019-11-25T00:00:05Z"), T("2019-11-25T00:00:15Z"),
                                    T("2019-11-25T00:00:30Z"), T("2019-11-25T00:00:45Z")};
        std::vector<Value> vals = {F(1), F(5), F(2), F(3), F(4)};
        std::vector<Value> start(5, T("2019-11-25T00:00:00Z")), stop(5, T("2019-11-25T00:01:00Z"));
        out.push_back(table({{"_start", ColType::Time, start},
                             {"_stop", ColType::Time, stop},
                             {"_time", ColType::Time, times},
                             {"t0", ColType::String, std::vector<Value>(5, S(tag))},
                             {"_value", ColType::Float, vals}},
                            {{"_start", T("2019-11-25T00:00:00Z")}, {"_stop", T("2019-11-25T00:01:00Z")}, {"t0", S(tag)}}));
    }
    return out;
}

}  // namespace

// ---- aggregates ---------------------------------------------------------------------------------

TEST_CASE("universe aggregate: mean, sum, count, spread, stddev types and values") {
    Runner r;
    auto uints = table({{"m", ColType::String, {S("a"), S("a"), S("a"), S("a"), S("a"), S("a")}},
                        {"_value", ColType::UInt, {U(70), U(48), U(33), U(24), U(38), U(75)}}},
                       {{"m", S("a")}});
    auto ints = table({{"_value", ColType::Int, {I(96), I(-44), I(-25), I(46), I(-2), I(-14)}}});
    CHECK(r.run("mean", streamOf({uints})) == "{m=\"a\"} m:string,_value:float | \"a\",48.0\n");
    CHECK(r.run("mean", streamOf({ints})) == "{} _value:float | 9.5\n");
    CHECK(r.run("sum", streamOf({uints})) == "{m=\"a\"} m:string,_value:uint | \"a\",288\n");
    CHECK(r.run("sum", streamOf({ints})) == "{} _value:int | 57\n");
    CHECK(r.run("count", streamOf({ints})) == "{} _value:int | 6\n");
    CHECK(r.run("spread", streamOf({uints})) == "{m=\"a\"} m:string,_value:uint | \"a\",51\n");
    CHECK(r.run("spread", streamOf({ints})) == "{} _value:int | 140\n");
    CHECK(r.run("stddev", streamOf({uints})) == "{m=\"a\"} m:string,_value:float | \"a\",20.5621010599598\n");
    CHECK(r.run("stddev", streamOf({ints})) == "{} _value:float | 52.060541679855774\n");
    CHECK(r.run("stddev", streamOf({ints}), {{"mode", S("population")}}) == "{} _value:float | 47.524555056658166\n");
    CHECK(r.run("stddev", streamOf({ints}), {{"mode", S("bogus")}}).rfind("error: stddev: mode must be", 0) == 0);
}

TEST_CASE("universe aggregate: nulls are skipped, empty tables give null (count 0)") {
    Runner r;
    auto withNulls = table({{"_value", ColType::Float, {N(), F(2), N(), F(4)}}});
    auto allNull = table({{"_value", ColType::Int, {N(), N()}}});
    auto empty = table({{"_value", ColType::Float, {}}});
    CHECK(r.run("mean", streamOf({withNulls})) == "{} _value:float | 3.0\n");
    CHECK(r.run("count", streamOf({withNulls})) == "{} _value:int | 4\n");
    CHECK(r.run("sum", streamOf({allNull})) == "{} _value:int | null\n");
    CHECK(r.run("mean", streamOf({empty})) == "{} _value:float | null\n");
    CHECK(r.run("count", streamOf({empty})) == "{} _value:int | 0\n");
    CHECK(r.run("spread", streamOf({empty})) == "{} _value:float | null\n");
    CHECK(r.run("stddev", streamOf({table({{"_value", ColType::Float, {F(1)}}})})) == "{} _value:float | NaN\n");
}

TEST_CASE("universe aggregate: bad columns are clear errors") {
    Runner r;
    auto strs = table({{"_value", ColType::String, {S("x")}}});
    CHECK(r.run("mean", streamOf({strs})) ==
          "error: mean: column \"_value\": unsupported type string (expected int, uint or float)");
    CHECK(r.run("sum", streamOf({strs}), {{"column", S("nope")}}) == "error: sum: column \"nope\" not found in table {}");
    auto keyed = table({{"_value", ColType::Float, {F(1)}}}, {{"_value", F(1)}});
    CHECK(r.run("mean", streamOf({keyed})).find("it is part of the group key") != std::string::npos);
    CHECK(r.run("count", streamOf({strs})) == "{} _value:int | 1\n");
}

TEST_CASE("universe selectors: first, last, min, max keep the whole row") {
    Runner r;
    auto t = table({{"_time", ColType::Time, {T("2020-01-01T00:00:01Z"), T("2020-01-01T00:00:02Z"),
                                              T("2020-01-01T00:00:03Z"), T("2020-01-01T00:00:04Z")}},
                    {"_value", ColType::Float, {N(), F(5), F(1), F(5)}},
                    {"tag", ColType::String, {S("x"), S("x"), S("x"), S("x")}}},
                   {{"tag", S("x")}});
    CHECK(r.run("first", streamOf({t})) == "{tag=\"x\"} _time:time,_value:float,tag:string | 2020-01-01T00:00:02Z,5.0,\"x\"\n");
    CHECK(r.run("last", streamOf({t})) == "{tag=\"x\"} _time:time,_value:float,tag:string | 2020-01-01T00:00:04Z,5.0,\"x\"\n");
    CHECK(r.run("min", streamOf({t})) == "{tag=\"x\"} _time:time,_value:float,tag:string | 2020-01-01T00:00:03Z,1.0,\"x\"\n");
    CHECK(r.run("max", streamOf({t})) == "{tag=\"x\"} _time:time,_value:float,tag:string | 2020-01-01T00:00:02Z,5.0,\"x\"\n");
    CHECK(r.run("max", streamOf({t}), {{"column", S("_time")}}) ==
          "{tag=\"x\"} _time:time,_value:float,tag:string | 2020-01-01T00:00:04Z,5.0,\"x\"\n");
    // Empty and all-null tables give empty tables.
    auto nulls = table({{"_value", ColType::Float, {N(), N()}}});
    CHECK(r.run("first", streamOf({nulls, table({{"_value", ColType::Float, {}}})})) == "{} _value:float |\n{} _value:float |\n");
    CHECK(r.run("max", streamOf({table({{"_value", ColType::String, {S("a")}}})})) ==
          "error: max: invalid use of function: *universe.MaxSelector has no implementation for type string");
}

TEST_CASE("universe quantile and median: t-digest, exact_mean, exact_selector") {
    Runner r;
    auto vals = table({{"_time", ColType::Time, {T("2018-12-18T21:12:45Z"), T("2018-12-18T21:12:55Z"), T("2018-12-18T21:13:05Z"),
                                                 T("2018-12-18T21:13:15Z"), T("2018-12-18T21:13:25Z"), T("2018-12-18T21:13:35Z")}},
                       {"_value", ColType::Float, {F(-61.68790887989735), F(-6.3173755351186465), F(-26.049728557657513),
                                                   F(114.285955884979), F(16.140262630578995), F(29.50336437998469)}}});
    CHECK(r.run("quantile", streamOf({vals}), {{"q", F(0.75)}}) == "{} _value:float | 29.50336437998469\n");
    CHECK(r.run("quantile", streamOf({vals}), {{"q", F(0.75)}, {"method", S("exact_mean")}}) ==
          "{} _value:float | 26.162588942633263\n");
    CHECK(r.run("median", streamOf({vals})) == "{} _value:float | 4.911443547730174\n");
    auto small = table({{"_time", ColType::Time, {T("2018-12-18T21:12:45Z"), T("2018-12-18T21:12:55Z"), T("2018-12-18T21:13:05Z"),
                                                  T("2018-12-18T21:13:15Z"), T("2018-12-18T21:13:25Z"), T("2018-12-18T21:13:35Z")}},
                        {"_value", ColType::Float, {F(55), F(15), F(25), F(5), F(105), F(45)}}});
    CHECK(r.run("median", streamOf({small}), {{"method", S("exact_selector")}}) ==
          "{} _time:time,_value:float | 2018-12-18T21:13:05Z,25.0\n");
    CHECK(r.run("median", streamOf({small}), {{"compression", F(1.0)}}) == "{} _value:float | 41.666666666666664\n");
    auto ints = table({{"_value", ColType::Int, {I(17), I(-44), I(-99), I(-85), I(18), I(99)}}});
    CHECK(r.run("quantile", streamOf({ints}), {{"q", F(0.75)}}) == "{} _value:float | 18.0\n");
    auto bools = table({{"_time", ColType::Time, {T("2019-01-09T19:44:58Z"), T("2019-01-09T19:45:08Z"), T("2019-01-09T19:45:18Z"),
                                                  T("2019-01-09T19:45:28Z"), T("2019-01-09T19:45:38Z"), T("2019-01-09T19:45:48Z")}},
                        {"_value", ColType::Bool, {Value::boolean(false), Value::boolean(true), Value::boolean(false),
                                                   Value::boolean(true), Value::boolean(false), Value::boolean(true)}}});
    CHECK(r.run("quantile", streamOf({bools}), {{"q", F(0.75)}, {"method", S("exact_selector")}}) ==
          "{} _time:time,_value:bool | 2019-01-09T19:45:28Z,true\n");
    CHECK(r.run("quantile", streamOf({vals}), {{"q", F(1.5)}}).rfind("error: quantile: quantile must be between 0 and 1", 0) == 0);
    CHECK(r.run("quantile", streamOf({vals}), {{"q", F(0.5)}, {"method", S("exact_mean")}, {"compression", F(10)}}) ==
          "error: quantile: compression is only valid for method \"estimate_tdigest\"");
}

TEST_CASE("universe quantile: t-digest estimate on many values stays close to the exact quantile") {
    Runner r;
    std::vector<Value> vs;
    for (int i = 0; i < 100000; i++) vs.push_back(F(static_cast<double>((i * 7919) % 100000)));
    auto t = table({{"_value", ColType::Float, vs}});
    auto out = r.call("quantile", streamOf({t}), {{"q", F(0.99)}});
    REQUIRE(out.size() == 1);
    double q = out[0]->column(0).floats()[0];
    CHECK(q == doctest::Approx(98999.5).epsilon(0.001));
}

// ---- window -------------------------------------------------------------------------------------

TEST_CASE("universe window: period shorter than every leaves gaps (window_period_gaps)") {
    Runner r;
    std::vector<Value> times, vals;
    int64_t v[] = {15204688, 15204894, 15205102, 15205226, 15205499, 15205755, 16205923};
    for (int i = 0; i < 7; i++) {
        times.push_back(Value::time(parseTime("2018-05-22T19:53:00Z") + i * 3 * kNanosPerSecond));
        vals.push_back(I(v[i]));
    }
    auto t = table({{"_time", ColType::Time, times}, {"_value", ColType::Int, vals},
                    {"host", ColType::String, std::vector<Value>(7, S("h"))}},
                   {{"host", S("h")}});
    auto in = streamOf({t}, B("2018-05-22T19:53:00Z", "2018-05-22T19:53:30Z"));
    CHECK(r.run("window", in, {{"every", D("10s")}, {"period", D("5s")}}) ==
          "{host=\"h\",_start=2018-05-22T19:53:00Z,_stop=2018-05-22T19:53:05Z} _time:time,_value:int,host:string,_start:time,_stop:time | "
          "2018-05-22T19:53:00Z,15204688,\"h\",2018-05-22T19:53:00Z,2018-05-22T19:53:05Z; "
          "2018-05-22T19:53:03Z,15204894,\"h\",2018-05-22T19:53:00Z,2018-05-22T19:53:05Z\n"
          "{host=\"h\",_start=2018-05-22T19:53:10Z,_stop=2018-05-22T19:53:15Z} _time:time,_value:int,host:string,_start:time,_stop:time | "
          "2018-05-22T19:53:12Z,15205499,\"h\",2018-05-22T19:53:10Z,2018-05-22T19:53:15Z\n");
}

TEST_CASE("universe window: clipping to the bounds, offset and createEmpty (window_generate_empty)") {
    Runner r;
    std::vector<Value> times;
    for (int i = 0; i < 6; i++) times.push_back(Value::time(parseTime("2018-05-22T19:53:26Z") + i * 10 * kNanosPerSecond));
    auto t = table({{"_time", ColType::Time, times}, {"_value", ColType::Float, {F(0), F(1), F(2), F(3), F(4), F(5)}}});
    auto in = streamOf({t}, B("2018-05-22T19:53:26Z", "2018-05-22T19:55:00Z"));
    auto out = r.call("window", in, {{"every", D("30s")}, {"createEmpty", Value::boolean(true)}});
    std::string bounds;
    for (auto& w : out) {
        bounds += formatValue(w->key.values[0]) + "-" + formatValue(w->key.values[1]) + ":" + std::to_string(w->nrows) + " ";
    }
    CHECK(bounds ==
          "2018-05-22T19:53:26Z-2018-05-22T19:53:30Z:1 2018-05-22T19:53:30Z-2018-05-22T19:54:00Z:3 "
          "2018-05-22T19:54:00Z-2018-05-22T19:54:30Z:2 2018-05-22T19:54:30Z-2018-05-22T19:55:00Z:0 ");
    // offset shifts the boundaries (window_start_bound: every 1m, offset 30s)
    out = r.call("window", streamOf({t}, B("2018-05-22T19:53:00Z", "2030-01-01T00:00:00Z")),
                 {{"every", D("1m")}, {"offset", D("30s")}});
    bounds.clear();
    for (auto& w : out) bounds += formatValue(w->key.values[0]) + ":" + std::to_string(w->nrows) + " ";
    CHECK(bounds == "2018-05-22T19:53:00Z:1 2018-05-22T19:53:30Z:5 ");
}

TEST_CASE("universe window: calendar months with a negative offset (window_negative_offset)") {
    Runner r;
    auto t = table({{"_time", ColType::Time, {T("2020-04-10T12:00:00Z"), T("2020-04-20T12:00:00Z"), T("2020-05-10T12:00:00Z"),
                                              T("2020-05-20T12:00:00Z")}},
                    {"_value", ColType::Int, {I(1), I(2), I(3), I(4)}}});
    auto out = r.call("window", streamOf({t}, B("2020-03-15T00:00:00Z", "2020-06-01T15:02:25Z")),
                      {{"period", D("1mo")}, {"offset", D("-2h")}});
    std::string bounds;
    for (auto& w : out)
        bounds += formatValue(w->key.values[0]) + "-" + formatValue(w->key.values[1]) + ":" + std::to_string(w->nrows) + " ";
    CHECK(bounds == "2020-03-31T22:00:00Z-2020-04-30T22:00:00Z:2 2020-04-30T22:00:00Z-2020-05-30T22:00:00Z:2 ");
}

TEST_CASE("universe window: overlapping windows, unsorted rows, every: inf merges tables") {
    Runner r;
    auto t = table({{"_time", ColType::Time, {T("2020-01-01T00:00:25Z"), T("2020-01-01T00:00:05Z"), T("2020-01-01T00:00:15Z")}},
                    {"_value", ColType::Int, {I(3), I(1), I(2)}}});
    auto in = streamOf({t}, B("2020-01-01T00:00:00Z", "2020-01-01T00:00:30Z"));
    auto out = r.call("window", in, {{"every", D("10s")}, {"period", D("20s")}});
    std::string s;
    for (auto& w : out) {
        s += formatValue(w->key.values[0]) + ":";
        for (size_t i = 0; i < w->nrows; i++) s += formatValue(w->column(1).get(i));
        s += " ";
    }
    // Windows [-10s,10s) [0,20) [10,30) [20,40) clipped; rows keep their input order.
    CHECK(s == "2020-01-01T00:00:00Z:1 2020-01-01T00:00:00Z:12 2020-01-01T00:00:10Z:32 2020-01-01T00:00:20Z:3 ");
    // The first two windows share the clipped key [00:00, 00:10)? No: their stops differ.
    CHECK(out.size() == 4);
    // every: inf puts each table into one window over the bounds, merging tables that end up with
    // the same key.
    auto w1 = table({{"_start", ColType::Time, {T("2020-01-01T00:00:00Z")}}, {"_stop", ColType::Time, {T("2020-01-01T00:00:10Z")}},
                     {"_time", ColType::Time, {T("2020-01-01T00:00:00Z")}}, {"_value", ColType::Float, {F(1)}}},
                    {{"_start", T("2020-01-01T00:00:00Z")}, {"_stop", T("2020-01-01T00:00:10Z")}});
    auto w2 = table({{"_start", ColType::Time, {T("2020-01-01T00:00:10Z")}}, {"_stop", ColType::Time, {T("2020-01-01T00:00:20Z")}},
                     {"_time", ColType::Time, {T("2020-01-01T00:00:10Z")}}, {"_value", ColType::Float, {F(2)}}},
                    {{"_start", T("2020-01-01T00:00:10Z")}, {"_stop", T("2020-01-01T00:00:20Z")}});
    CHECK(r.run("window", streamOf({w1, w2}, B("2020-01-01T00:00:00Z", "2020-01-01T00:01:00Z")), {{"every", r.universe("inf")}}) ==
          "{_start=2020-01-01T00:00:00Z,_stop=2020-01-01T00:01:00Z} _start:time,_stop:time,_time:time,_value:float | "
          "2020-01-01T00:00:00Z,2020-01-01T00:01:00Z,2020-01-01T00:00:00Z,1.0; "
          "2020-01-01T00:00:00Z,2020-01-01T00:01:00Z,2020-01-01T00:00:10Z,2.0\n");
}

TEST_CASE("universe window: argument and data errors") {
    Runner r;
    auto t = table({{"_time", ColType::Time, {T("2020-01-01T00:00:25Z")}}, {"_value", ColType::Int, {I(3)}}});
    CHECK(r.run("window", streamOf({t})).rfind("error: window: needs a nonzero every or period", 0) == 0);
    CHECK(r.run("window", streamOf({t}), {{"every", D("1mo1d")}}).rfind("error: window: every cannot mix", 0) == 0);
    CHECK(r.run("window", streamOf({t}), {{"every", D("-1m")}}) == "error: window: every must be positive");
    CHECK(r.run("window", streamOf({t}), {{"every", D("1m")}}).rfind("error: window: the time range of the data is unknown", 0) == 0);
    CHECK(r.run("window", streamOf({t}, B("2020-01-01T00:00:00Z", "2020-01-02T00:00:00Z")),
                {{"every", D("1m")}, {"timeColumn", S("nope")}})
              .rfind("error: window: column \"nope\" not found", 0) == 0);
}

// ---- aggregateWindow ------------------------------------------------------------------------------

TEST_CASE("universe aggregateWindow: builtin aggregates with empty windows (aggregate_window_test)") {
    Runner r;
    auto in = [] { return streamOf(sampleSeries(), B("2019-11-25T00:00:00Z", "2019-11-25T00:01:00Z")); };
    auto values = [&](const char* fn, std::vector<std::pair<std::string, Value>> extra = {}) {
        extra.emplace_back("every", D("10s"));
        extra.emplace_back("fn", r.universe(fn));
        extra.emplace_back("timeSrc", S("_start"));
        auto out = r.call("aggregateWindow", in(), extra);
        std::string s;
        for (auto& t : out) {
            int vi = t->columnIndex("_value"), ti = t->columnIndex("_time");
            s += formatValue(t->key.values[t->key.indexOf("t0")]) + ":";
            for (size_t i = 0; i < t->nrows; i++)
                s += formatValue(t->column(ti).get(i)).substr(17, 2) + "=" + formatValue(t->column(vi).get(i)) + " ";
        }
        return s;
    };
    std::string counts = values("count");
    CHECK(counts.rfind("\"a-0\":00=2 10=1 20=0 30=1 40=1 50=0 \"a-1\":", 0) == 0);
    CHECK(values("sum").rfind("\"a-0\":00=6.0 10=2.0 20=null 30=3.0 40=4.0 50=null ", 0) == 0);
    CHECK(values("mean").rfind("\"a-0\":00=3.0 10=2.0 20=null 30=3.0 40=4.0 50=null ", 0) == 0);
    CHECK(values("min").rfind("\"a-0\":00=1.0 10=2.0 20=null 30=3.0 40=4.0 50=null ", 0) == 0);
    CHECK(values("max").rfind("\"a-0\":00=5.0 10=2.0 20=null 30=3.0 40=4.0 50=null ", 0) == 0);
    CHECK(values("mean", {{"createEmpty", Value::boolean(false)}}).rfind("\"a-0\":00=3.0 10=2.0 30=3.0 40=4.0 \"a-1\"", 0) == 0);
    CHECK(values("median").rfind("\"a-0\":00=3.0 10=2.0 20=null 30=3.0 40=4.0 50=null ", 0) == 0);
}

TEST_CASE("universe aggregateWindow: output schema of the fused path") {
    Runner r;
    auto in = streamOf(sampleSeries(), B("2019-11-25T00:00:00Z", "2019-11-25T00:01:00Z"));
    auto out = r.call("aggregateWindow", in, {{"every", D("30s")}, {"fn", r.universe("mean")}});
    REQUIRE(out.size() == 3);
    CHECK(dump({out[0]}) ==
          "{_start=2019-11-25T00:00:00Z,_stop=2019-11-25T00:01:00Z,t0=\"a-0\"} _start:time,_stop:time,t0:string,_value:float,_time:time | "
          "2019-11-25T00:00:00Z,2019-11-25T00:01:00Z,\"a-0\",2.6666666666666665,2019-11-25T00:00:30Z; "
          "2019-11-25T00:00:00Z,2019-11-25T00:01:00Z,\"a-0\",3.5,2019-11-25T00:01:00Z\n");
    // Selectors keep the row's other columns; _time becomes the window time.
    out = r.call("aggregateWindow", streamOf(sampleSeries(), B("2019-11-25T00:00:00Z", "2019-11-25T00:01:00Z")),
                 {{"every", D("30s")}, {"fn", r.universe("max")}});
    CHECK(dump({out[0]}) ==
          "{_start=2019-11-25T00:00:00Z,_stop=2019-11-25T00:01:00Z,t0=\"a-0\"} _start:time,_stop:time,_time:time,t0:string,_value:float | "
          "2019-11-25T00:00:00Z,2019-11-25T00:01:00Z,2019-11-25T00:00:30Z,\"a-0\",5.0; "
          "2019-11-25T00:00:00Z,2019-11-25T00:01:00Z,2019-11-25T00:01:00Z,\"a-0\",4.0\n");
}

TEST_CASE("universe aggregateWindow: unsorted input, offset and empty input tables") {
    Runner r;
    auto t = table({{"_time", ColType::Time, {T("2020-01-01T00:00:25Z"), T("2020-01-01T00:00:05Z"), T("2020-01-01T00:00:15Z"),
                                              T("2020-01-01T00:00:07Z")}},
                    {"_value", ColType::Float, {F(3), F(1), F(2), F(10)}}});
    auto in = [&] { return streamOf({t}, B("2020-01-01T00:00:00Z", "2020-01-01T00:00:30Z")); };
    auto out = r.call("aggregateWindow", in(), {{"every", D("10s")}, {"fn", r.universe("sum")}});
    CHECK(dump(out) ==
          "{_start=2020-01-01T00:00:00Z,_stop=2020-01-01T00:00:30Z} _start:time,_stop:time,_value:float,_time:time | "
          "2020-01-01T00:00:00Z,2020-01-01T00:00:30Z,11.0,2020-01-01T00:00:10Z; "
          "2020-01-01T00:00:00Z,2020-01-01T00:00:30Z,2.0,2020-01-01T00:00:20Z; "
          "2020-01-01T00:00:00Z,2020-01-01T00:00:30Z,3.0,2020-01-01T00:00:30Z\n");
    out = r.call("aggregateWindow", in(), {{"every", D("10s")}, {"fn", r.universe("last")}});
    REQUIRE(out.size() == 1);
    CHECK(formatValue(out[0]->column(out[0]->columnIndex("_value")).get(0)) == "10.0");  // input order within a window
    out = r.call("aggregateWindow", in(), {{"every", D("10s")}, {"offset", D("5s")}, {"fn", r.universe("count")}});
    std::string s;
    for (size_t i = 0; i < out[0]->nrows; i++) s += formatValue(out[0]->column(out[0]->columnIndex("_value")).get(i)) + " ";
    CHECK(s == "0 2 1 1 ");  // windows [00,05) [05,15) [15,25) [25,30) after clipping
    auto empty = table({{"_time", ColType::Time, {}}, {"_value", ColType::Float, {}}});
    out = r.call("aggregateWindow", streamOf({empty}, B("2020-01-01T00:00:00Z", "2020-01-01T00:00:30Z")),
                 {{"every", D("10s")}, {"fn", r.universe("count")}});
    REQUIRE(out.size() == 1);
    CHECK(out[0]->nrows == 3);
    out = r.call("aggregateWindow", streamOf({empty}, B("2020-01-01T00:00:00Z", "2020-01-01T00:00:30Z")),
                 {{"every", D("10s")}, {"fn", r.universe("count")}, {"createEmpty", Value::boolean(false)}});
    CHECK(out.empty());
}

// ---- Flux-level: through the engine, with a host builtin as the data source --------------------

namespace {

// Series t0 = a-0..a-2 of aggregate_window_test.flux (no _start/_stop: range() adds them), plus
// an int counter series "c" with a reset.
std::vector<TablePtr> fluxSeries() {
    std::vector<TablePtr> out;
    for (const char* tag : {"a-0", "a-1", "a-2"}) {
        out.push_back(table({{"_time", ColType::Time, {T("2019-11-25T00:00:00Z"), T("2019-11-25T00:00:05Z"), T("2019-11-25T00:00:15Z"),
                                                       T("2019-11-25T00:00:30Z"), T("2019-11-25T00:00:45Z")}},
                             {"_measurement", ColType::String, std::vector<Value>(5, S("m0"))},
                             {"t0", ColType::String, std::vector<Value>(5, S(tag))},
                             {"_value", ColType::Float, {F(1), F(5), F(2), F(3), F(4)}}},
                            {{"_measurement", S("m0")}, {"t0", S(tag)}}));
    }
    return out;
}

struct FluxRun {
    Engine engine;
    FluxRun() {
        engine.setNow("2030-01-01T00:00:00Z");
        engine.registerBuiltin("testdata", "series", "", [](CallContext&, const Args&) {
            return Value::stream(makeMaterializedStream(fluxSeries(), "testdata.series"));
        });
        engine.registerBuiltin("testdata", "counter", "", [](CallContext&, const Args&) {
            std::vector<Value> times;
            for (int i = 0; i < 6; i++) times.push_back(Value::time(parseTime("2021-01-01T00:00:00Z") + i * 10 * kNanosPerSecond));
            auto t = table({{"_time", ColType::Time, times},
                            {"tag", ColType::String, std::vector<Value>(6, S("t1"))},
                            {"_value", ColType::Int, {I(-2), I(10), I(7), I(17), N(), I(4)}}},
                           {{"tag", S("t1")}});
            return Value::stream(makeMaterializedStream({t}, "testdata.counter"));
        });
    }
    // The tables of the script's last expression, or "error: MESSAGE".
    std::string run(const std::string& src) {
        RunResult r = engine.run("import \"testdata\"\n" + src, "test.flux");
        if (!r.ok) return testutil::errorLine(r);
        REQUIRE(!r.values.empty());
        REQUIRE(r.values.back().is(Kind::Stream));
        return dump(collect(r.values.back().asStream()));
    }
};

const char* kRanged = "testdata.series() |> range(start: 2019-11-25T00:00:00Z, stop: 2019-11-25T00:01:00Z)";

}  // namespace

TEST_CASE("universe aggregateWindow (Flux): the fused path equals the composition for every builtin") {
    FluxRun f;
    for (const char* fn : {"mean", "sum", "count", "min", "max", "first", "last", "median", "spread", "stddev"}) {
        for (const char* extra : {"", ", createEmpty: false", ", timeSrc: \"_start\"", ", period: 20s", ", offset: 5s"}) {
            std::string fused = f.run(std::string(kRanged) + " |> aggregateWindow(every: 10s, fn: " + fn + extra + ")");
            std::string composed = f.run(std::string(kRanged) + " |> aggregateWindow(every: 10s, fn: (column, tables=<-) => tables |> " +
                                         fn + "(column: column)" + extra + ")");
            std::string what = std::string(fn) + extra;
            CAPTURE(what);
            CHECK(fused.rfind("error", 0) != 0);
            CHECK(fused == composed);
        }
    }
}

TEST_CASE("universe aggregateWindow (Flux): closure fn, month windows, bad arguments") {
    FluxRun f;
    std::string q = f.run(std::string(kRanged) +
                          " |> aggregateWindow(every: 30s, fn: (column, tables=<-) => tables |> quantile(q: 0.5, column: column, "
                          "method: \"exact_mean\")) |> keep(columns: [\"_time\", \"_value\", \"t0\"])");
    CHECK(q.rfind("{t0=\"a-0\"} t0:string,_value:float,_time:time | \"a-0\",2.0,2019-11-25T00:00:30Z; "
                  "\"a-0\",3.5,2019-11-25T00:01:00Z\n", 0) == 0);
    // A month window clipped to the range: one row per series at the range's stop.
    CHECK(f.run(std::string(kRanged) + " |> aggregateWindow(every: 1mo, fn: count) |> keep(columns: [\"_time\", \"_value\"])") ==
          "{} _value:int,_time:time | 5,2019-11-25T00:01:00Z; 5,2019-11-25T00:01:00Z; 5,2019-11-25T00:01:00Z\n");
    CHECK(f.run("testdata.series() |> aggregateWindow(every: 10s, fn: mean)")
              .rfind("error: aggregateWindow: the time range of the data is unknown", 0) == 0);
    CHECK(f.run(std::string(kRanged) + " |> aggregateWindow(every: 10s, fn: (tables=<-) => tables)")
              .find("column") != std::string::npos);
    CHECK(f.run(std::string(kRanged) + " |> aggregateWindow(every: 10s, fn: mean, column: \"t0\")") ==
          "error: aggregateWindow: cannot aggregate column \"t0\": it is part of the group key {_start=2019-11-25T00:00:00Z, "
          "_stop=2019-11-25T00:01:00Z, _measurement=\"m0\", t0=\"a-0\"}");
}

TEST_CASE("universe window (Flux): window |> mean |> duplicate |> window(every: inf) regroups per range") {
    FluxRun f;
    std::string out = f.run(std::string(kRanged) +
                            " |> group(columns: [\"_measurement\"]) |> window(every: 30s) |> mean()"
                            " |> duplicate(column: \"_start\", as: \"_time\") |> window(every: inf)");
    CHECK(out ==
          "{_start=2019-11-25T00:00:00Z,_stop=2019-11-25T00:01:00Z,_measurement=\"m0\"} "
          "_start:time,_stop:time,_measurement:string,_value:float,_time:time | "
          "2019-11-25T00:00:00Z,2019-11-25T00:01:00Z,\"m0\",2.6666666666666665,2019-11-25T00:00:00Z; "
          "2019-11-25T00:00:00Z,2019-11-25T00:01:00Z,\"m0\",3.5,2019-11-25T00:00:30Z\n");
}

TEST_CASE("universe running transformations (Flux): difference, cumulativeSum, increase, derivative, elapsed") {
    FluxRun f;
    auto vals = [&](const std::string& src) {
        std::string d = f.run(src);
        size_t bar = d.find(" | ");
        return bar == std::string::npos ? d : d.substr(bar + 3);
    };
    const char* c = "testdata.counter() |> keep(columns: [\"_value\"])";
    CHECK(vals(std::string(c) + " |> difference()") == "12; -3; 10; null; -13\n");
    CHECK(vals(std::string(c) + " |> difference(nonNegative: true)") == "12; null; 10; null; null\n");
    // keepFirst with initialZero: the first value's difference is 0, as increase() starts (the reference).
    CHECK(vals(std::string(c) + " |> difference(nonNegative: true, initialZero: true, keepFirst: true)") ==
          "0; 12; 7; 10; null; 4\n");
    CHECK(vals(std::string(c) + " |> difference(keepFirst: true)") == "null; 12; -3; 10; null; -13\n");
    // a null row holds the running sum so far (the reference's cumulativeSum), also in increase()
    CHECK(vals(std::string(c) + " |> cumulativeSum()") == "-2; 8; 15; 32; 32; 36\n");
    CHECK(vals(std::string(c) + " |> increase()") == "0; 12; 19; 29; 29; 33\n");
    CHECK(vals(std::string(c) + " |> map(fn: (r) => ({_value: float(v: r._value)})) |> increase()") ==
          "0.0; 12.0; 19.0; 29.0; 29.0; 33.0\n");
    CHECK(vals("testdata.counter() |> derivative(unit: 10s) |> keep(columns: [\"_value\"])") == "12.0; -3.0; 10.0; null; -6.5\n");
    CHECK(vals("testdata.counter() |> derivative(nonNegative: true) |> keep(columns: [\"_value\"])") ==
          "1.2; null; 1.0; null; null\n");
    // initialZero: after a decrease the rate is from 0 (7 over 10s, 4 over 20s)
    CHECK(vals("testdata.counter() |> derivative(nonNegative: true, initialZero: true) |> keep(columns: [\"_value\"])") ==
          "1.2; 0.7; 1.0; null; 0.2\n");
    CHECK(vals("testdata.counter() |> derivative(initialZero: true) |> keep(columns: [\"_value\"])") ==
          "1.2; -0.3; 1.0; null; -0.65\n");  // without nonNegative initialZero changes nothing
    CHECK(vals("testdata.counter() |> elapsed(unit: 1s) |> keep(columns: [\"elapsed\"])") == "10; 10; 10; 10; 10\n");
    CHECK(vals(std::string(c) + " |> difference(columns: [\"tag\"])") == "10; 7; 17; null; 4\n");  // absent column: skipped
    CHECK(f.run("testdata.counter() |> difference(columns: [\"tag\"])") ==
          "error: difference: column \"tag\" has type string, expected int, uint or float");
}

TEST_CASE("universe sum, cumulativeSum, difference: integer overflow is an error, as for +") {
    FluxRun f;
    const std::string big = "import \"array\"\narray.from(rows: [{_value: 9223372036854775807}, {_value: 1}])";
    const std::string low = "import \"array\"\narray.from(rows: [{_value: -9223372036854775807}, {_value: 2}])";
    const std::string ubig = "import \"array\"\narray.from(rows: [{_value: uint(v: \"18446744073709551615\")}, {_value: uint(v: 1)}])";
    CHECK(f.run(big + " |> sum()").find("integer overflow: the sum is out of the int range") != std::string::npos);
    CHECK(f.run(ubig + " |> sum()").find("integer overflow: the sum is out of the uint range") != std::string::npos);
    CHECK(f.run(big + " |> cumulativeSum()").find("integer overflow: the running sum") != std::string::npos);
    CHECK(f.run(ubig + " |> cumulativeSum()").find("integer overflow: the running sum") != std::string::npos);
    CHECK(f.run(low + " |> difference()").find("integer overflow: 2 - -9223372036854775807") != std::string::npos);
    // uint differences are int64(v - prev) as in the reference (universe_audit2_test), never an error
    CHECK(f.run(ubig + " |> difference()").find("integer overflow") == std::string::npos);
    CHECK(f.run("9223372036854775807 + 1") == "error: integer overflow in +");
    // in range: the largest sums and differences still come out
    CHECK(f.run("import \"array\"\narray.from(rows: [{_value: 9223372036854775806}, {_value: 1}]) |> sum()")
              .find("9223372036854775807") != std::string::npos);
    CHECK(f.run("import \"array\"\narray.from(rows: [{_value: uint(v: 5)}, {_value: uint(v: 2)}]) |> difference()")
              .find("-3") != std::string::npos);
}

TEST_CASE("universe movingAverage, integral, mode, reduce (Flux)") {
    FluxRun f;
    auto vals = [&](const std::string& src) {
        std::string d = f.run(src);
        size_t bar = d.find(" | ");
        return bar == std::string::npos ? d : d.substr(bar + 3);
    };
    const char* c = "testdata.counter() |> keep(columns: [\"_value\"])";
    CHECK(vals(std::string(c) + " |> movingAverage(n: 3)") == "5.0; 11.333333333333334; 12.0; 10.5\n");
    CHECK(vals(std::string(c) + " |> limit(n: 2) |> movingAverage(n: 3)") == "4.0\n");
    CHECK(f.run(std::string(c) + " |> movingAverage(n: 0)") == "error: movingAverage: n must be greater than 0, got 0");
    // trapezoids over 0s..45s in units of 10s; linear adds 45s..60s along the last segment's slope
    CHECK(vals(std::string(kRanged) + " |> filter(fn: (r) => r.t0 == \"a-0\") |> integral(unit: 10s) |> keep(columns: [\"_value\"])") ==
          "14.0\n");
    CHECK(vals(std::string(kRanged) +
               " |> filter(fn: (r) => r.t0 == \"a-0\") |> integral(unit: 10s, interpolate: \"linear\") |> keep(columns: [\"_value\"])") ==
          "20.75\n");
    CHECK(vals("testdata.counter() |> map(fn: (r) => ({r with _value: r._value % 3})) |> mode() |> keep(columns: [\"_value\"])") ==
          "1\n");
    CHECK(f.run("testdata.counter() |> reduce(fn: (r, accumulator) => ({sum: r._value + accumulator.sum, n: accumulator.n + 1}), "
                "identity: {sum: 0, n: 0})") ==
          "error: reduce: null values are not supported for \"sum\" in the reduce() function");
    CHECK(f.run("testdata.counter() |> filter(fn: (r) => exists r._value) |> reduce(fn: (r, accumulator) => ({sum: r._value + "
                "accumulator.sum}), identity: {sum: 0})") == "{tag=\"t1\"} tag:string,sum:int | \"t1\",36\n");
    CHECK(f.run("testdata.counter() |> reduce(fn: (r, accumulator) => 1, identity: {sum: 0})") ==
          "error: reduce: fn must return a record, got int (row 0)");
}

// ---- bulk column appends used by the aggregates (eval/table.h) ------------------------------------

TEST_CASE("universe tables: bulk appends and the release of repeated strings") {
    StrRef s = make<StringObj>("host");
    REQUIRE(s->refs.load() == 1);
    {
        Column c(ColType::String);
        CHECK(c.appendRepeated(Value::string(s), 1000));
        CHECK(s->refs.load() == 1001);
        c.appendString(make<StringObj>("other"));
        CHECK(c.appendRepeated(Value::string(s), 3));
        CHECK(c.size() == 1004);
        CHECK(c.get(999).asString() == "host");
        CHECK(c.get(1000).asString() == "other");
        CHECK(c.get(1003).asString() == "host");
        CHECK_FALSE(c.appendRepeated(Value::integer(1), 2));
        CHECK(c.size() == 1004);
        Column copy = c;  // copies hold their own references
        CHECK(s->refs.load() == 1 + 2 * 1003);
        Column moved = std::move(copy);
        CHECK(s->refs.load() == 1 + 2 * 1003);
    }
    CHECK(s->refs.load() == 1);  // every reference released, runs included

    Column i(ColType::Int);
    int64_t vals[] = {1, 2, 3};
    i.appendInts(vals, 3);
    i.appendNull();
    i.appendInts(vals, 2);  // after a null: still correct validity
    CHECK(i.size() == 6);
    CHECK(i.nullCount() == 1);
    CHECK(i.isNull(3));
    CHECK(i.get(5).asInt() == 2);
    CHECK(i.appendRepeated(Value::null(), 2));
    CHECK(i.nullCount() == 3);
    Column f(ColType::Float);
    double fv[] = {0.5, 1.5};
    f.appendFloats(fv, 2);
    CHECK(f.appendRepeated(Value::floating(2.5), 2));
    CHECK(f.size() == 4);
    CHECK(f.get(3).asFloat() == 2.5);
}
