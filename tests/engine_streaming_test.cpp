// The embedding API's result delivery: Engine::run with a TableSink (tables one by one, as the run
// makes them; stopping; memory held per table, not per run; cancel() from another thread while
// streaming) and the public TableView / NamedResult::tables() over the same tables.
#include <doctest/doctest.h>

#include <stdexcept>
#include <thread>

#include "api/engine.h"
#include "store/store.h"
#include "support/store_test_util.h"

using namespace fluxi;

namespace {

// `count` tables of `rows` rows each (group key t = table number; _value floats), each built only
// when the consumer asks for it: a test source that is lazy the way from() and the transformations
// are.
struct LazyTables : StreamObj {
    int count;
    size_t rows;
    LazyTables(int c, size_t r) : count(c), rows(r) { origin = "lazy.tables"; }
    std::unique_ptr<TableIterator> open() const override {
        struct It : TableIterator {
            int count, i = 0;
            size_t rows;
            It(int c, size_t r) : count(c), rows(r) {}
            TablePtr next() override {
                if (i == count) return nullptr;
                TableBuilder b(GroupKey{{{"t", ColType::Int}}, {Value::integer(i)}});
                int t = b.addColumn("t", ColType::Int);
                int v = b.addColumn("_value", ColType::Float);
                for (size_t r = 0; r < rows; r++) {
                    b.column(t).appendInt(i);
                    b.column(v).appendFloat(static_cast<double>(r));
                }
                i++;
                return b.finish();
            }
        };
        return std::make_unique<It>(count, rows);
    }
};

void registerLazyTables(Engine& e) {
    e.registerBuiltin("lazy", "tables", "count, rows", [](CallContext& ctx, const Args& a) {
        int64_t count = ctx.require(a, "count", Kind::Int).asInt();
        int64_t rows = ctx.require(a, "rows", Kind::Int).asInt();
        return Value::stream(make<LazyTables>(static_cast<int>(count), static_cast<size_t>(rows)));
    });
}

const char* kTwoResults = R"flux(
import "array"
data = array.from(rows: [
    {_time: 2024-01-01T00:00:00Z, host: "a", _value: 1.0},
    {_time: 2024-01-01T00:01:00Z, host: "b", _value: 2.0},
    {_time: 2024-01-01T00:02:00Z, host: "a", _value: 3.0},
])
data |> group(columns: ["host"]) |> yield(name: "byHost")
data |> sum()
42
)flux";

// name:table-cells text of a table, through the public view.
std::string describe(const std::string& name, const TableView& t) {
    std::string s = name + ":";
    for (size_t r = 0; r < t.rows(); r++)
        for (size_t c = 0; c < t.columns(); c++) s += " " + t.columnName(c) + "=" + formatValue(t.value(c, r));
    return s + "\n";
}

}  // namespace

TEST_CASE("Engine::run with a TableSink: every table of every result, in order, nothing collected") {
    Engine e;
    e.setNow("2024-01-02T00:00:00Z");
    RunResult collected = e.run(kTwoResults, "two.flux");
    REQUIRE_MESSAGE(collected.ok, collected.error);
    std::string expected;
    for (const NamedResult& r : collected.results)
        for (const TableView& t : r.tables()) expected += describe(r.name, t);

    std::string streamed;
    int calls = 0;
    RunResult r = e.run(kTwoResults, "two.flux", [&](const std::string& name, const TableView& t) {
        streamed += describe(name, t);
        calls++;
        return true;
    });
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(calls == 3);  // byHost: a and b; _result: one sum table
    CHECK(streamed == expected);
    CHECK(streamed == "byHost: _time=2024-01-01T00:00:00Z host=\"a\" _value=1.0 _time=2024-01-01T00:02:00Z host=\"a\" _value=3.0\n"
                      "byHost: _time=2024-01-01T00:01:00Z host=\"b\" _value=2.0\n"
                      "_result: _value=6.0\n");
    CHECK(r.results.empty());
    // The values of the top-level expressions: the stream (delivered above) is null, 42 is 42.
    REQUIRE(r.values.size() == 3);
    CHECK(r.values[1].isNull());
    CHECK(r.values[2].asInt() == 42);
}

TEST_CASE("Engine::run with a TableSink: returning false stops the run, which then writes nothing") {
    testutil::TempDataDir dir;
    Engine e;
    e.setDataDir(dir.path());
    registerLazyTables(e);
    int calls = 0;
    const char* script = "import \"lazy\"\nimport \"array\"\nlazy.tables(count: 5, rows: 3)\n"
                         "array.from(rows: [{_time: 2024-01-01T00:00:00Z, _measurement: \"m\", "
                         "_field: \"f\", _value: 1.0}]) |> to(bucket: \"b\")\n";
    RunResult r = e.run(script, "stop.flux", [&](const std::string&, const TableView&) { return ++calls < 2; });
    CHECK(calls == 2);  // never called again after it returned false
    CHECK_FALSE(r.ok);
    CHECK(r.code == ErrorCode::Canceled);
    CHECK(r.error == "stop.flux: error: the run was stopped by its result callback; nothing was written\n");
    CHECK(r.pointsWritten == 0);
    CHECK_FALSE(store::Store::open(dir.path())->findBucket("b"));
    // The same run, not stopped, writes its point.
    r = e.run(script, "stop.flux", [&](const std::string&, const TableView&) { return true; });
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(r.pointsWritten == 1);
}

TEST_CASE("Engine::run with a TableSink: memory is held per table, so a run larger than its limit streams") {
    Engine e;
    registerLazyTables(e);
    // 12 tables of 2^20 rows (16 MiB of columns each, ~200 MiB in all) under a 64 MiB limit.
    e.setLimits({64ull << 20, std::chrono::nanoseconds(0)});
    const char* script = "import \"lazy\"\nlazy.tables(count: 12, rows: 1048576)\n";
    RunResult collected = e.run(script, "big.flux");
    CHECK_FALSE(collected.ok);
    CHECK(collected.code == ErrorCode::ResourceExhausted);
    size_t tables = 0, rows = 0;
    RunResult streamed = e.run(script, "big.flux", [&](const std::string&, const TableView& t) {
        tables++;
        rows += t.rows();
        return true;
    });
    REQUIRE_MESSAGE(streamed.ok, streamed.error);
    CHECK(tables == 12);
    CHECK(rows == 12u * 1048576u);
}

TEST_CASE("Engine::cancel from another thread stops a streaming run with Canceled") {
    Engine e;
    registerLazyTables(e);
    int calls = 0;
    RunResult r = e.run("import \"lazy\"\nlazy.tables(count: 1000, rows: 100000)\n", "cancel.flux",
                        [&](const std::string&, const TableView&) {
                            if (++calls == 3) std::thread([&] { e.cancel(); }).join();
                            return true;
                        });
    CHECK_FALSE(r.ok);
    CHECK(r.code == ErrorCode::Canceled);
    CHECK(r.error.find("the run was canceled") != std::string::npos);
    CHECK(calls == 3);  // the next table's first rows saw the cancel
    // A cancel does not outlive its run.
    r = e.run("import \"lazy\"\nlazy.tables(count: 2, rows: 10)\n", "again.flux",
              [](const std::string&, const TableView&) { return true; });
    CHECK_MESSAGE(r.ok, r.error);
}

TEST_CASE("TableView: columns, kinds, group key, nulls and checked indexes") {
    Engine e;
    RunResult r = e.run(R"flux(
import "csv"
csv.from(csv: "#datatype,string,long,string,long,unsignedLong,boolean,double
#group,false,false,true,false,false,false,false
#default,_result,,,,,,
,result,table,host,n,u,ok,v
,,0,a,1,1,true,1.5
,,0,a,2,2,false,
")
)flux", "view.flux");
    REQUIRE_MESSAGE(r.ok, r.error);
    REQUIRE(r.results.size() == 1);
    std::vector<TableView> tables = r.results[0].tables();
    REQUIRE(tables.size() == 1);
    const TableView& t = tables[0];
    CHECK(t.rows() == 2);
    int host = t.columnIndex("host"), n = t.columnIndex("n"), ok = t.columnIndex("ok"), v = t.columnIndex("v"),
        u = t.columnIndex("u");
    REQUIRE(host >= 0);
    REQUIRE(n >= 0);
    REQUIRE(ok >= 0);
    REQUIRE(v >= 0);
    REQUIRE(u >= 0);
    CHECK(t.columnIndex("nope") == -1);
    CHECK(t.columnKind(host) == Kind::String);
    CHECK(t.columnKind(n) == Kind::Int);
    CHECK(t.columnKind(ok) == Kind::Bool);
    CHECK(t.columnKind(v) == Kind::Float);
    CHECK(t.columnKind(u) == Kind::UInt);
    CHECK(t.inGroupKey(host));
    CHECK_FALSE(t.inGroupKey(n));
    CHECK(t.value(host, 1).asString() == "a");
    CHECK(t.value(u, 1).asUInt() == 2u);
    CHECK(t.value(v, 0).asFloat() == 1.5);
    CHECK(t.isNull(v, 1));
    CHECK(t.value(v, 1).isNull());
    CHECK_FALSE(t.isNull(n, 1));
    CHECK_THROWS_AS(t.value(0, 2), std::out_of_range);
    CHECK_THROWS_AS(t.isNull(t.columns(), 0), std::out_of_range);
}
