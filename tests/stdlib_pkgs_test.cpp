// Tests of the packages that need no outside service and were missing before: the JSON reader,
// experimental/json, experimental/dynamic, system, internal/boolean, internal/location,
// internal/influxql, internal/testutil, internal/gen, debug.feature, experimental/polyline, profiler and the "not
// implemented here" error of the service packages. (internal/promql, v1.json,
// influxdb.cardinality and experimental/query are in stdlib_pkgs_data_test.cpp.)
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "format/json_reader.h"
#include "tests/support/flux_run.h"

using fluxi::testutil::errorOf;
using fluxi::testutil::runTables;

namespace {

std::string J(const std::string& json) {
    std::string esc;
    for (char c : json) {
        if (c == '"' || c == '\\') esc += '\\';
        esc += c;
    }
    return runTables("import \"experimental/json\"\njson.parse(data: bytes(v: \"" + esc + "\"))");
}

bool startsWith(const std::string& s, const std::string& p) { return s.rfind(p, 0) == 0; }

}  // namespace

TEST_CASE("JSON reader: values, escapes, numbers and errors with line and column") {
    using fluxi::json::Node;
    Node n = fluxi::json::parse(" {\"a\": [1, -2.5e3, true, false, null], \"s\": \"x\\u00e9\\ud83d\\ude00\\n\\/\"} ");
    REQUIRE(n.type == Node::Type::Object);
    REQUIRE(n.members.size() == 2);
    const Node* a = n.find("a");
    REQUIRE(a);
    REQUIRE(a->items.size() == 5);
    CHECK(a->items[1].number == -2500.0);
    CHECK(a->items[1].text == "-2.5e3");
    CHECK(a->items[2].boolean);
    CHECK(a->items[4].type == Node::Type::Null);
    CHECK(n.find("s")->text == "x\xc3\xa9\xf0\x9f\x98\x80\n/");
    CHECK(fluxi::json::parse("\"\\ud800\"").text == "\xef\xbf\xbd");  // lone surrogate
    CHECK(fluxi::json::parse("1e-400").number == 0.0);
    auto err = [](const std::string& s) {
        try {
            fluxi::json::parse(s);
        } catch (const fluxi::json::ParseError& e) {
            return std::string(e.what());
        }
        return std::string("no error");
    };
    CHECK(err("") == "invalid JSON at line 1, column 1: unexpected end of input, expected a JSON value");
    CHECK(err("{\n  \"a\": 01}") == "invalid JSON at line 2, column 9: unexpected character '1', expected ',' or '}' in an object");
    CHECK(err("[1,]") == "invalid JSON at line 1, column 4: unexpected character ']', expected a JSON value");
    CHECK(err("1 2") == "invalid JSON at line 1, column 3: unexpected character '2' after the end of the value");
    CHECK(err("\"abc") == "invalid JSON at line 1, column 1: unterminated string");
    CHECK(err("\"a\tb\"") == "invalid JSON at line 1, column 3: control character in a string (it must be escaped)");
    CHECK(err("\"\\x\"") == "invalid JSON at line 1, column 2: invalid escape '\\x' in a string");
    CHECK(err("1e400") == "invalid JSON at line 1, column 1: number 1e400 is out of the range of a 64-bit float");
    CHECK(err("-") == "invalid JSON at line 1, column 2: unexpected end of input, expected a digit in a number");
    CHECK(err("tru") == "invalid JSON at line 1, column 1: unexpected character 't', expected a JSON value");
    CHECK(err(std::string(20000, '[')) ==
          "invalid JSON at line 1, column 1002: nesting deeper than 1000 levels");
}

TEST_CASE("experimental/json.parse: records with sorted keys, float numbers, nulls") {
    CHECK(J("{\"b\": 1, \"a\": \"x\"}") == "{a: \"x\", b: 1.0}");
    CHECK(J("{\"a\": 1, \"a\": 2}") == "{a: 2.0}");  // the last duplicate wins
    CHECK(J("[1, \"two\", [true], {\"k\": null}]") == "[1.0, \"two\", [true], {k: null}]");
    CHECK(J("null") == "null");
    CHECK(J("12") == "12.0");
    CHECK(J("{}") == "{}");
    CHECK(J("[]") == "[]");
    CHECK(J("{\"a\": [1,]}") ==
          "error: json.parse: data is not valid JSON: invalid JSON at line 1, column 10: unexpected character ']', expected "
          "a JSON value");
    CHECK(runTables("import \"experimental/json\"\njson.parse(data: \"{}\")") ==
          "error: parse: argument data must be of type bytes, got string");
    // Per row, as the reference's own test uses it.
    CHECK(runTables("import \"array\"\nimport \"experimental/json\"\n"
                    "array.from(rows: [{v: \"{\\\"a\\\":1,\\\"b\\\":2}\"}, {v: \"{\\\"a\\\":3}\"}])\n"
                    "  |> map(fn: (r) => { d = json.parse(data: bytes(v: r.v))\n return {a: d.a, b: d.b} })") ==
          "[] a:float,b:float\n1.0,2.0\n3.0,null");
}

TEST_CASE("experimental/dynamic: dynamic, asArray, isType, jsonParse, jsonEncode") {
    auto D = [](const std::string& e) { return runTables("import \"experimental/dynamic\"\n" + e); };
    CHECK(D("dynamic.dynamic(v: [1, 2])") == "[1, 2]");
    CHECK(D("dynamic.dynamic(v: [1, 2]) |> dynamic.asArray()") == "[1, 2]");
    CHECK(D("dynamic.dynamic(v: 123) |> dynamic.asArray()") == "error: dynamic.asArray: unable to convert int to array");
    CHECK(D("import \"internal/debug\"\ndynamic.asArray(v: debug.null())") ==
          "error: dynamic.asArray: unable to convert <null> to array");
    CHECK(D("[dynamic.isType(v: 1, type: \"int\"), dynamic.isType(v: 1, type: \"float\"), "
            "dynamic.isType(v: {a: 1}, type: \"object\"), dynamic.isType(v: [1], type: \"array\"), "
            "dynamic.isType(v: [\"a\": 1], type: \"dictionary\"), dynamic.isType(v: 1s, type: \"duration\"), "
            "dynamic.isType(v: /a/, type: \"regexp\"), dynamic.isType(v: (x) => x, type: \"function\"), "
            "dynamic.isType(v: bytes(v: \"a\"), type: \"bytes\"), dynamic.isType(v: 2020-01-01T00:00:00Z, type: \"time\"), "
            "dynamic.isType(v: uint(v: 1), type: \"uint\"), dynamic.isType(v: true, type: \"bool\"), "
            "dynamic.isType(v: \"s\", type: \"string\")]") ==
          "[true, false, true, true, true, true, true, true, true, true, true, true, true]");
    CHECK(D("import \"internal/debug\"\ndynamic.isType(v: debug.null(), type: \"int\")") == "false");
    CHECK(D("dynamic.jsonParse(data: bytes(v: \"{\\\"x\\\": [1, {\\\"y\\\": \\\"z\\\"}]}\"))") ==
          "{x: [1.0, {y: \"z\"}]}");
    CHECK(D("dynamic.jsonParse(data: bytes(v: \"{\"))") ==
          "error: dynamic.jsonParse: data is not valid JSON: invalid JSON at line 1, column 2: unexpected end of input, "
          "expected an object key string");
    CHECK(D("string(v: dynamic.jsonEncode(v: {b: [1.0, 2.5], d: \"<\", a: 2020-01-01T00:00:00.5Z, c: [1: \"x\"]}))") ==
          "\"{\\\"a\\\":\\\"2020-01-01T00:00:00.5Z\\\",\\\"b\\\":[1,2.5],\\\"c\\\":{\\\"1\\\":\\\"x\\\"},\\\"d\\\":\\\"\\\\u003c\\\"}\"");
    CHECK(D("dynamic.jsonEncode(v: (x) => x)") == "error: dynamic.jsonEncode: a function cannot be encoded");
    CHECK(D("dynamic._isNotDistinct(a: [1, 2], b: [1, 2])") == "true");
}

TEST_CASE("system.time is the wall clock, not now()") {
    auto wall = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    std::string lo = std::to_string(wall - 60), hi = std::to_string(wall + 600);
    CHECK(runTables("import \"system\"\noption now = () => 2000-01-01T00:00:00Z\nt = system.time()\n"
                    "[t > time(v: " + lo + " * 1000000000), t < time(v: " + hi + " * 1000000000), t != now()]") ==
          "[true, true, true]");
    CHECK(runTables("import \"system\"\nsystem.time(x: 1)") == "error: time has no parameter x");
}

TEST_CASE("internal/boolean, internal/location, internal/influxql constants") {
    CHECK(runTables("import b \"internal/boolean\"\n[b.true, b.false, b.true and not b.false]") == "[true, false, true]");
    CHECK(runTables("import \"internal/location\"\nlocation.location") == "{zone: \"UTC\", offset: 0ns}");
    CHECK(runTables("import \"internal/location\"\nimport \"timezone\"\noption location.location = timezone.fixed(offset: 2h)\n"
                    "location.location.offset") == "2h");
    CHECK(runTables("import \"internal/influxql\"\n[influxql.epoch, influxql.minTime, influxql.maxTime]") ==
          "[1970-01-01T00:00:00Z, 1677-09-21T00:12:43.145224194Z, 2262-04-11T23:47:16.854775806Z]");
    // minTime and maxTime are one inside the int64 nanosecond range.
    CHECK(runTables("import \"internal/influxql\"\n[int(v: influxql.minTime), int(v: influxql.maxTime)]") ==
          "[-9223372036854775806, 9223372036854775806]");
}

TEST_CASE("internal/testutil: fail, yield, makeRecord, makeAny") {
    CHECK(runTables("import \"internal/testutil\"\ntestutil.fail()") == "error: fail");
    CHECK(runTables("import \"internal/testutil\"\n5 |> testutil.yield()") == "5");
    CHECK(runTables("import \"internal/testutil\"\ntestutil.yield(v: \"a\")") == "\"a\"");
    CHECK(runTables("import \"internal/testutil\"\ntestutil.makeRecord(o: {a: 1})") == "{a: 1}");
    CHECK(runTables("import \"internal/testutil\"\ntestutil.makeRecord(o: 1)") ==
          "error: makeRecord: argument o must be of type record, got int");
    CHECK(startsWith(runTables("import \"internal/testutil\"\ntestutil.makeAny(typ: \"int\")"),
                     "error: testutil.makeAny: cannot make a value of type \"int\""));
    // fail() stops a script before its later statements
    CHECK(runTables("import \"internal/testutil\"\nx = if true then testutil.fail() else false\n1") == "error: fail");
}

TEST_CASE("debug.feature: fluxi has no feature flags, so every key is unknown (null)") {
    CHECK(runTables("import \"internal/debug\"\ndebug.feature(key: \"aNewFlag\")") == "null");
    CHECK(runTables("import \"internal/debug\"\ndebug.feature()") == "error: feature: missing required argument key");
    CHECK(runTables("import \"internal/debug\"\ndebug.feature(key: 1)") ==
          "error: feature: argument key must be of type string, got int");
}

TEST_CASE("packages that need an outside service are 'not implemented here'") {
    for (const char* pkg : {"http", "mqtt", "slack", "pagerduty", "experimental/http/requests",
                            "influxdata/influxdb/secrets", "contrib/sranka/telegram"}) {
        std::string err = errorOf(std::string("import \"") + pkg + "\"\n1");
        CHECK_MESSAGE(err.find(std::string("error: package \"") + pkg + "\" is not implemented here: it needs ") !=
                          std::string::npos,
                      err);
        CHECK(err.find("test.flux:1:1:") != std::string::npos);
    }
    CHECK(errorOf("import \"nosuch/pkg\"\n1").find("package \"nosuch/pkg\" not found (fluxi does not implement it)") !=
          std::string::npos);
}

TEST_CASE("polyline.rdp: epsilon, retention and automatic tolerance") {
    const std::string data =
        "import \"array\"\nimport \"experimental/polyline\"\n"
        "data = array.from(rows: [\n"
        " {t: \"a\", _time: 2020-01-01T00:00:00Z, _value: 0.0},\n"
        " {t: \"a\", _time: 2020-01-01T00:00:01Z, _value: 0.1},\n"
        " {t: \"a\", _time: 2020-01-01T00:00:02Z, _value: 5.0},\n"
        " {t: \"a\", _time: 2020-01-01T00:00:03Z, _value: 6.0},\n"
        " {t: \"a\", _time: 2020-01-01T00:00:04Z, _value: 7.0},\n"
        "]) |> group(columns: [\"t\"])\n";
    // The chord 0..4 is farthest from point 1 (1.65), then 1..4 from point 2 (2.6); 2..4 is straight.
    CHECK(runTables(data + "data |> polyline.rdp(epsilon: 0.5)") ==
          "[t=\"a\"] t:string,_time:time,_value:float\n"
          "\"a\",2020-01-01T00:00:00Z,0.0\n\"a\",2020-01-01T00:00:01Z,0.1\n\"a\",2020-01-01T00:00:02Z,5.0\n"
          "\"a\",2020-01-01T00:00:04Z,7.0");
    // Distances above epsilon 2.0 only: 1.65 < 2 keeps the endpoints alone.
    CHECK(runTables(data + "data |> polyline.rdp(epsilon: 2.0)") ==
          "[t=\"a\"] t:string,_time:time,_value:float\n\"a\",2020-01-01T00:00:00Z,0.0\n\"a\",2020-01-01T00:00:04Z,7.0");
    // Weights: endpoints inf, point 2 2.6, point 1 1.65 (point 3 is on its chord): 60% of 5 = 3 points.
    CHECK(runTables(data + "data |> polyline.rdp(retention: 60.0) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n0.0\n5.0\n7.0");
    CHECK(runTables(data + "data |> polyline.rdp(retention: 80.0) |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n0.0\n0.1\n5.0\n7.0");
    // Automatic tolerance: about 1 for a chord this long in x, so 0.75 (point 3) is dropped.
    CHECK(runTables(data + "data |> polyline.rdp() |> keep(columns: [\"_value\"])") ==
          "[] _value:float\n0.0\n0.1\n5.0\n7.0");
    // Other column names, an int column; null times dropped, null values count as 0.
    CHECK(runTables("import \"array\"\nimport \"experimental/polyline\"\n"
                    "array.from(rows: [{x: 2020-01-01T00:00:00Z, y: 1}, {x: 2020-01-01T00:00:01Z, y: 9},"
                    " {x: 2020-01-01T00:00:02Z, y: 1}])\n"
                    "|> polyline.rdp(timeColumn: \"x\", valColumn: \"y\", epsilon: 1.0)") ==
          "[] _time:time,_value:float\n2020-01-01T00:00:00Z,1.0\n2020-01-01T00:00:01Z,9.0\n2020-01-01T00:00:02Z,1.0");
    CHECK(runTables("import \"array\"\nimport \"experimental/polyline\"\nimport \"internal/debug\"\n"
                    "array.from(rows: [{_time: 2020-01-01T00:00:00Z, _value: 4.0}, {_time: debug.null(type: \"time\"), _value: 9.0},"
                    " {_time: 2020-01-01T00:00:02Z, _value: debug.null(type: \"float\")}])\n"
                    "|> polyline.rdp(epsilon: 1.0)") ==
          "[] _time:time,_value:float\n2020-01-01T00:00:00Z,4.0\n2020-01-01T00:00:02Z,0.0");
    // Empty tables stay empty.
    CHECK(runTables(data + "data |> filter(fn: (r) => r._value > 100.0, onEmpty: \"keep\") |> polyline.rdp()") ==
          "[t=\"a\"] t:string,_time:time,_value:float");
}

TEST_CASE("polyline.rdp: errors") {
    const std::string head = "import \"array\"\nimport \"experimental/polyline\"\n";
    const std::string rows = "array.from(rows: [{_time: 2020-01-01T00:00:00Z, _value: 1.0, s: \"x\"}])";
    CHECK(runTables(head + rows + " |> polyline.rdp(epsilon: 0.0)") ==
          "error: polyline.rdp: epsilon must be greater than 0.0");
    CHECK(runTables(head + rows + " |> polyline.rdp(retention: 100.0)") ==
          "error: polyline.rdp: retention must be between 0.0 and 100.0 (percent)");
    CHECK(runTables(head + rows + " |> polyline.rdp(retention: 10.0, epsilon: 1.0)") ==
          "error: polyline.rdp: give either epsilon or retention, not both");
    CHECK(runTables(head + rows + " |> polyline.rdp(retention: 50.0)") ==
          "error: polyline.rdp: the number of points to retain is less than 1; consider increasing the retention rate");
    CHECK(runTables(head + rows + " |> polyline.rdp(valColumn: \"s\")") ==
          "error: polyline.rdp: rdp can work only on numerical types, got string");
    CHECK(runTables(head + rows + " |> polyline.rdp(valColumn: \"nope\")") == "error: polyline.rdp: cannot find column nope");
    CHECK(runTables(head + rows + " |> polyline.rdp(timeColumn: \"nope\")") ==
          "error: polyline.rdp: cannot find time column nope");
    CHECK(runTables(head + rows + " |> polyline.rdp(timeColumn: \"_value\")") ==
          "error: polyline.rdp: time column _value has type float, expected time");
    CHECK(runTables(head + rows + " |> polyline.rdp(epsilon: 1)") ==
          "error: rdp: argument epsilon must be of type float, got int");
}

TEST_CASE("profiler: enabledProfilers [\"query\"] adds the run's statistics as result _profiler") {
    auto runProf = [](const std::string& opt) {
        fluxi::Engine e;
        return e.run("import \"profiler\"\nimport \"array\"\n" + opt + "\narray.from(rows: [{a: 1}])", "test.flux");
    };
    fluxi::RunResult r = runProf("option profiler.enabledProfilers = [\"query\"]");
    REQUIRE(r.ok);
    REQUIRE(r.results.size() == 2);
    CHECK(r.results[0].name == "_result");
    CHECK(r.results[1].name == "_profiler");
    auto tables = fluxi::collect(*r.results[1].stream);
    REQUIRE(tables.size() == 1);
    const fluxi::Table& t = *tables[0];
    std::string header = fluxi::testutil::renderTable(t).substr(0, fluxi::testutil::renderTable(t).find('\n'));
    CHECK(header ==
          "[_measurement=\"profiler/query\"] _measurement:string,TotalDuration:int,CompileDuration:int,QueueDuration:int,"
          "PlanDuration:int,RequeueDuration:int,ExecuteDuration:int,Concurrency:int,MaxAllocated:int,TotalAllocated:int,"
          "RuntimeErrors:string");
    REQUIRE(t.nrows == 1);
    auto cell = [&](const char* name) { return t.column(static_cast<size_t>(t.columnIndex(name))).get(0); };
    CHECK(cell("TotalDuration").asInt() > 0);
    CHECK(cell("CompileDuration").asInt() > 0);
    CHECK(cell("ExecuteDuration").asInt() > 0);
    CHECK(cell("TotalDuration").asInt() == cell("CompileDuration").asInt() + cell("ExecuteDuration").asInt());
    CHECK(cell("QueueDuration").asInt() == 0);
    CHECK(cell("Concurrency").asInt() == 1);
    CHECK(cell("RuntimeErrors").asString() == "");
    // Off by default, and unknown names enable nothing.
    CHECK(runProf("").results.size() == 1);
    CHECK(runProf("option profiler.enabledProfilers = [\"\", \"nope\"]").results.size() == 1);
    fluxi::RunResult op = runProf("option profiler.enabledProfilers = [\"query\", \"operator\"]");
    CHECK_FALSE(op.ok);
    CHECK(op.error.find("test.flux:3:1: error: profiler \"operator\" is not available in fluxi") != std::string::npos);
    fluxi::RunResult bad = runProf("option profiler.enabledProfilers = \"query\"");
    CHECK_FALSE(bad.ok);
    CHECK(bad.error.find("test.flux:3:1: error: option profiler.enabledProfilers must be an array of strings, got string") !=
          std::string::npos);
}

TEST_CASE("gen.tables: series from the tags, n points 10s apart, seeded values") {
    auto G = [](const std::string& e) { return runTables("import \"internal/gen\"\n" + e); };
    // The same seed gives the same data; another seed other data.
    std::string a = G("gen.tables(n: 5, seed: 123) |> drop(columns: [\"_time\"])");
    CHECK(a == G("gen.tables(n: 5, seed: 123) |> drop(columns: [\"_time\"])"));
    CHECK(a != G("gen.tables(n: 5, seed: 124) |> drop(columns: [\"_time\"])"));
    CHECK(startsWith(a, "[] _value:float\n"));
    CHECK(std::count(a.begin(), a.end(), '\n') == 5);
    // n: 0 means 6 points; points are 10s apart and the last is within the last 20s of the clock.
    CHECK(G("gen.tables(n: 0, seed: 1) |> count()") == "[] _value:int\n6");
    CHECK(G("gen.tables(n: 4, seed: 1) |> elapsed() |> keep(columns: [\"elapsed\"])") ==
          "[] elapsed:int\n10\n10\n10");
    CHECK(G("import \"system\"\nt = (gen.tables(n: 3, seed: 1) |> last(column: \"_time\") |> findRecord(fn: (key) => true, idx: 0))._time\n"
            "d = int(v: system.time()) - int(v: t)\n[d >= 10000000000, d < 21000000000]") == "[true, true]");
    // Tags: the cross product of their values, the tag columns as the group key (sorted by name).
    CHECK(G("gen.tables(n: 2, seed: 7, tags: [{name: \"host\", cardinality: 3}, {name: \"dc\", cardinality: 2},"
            " {name: \"none\", cardinality: 0}]) |> count() |> group() |> count()") == "[] _value:int\n6");
    std::string keys = G("gen.tables(n: 1, seed: 7, tags: [{name: \"host\", cardinality: 2}, {name: \"dc\", cardinality: 1}])"
                         " |> drop(columns: [\"_time\", \"_value\"])");
    CHECK(startsWith(keys, "[dc="));
    CHECK(keys.find("] dc:string,host:string\n") != std::string::npos);
    // Tag values: 3 to 7 letters and digits, a letter first.
    CHECK(G("import \"strings\"\ngen.tables(n: 1, seed: 3, tags: [{name: \"t\", cardinality: 50}]) |> group()"
            " |> filter(fn: (r) => strings.strlen(v: r.t) < 3 or strings.strlen(v: r.t) > 7 or r.t !~ /^[A-Za-z][A-Za-z0-9]*$/)"
            " |> count(column: \"t\")") == "");
    // nulls: the chance of a null value.
    CHECK(G("gen.tables(n: 20, seed: 5, nulls: 1.0) |> filter(fn: (r) => exists r._value) |> count()") == "");
    CHECK(G("gen.tables(n: 20, seed: 5, nulls: 0.0) |> count()") == "[] _value:int\n20");
    std::string some = G("gen.tables(n: 200, seed: 5, nulls: 0.5) |> filter(fn: (r) => not exists r._value) |> count(column: \"_time\")");
    REQUIRE(startsWith(some, "[] _time:int\n"));
    int nullsSeen = std::stoi(some.substr(some.find('\n') + 1));
    CHECK(nullsSeen > 60);
    CHECK(nullsSeen < 140);
    CHECK(G("gen.tables(n: -1, seed: 5)") == "[] _time:time,_value:float");
}

TEST_CASE("gen.tables: errors") {
    auto G = [](const std::string& e) { return runTables("import \"internal/gen\"\n" + e); };
    CHECK(G("gen.tables()") == "error: tables: missing required argument n");
    CHECK(G("gen.tables(n: 1.5)") == "error: tables: argument n must be of type int, got float");
    CHECK(G("gen.tables(n: 1, tags: [1])") == "error: gen.tables: tag at index 0 must be a record");
    CHECK(G("gen.tables(n: 1, tags: [{cardinality: 1}])") == "error: gen.tables: missing \"name\" in tag at index 0");
    CHECK(G("gen.tables(n: 1, tags: [{name: \"a\", cardinality: 1.0}])") ==
          "error: gen.tables: expected int for \"cardinality\" in tag at index 0, got float");
    CHECK(G("gen.tables(n: 1, tags: [{name: \"a\", cardinality: -1}])") ==
          "error: gen.tables: \"cardinality\" in tag at index 0 must not be negative");
    CHECK(G("gen.tables(n: 1, tags: [{name: \"a\", cardinality: 100000}, {name: \"b\", cardinality: 1000}])") ==
          "error: gen.tables: the tags make more than 10000000 series");
}

TEST_CASE("error codes of the added packages, as experimental.catch reports them") {
    auto code = [](const std::string& prelude, const std::string& body) {
        return runTables("import \"experimental\"\n" + prelude + "\nexperimental.catch(fn: () => " + body + ").code");
    };
    CHECK(code("import \"internal/testutil\"", "testutil.fail()") == "10");  // aborted
    CHECK(code("import \"array\"\nimport \"experimental/polyline\"",
               "array.from(rows: [{_time: 2020-01-01T00:00:00Z, v: 1.0}]) |> polyline.rdp() |> tableFind(fn: (key) => true)") ==
          "9");  // failed precondition: no _value column
    CHECK(code("import \"array\"\nimport \"experimental/polyline\"",
               "array.from(rows: [{_time: 2020-01-01T00:00:00Z, _value: 1.0}]) |> polyline.rdp(epsilon: -1.0)") ==
          "3");  // invalid argument
}
