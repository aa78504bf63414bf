// Tests of the universe table transformations (range, filter, map, keep, drop, rename, duplicate,
// set, group, sort, limit, tail, unique, distinct, columns, keys, tableFind and friends, fill, pivot,
// union) through Flux scripts. Inputs come from a test-only builtin, testdata.tables, so the tests do
// not depend on other packages; outputs are rendered as text, one table after another:
//
//     [t="a"] _time:time,_value:int,t:string        <- group key, then columns with types
//     1970-01-01T00:00:01Z,1,"a"                    <- one line per row (null cells print as null)
#include <doctest/doctest.h>

#include <map>
#include <string>

#include "eval/value_text.h"
#include "eval/stream.h"
#include "api/engine.h"
#include "tests/support/flux_run.h"

using namespace fluxi;

namespace {

ColType typeNamed(const CallContext& ctx, const std::string& name) {
    static const std::map<std::string, ColType> types = {{"bool", ColType::Bool},   {"int", ColType::Int},
                                                         {"uint", ColType::UInt},   {"float", ColType::Float},
                                                         {"string", ColType::String}, {"time", ColType::Time}};
    auto it = types.find(name);
    if (it == types.end()) ctx.fail("testdata.tables: unknown column type " + name);
    return it->second;
}

// testdata.tables(tables: [{rows: [{...}], key: ["col"], types: {col: "int"}}, ...]): one table per
// record; columns in first-seen order, typed by their first non-null value unless `types` says.
Value makeTables(CallContext& ctx, const Args& args) {
    std::vector<TablePtr> out;
    for (auto& spec : ctx.require(args, "tables", Kind::Array).asArray().elems) {
        const RecordObj& rec = spec.asRecord();
        // Columns in first-seen order over the rows, then any only named in `types`.
        std::map<std::string, std::string> declared;
        const Value* types = rec.find("types");
        if (types)
            for (auto& [name, t] : types->asRecord().fields) declared[name] = t.asString();
        const Value* rowsV = rec.find("rows");
        const std::vector<Value> noRows;
        const std::vector<Value>& rows = rowsV ? rowsV->asArray().elems : noRows;
        std::vector<std::pair<std::string, ColType>> cols;
        auto addColumn = [&](const std::string& name) {
            for (auto& [n, t] : cols)
                if (n == name) return;
            auto d = declared.find(name);
            if (d != declared.end()) {
                cols.emplace_back(name, typeNamed(ctx, d->second));
                return;
            }
            for (auto& row : rows) {
                const Value* v = row.asRecord().find(name);
                ColType t;
                if (v && !v->isNull() && kindToColType(v->kind(), t)) {
                    cols.emplace_back(name, t);
                    return;
                }
            }
            ctx.fail("testdata.tables: column " + name + " has no type");
        };
        for (auto& row : rows)
            for (auto& [name, v] : row.asRecord().fields) addColumn(name);
        if (types)
            for (auto& [name, t] : types->asRecord().fields) addColumn(name);
        GroupKey key;
        if (const Value* k = rec.find("key"))
            for (auto& name : k->asArray().elems) {
                for (auto& [n, t] : cols)
                    if (n == name.asString()) key.cols.push_back({n, t});
                const Value* first = rows.empty() ? nullptr : rows[0].asRecord().find(name.asString());
                key.values.push_back(first ? *first : Value());
            }
        TableBuilder b(key);
        for (auto& [n, t] : cols) b.addColumn(n, t);
        for (auto& row : rows)
            for (size_t c = 0; c < cols.size(); c++) {
                const Value* v = row.asRecord().find(cols[c].first);
                if (!b.column(c).appendValue(v ? *v : Value())) ctx.fail("testdata.tables: bad cell type");
            }
        out.push_back(b.finish());
    }
    return Value::stream(makeMaterializedStream(std::move(out), "testdata.tables"));
}

using testutil::renderTable;  // tests/support/flux_run.h

// Runs `src` (with testdata imported) and renders its last value: tables for a stream, Flux
// literal syntax otherwise, "error: MESSAGE" on failure.
std::string run(const std::string& src) {
    Engine e;
    e.setNow(std::string_view("2024-01-01T00:00:00Z"));
    e.registerBuiltin("testdata", "tables", "tables", makeTables);
    return testutil::runTables(e, "import \"testdata\"\n" + src);
}

// Two tables keyed by t: a has values 1, 2, null; b has 3.
const char* kTwo = R"(data = testdata.tables(tables: [
    {key: ["t"], types: {_value: "int"}, rows: [
        {_time: 1970-01-01T00:00:01Z, _value: 1, t: "a"},
        {_time: 1970-01-01T00:00:02Z, _value: 2, t: "a"},
        {_time: 1970-01-01T00:00:03Z, t: "a"}]},
    {key: ["t"], rows: [{_time: 1970-01-01T00:00:02Z, _value: 3, t: "b"}]},
])
)";

std::string two(const std::string& pipeline) { return run(std::string(kTwo) + pipeline); }

}  // namespace

TEST_CASE("universe range: bounds, _start/_stop key columns, nulls, relative and int bounds") {
    CHECK(two("data |> range(start: 1970-01-01T00:00:02Z, stop: 1970-01-01T00:00:03Z)") ==
          "[_start=1970-01-01T00:00:02Z,_stop=1970-01-01T00:00:03Z,t=\"a\"] "
          "_start:time,_stop:time,_time:time,_value:int,t:string\n"
          "1970-01-01T00:00:02Z,1970-01-01T00:00:03Z,1970-01-01T00:00:02Z,2,\"a\"\n"
          "[_start=1970-01-01T00:00:02Z,_stop=1970-01-01T00:00:03Z,t=\"b\"] "
          "_start:time,_stop:time,_time:time,_value:int,t:string\n"
          "1970-01-01T00:00:02Z,1970-01-01T00:00:03Z,1970-01-01T00:00:02Z,3,\"b\"");
    // int bounds are Unix seconds; stop defaults to now(); tables left empty are kept
    CHECK(two("data |> range(start: 3) |> keep(columns: [\"_stop\", \"_value\", \"t\"])") ==
          "[_stop=2024-01-01T00:00:00Z,t=\"a\"] _stop:time,_value:int,t:string\n"
          "2024-01-01T00:00:00Z,null,\"a\"\n"
          "[_stop=2024-01-01T00:00:00Z,t=\"b\"] _stop:time,_value:int,t:string");
    // durations are relative to now()
    CHECK(two("data |> range(start: -1h) |> keep(columns: [\"_start\"])") ==
          "[_start=2023-12-31T23:00:00Z] _start:time");
    // a second range narrows the _start/_stop key values to the intersection
    CHECK(two("data |> range(start: 1970-01-01T00:00:01Z, stop: 1970-01-01T00:00:03Z) "
              "|> range(start: 1970-01-01T00:00:02Z) |> filter(fn: (r) => r.t == \"a\") "
              "|> keep(columns: [\"_start\", \"_stop\", \"_value\"])") ==
          "[_start=1970-01-01T00:00:02Z,_stop=1970-01-01T00:00:03Z] _start:time,_stop:time,_value:int\n"
          "1970-01-01T00:00:02Z,1970-01-01T00:00:03Z,2");
    CHECK(two("data |> range(start: 5, stop: 2)").rfind("error: range: cannot query an empty range", 0) == 0);
    CHECK(two("data |> range(start: \"x\")") ==
          "error: range: argument start must be a time, a duration (relative to now()) or an int (Unix seconds), got "
          "string");
    CHECK(run("testdata.tables(tables: [{rows: [{a: 1}]}]) |> range(start: 0)") ==
          "error: range: input table has no _time column");
}

TEST_CASE("universe filter: predicate, null results, onEmpty, errors") {
    CHECK(two("data |> filter(fn: (r) => r._value > 1)") ==
          "[t=\"a\"] _time:time,_value:int,t:string\n"
          "1970-01-01T00:00:02Z,2,\"a\"\n"
          "[t=\"b\"] _time:time,_value:int,t:string\n"
          "1970-01-01T00:00:02Z,3,\"b\"");
    // null (from the null cell) drops the row; empty tables are dropped by default
    CHECK(two("data |> filter(fn: (r) => r._value < 2)") ==
          "[t=\"a\"] _time:time,_value:int,t:string\n1970-01-01T00:00:01Z,1,\"a\"");
    CHECK(two("data |> filter(fn: (r) => r._value < 2, onEmpty: \"keep\")") ==
          "[t=\"a\"] _time:time,_value:int,t:string\n1970-01-01T00:00:01Z,1,\"a\"\n"
          "[t=\"b\"] _time:time,_value:int,t:string");
    CHECK(two("data |> filter(fn: (r) => not exists r._value)") ==
          "[t=\"a\"] _time:time,_value:int,t:string\n1970-01-01T00:00:03Z,null,\"a\"");
    CHECK(two("data |> filter(fn: (r) => 1)") == "error: filter: fn must return a bool, got int (row 0)");
    CHECK(two("data |> filter(fn: (r) => true, onEmpty: \"nope\")") ==
          "error: filter: onEmpty must be \"keep\" or \"drop\", got \"nope\"");
    CHECK(two("data |> filter(fn: (x) => true)") == "error: filter: fn must take a parameter named r (the row record)");
    // an error inside the predicate, raised while the lazy stream is read, keeps its position
    Engine e;
    e.registerBuiltin("testdata", "tables", "tables", makeTables);
    RunResult r = e.run(std::string("import \"testdata\"\n") + kTwo + "data |> filter(fn: (r) => r._value / 0 > 1)",
                        "f.flux");
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.find("f.flux:") == 0);
    CHECK(r.error.find("cannot divide by zero") != std::string::npos);
}

TEST_CASE("universe map: new columns, with, type inference, nulls and regrouping") {
    CHECK(two("data |> map(fn: (r) => ({r with _value: r._value * 10, x: \"y\"}))") ==
          "[t=\"a\"] _time:time,_value:int,t:string,x:string\n"
          "1970-01-01T00:00:01Z,10,\"a\",\"y\"\n"
          "1970-01-01T00:00:02Z,20,\"a\",\"y\"\n"
          "1970-01-01T00:00:03Z,null,\"a\",\"y\"\n"
          "[t=\"b\"] _time:time,_value:int,t:string,x:string\n"
          "1970-01-01T00:00:02Z,30,\"b\",\"y\"");
    // the key column is dropped from the record: it leaves the key and the tables merge
    CHECK(two("data |> map(fn: (r) => ({v: r._value}))") == "[] v:int\n1\n2\nnull\n3");
    // a column that is null in every row and unknown to the input is dropped
    CHECK(two("data |> filter(fn: (r) => r.t == \"b\") |> map(fn: (r) => ({t: r.t, n: r.nothing}))") ==
          "[t=\"b\"] t:string\n\"b\"");
    // with no typed column left, there is no table
    CHECK(two("data |> map(fn: (r) => ({n: r.nothing}))") == "");
    // the type comes from the first non-null value
    CHECK(run("testdata.tables(tables: [{rows: [{a: 0}, {a: 1}]}]) "
              "|> map(fn: (r) => ({b: if r.a == 0 then r.none else 2.5}))") == "[] b:float\nnull\n2.5");
    // new key values regroup rows
    CHECK(two("data |> map(fn: (r) => ({r with t: if r._value == 1 then \"b\" else r.t}))") ==
          "[t=\"a\"] _time:time,_value:int,t:string\n"
          "1970-01-01T00:00:02Z,2,\"a\"\n"
          "1970-01-01T00:00:03Z,null,\"a\"\n"
          "[t=\"b\"] _time:time,_value:int,t:string\n"
          "1970-01-01T00:00:01Z,1,\"b\"\n"
          "1970-01-01T00:00:02Z,3,\"b\"");
    CHECK(two("data |> map(fn: (r) => 1)") == "error: map: fn must return a record, got int (row 0)");
    CHECK(two("data |> map(fn: (r) => ({v: if r._value == 2 then 1.0 else 1}))") ==
          "error: map: column \"v\" has type int in earlier rows but row 1 gives a float");
    CHECK(two("data |> map(fn: (r) => ({v: 1h}))") ==
          "error: map: column \"v\" has type duration, which cannot be stored in a table column (expected bool, "
          "int, uint, float, string or time)");
}

TEST_CASE("universe keep and drop: lists, predicates, key changes, missing columns") {
    CHECK(two("data |> keep(columns: [\"_value\", \"t\", \"nope\"])") ==
          "[t=\"a\"] _value:int,t:string\n1,\"a\"\n2,\"a\"\nnull,\"a\"\n[t=\"b\"] _value:int,t:string\n3,\"b\"");
    CHECK(two("data |> drop(columns: [\"_time\", \"t\", \"nope\"])") == "[] _value:int\n1\n2\nnull\n3");
    CHECK(two("data |> drop(fn: (column) => column =~ /^_/)") == "[t=\"a\"] t:string\n\"a\"\n\"a\"\n\"a\"\n"
                                                                 "[t=\"b\"] t:string\n\"b\"");
    CHECK(two("data |> keep(fn: (column) => column == \"_value\")") == "[] _value:int\n1\n2\nnull\n3");
    CHECK(two("data |> keep(columns: [\"nope\"])") == "[]");
    CHECK(two("data |> keep()") == "error: keep: missing argument columns (a list of names) or fn (a predicate)");
    CHECK(two("data |> drop(columns: [\"a\"], fn: (column) => true)") ==
          "error: drop: give either columns or fn, not both");
    CHECK(two("data |> drop(fn: (column) => 1)") == "error: drop: fn must return a bool, got int for column \"_time\"");
}

TEST_CASE("universe rename, duplicate and set") {
    CHECK(two("data |> rename(columns: {t: \"tag\", _value: \"v\"}) |> filter(fn: (r) => r.tag == \"b\")") ==
          "[tag=\"b\"] _time:time,v:int,tag:string\n1970-01-01T00:00:02Z,3,\"b\"");
    CHECK(two("data |> rename(fn: (column) => \"c${column}\") |> filter(fn: (r) => r.ct == \"b\")") ==
          "[ct=\"b\"] c_time:time,c_value:int,ct:string\n1970-01-01T00:00:02Z,3,\"b\"");
    CHECK(two("data |> rename(columns: {nope: \"x\"})") == "error: rename: rename error: column \"nope\" doesn't exist");
    CHECK(two("data |> rename(columns: {t: \"_value\"})") ==
          "error: rename: two columns would both be named \"_value\"");
    // duplicate: new column at the end, outside the key
    CHECK(two("data |> duplicate(column: \"t\", as: \"t2\") |> filter(fn: (r) => r.t == \"b\")") ==
          "[t=\"b\"] _time:time,_value:int,t:string,t2:string\n1970-01-01T00:00:02Z,3,\"b\",\"b\"");
    // overwriting a key column with a non-key one takes it out of the key (tables merge)
    CHECK(two("data |> duplicate(column: \"_value\", as: \"t\") |> drop(columns: [\"_time\"])") ==
          "[] _value:int,t:int\n1,1\n2,2\nnull,null\n3,3");
    CHECK(two("data |> duplicate(column: \"x\", as: \"y\")") == "error: duplicate: column \"x\" doesn't exist");
    // set: a new column, or a key column whose new value merges the tables
    CHECK(two("data |> set(key: \"t\", value: \"z\") |> drop(columns: [\"_time\"])") ==
          "[t=\"z\"] _value:int,t:string\n1,\"z\"\n2,\"z\"\nnull,\"z\"\n3,\"z\"");
    CHECK(two("data |> filter(fn: (r) => r.t == \"b\") |> set(key: \"host\", value: \"h\")") ==
          "[t=\"b\"] _time:time,_value:int,t:string,host:string\n1970-01-01T00:00:02Z,3,\"b\",\"h\"");
}

TEST_CASE("universe group: by, except, ungroup, row order, differing schemas, null keys") {
    const char* src = R"(data = testdata.tables(tables: [
        {key: ["t"], rows: [{t: "a", h: "x", v: 1}, {t: "a", h: "y", v: 2}, {t: "a", h: "x", v: 3}]},
        {key: ["t"], rows: [{t: "b", h: "y", v: 4, extra: true}]},
        {key: ["t"], types: {h: "string"}, rows: [{t: "c", v: 5}]},
    ])
    )";
    CHECK(run(std::string(src) + "data |> group(columns: [\"h\"])") ==
          "[h=null] t:string,v:int,h:string\n\"c\",5,null\n"
          "[h=\"x\"] t:string,h:string,v:int\n\"a\",\"x\",1\n\"a\",\"x\",3\n"
          "[h=\"y\"] t:string,h:string,v:int,extra:bool\n\"a\",\"y\",2,null\n\"b\",\"y\",4,true");
    CHECK(run(std::string(src) + "data |> group() |> keep(columns: [\"v\"])") == "[] v:int\n1\n2\n3\n4\n5");
    CHECK(run(std::string(src) + "data |> group(columns: [\"v\", \"extra\", \"h\"], mode: \"except\")") ==
          "[t=\"a\"] t:string,h:string,v:int\n\"a\",\"x\",1\n\"a\",\"y\",2\n\"a\",\"x\",3\n"
          "[t=\"b\"] t:string,h:string,v:int,extra:bool\n\"b\",\"y\",4,true\n"
          "[t=\"c\"] t:string,v:int,h:string\n\"c\",5,null");
    CHECK(run(std::string(src) + "data |> group(columns: [\"t\"], mode: \"all\")") ==
          "error: group: mode must be \"by\" or \"except\", got \"all\"");
    // grouping by key columns moves whole tables, empty ones included
    CHECK(two("data |> filter(fn: (r) => false, onEmpty: \"keep\") |> group(columns: [\"t\"])") ==
          "[t=\"a\"] _time:time,_value:int,t:string\n[t=\"b\"] _time:time,_value:int,t:string");
}

TEST_CASE("universe sort: columns, desc, nulls first, stability, key columns skipped") {
    const char* src = R"(data = testdata.tables(tables: [{types: {v: "int"}, rows: [
        {v: 3, s: "a"}, {v: 1, s: "b"}, {s: "c"}, {v: 3, s: "d"}, {v: 2, s: "e"}]}])
    )";
    CHECK(run(std::string(src) + "data |> sort(columns: [\"v\"])") ==
          "[] v:int,s:string\nnull,\"c\"\n1,\"b\"\n2,\"e\"\n3,\"a\"\n3,\"d\"");
    CHECK(run(std::string(src) + "data |> sort(columns: [\"v\"], desc: true)") ==
          "[] v:int,s:string\nnull,\"c\"\n3,\"a\"\n3,\"d\"\n2,\"e\"\n1,\"b\"");
    CHECK(run(std::string(src) + "data |> sort(columns: [\"v\", \"s\"], desc: true)") ==
          "[] v:int,s:string\nnull,\"c\"\n3,\"d\"\n3,\"a\"\n2,\"e\"\n1,\"b\"");
    CHECK(two("data |> sort(columns: [\"t\", \"_value\"], desc: true) |> keep(columns: [\"_value\", \"t\"])") ==
          "[t=\"a\"] _value:int,t:string\nnull,\"a\"\n2,\"a\"\n1,\"a\"\n[t=\"b\"] _value:int,t:string\n3,\"b\"");
    // default column _value; floats and strings
    CHECK(run("testdata.tables(tables: [{rows: [{_value: 2.5}, {_value: -1.0}, {_value: 0.5}]}]) |> sort()") ==
          "[] _value:float\n-1.0\n0.5\n2.5");
}

TEST_CASE("universe limit and tail") {
    const char* src = R"(data = testdata.tables(tables: [{rows: [{v: 1}, {v: 2}, {v: 3}, {v: 4}, {v: 5}]}])
    )";
    CHECK(run(std::string(src) + "data |> limit(n: 2)") == "[] v:int\n1\n2");
    CHECK(run(std::string(src) + "data |> limit(n: 2, offset: 2)") == "[] v:int\n3\n4");
    CHECK(run(std::string(src) + "data |> limit(n: 10, offset: 4)") == "[] v:int\n5");
    CHECK(run(std::string(src) + "data |> limit(n: 1, offset: 9)") == "[] v:int");
    CHECK(run(std::string(src) + "data |> tail(n: 2)") == "[] v:int\n4\n5");
    CHECK(run(std::string(src) + "data |> tail(n: 2, offset: 1)") == "[] v:int\n3\n4");
    CHECK(run(std::string(src) + "data |> tail(n: 9, offset: 3)") == "[] v:int\n1\n2");
    CHECK(run(std::string(src) + "data |> limit(n: -1)") == "error: limit: n must not be negative, got -1");
}

TEST_CASE("universe unique and distinct") {
    const char* src = R"(data = testdata.tables(tables: [{key: ["t"], types: {v: "int"}, rows: [
        {t: "a", v: 1, w: 1}, {t: "a", v: 2, w: 2}, {t: "a", v: 1, w: 3}, {t: "a", w: 4}, {t: "a", w: 5}]}])
    )";
    CHECK(run(std::string(src) + "data |> unique(column: \"v\")") ==
          "[t=\"a\"] t:string,v:int,w:int\n\"a\",1,1\n\"a\",2,2\n\"a\",null,4");
    CHECK(run(std::string(src) + "data |> unique(column: \"nope\")") == "error: unique: no column \"nope\" exists");
    CHECK(run(std::string(src) + "data |> distinct(column: \"v\")") ==
          "[t=\"a\"] t:string,_value:int\n\"a\",1\n\"a\",2\n\"a\",null");
    CHECK(run(std::string(src) + "data |> distinct(column: \"t\")") == "[t=\"a\"] t:string,_value:string\n\"a\",\"a\"");
    CHECK(run(std::string(src) + "data |> distinct(column: \"nope\")") == "[t=\"a\"] t:string,_value:string\n\"a\",\"\"");
}

TEST_CASE("universe columns and keys") {
    CHECK(two("data |> columns()") ==
          "[t=\"a\"] t:string,_value:string\n\"a\",\"_time\"\n\"a\",\"_value\"\n\"a\",\"t\"\n"
          "[t=\"b\"] t:string,_value:string\n\"b\",\"_time\"\n\"b\",\"_value\"\n\"b\",\"t\"");
    CHECK(two("data |> range(start: 0) |> keys(column: \"k\") |> filter(fn: (r) => r.t == \"b\")") ==
          "[_start=1970-01-01T00:00:00Z,_stop=2024-01-01T00:00:00Z,t=\"b\"] _start:time,_stop:time,t:string,k:string\n"
          "1970-01-01T00:00:00Z,2024-01-01T00:00:00Z,\"b\",\"_start\"\n"
          "1970-01-01T00:00:00Z,2024-01-01T00:00:00Z,\"b\",\"_stop\"\n"
          "1970-01-01T00:00:00Z,2024-01-01T00:00:00Z,\"b\",\"t\"");
    CHECK(two("data |> columns(column: \"t\")") ==
          "error: columns: \"t\" is a group key column; choose another output column with the column argument");
}

TEST_CASE("universe tableFind, getColumn, getRecord, findColumn, findRecord") {
    CHECK(two("data |> tableFind(fn: (key) => key.t == \"b\") |> getColumn(column: \"_value\")") == "[3]");
    CHECK(two("data |> tableFind(fn: (key) => key.t == \"a\") |> getRecord(idx: 1)") ==
          "{_time: 1970-01-01T00:00:02Z, _value: 2, t: \"a\"}");
    CHECK(two("data |> tableFind(fn: (key) => key.t == \"z\")") ==
          "error: tableFind: no table found whose group key matches fn");
    CHECK(two("data |> tableFind(fn: (key) => true) |> getColumn(column: \"x\")") ==
          "error: getColumn: cannot find column \"x\" in the table");
    CHECK(two("data |> tableFind(fn: (key) => true) |> getRecord(idx: 3)") ==
          "error: getRecord: index 3 is out of bounds (the table has 3 rows)");
    CHECK(two("data |> findColumn(fn: (key) => key.t == \"a\", column: \"_value\")") == "[1, 2, null]");
    CHECK(two("data |> findColumn(fn: (key) => key.t == \"z\", column: \"_value\")") == "[]");
    CHECK(two("data |> findColumn(fn: (key) => true, column: \"nope\")") == "[]");
    CHECK(two("data |> findRecord(fn: (key) => key.t == \"b\", idx: 0)") ==
          "{_time: 1970-01-01T00:00:02Z, _value: 3, t: \"b\"}");
    CHECK(two("data |> findRecord(fn: (key) => key.t == \"b\", idx: 5)") == "{}");
}

TEST_CASE("universe fill") {
    const char* src = R"(data = testdata.tables(tables: [{types: {v: "int"}, rows: [{}, {v: 1}, {}, {v: 2}, {}]}])
    )";
    CHECK(run(std::string(src) + "data |> fill(column: \"v\", value: 0)") == "[] v:int\n0\n1\n0\n2\n0");
    CHECK(run(std::string(src) + "data |> fill(column: \"v\", usePrevious: true)") == "[] v:int\nnull\n1\n1\n2\n2");
    CHECK(run(std::string(src) + "data |> fill(column: \"v\", value: 0.0)") ==
          "error: fill: column \"v\" has type int but value has type float");
    // a missing column is added, full of the value (as in the reference); usePrevious passes it by
    CHECK(run(std::string(src) + "data |> fill(column: \"x\", value: 0)") ==
          "[] v:int,x:int\nnull,0\n1,0\nnull,0\n2,0\nnull,0");
    CHECK(run(std::string(src) + "data |> fill(column: \"x\", usePrevious: true)") == "[] v:int\nnull\n1\nnull\n2\nnull");
    CHECK(run(std::string(src) + "data |> fill(column: \"v\")") ==
          "error: fill: missing argument value (or usePrevious: true)");
}

TEST_CASE("universe pivot") {
    const char* src = R"(data = testdata.tables(tables: [
        {key: ["_field", "m"], rows: [
            {_time: 1970-01-01T00:00:01Z, _field: "f1", m: "m", _value: 1.0, junk: 1},
            {_time: 1970-01-01T00:00:02Z, _field: "f1", m: "m", _value: 2.0, junk: 1}]},
        {key: ["_field", "m"], rows: [
            {_time: 1970-01-01T00:00:02Z, _field: "f2", m: "m", _value: 20.0, junk: 1},
            {_time: 1970-01-01T00:00:03Z, _field: "f2", m: "m", _value: 30.0, junk: 1}]},
    ])
    )";
    CHECK(run(std::string(src) + "data |> pivot(rowKey: [\"_time\"], columnKey: [\"_field\"], valueColumn: \"_value\")") ==
          "[m=\"m\"] _time:time,m:string,f1:float,f2:float\n"
          "1970-01-01T00:00:01Z,\"m\",1.0,null\n"
          "1970-01-01T00:00:02Z,\"m\",2.0,20.0\n"
          "1970-01-01T00:00:03Z,\"m\",null,30.0");
    CHECK(run(std::string(src) +
              "data |> pivot(rowKey: [\"_time\"], columnKey: [\"_field\", \"junk\"], valueColumn: \"_value\")") ==
          "[m=\"m\"] _time:time,m:string,f1_1:float,f2_1:float\n"
          "1970-01-01T00:00:01Z,\"m\",1.0,null\n"
          "1970-01-01T00:00:02Z,\"m\",2.0,20.0\n"
          "1970-01-01T00:00:03Z,\"m\",null,30.0");
    CHECK(run(std::string(src) + "data |> pivot(rowKey: [\"nope\"], columnKey: [\"_field\"], valueColumn: \"_value\")") ==
          "error: pivot: specified column does not exist in table: nope");
    CHECK(run(std::string(src) + "data |> pivot(rowKey: [\"m\"], columnKey: [\"m\"], valueColumn: \"_value\")") ==
          "error: pivot: column name found in both rowKey and columnKey: m");
}

TEST_CASE("universe union") {
    const char* src = R"(a = testdata.tables(tables: [{key: ["t"], rows: [{t: "x", v: 1}]}, {key: ["t"], rows: [{t: "y", v: 2}]}])
    b = testdata.tables(tables: [{key: ["t"], rows: [{t: "x", v: 3, w: 1.5}]}])
    )";
    CHECK(run(std::string(src) + "union(tables: [a, b])") ==
          "[t=\"x\"] t:string,v:int,w:float\n\"x\",1,null\n\"x\",3,1.5\n[t=\"y\"] t:string,v:int\n\"y\",2");
    CHECK(run(std::string(src) + "union(tables: [a])") == "error: union: tables must list at least two streams, got 1");
    CHECK(run(std::string(src) + "union(tables: [a, testdata.tables(tables: [{key: [\"t\"], rows: [{t: \"x\", v: 1.0}]}])])") ==
          "error: union: column \"v\" has type int in one table and float in another with the same group key");
}

TEST_CASE("universe: pass-through transformations share column data instead of copying it") {
    GroupKey key;
    key.cols = {{"t", ColType::String}};
    key.values = {Value::string("a")};
    TableBuilder b(key);
    int ct = b.addColumn("t", ColType::String);
    int cv = b.addColumn("v", ColType::Float);
    int cw = b.addColumn("w", ColType::Int);
    for (int i = 0; i < 100; i++) {
        b.column(ct).appendString(std::string_view("a"));
        b.column(cv).appendFloat(i * 0.5);
        b.column(cw).appendInt(i);
    }
    TablePtr in = b.finish();
    StreamRef input = makeMaterializedStream({in}, "shared");
    auto outputOf = [&](const std::string& pipeline) {
        Engine e;
        e.registerBuiltin("testdata", "shared", "", [input](CallContext&, const Args&) { return Value::stream(input); });
        RunResult r = e.run("import \"testdata\"\ntestdata.shared() |> " + pipeline, "share.flux");
        REQUIRE_MESSAGE(r.ok, r.error);
        auto tables = collect(r.values.back().asStream());
        REQUIRE(tables.size() == 1);
        return tables[0];
    };
    TablePtr t = outputOf("keep(columns: [\"t\", \"v\"]) |> rename(columns: {v: \"value\"}) |> drop(columns: [\"t\"])");
    REQUIRE(t->numColumns() == 1);
    CHECK(t->cols[0].get() == in->cols[cv].get());
    t = outputOf("map(fn: (r) => ({r with x: r.w * 2}))");
    REQUIRE(t->numColumns() == 4);
    CHECK(t->cols[0].get() == in->cols[ct].get());
    CHECK(t->cols[1].get() == in->cols[cv].get());
    CHECK(t->cols[2].get() == in->cols[cw].get());
    t = outputOf("filter(fn: (r) => r.w >= 0) |> sort(columns: [\"w\"]) |> group(columns: [\"t\"]) |> limit(n: 1000)");
    CHECK(t->cols[t->columnIndex("v")].get() == in->cols[cv].get());
}
