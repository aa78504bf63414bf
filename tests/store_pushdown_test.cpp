// Push-down of value filters, selectors and aggregateWindow into the store's block scans: every case
// must give exactly the tables (and errors) of the row-by-row path (FLUXI_NO_PUSHDOWN=1), over data
// spanning several blocks, ranges that cut blocks, windows straddling blocks, empty windows, every
// value type, offsets, periods, timeSrc/timeDst and locations.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/window.h"
#include "eval/stream_pushdown.h"
#include "eval/table.h"
#include "fluxi/fluxi.h"
#include "store/store.h"
#include "store/store_stream.h"
#include "tests/support/store_test_util.h"

using namespace fluxi;
using fluxi::testutil::TempDataDir;

namespace {

const char* kNow = "2024-01-01T00:00:00Z";

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

struct Outcome {
    bool ok;
    std::string error, tables;
};

Outcome runOnce(const std::string& dir, const std::string& script, bool pushdown) {
    if (pushdown)
        unsetenv("FLUXI_NO_PUSHDOWN");
    else
        setenv("FLUXI_NO_PUSHDOWN", "1", 1);
    RunResult r = testutil::runWithStore(dir, script, kNow);
    unsetenv("FLUXI_NO_PUSHDOWN");
    return {r.ok, r.error, r.ok ? dump(r) : std::string()};
}

// Runs `script` with and without push-down; both must agree. Returns the pushed outcome.
Outcome same(const std::string& dir, const std::string& script) {
    CAPTURE(script);
    Outcome on = runOnce(dir, script, true);
    Outcome off = runOnce(dir, script, false);
    CHECK(on.ok == off.ok);
    CHECK(on.error == off.error);
    CHECK(on.tables == off.tables);
    return on;
}

// Series over 2023-12-31T22:00:00Z + 0..2599 s (3+ blocks of 1000 points each), with a gap of
// 700 s without points in host a, and values that repeat (ties for min/max across blocks).
std::string testData() {
    std::string lp;
    for (int t = 0; t < 2600; t++) {
        std::string ts = std::to_string(1704060000 + t);
        int w = (t * 7919) % 1000 - 500;
        if (t < 1200 || t >= 1900)
            lp += "cpu,host=a f=" + std::to_string(w) + ".25,n=" + std::to_string(w) + "i,u=" + std::to_string(t % 97) +
                  "u,s=\"v" + std::to_string(t % 5) + "\",ok=" + (t % 3 ? "true" : "false") + " " + ts + "\n";
        if (t % 2 == 0) lp += "cpu,host=b f=" + std::to_string(t % 13) + ",n=" + std::to_string(t % 11) + "i " + ts + "\n";
    }
    return lp;
}

const char* kRanges[] = {
    "start: 2023-12-31T22:00:00Z, stop: 2023-12-31T23:00:00Z",   // everything
    "start: 2023-12-31T22:05:07Z, stop: 2023-12-31T22:31:13Z",   // cuts blocks, odd bounds
    "start: 2023-12-31T22:20:00Z, stop: 2023-12-31T22:31:00Z",   // only the gap in host a
    "start: 2023-12-31T22:00:01Z, stop: 2023-12-31T22:00:02Z",   // one point
    "start: 2023-12-31T20:00:00Z, stop: 2023-12-31T21:00:00Z"};  // nothing

}  // namespace

TEST_CASE("push-down: filters on _value give the rows of the row-by-row filter") {
    TempDataDir dir;
    testutil::writeLP(dir.path(), "b", testData());
    const char* predicates[] = {"r._value > 90.0",  "r._value >= 100.25", "r._value < -400.0", "r._value <= 3.25",
                                "r._value == 7.0",  "r._value != 7.0",    "100.25 < r._value", "-499.75 >= r._value",
                                "r._value > 5",     "r._value <= -3",     "r._value == 4",     "r._value > k",
                                "r._value < ku",   "r._value > 1000.0",  "r._value > -1000.0", "r._value >= kf"};
    const char* tails[] = {"", " |> count()", " |> sum()", " |> max()", " |> min()", " |> first()", " |> last()",
                           " |> mean()", " |> filter(fn: (r) => r._value < 300.0) |> count()",
                           " |> filter(fn: (r) => r.host == \"a\")", " |> limit(n: 3)",
                           " |> limit(n: 1500, offset: 700)", " |> limit(n: 0, offset: 2)"};
    for (const char* range : kRanges) {
        for (const char* p : predicates) {
            for (const char* tail : tails) {
                std::string script = std::string("k = 2\nkf = 200.25\nku = uint(v: 50)\nfrom(bucket: \"b\") |> range(") + range +
                                     ") |> filter(fn: (r) => " + p + ")" + tail;
                same(dir.path(), script);
            }
        }
    }
    // a filter on _value of string or bool series goes through the builtin (and fails alike)
    same(dir.path(), "from(bucket: \"b\") |> range(start: 2023-12-31T22:00:00Z) |> filter(fn: (r) => r._value > 1.0)");
    // the values kept are really those of the predicate
    Outcome o = same(dir.path(), "from(bucket: \"b\") |> range(start: 2023-12-31T22:00:00Z) |> filter(fn: (r) => "
                                 "r._field == \"f\" and r.host == \"b\") |> filter(fn: (r) => r._value >= 12.0) |> count()");
    REQUIRE(o.ok);
    CHECK(o.tables.find("|100|") != std::string::npos);  // t % 13 == 12 for 100 of the 1300 even t
}

TEST_CASE("push-down: limit reads only the rows it keeps") {
    TempDataDir dir;
    testutil::writeLP(dir.path(), "b", testData());
    const char* limits[] = {"n: 0", "n: 1", "n: 5, offset: 3", "n: 1000, offset: 999", "n: 2000, offset: 1000",
                            "n: 10, offset: 1299", "n: 10, offset: 1300", "n: 3, offset: 100000", "n: 0, offset: 100000"};
    for (const char* range : kRanges)
        for (const char* l : limits) {
            // (a series filter first: without push-down range() leaves empty tables for series without
            // points in range, which the store does not produce)
            same(dir.path(), std::string("from(bucket: \"b\") |> range(") + range +
                                 ") |> filter(fn: (r) => r.host != \"z\") |> limit(" + l + ")");
            same(dir.path(), std::string("from(bucket: \"b\") |> range(") + range +
                                 ") |> filter(fn: (r) => r._value >= 0.0) |> limit(" + l + ")");
            same(dir.path(), std::string("from(bucket: \"b\") |> range(") + range + ") |> limit(" + l +
                                 ") |> filter(fn: (r) => r._value > 5) |> count()");
        }
}

TEST_CASE("push-down: min and max from block statistics pick the row the selector picks") {
    TempDataDir dir;
    std::string lp;
    // the maximum 9.5 and minimum -9.5 repeat in several blocks; the first one must win
    for (int t = 0; t < 3500; t++) {
        double v = (t % 1000 == 17 || t % 1000 == 400) ? 9.5 : (t % 1000 == 33 ? -9.5 : (t % 7) - 3.0);
        lp += "m,host=a x=" + std::to_string(v) + ",i=" + std::to_string(static_cast<int>(v * 2)) + "i,u=" +
              std::to_string(static_cast<int>(v * 2 + 20)) + "u " + std::to_string(1704060000 + t) + "\n";
    }
    testutil::writeLP(dir.path(), "b", lp);
    const char* ranges[] = {"start: 2023-12-31T22:00:00Z", "start: 2023-12-31T22:00:18Z, stop: 2023-12-31T22:50:00Z",
                            "start: 2023-12-31T22:16:50Z, stop: 2023-12-31T22:16:58Z",
                            "start: 2023-12-31T22:06:41Z, stop: 2023-12-31T22:40:00Z"};
    for (const char* range : ranges)
        for (const char* sel : {"min()", "max()", "first()", "last()"})
            same(dir.path(), std::string("from(bucket: \"b\") |> range(") + range + ") |> " + sel);
}

TEST_CASE("push-down: aggregateWindow in the store gives the tables of aggregateWindow over from()") {
    TempDataDir dir;
    testutil::writeLP(dir.path(), "b", testData());
    const char* windows[] = {"every: 5m", "every: 1m, offset: 17s", "every: 7m, offset: -2m", "every: 10s",
                             "every: 1h", "every: 2m, period: 5m", "every: 1d, location: timezone.location(name: \"Asia/Kolkata\")",
                             "every: 3m, timeSrc: \"_start\"", "every: 3m, timeDst: \"t\"",
                             "every: 3m, timeDst: \"host\""};
    const char* fns[] = {"mean", "sum", "count", "median", "spread", "stddev", "max", "first"};
    const char* filters[] = {"r._field != \"s\" and r._field != \"ok\"", "r._field == \"s\" or r._field == \"ok\""};
    size_t i = 0;
    for (const char* range : kRanges)
        for (const char* f : filters)
            for (const char* w : windows)
                for (const char* fn : fns) {
                    const char* empty = i++ % 3 == 0 ? "false" : "true";  // varies per function and window
                    std::string script = std::string("import \"timezone\"\nfrom(bucket: \"b\") |> range(") + range +
                                         ") |> filter(fn: (r) => " + f + ") |> aggregateWindow(" + w + ", fn: " + fn +
                                         ", createEmpty: " + empty + ")";
                    same(dir.path(), script);
                }
    // after a pushed filter on _value
    for (const char* range : kRanges)
        same(dir.path(), std::string("from(bucket: \"b\") |> range(") + range +
                             ") |> filter(fn: (r) => r._value > 100.0) |> aggregateWindow(every: 2m, fn: mean)");
    // the windows are really computed
    Outcome o = same(dir.path(), "from(bucket: \"b\") |> range(start: 2023-12-31T22:00:00Z, stop: 2023-12-31T22:10:00Z)"
                                 " |> filter(fn: (r) => r._field == \"n\" and r.host == \"b\")"
                                 " |> aggregateWindow(every: 5m, fn: count)");
    REQUIRE(o.ok);
    CHECK(o.tables.find("|150|") != std::string::npos);  // even seconds of each 5 minutes
}

TEST_CASE("push-down: the store stream takes row filters and aggregateWindow only where it may") {
    TempDataDir dir;
    testutil::writeLP(dir.path(), "b", "cpu,host=a x=1.5 1704060000\n");
    auto st = store::Store::open(dir.path());
    auto bucket = st->findBucket("b");
    REQUIRE(bucket);
    store::StoreStreamOptions opt;
    StreamRef src = store::makeStoreStream(st, *bucket, opt);
    auto identity = [](const TablePtr& t) { return t; };
    agg::WindowAggregate mean;
    mean.column = "_value";
    mean.aggregate.reduce = agg::ReduceKind::Mean;
    auto hooks = [](const StreamRef& s) {
        const PushdownSource* p = asPushdownSource(*s);
        REQUIRE(p);
        return p;
    };
    CHECK_FALSE(hooks(src)->withWindowAggregate(mean, identity));  // unbounded
    StreamRef ranged = src->withRange(0, INT64_MAX);
    REQUIRE(ranged);
    StreamRef windowed = hooks(ranged)->withWindowAggregate(mean, identity);
    REQUIRE(windowed);
    CHECK_FALSE(hooks(windowed)->withWindowAggregate(mean, identity));
    CHECK_FALSE(windowed->withAggregate(agg::FusedAggregate{}, identity));
    CHECK_FALSE(hooks(windowed)->withRowFilter(Value(), identity));
    agg::WindowAggregate first = mean;
    first.aggregate.selector = true;
    CHECK_FALSE(hooks(ranged)->withWindowAggregate(first, identity));  // selectors keep their rows: not taken
    agg::WindowAggregate other = mean;
    other.column = "x";
    CHECK_FALSE(hooks(ranged)->withWindowAggregate(other, identity));
    CHECK_FALSE(hooks(ranged)->withRowFilter(Value(), identity));  // not a closure of the pushed shape
    // with push-down off nothing is taken
    opt.pushdown = false;
    StreamRef off = store::makeStoreStream(st, *bucket, opt);
    CHECK_FALSE(hooks(off)->withWindowAggregate(mean, identity));
}
