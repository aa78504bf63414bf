// Tests of the influxdata/influxdb/* packages through fluxi::Engine: schema and v1 over a store in a
// temporary data folder (series index answers equal to the scan fallback, time ranges, predicates,
// errors), experimental.to / influxdb.wideTo (pivoted writes), monitor (stateChanges,
// stateChangesOnly, deadman, from, logs, check, notify), tasks.lastSuccess (option, run log, task
// runs), and the conformance files under
// ../shared/conformance/influxdata passing.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>

#include "eval/builtin.h"
#include "eval/value_text.h"
#include "eval/table.h"
#include "api/engine.h"
#include "testrunner/test_runner.h"
#include "store/line_protocol.h"
#include "store/store.h"
#include "task/runner.h"
#include "tests/support/store_test_util.h"
#include "tests/support/conformance.h"

using namespace fluxi;
using fluxi::testutil::TempDataDir;

namespace {

constexpr int64_t kSec = 1000000000LL;
const char* kNow = "2024-01-01T00:00:00Z";

using testutil::writeLP;

RunResult run(const std::string& dir, const std::string& script, const char* now = kNow) {
    return testutil::runWithStore(dir, script, now);
}

// Without a store: the data folder is a fresh temporary one.
RunResult runNoStore(const std::string& script) {
    TempDataDir dir;
    return run(dir.path(), script);
}

// Every table of the result named `name` (all results when empty): its key, then its rows as
// name=value cells.
std::string dump(const RunResult& r, const std::string& name = "") {
    std::string out;
    for (auto& res : r.results) {
        if (!name.empty() && res.name != name) continue;
        for (const TablePtr& t : collect(*res.stream)) {
            out += "table";
            for (size_t k = 0; k < t->key.cols.size(); k++)
                out += " " + t->key.cols[k].name + "=" + formatValue(t->key.values[k]);
            out += "\n";
            for (size_t row = 0; row < t->nrows; row++) {
                out += " ";
                for (size_t c = 0; c < t->numColumns(); c++)
                    out += " " + t->meta[c].name + "=" + formatValue(t->column(c).get(row));
                out += "\n";
            }
        }
    }
    return out;
}

// The `_value` cells of the result named `name`, comma separated, with "|" between tables.
std::string values(const RunResult& r, const std::string& name) {
    std::string out;
    for (auto& res : r.results) {
        if (res.name != name) continue;
        for (const TablePtr& t : collect(*res.stream)) {
            if (!out.empty()) out += "|";
            int vi = t->columnIndex("_value");
            REQUIRE(vi >= 0);
            for (size_t row = 0; row < t->nrows; row++) {
                if (row) out += ",";
                Value v = t->column(static_cast<size_t>(vi)).get(row);
                out += v.is(Kind::String) ? v.asString() : formatValue(v);
            }
        }
    }
    return out;
}

size_t tableCount(const RunResult& r, const std::string& name) {
    for (auto& res : r.results)
        if (res.name == name) return collect(*res.stream).size();
    return 0;
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Series: cpu (host a/b, dc x on a), mem (host a; region eu long ago), disk (no tags).
const char* kData =
    "cpu,host=a,dc=x usage=1.5,n=1i 1704060000\n"
    "cpu,host=b usage=3.5 1704060005\n"
    "mem,host=a used=10i 1704060000\n"
    "mem,region=eu free=4 1600000000\n"
    "disk free=2.5 1704063600\n";

}  // namespace

// ---------------------------------------------------------------------------------------------
// schema

TEST_CASE("schema: tag values, tag keys, measurements and field keys from the series index") {
    TempDataDir dir;
    writeLP(dir.path(), "b", kData);
    auto r = run(dir.path(), R"(
import "influxdata/influxdb/schema"
schema.tagValues(bucket: "b", tag: "host") |> yield(name: "hosts")
schema.tagValues(bucket: "b", tag: "host", predicate: (r) => r._measurement == "mem") |> yield(name: "memHosts")
schema.tagValues(bucket: "b", tag: "region") |> yield(name: "regionsRecent")
schema.tagValues(bucket: "b", tag: "region", start: 0) |> yield(name: "regionsAll")
schema.tagKeys(bucket: "b") |> yield(name: "keys")
schema.tagKeys(bucket: "b", predicate: (r) => r.host == "b") |> yield(name: "keysHostB")
schema.measurements(bucket: "b") |> yield(name: "measurements")
schema.measurements(bucket: "b", start: 2023-12-31T23:00:00Z) |> yield(name: "measurementsLastHour")
schema.measurements(bucket: "b", stop: 2023-12-31T23:00:00Z) |> yield(name: "measurementsBefore")
schema.fieldKeys(bucket: "b") |> yield(name: "fields")
schema.fieldKeys(bucket: "b", predicate: (r) => r._measurement =~ /^(cpu|disk)$/) |> yield(name: "fieldsRe")
schema.measurementFieldKeys(bucket: "b", measurement: "cpu") |> yield(name: "cpuFields")
schema.measurementTagKeys(bucket: "b", measurement: "mem", start: 0) |> yield(name: "memKeys")
schema.measurementTagValues(bucket: "b", measurement: "cpu", tag: "dc") |> yield(name: "cpuDc")
schema.tagValues(bucket: "b", tag: "host", predicate: (r) => r._measurement == "nothing") |> yield(name: "none")
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(values(r, "hosts") == "a,b");
    CHECK(values(r, "memHosts") == "a");
    CHECK(values(r, "regionsRecent") == "");
    CHECK(values(r, "regionsAll") == "eu");
    CHECK(values(r, "keys") == "_field,_measurement,_start,_stop,dc,host");
    CHECK(values(r, "keysHostB") == "_field,_measurement,_start,_stop,host");
    CHECK(values(r, "measurements") == "cpu,disk,mem");
    CHECK(values(r, "measurementsLastHour") == "disk");
    CHECK(values(r, "measurementsBefore") == "cpu,mem");
    CHECK(values(r, "fields") == "free,n,usage,used");
    CHECK(values(r, "fieldsRe") == "free,n,usage");
    CHECK(values(r, "cpuFields") == "n,usage");
    CHECK(values(r, "memKeys") == "_field,_measurement,_start,_stop,host,region");
    CHECK(values(r, "cpuDc") == "x");
    // nothing matches: one empty table with the _value column
    CHECK(tableCount(r, "none") == 1);
    CHECK(values(r, "none") == "");
    CHECK(dump(r, "hosts") == "table\n  _value=\"a\"\n  _value=\"b\"\n");
}

TEST_CASE("schema: the series index gives what scanning the data gives") {
    TempDataDir dir;
    std::string lp;
    for (int t = 0; t < 20; t++) {
        std::string ts = std::to_string(1704060000 + t * 60);
        lp += "cpu,host=h" + std::to_string(t % 3) + ",dc=d" + std::to_string(t % 2) + " usage=" +
              std::to_string(t) + " " + ts + "\n";
        lp += "mem,host=h" + std::to_string(t % 4) + " used=" + std::to_string(t) + "i " + ts + "\n";
        lp += "disk,path=/p" + std::to_string(t % 5) + " free=" + std::to_string(t) + ",ok=true " + ts + "\n";
    }
    writeLP(dir.path(), "b", lp);
    const char* calls[] = {
        "schema.tagValues(bucket: \"b\", tag: \"host\")",
        "schema.tagValues(bucket: \"b\", tag: \"host\", predicate: (r) => r._measurement == \"cpu\" and r.dc != \"d0\")",
        "schema.tagValues(bucket: \"b\", tag: \"path\", start: 2023-12-31T22:05:00Z, stop: 2023-12-31T22:08:00Z)",
        "schema.tagKeys(bucket: \"b\")",
        "schema.tagKeys(bucket: \"b\", predicate: (r) => r.host =~ /h[12]/ or r._field == \"ok\")",
        "schema.measurements(bucket: \"b\", start: 2023-12-31T22:15:00Z)",
        "schema.fieldKeys(bucket: \"b\", predicate: (r) => r._measurement != \"mem\")",
        "schema.measurementTagValues(bucket: \"b\", measurement: \"mem\", tag: \"host\")",
        "schema.measurementTagKeys(bucket: \"b\", measurement: \"disk\")",
        "schema.measurementFieldKeys(bucket: \"b\", measurement: \"disk\")",
    };
    for (const char* call : calls) {
        std::string script = std::string("import \"influxdata/influxdb/schema\"\n") + call;
        CAPTURE(script);
        unsetenv("FLUXI_NO_PUSHDOWN");
        auto index = run(dir.path(), script);
        setenv("FLUXI_NO_PUSHDOWN", "1", 1);
        auto scan = run(dir.path(), script);
        unsetenv("FLUXI_NO_PUSHDOWN");
        REQUIRE_MESSAGE(index.ok, index.error);
        REQUIRE_MESSAGE(scan.ok, scan.error);
        CHECK(dump(index) == dump(scan));
        CHECK(contains(dump(index), "_value="));
    }
}

TEST_CASE("schema: predicates on values scan the data") {
    TempDataDir dir;
    writeLP(dir.path(), "b", kData);
    auto r = run(dir.path(), R"(
import "influxdata/influxdb/schema"
schema.tagValues(bucket: "b", tag: "host", predicate: (r) => r._field == "usage" and r._value > 2.0) |> yield(name: "v")
schema.tagKeys(bucket: "b", predicate: (r) => r._value < 2.0 and r._measurement == "cpu") |> yield(name: "k")
schema.tagValues(bucket: "b", tag: "host", predicate: (r) => r._time >= 2023-12-31T22:00:05Z) |> yield(name: "t")
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(values(r, "v") == "b");
    CHECK(values(r, "k") == "_field,_measurement,_start,_stop,dc,host");
    CHECK(values(r, "t") == "b");
}

TEST_CASE("schema: errors name the function and the argument") {
    TempDataDir dir;
    writeLP(dir.path(), "b", kData);
    auto r = run(dir.path(), "import \"influxdata/influxdb/schema\"\nschema.tagValues(bucket: \"nope\", tag: \"host\")");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(contains(r.error, "schema.tagValues: bucket \"nope\" not found"), r.error);
    r = run(dir.path(), "import \"influxdata/influxdb/schema\"\nschema.tagKeys(bucket: \"b\", start: \"yesterday\")");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(contains(r.error, "schema.tagKeys: argument start must be a time, a duration"), r.error);
    r = run(dir.path(), "import \"influxdata/influxdb/schema\"\nschema.tagValues(bucket: \"b\")");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(contains(r.error, "missing required argument tag"), r.error);
    r = run(dir.path(), "import \"influxdata/influxdb/schema\"\nschema.measurements(bucket: \"b\", start: 2024-01-01T00:00:00Z, stop: 2023-01-01T00:00:00Z)");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(contains(r.error, "schema.tagValues: cannot query an empty range"), r.error);
}

TEST_CASE("schema.fieldsAsCols and v1: pivot fields into columns") {
    auto r = runNoStore(R"(
import "array"
import "influxdata/influxdb/schema"
import "influxdata/influxdb/v1"
data = array.from(rows: [
    {_time: 2021-01-01T00:00:00Z, _measurement: "m", _field: "temp", _value: 1.0},
    {_time: 2021-01-01T00:00:00Z, _measurement: "m", _field: "hum", _value: 2.0},
    {_time: 2021-01-01T00:01:00Z, _measurement: "m", _field: "temp", _value: 3.0},
]) |> group(columns: ["_measurement"])
data |> schema.fieldsAsCols() |> yield(name: "s")
data |> v1.fieldsAsCols() |> yield(name: "v")
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(dump(r, "s") ==
          "table _measurement=\"m\"\n"
          "  _time=2021-01-01T00:00:00Z _measurement=\"m\" temp=1.0 hum=2.0\n"
          "  _time=2021-01-01T00:01:00Z _measurement=\"m\" temp=3.0 hum=null\n");
    CHECK(dump(r, "s") == dump(r, "v"));
}

TEST_CASE("v1: the schema functions and databases()") {
    TempDataDir dir;
    writeLP(dir.path(), "b", kData);
    store::Store::open(dir.path())->createBucket("a", 3600 * kSec);
    auto r = run(dir.path(), R"(
import "influxdata/influxdb/v1"
import "influxdata/influxdb/schema"
v1.tagValues(bucket: "b", tag: "host") |> yield(name: "v1hosts")
schema.tagValues(bucket: "b", tag: "host") |> yield(name: "hosts")
v1.measurementTagKeys(bucket: "b", measurement: "cpu") |> yield(name: "cpuKeys")
v1.measurementTagValues(bucket: "b", measurement: "cpu", tag: "host") |> yield(name: "cpuHosts")
v1.measurements(bucket: "b") |> yield(name: "measurements")
v1.fieldKeys(bucket: "b") |> yield(name: "fields")
v1.measurementFieldKeys(bucket: "b", measurement: "mem") |> yield(name: "memFields")
v1.tagKeys(bucket: "b", predicate: (r) => r._measurement == "disk") |> yield(name: "diskKeys")
v1.databases() |> yield(name: "dbs")
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(dump(r, "v1hosts") == dump(r, "hosts"));
    CHECK(values(r, "cpuKeys") == "_field,_measurement,_start,_stop,dc,host");
    CHECK(values(r, "cpuHosts") == "a,b");
    CHECK(values(r, "measurements") == "cpu,disk,mem");
    CHECK(values(r, "fields") == "free,n,usage,used");
    CHECK(values(r, "memFields") == "used");
    CHECK(values(r, "diskKeys") == "_field,_measurement,_start,_stop");
    std::string dbs = dump(r, "dbs");
    std::string idA = store::Store::open(dir.path())->findBucket("a")->id;
    std::string idB = store::Store::open(dir.path())->findBucket("b")->id;
    CHECK(dbs == "table\n"
                 "  organizationID=\"\" databaseName=\"a\" retentionPolicy=\"autogen\" retentionPeriod=3600000000000 "
                 "default=true bucketID=\"" + idA + "\"\n"
                 "  organizationID=\"\" databaseName=\"b\" retentionPolicy=\"autogen\" retentionPeriod=0 "
                 "default=true bucketID=\"" + idB + "\"\n");
    r = run(dir.path(), "import \"influxdata/influxdb/v1\"\nv1.databases(host: \"http://localhost:8086\")");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(contains(r.error, "v1.databases: host is not supported"), r.error);
}

// ---------------------------------------------------------------------------------------------
// experimental.to / influxdb.wideTo

TEST_CASE("experimental.to: group key columns become tags, the other columns fields") {
    TempDataDir dir;
    auto r = run(dir.path(), R"(
import "array"
import "experimental"
array.from(rows: [
    {_time: 2023-12-31T23:00:00Z, _measurement: "m", host: "a", temp: 1.5, n: 1, s: "x", ok: true},
    {_time: 2023-12-31T23:01:00Z, _measurement: "m", host: "a", temp: 2.5, n: 2, s: "y", ok: false},
    {_time: 2023-12-31T23:00:00Z, _measurement: "m", host: "b", temp: 3.5, n: 3, s: "z", ok: true},
])
    |> group(columns: ["_measurement", "host"])
    |> range(start: 2023-12-31T00:00:00Z)
    |> experimental.to(bucket: "wide")
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(r.pointsWritten == 12);
    r = run(dir.path(), R"(
from(bucket: "wide") |> range(start: 2023-12-31T00:00:00Z) |> filter(fn: (r) => r.host == "a" and r._field == "temp")
    |> drop(columns: ["_start", "_stop"])
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(dump(r) == "table _field=\"temp\" _measurement=\"m\" host=\"a\"\n"
                     "  _time=2023-12-31T23:00:00Z _value=1.5 _field=\"temp\" _measurement=\"m\" host=\"a\"\n"
                     "  _time=2023-12-31T23:01:00Z _value=2.5 _field=\"temp\" _measurement=\"m\" host=\"a\"\n");
    // _start and _stop (from range) were neither tags nor fields
    r = run(dir.path(), "import \"influxdata/influxdb/schema\"\nschema.tagKeys(bucket: \"wide\", start: 0)");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(values(r, "_result") == "_field,_measurement,_start,_stop,host");
    r = run(dir.path(), "import \"influxdata/influxdb/schema\"\nschema.fieldKeys(bucket: \"wide\", start: 0)");
    CHECK(values(r, "_result") == "n,ok,s,temp");
}

TEST_CASE("influxdb.wideTo writes as experimental.to does") {
    TempDataDir dir;
    const char* rows = R"(
import "array"
import "experimental"
import "influxdata/influxdb"
data = array.from(rows: [
    {_time: 2023-12-31T23:00:00Z, _measurement: "m", host: "a", v: 1.5, w: 1},
    {_time: 2023-12-31T23:00:10Z, _measurement: "m", host: "b", v: 2.5, w: 2},
]) |> group(columns: ["_measurement", "host"])
)";
    auto r = run(dir.path(), std::string(rows) + "data |> experimental.to(bucket: \"x\")\ndata |> influxdb.wideTo(bucket: \"y\")");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(r.pointsWritten == 8);
    auto x = run(dir.path(), "from(bucket: \"x\") |> range(start: 0)");
    auto y = run(dir.path(), "from(bucket: \"y\") |> range(start: 0)");
    REQUIRE_MESSAGE(x.ok, x.error);
    CHECK(dump(x) == dump(y));
    CHECK(contains(dump(x), "_field=\"w\" _measurement=\"m\" host=\"b\""));
}

TEST_CASE("experimental.to: errors") {
    TempDataDir dir;
    auto r = run(dir.path(), R"(
import "array"
import "experimental"
array.from(rows: [{_time: 2023-12-31T23:00:00Z, _measurement: "m", k: 1, v: 1.0}])
    |> group(columns: ["k"])
    |> experimental.to(bucket: "x")
)");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(contains(r.error, "experimental.to: group key column \"k\" is written as a tag and must be of type string, got int"),
                  r.error);
    r = run(dir.path(), R"(
import "array"
import "experimental"
array.from(rows: [{_time: 2023-12-31T23:00:00Z, _measurement: "m", when: 2020-01-01T00:00:00Z}])
    |> experimental.to(bucket: "x")
)");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(contains(r.error, "column \"when\" is written as a field but has type time"), r.error);
    r = run(dir.path(), R"(
import "array"
import "experimental"
array.from(rows: [{_time: 2023-12-31T23:00:00Z, v: 1.0}]) |> experimental.to(bucket: "x")
)");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(contains(r.error, "experimental.to: table has no measurement column \"_measurement\""), r.error);
    r = run(dir.path(), "import \"experimental\"\nimport \"array\"\narray.from(rows: [{a: 1}]) |> experimental.to()");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(contains(r.error, "experimental.to: missing required argument bucket"), r.error);
    CHECK_FALSE(store::Store::open(dir.path())->findBucket("x"));
}

// ---------------------------------------------------------------------------------------------
// monitor

namespace {

// Check statuses of one check: levels over time, with a source timestamp per row.
const char* kStatuses = R"(
import "array"
import "influxdata/influxdb/monitor"
statuses = (levels, sources=[]) => array.from(rows: [
    {_time: 2021-01-01T00:00:00Z, _check_id: "c", _level: levels[0], _source_timestamp: if length(arr: sources) > 0 then sources[0] else 0},
    {_time: 2021-01-01T00:01:00Z, _check_id: "c", _level: levels[1], _source_timestamp: if length(arr: sources) > 0 then sources[1] else 1},
    {_time: 2021-01-01T00:02:00Z, _check_id: "c", _level: levels[2], _source_timestamp: if length(arr: sources) > 0 then sources[2] else 2},
    {_time: 2021-01-01T00:03:00Z, _check_id: "c", _level: levels[3], _source_timestamp: if length(arr: sources) > 0 then sources[3] else 3},
    {_time: 2021-01-01T00:04:00Z, _check_id: "c", _level: levels[4], _source_timestamp: if length(arr: sources) > 0 then sources[4] else 4},
]) |> group(columns: ["_check_id", "_level"])
)";

// "level@minute" for each row of each table, tables separated by " | ", each table's key level first.
std::string changes(const RunResult& r, const std::string& name) {
    std::string out;
    for (auto& res : r.results) {
        if (res.name != name) continue;
        for (const TablePtr& t : collect(*res.stream)) {
            if (!out.empty()) out += " | ";
            int k = t->key.indexOf("_level");
            out += k >= 0 ? formatValue(t->key.values[static_cast<size_t>(k)]) + ":" : std::string("?:");
            int li = t->columnIndex("_level"), ti = t->columnIndex("_time");
            for (size_t row = 0; row < t->nrows; row++) {
                Value level = t->column(static_cast<size_t>(li)).get(row);
                int64_t minute = (t->column(static_cast<size_t>(ti)).ints()[row] / kSec / 60) % 60;
                out += " " + (level.isNull() ? std::string("null") : level.asString()) + "@" + std::to_string(minute);
            }
        }
    }
    return out;
}

}  // namespace

TEST_CASE("monitor.stateChanges and stateChangesOnly") {
    auto r = runNoStore(std::string(kStatuses) + R"(
statuses(levels: ["ok", "ok", "warn", "crit", "ok"]) |> monitor.stateChanges(toLevel: "crit") |> yield(name: "toCrit")
statuses(levels: ["ok", "ok", "warn", "crit", "ok"]) |> monitor.stateChanges() |> yield(name: "any")
statuses(levels: ["ok", "ok", "warn", "crit", "ok"]) |> monitor.stateChangesOnly() |> yield(name: "only")
statuses(levels: ["ok", "ok", "warn", "crit", "ok"]) |> monitor.stateChanges(fromLevel: "ok") |> yield(name: "fromOk")
statuses(levels: ["ok", "ok", "warn", "crit", "ok"]) |> monitor.stateChanges(fromLevel: "warn", toLevel: "crit") |> yield(name: "warnCrit")
statuses(levels: ["ok", "ok", "warn", "crit", "ok"]) |> monitor.stateChanges(fromLevel: "ok", toLevel: "crit") |> yield(name: "okCrit")
statuses(levels: ["ok", "unknown", "ok", "info", "info"]) |> monitor.stateChanges() |> yield(name: "unknown")
statuses(levels: ["ok", "crit", "ok", "crit", "ok"], sources: [0, 3, 1, 2, 4]) |> monitor.stateChanges() |> yield(name: "bySource")
statuses(levels: ["ok", "ok", "ok", "ok", "ok"]) |> monitor.stateChanges() |> yield(name: "steady")
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(changes(r, "toCrit") == "\"crit\": crit@3");
    CHECK(changes(r, "any") == "\"warn\": warn@2 | \"crit\": crit@3 | \"ok\": ok@4");
    CHECK(changes(r, "only") == changes(r, "any"));
    CHECK(changes(r, "fromOk") == "\"warn\": warn@2");
    CHECK(changes(r, "warnCrit") == "\"crit\": crit@3");
    CHECK(changes(r, "okCrit") == "");
    // unknown ranks like no level: ok -> unknown and unknown -> ok are changes, info -> info is not
    CHECK(changes(r, "unknown") == "\"unknown\": unknown@1 | \"ok\": ok@2 | \"info\": info@3");
    // ordered by _source_timestamp before _time: ok@0, ok@2, crit@3, crit@1, ok@4
    CHECK(changes(r, "bySource") == "\"crit\": crit@3 | \"ok\": ok@4");
    CHECK(tableCount(r, "steady") == 0);
}

TEST_CASE("monitor.stateChanges: output shape") {
    auto r = runNoStore(std::string(kStatuses) + R"(
statuses(levels: ["ok", "crit", "crit", "ok", "crit"]) |> monitor.stateChanges(toLevel: "crit")
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    // _level leaves its place for the last column and joins the key last
    CHECK(dump(r) == "table _check_id=\"c\" _level=\"crit\"\n"
                     "  _time=2021-01-01T00:01:00Z _check_id=\"c\" _source_timestamp=1 _level=\"crit\"\n"
                     "  _time=2021-01-01T00:04:00Z _check_id=\"c\" _source_timestamp=4 _level=\"crit\"\n");
}

TEST_CASE("monitor.stateChanges: null levels, missing and mistyped _level") {
    auto r = runNoStore(R"(
import "array"
import "influxdata/influxdb/monitor"
data = array.from(rows: [
    {_time: 2021-01-01T00:00:00Z, _level: "ok"},
    {_time: 2021-01-01T00:01:00Z, _level: "crit"},
    {_time: 2021-01-01T00:03:00Z, _level: "crit"},
    {_time: 2021-01-01T00:04:00Z, _level: "ok"},
])
    |> map(fn: (r) => ({r with _level: if r._time == 2021-01-01T00:01:00Z then r.nothing else r._level}))
data |> monitor.stateChanges(toLevel: "crit") |> yield(name: "toCrit")
data |> monitor.stateChanges(fromLevel: "crit") |> yield(name: "fromCrit")
data |> monitor.stateChangesOnly() |> yield(name: "only")
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    // the null level is neither a "from" nor a "to" row
    CHECK(changes(r, "toCrit") == "");
    CHECK(changes(r, "fromCrit") == "\"ok\": ok@4");
    CHECK(changes(r, "only") == "null: null@1 | \"crit\": crit@3 | \"ok\": ok@4");

    r = runNoStore("import \"array\"\nimport \"influxdata/influxdb/monitor\"\n"
                   "array.from(rows: [{_time: 2021-01-01T00:00:00Z, level: \"ok\"}]) |> monitor.stateChanges()");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(contains(r.error, "monitor.stateChanges: table has no _level column"), r.error);
    r = runNoStore("import \"array\"\nimport \"influxdata/influxdb/monitor\"\n"
                   "array.from(rows: [{_time: 2021-01-01T00:00:00Z, _level: 3}]) |> monitor.stateChangesOnly()");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(contains(r.error, "monitor.stateChangesOnly: column _level has type int, expected string"), r.error);
}

TEST_CASE("monitor.deadman: the latest row of each table, dead when older than t") {
    auto r = runNoStore(R"(
import "array"
import "influxdata/influxdb/monitor"
array.from(rows: [
    {_time: 2021-01-01T00:00:00Z, host: "a", _value: 1.0},
    {_time: 2021-01-01T00:05:00Z, host: "a", _value: 2.0},
    {_time: 2021-01-01T00:01:00Z, host: "b", _value: 3.0},
])
    |> group(columns: ["host"])
    |> monitor.deadman(t: 2021-01-01T00:03:00Z)
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(dump(r) == "table host=\"a\"\n  _time=2021-01-01T00:05:00Z host=\"a\" _value=2.0 dead=false\n"
                     "table host=\"b\"\n  _time=2021-01-01T00:01:00Z host=\"b\" _value=3.0 dead=true\n");
}

TEST_CASE("monitor: constants and reading statuses and notifications back") {
    TempDataDir dir;
    auto r = run(dir.path(), R"(
import "array"
import "experimental"
import "influxdata/influxdb/monitor"
array.from(rows: [
    {_time: 2023-12-31T23:00:00Z, _measurement: "statuses", _check_id: "c1", _level: "ok", _message: "fine", v: 1.5},
    {_time: 2023-12-31T23:10:00Z, _measurement: "statuses", _check_id: "c1", _level: "crit", _message: "bad", v: 9.5},
    {_time: 2023-12-31T23:20:00Z, _measurement: "notifications", _check_id: "c1", _level: "crit", _sent: "true", v: 9.5},
    {_time: 2023-12-31T20:00:00Z, _measurement: "statuses", _check_id: "c1", _level: "ok", _message: "old", v: 0.5},
])
    |> group(columns: ["_measurement", "_check_id", "_level"])
    |> experimental.to(bucket: monitor.bucket)
[monitor.bucket, monitor.levelOK, monitor.levelInfo, monitor.levelWarn, monitor.levelCrit, monitor.levelUnknown]
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    REQUIRE(!r.values.empty());
    CHECK(formatValue(r.values.back()) == "[\"_monitoring\", \"ok\", \"info\", \"warn\", \"crit\", \"unknown\"]");
    r = run(dir.path(), R"(
import "influxdata/influxdb/monitor"
monitor.from(start: -2h) |> drop(columns: ["_start", "_stop"]) |> yield(name: "statuses")
monitor.from(start: -2h, fn: (r) => r._level == "crit") |> yield(name: "crit")
monitor.logs(start: -2h, fn: (r) => true) |> drop(columns: ["_start", "_stop"]) |> yield(name: "logs")
monitor.from(start: -5h, stop: -1h) |> yield(name: "old")
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(dump(r, "statuses") ==
          "table _measurement=\"statuses\" _check_id=\"c1\" _level=\"crit\"\n"
          "  _time=2023-12-31T23:10:00Z _measurement=\"statuses\" _check_id=\"c1\" _level=\"crit\" _message=\"bad\" v=9.5\n"
          "table _measurement=\"statuses\" _check_id=\"c1\" _level=\"ok\"\n"
          "  _time=2023-12-31T23:00:00Z _measurement=\"statuses\" _check_id=\"c1\" _level=\"ok\" _message=\"fine\" v=1.5\n");
    CHECK(changes(r, "crit") == "\"crit\": crit@10");
    CHECK(dump(r, "logs") ==
          "table _measurement=\"notifications\" _check_id=\"c1\" _level=\"crit\"\n"
          "  _time=2023-12-31T23:20:00Z _measurement=\"notifications\" _check_id=\"c1\" _level=\"crit\" _sent=\"true\" v=9.5\n");
    CHECK(changes(r, "old") == "\"ok\": ok@0");
}

TEST_CASE("monitor.check: levels, messages and the statuses written to _monitoring") {
    TempDataDir dir;
    writeLP(dir.path(), "telegraf",
            "cpu,host=a usage=95 1704066000\n"
            "cpu,host=a usage=85 1704066010\n"
            "cpu,host=a usage=72 1704066020\n"
            "cpu,host=a usage=10 1704066030\n"
            "cpu,host=a usage=65 1704066040\n");
    const std::string imports = "import \"influxdata/influxdb/monitor\"\nimport \"influxdata/influxdb/schema\"\n";
    const std::string checkCall = R"(
from(bucket: "telegraf")
    |> range(start: -1h)
    |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage")
    |> schema.fieldsAsCols()
    |> monitor.check(
        crit: (r) => r.usage > 90.0,
        warn: (r) => r.usage > 80.0,
        info: (r) => r.usage > 70.0,
        ok: (r) => r.usage < 60.0,
        messageFn: (r) => "${r.host} is ${r._level}: ${r.usage}",
        data: {_check_id: "id1", _check_name: "CPU", _type: "threshold", tags: {team: "ops"}},
    )
)";
    auto r = run(dir.path(), imports + checkCall);
    REQUIRE_MESSAGE(r.ok, r.error);
    std::string d = dump(r);
    CAPTURE(d);
    CHECK(collect(*r.results.at(0).stream).size() == 5);
    CHECK(contains(d, "_level=\"crit\""));
    CHECK(contains(d, "_message=\"a is crit: 95\""));
    CHECK(contains(d, "_message=\"a is warn: 85\""));
    CHECK(contains(d, "_message=\"a is info: 72\""));
    CHECK(contains(d, "_message=\"a is ok: 10\""));
    CHECK(contains(d, "_message=\"a is unknown: 65\""));
    CHECK(contains(d, "_measurement=\"statuses\""));
    CHECK(contains(d, "_source_measurement=\"cpu\""));
    CHECK(contains(d, "_source_timestamp=1704066000000000000"));
    CHECK(contains(d, "_time=2024-01-01T00:00:00Z"));
    CHECK(contains(d, "team=\"ops\""));
    CHECK(contains(d, "_check_name=\"CPU\""));
    CHECK(r.pointsWritten > 0);
    // read back a minute later (the statuses are at the check's now()): one status per source row
    r = run(dir.path(), R"(
import "influxdata/influxdb/monitor"
monitor.from(start: -1h) |> yield(name: "all")
monitor.from(start: -1h) |> monitor.stateChanges() |> yield(name: "changes")
)", "2024-01-01T00:01:00Z");
    REQUIRE_MESSAGE(r.ok, r.error);
    std::string all = dump(r, "all");
    CAPTURE(all);
    CHECK(contains(all, "_source_measurement=\"cpu\""));
    CHECK(contains(all, "team=\"ops\""));
    CHECK(contains(all, "_message=\"a is warn: 85\""));
    CHECK(contains(all, "_source_timestamp=1704066010000000000"));
    // all statuses share one _time (the check's now()); _source_timestamp orders them
    CHECK(changes(r, "changes") == "\"warn\": warn@0 | \"info\": info@0 | \"ok\": ok@0 | \"unknown\": unknown@0");

    // option monitor.write replaces writing to _monitoring
    TempDataDir other;
    writeLP(other.path(), "telegraf", "cpu,host=a usage=95 1704066000\n");
    r = run(other.path(), imports +
                          "option monitor.write = (tables=<-) => tables |> map(fn: (r) => ({r with written: false}))" +
                              checkCall);
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(contains(dump(r), "written=false"));
    CHECK(r.pointsWritten == 0);
    CHECK_FALSE(store::Store::open(other.path())->findBucket("_monitoring"));

    // unpivoted rows cannot be written: _field would be a tag
    r = run(other.path(), R"(
import "influxdata/influxdb/monitor"
from(bucket: "telegraf")
    |> range(start: -1h)
    |> monitor.check(messageFn: (r) => "m", data: {_check_id: "id1", _check_name: "CPU", _type: "threshold", tags: {}})
)");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(contains(r.error, "experimental.to: group key column \"_field\" cannot be written as a tag"), r.error);
}

TEST_CASE("monitor.notify: sends through the endpoint and logs notifications") {
    TempDataDir dir;
    auto r = run(dir.path(), R"(
import "array"
import "influxdata/influxdb/monitor"
endpoint = (tables=<-) => tables |> map(fn: (r) => ({r with _sent: if r._level == "crit" then "true" else "false"}))
array.from(rows: [
    {_time: 2023-12-31T23:50:00Z, _measurement: "statuses", _check_id: "c1", _level: "crit", _message: "bad"},
    {_time: 2023-12-31T23:55:00Z, _measurement: "statuses", _check_id: "c1", _level: "ok", _message: "fine"},
])
    |> group(columns: ["_measurement", "_check_id", "_level"])
    |> monitor.notify(
        endpoint: endpoint,
        data: {_notification_rule_id: "r1", _notification_rule_name: "rule", _notification_endpoint_id: "e1", _notification_endpoint_name: "ep"},
    )
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    std::string d = dump(r);
    CAPTURE(d);
    CHECK(contains(d, "_measurement=\"notifications\""));
    CHECK(contains(d, "_status_timestamp=1704066600000000000"));
    CHECK(contains(d, "_notification_rule_id=\"r1\""));
    CHECK(contains(d, "_sent=\"true\""));
    CHECK(contains(d, "_time=2024-01-01T00:00:00Z"));
    r = run(dir.path(), R"(
import "influxdata/influxdb/monitor"
monitor.logs(start: -1h, fn: (r) => r._sent == "true")
)", "2024-01-01T00:01:00Z");
    REQUIRE_MESSAGE(r.ok, r.error);
    d = dump(r);
    CAPTURE(d);
    CHECK(contains(d, "_message=\"bad\""));
    CHECK(contains(d, "_notification_endpoint_name=\"ep\""));
    CHECK_FALSE(contains(d, "_message=\"fine\""));
}

// ---------------------------------------------------------------------------------------------
// tasks

TEST_CASE("tasks.lastSuccess: the option, else orTime") {
    auto r = runNoStore(R"(
import "influxdata/influxdb/tasks"
a = tasks.lastSuccess(orTime: 2020-01-01T00:00:00Z)
b = tasks.lastSuccess(orTime: -1h)
option tasks.lastSuccessTime = 2023-12-31T12:00:00Z
[a, b, tasks.lastSuccess(orTime: -1h)]
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(formatValue(r.values.back()) == "[2020-01-01T00:00:00Z, 2023-12-31T23:00:00Z, 2023-12-31T12:00:00Z]");

    Engine e;
    e.setNow(kNow);
    TempDataDir dir;
    e.setDataDir(dir.sub("none"));
    e.setOption("influxdata/influxdb/tasks", "lastSuccessTime", Value::time(1000 * kSec));
    auto h = e.run("import \"influxdata/influxdb/tasks\"\ntasks.lastSuccess(orTime: -1h)");
    REQUIRE_MESSAGE(h.ok, h.error);
    CHECK(formatValue(h.values.back()) == "1970-01-01T00:16:40Z");

    r = runNoStore("import \"influxdata/influxdb/tasks\"\ntasks.lastSuccess(orTime: 3)");
    CHECK_FALSE(r.ok);
    CHECK_MESSAGE(contains(r.error, "tasks.lastSuccess: argument orTime must be a time or a duration"), r.error);
    // no data folder is created to look for runs
    e.setOption("influxdata/influxdb/tasks", "lastSuccessTime", Value::time(INT64_MIN));
    h = e.run("import \"influxdata/influxdb/tasks\"\noption task = {name: \"t\", every: 1h}\ntasks.lastSuccess(orTime: -1h)");
    REQUIRE_MESSAGE(h.ok, h.error);
    CHECK(formatValue(h.values.back()) == "2023-12-31T23:00:00Z");
    CHECK_FALSE(std::filesystem::exists(dir.sub("none")));
}

TEST_CASE("tasks.lastSuccess: the latest successful run of the task in the run log") {
    TempDataDir dir;
    {
        auto st = store::Store::open(dir.path());
        int64_t base = 1704067200LL * kSec;
        auto log = [&](const char* task, int64_t scheduled, const char* status) {
            int64_t id = st->beginRun(task, scheduled, scheduled);
            st->finishRun(id, scheduled + kSec, status, "", 0);
        };
        log("t", base - 7200 * kSec, "success");
        log("t", base - 3600 * kSec, "success");
        log("t", base - 1800 * kSec, "failed");
        log("other", base - 60 * kSec, "success");
    }
    auto r = run(dir.path(), R"(
import "influxdata/influxdb/tasks"
option task = {name: "t", every: 30m}
tasks.lastSuccess(orTime: -task.every)
)");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(formatValue(r.values.back()) == "2023-12-31T23:00:00Z");
    r = run(dir.path(), "import \"influxdata/influxdb/tasks\"\noption task = {name: \"new\", every: 30m}\n"
                        "tasks.lastSuccess(orTime: -task.every)");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(formatValue(r.values.back()) == "2023-12-31T23:30:00Z");
}

TEST_CASE("tasks.lastSuccess in task runs: each run reads from where the last successful one was due") {
    TempDataDir dir;
    auto t = task::taskFromSource(R"(
import "array"
import "influxdata/influxdb/tasks"
option task = {name: "incremental", every: 1h}
array.from(rows: [{_time: now(), _measurement: "m", _field: "since", _value: int(v: tasks.lastSuccess(orTime: -task.every))}])
    |> to(bucket: "out")
)",
                                  "incremental.flux");
    auto st = store::Store::open(dir.path());
    task::RunSettings settings;
    settings.dataDir = dir.path();
    int64_t first = 1704067200LL * kSec;
    for (int i = 0; i < 3; i++) {
        task::RunOutcome o = task::executeRun(t, first + i * 3600 * kSec, *st, settings);
        REQUIRE_MESSAGE(o.ok, o.error);
    }
    auto r = run(dir.path(), "from(bucket: \"out\") |> range(start: 0, stop: 2025-01-01T00:00:00Z)");
    REQUIRE_MESSAGE(r.ok, r.error);
    std::string d = dump(r);
    CAPTURE(d);
    CHECK(contains(d, "_time=2024-01-01T00:00:00Z _value=" + std::to_string(first - 3600 * kSec)));
    CHECK(contains(d, "_time=2024-01-01T01:00:00Z _value=" + std::to_string(first)));
    CHECK(contains(d, "_time=2024-01-01T02:00:00Z _value=" + std::to_string(first + 3600 * kSec)));
}

// ---------------------------------------------------------------------------------------------
// conformance

TEST_CASE("conformance: the influxdata/influxdb testcases pass" * doctest::test_suite("conformance")) {
    namespace fs = std::filesystem;
    const fs::path dir = fluxi::testutil::conformanceDir() / "influxdata";
    runner::RunnerOptions opts;
    opts.paths = {dir.string()};
    auto outcomes = runner::runTests(opts, [](const runner::TestOutcome&) {});
    CHECK(outcomes.size() >= 15);
    for (auto& o : outcomes) {
        CAPTURE(runner::testId(o));
        CHECK_MESSAGE(o.status == runner::Status::Passed, o.message);
    }
}
