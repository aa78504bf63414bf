// Vectorized map (eval/column_expr.h) must give exactly the tables the interpreter gives: for many
// record expressions, each script runs twice -- compiled into column loops, and with
// FLUXI_MAP_INTERPRETED=1 forcing the row-by-row interpreter -- and the rendered tables (or the
// error) must be identical, including nulls, NaN, type errors, overflow and division by zero.
#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>

#include "eval/column_expr.h"
#include "eval/function.h"
#include "eval/interpreter.h"
#include "eval/stream.h"
#include "api/engine.h"
#include "parser/parser.h"
#include "support/flux_run.h"

namespace {

using namespace fluxi;

// `rows` rows; more than 1024 spans several evaluation blocks (the extreme values then also sit in
// the last block, so that an error found there sends a table already half evaluated to the interpreter).
TablePtr mapSample(int rows = 300) {
    std::mt19937 rng(7);
    GroupKey key;
    key.cols.push_back({"_measurement", ColType::String});
    key.values.push_back(Value::string("m"));
    TableBuilder b(key);
    int meas = b.addColumn("_measurement", ColType::String);
    int host = b.addColumn("host", ColType::String);
    int value = b.addColumn("_value", ColType::Float);
    int n = b.addColumn("n", ColType::Int);
    int big = b.addColumn("big", ColType::Int);
    int ok = b.addColumn("ok", ColType::Bool);
    int time = b.addColumn("_time", ColType::Time);
    int nulls = b.addColumn("nulls", ColType::Int);
    int u = b.addColumn("u", ColType::UInt);
    StrRef hosts[] = {make<StringObj>("a"), make<StringObj>("b"), make<StringObj>("myHost")};
    const int lastExtreme = rows > 1024 ? rows - 3 : 150;
    for (int i = 0; i < rows; i++) {
        b.column(meas).appendString(std::string_view("m"));
        if (rng() % 7 == 0) b.column(host).appendNull();
        else b.column(host).appendString(hosts[rng() % 3]);
        if (i == 11) b.column(value).appendFloat(std::nan(""));
        else if (rng() % 5 == 0) b.column(value).appendNull();
        else b.column(value).appendFloat(static_cast<double>(rng() % 1000) / 1000.0 - 0.25);
        b.column(n).appendInt(static_cast<int64_t>(rng() % 21) - 10);
        const bool extreme = i == 150 || i == lastExtreme;
        b.column(big).appendInt(extreme ? INT64_MAX - 1 : (i == 151 ? INT64_MIN : static_cast<int64_t>(rng())));
        if (rng() % 9 == 0) b.column(ok).appendNull();
        else b.column(ok).appendBool(rng() % 2);
        b.column(time).appendInt(1700000000000000000LL + i * 1000000000LL);
        b.column(nulls).appendNull();
        b.column(u).appendUInt(rng() % 50);
    }
    return b.finish();
}

// The first rows only (no extreme values) for expressions that would otherwise always overflow.
TablePtr smallSample() {
    TablePtr t = mapSample();
    TableBuilder b(t->key);
    for (size_t c = 0; c < t->numColumns(); c++) {
        auto col = std::make_shared<Column>(t->meta[c].type);
        for (size_t r = 0; r < 100; r++) col->appendFrom(t->column(c), r);
        b.addColumn(t->meta[c].name, ColumnPtr(col));
    }
    return b.finish();
}

const char* kImports = "import \"math\"\nimport \"strings\"\n";

std::string runMap(const TablePtr& t, const std::string& prelude, const std::string& fn, bool interpreted) {
    if (interpreted) setenv("FLUXI_MAP_INTERPRETED", "1", 1);
    else unsetenv("FLUXI_MAP_INTERPRETED");
    Engine e;
    e.registerBuiltin("fixture", "data", "", [t](CallContext&, const Args&) {
        return Value::stream(makeMaterializedStream({t}, "fixture"));
    });
    std::string out = testutil::runTables(e, "import \"fixture\"\n" + std::string(kImports) + prelude +
                                                 "\nfixture.data() |> map(fn: " + fn + ")");
    unsetenv("FLUXI_MAP_INTERPRETED");
    return out;
}

// Whether every field expression of the record compiles (so the vectorized path is exercised).
bool allFieldsCompile(const TablePtr& t, const std::string& prelude, const std::string& fn) {
    Execution exec;
    Interpreter interp(exec);
    auto parsed = parseFlux(kImports + prelude + "\nmapFn = " + fn + "\nmapFn", "p.flux");
    REQUIRE(parsed.ok());
    auto values = interp.evalFile(std::shared_ptr<ast::File>(std::move(parsed.file)), interp.newModule("p"));
    const Closure& c = static_cast<const Closure&>(values.back().asFunction());
    const ast::Expr* result = functionResult(*c.expr);
    if (!result || result->kind != ast::NodeKind::RecordExpr) return false;
    const auto& rec = static_cast<const ast::RecordExpr&>(*result);
    for (auto& p : rec.properties)
        if (!ColumnExpr::compile(interp, c, p.value.get(), *t, 0)) return false;
    return true;
}

}  // namespace

TEST_CASE("vectorized map gives the interpreter's tables and errors") {
    const std::string prelude =
        "f = (x) => x * 3 + x / 7 - 1\n"
        "g = (a, b) => a * float(v: b)\n"
        "k = 10\n"
        "unused = (x, y) => x + 1\n"
        "h = (x) => {\n  y = x * 2\n  z = y - 1\n  return z * z\n}\n"
        "bad = (x) => {\n  y = x / 0\n  return x\n}\n"
        "d = (x, m=3) => x * m\n"
        "dm = (x, m=x) => x * m\n"
        "ds = (s, sep=\"-\") => s + sep\n";
    struct Case {
        const char* fn;
        bool small;  // run on the rows without extreme values
    };
    const Case cases[] = {
        {"(r) => ({r with v2: r._value * 2.0 + 1.0})", false},
        {"(r) => ({r with _value: r._value * 2.0 + 1.0})", false},
        {"(r) => ({r with _value: r._value / 0.0, m: r._value % 0.3, p: r._value ^ 2.0})", false},
        {"(r) => ({r with n2: r.n * 3 - 1, q: r.n / 3, m: r.n % 3, p: r.n ^ 2})", false},
        {"(r) => ({r with n2: r.n / 0})", false},                 // division by zero
        {"(r) => ({r with n2: r.n % 0})", false},                 // remainder by zero
        {"(r) => ({r with b2: r.big * 2})", false},               // overflow
        {"(r) => ({r with b2: r.big + 2})", false},               // overflow in one row
        {"(r) => ({r with b2: -r.big})", false},                  // -INT64_MIN
        {"(r) => ({r with b2: r.big - 1})", true},
        {"(r) => ({r with p: r.n ^ -1})", false},                 // negative power of an int
        {"(r) => ({r with u2: r.u * r.u + r.u / r.u})", false},   // uint, division by zero where u == 0
        {"(r) => ({r with u2: r.u - r.u})", false},
        // division and remainder by a constant (multiply-and-shift loops), also of extreme values
        {"(r) => ({r with a: r.big / 7, b: r.big % 7, c: r.big / -1000000007, d: r.big % -10, e: r.n / 3, f: r.n % -3})", false},
        {"(r) => ({r with a: r.big / 9223372036854775807, b: r.big % 9223372036854775807, c: r.n / 1, d: r.n % -1})", false},
        {"(r) => ({r with fr: float(v: r.n) / r._value})", false},
        {"(r) => ({r with i: int(v: r._value * 100.0), t: int(v: r._time), b: int(v: r.ok)})", false},
        {"(r) => ({r with fu: float(v: r.u), fb: float(v: r.ok), iu: int(v: r.u)})", false},
        {"(r) => ({r with s: string(v: r.n) + \"-\" + r.host})", false},
        {"(r) => ({r with s: string(v: r._value), t: string(v: r._time), b: string(v: r.ok), h: string(v: r.host)})", false},
        {"(r) => ({r with c: if r._value > 0.5 then \"hi\" else \"lo\"})", false},
        {"(r) => ({r with c: if r.ok then r.n else -r.n})", false},
        {"(r) => ({r with c: if r.ok then r._value else 0.0})", false},
        {"(r) => ({r with b: r.n > 0 and r.ok, o: r.n < 0 or not r.ok, x: not r.ok})", false},
        {"(r) => ({r with e: exists r._value, e2: exists r.missing, e3: exists r.host})", false},
        {"(r) => ({a: r.n, b: r._value})", false},
        {"(r) => ({host: r.host, v: r._value * 2.0})", false},
        {"(r) => ({r with host: r.host + \"x\"})", false},  // key-free column changed
        {"(r) => ({r with _measurement: r.host})", false},  // key column changed: regrouped
        {"(r) => ({r with _measurement: \"m\"})", false},   // key column, same value
        {"(r) => ({r with _value: r._value})", false},
        {"(r) => ({r with n: r._value})", false},           // a column replaced by another type
        {"(r) => ({r with x: r.n == 3, y: r._value != 0.5, z: r.host == \"a\", w: r.ok == true})", false},
        {"(r) => ({r with c: r._value <= 0.5, d: r._value >= 0.5, e: r._value < 0.5, f: r._value > 0.5})", false},
        {"(r) => ({r with c: r.n < 2.5, d: 0.5 >= r.n, e: r.u > 3.0})", false},
        {"(r) => ({r with c: r.host < \"b\", d: r._time > 2023-11-14T22:20:00Z})", false},
        {"(r) => ({r with n: r.n * r.n})", false},
        {"(r) => ({r with h: f(x: r.n)})", false},
        {"(r) => ({r with h: g(a: r._value, b: r.n)})", false},
        {"(r) => ({r with h: unused(x: r.n, y: r.n / 0)})", false},  // an unused argument still fails
        {"(r) => ({r with h: r.n + k})", false},
        {"(r) => ({r with allnull: r.nulls + 1})", false},  // no value: typed by the interpreter's rules
        {"(r) => ({r with s: r.n == 0 or 10 / r.n > 1})", false},  // and/or decide before the error
        {"(r) => ({r with s: if r.n == 0 then 0 else 10 / r.n})", false},
        {"(r) => ({r with x: r.n + 1.0})", false},        // int + float: a type error
        {"(r) => ({r with x: r.host + 1})", false},       // string + int: a type error
        {"(r) => ({r with x: r._value, x: 1.0})", false}, // duplicate key with `with`: the last one
        {"(r) => ({x: r._value, x: 1.0})", false},        // duplicate key: an error
        // block bodies: assignments bound once per row, then the returned record
        {"(r) => {\n  x = r.n * 2\n  y = float(v: x) + r._value\n  return {r with x: x, y: y, z: x > 4}\n}", false},
        {"(r) => {\n  x = r.n / 0\n  return {r with a: 1}\n}", false},         // an unused variable still fails
        {"(r) => {\n  s = r.host + \"!\"\n  return {s: s, n: r.n}\n}", false},
        {"(r) => {\n  b = r.big * 2\n  return {r with b: b}\n}", false},       // overflow in a variable
        // inlined calls of block bodies, defaults, nesting
        {"(r) => ({r with h: h(x: r.n)})", false},
        {"(r) => ({r with h: bad(x: r.n)})", false},                           // the callee's variable fails
        {"(r) => ({r with d: d(x: r.n), d2: d(x: r.n, m: -2), d3: d(m: 4, x: r.n)})", false},
        {"(r) => ({r with d: dm(x: r.n)})", false},                            // default reads a parameter
        {"(r) => ({r with s: ds(s: r.host), t: ds(s: r.host, sep: \"+\")})", false},
        {"(r) => ({r with f: f(x: f(x: r.n)), g: g(a: g(a: r._value, b: r.n), b: 2)})", false},
        {"(r) => ({r with b2: d(x: r.big)})", false},                          // overflow inside a call
        // pure builtins called row by row with compiled arguments
        {"(r) => ({r with a: math.round(x: float(v: r.n) * 1.5), s: math.sqrt(x: float(v: r.n)), p: math.pow(x: float(v: r.n), y: 2.0)})", false},
        {"(r) => ({r with a: math.abs(x: r._value)})", false},                    // a null argument: the builtin's error
        {"(r) => ({r with a: if exists r._value then math.abs(x: r._value) else -1.0})", false},
        {"(r) => ({r with m: math.mMax(x: float(v: r.n), y: 0.5), f: math.floor(x: float(v: r.u) / 3.0), i: math.abs(x: r.n)})", false},
        {"(r) => ({r with u: strings.toUpper(v: r._measurement), l: strings.strlen(v: r._measurement + \"xyz\"), p: strings.hasPrefix(v: r._measurement, prefix: \"m\")})", false},
        {"(r) => ({r with h: strings.toUpper(v: r.host)})", false},               // null host: the builtin's error
        {"(r) => ({r with s: strings.substring(v: \"abcdefghijklmnop\", start: 0, end: r.n + 10)})", false},
        {"(r) => ({r with s: strings.substring(v: \"abc\", start: 0, end: r.n)})", false},  // out of range in some rows
        {"(r) => ({r with u: uint(v: r.n), t: time(v: r.n * 1000000000), b: bool(v: r.ok)})", false},
        {"(r) => ({r with u: uint(v: r.u)})", false},
    };
    TablePtr big = mapSample();
    TablePtr small = smallSample();
    TablePtr blocks = mapSample(2500);  // three evaluation blocks, the last one partial
    int compiled = 0;
    for (const Case& c : cases) {
        CAPTURE(c.fn);
        for (const TablePtr* t : {c.small ? &small : &big, &blocks}) {
            if (c.small && t == &blocks) continue;
            std::string vec = runMap(*t, prelude, c.fn, false);
            std::string interp = runMap(*t, prelude, c.fn, true);
            CHECK(vec == interp);
            CHECK(vec.size() > 10);
        }
        if (allFieldsCompile(c.small ? small : big, prelude, c.fn)) compiled++;
    }
    // Most cases must really run as column loops (the rest are the interpreter's by design: type
    // errors, a default that reads another parameter, untyped null columns).
    CHECK(compiled >= 66);
    MESSAGE(compiled << " of " << sizeof(cases) / sizeof(cases[0]) << " map cases compiled");
}

TEST_CASE("vectorized map: a changed key column regroups even when a later key column is unchanged") {
    const char* src =
        "import \"array\"\n"
        "array.from(rows: [{_field: \"times\", city: \"a\", v: 1}, {_field: \"times\", city: \"b\", v: 2}])\n"
        "  |> group(columns: [\"_field\", \"city\"])\n"
        "  |> map(fn: (r) => ({city: r.city, _field: \"ev\", v: r.v}))";
    unsetenv("FLUXI_MAP_INTERPRETED");
    std::string vec = testutil::runTables(src);
    setenv("FLUXI_MAP_INTERPRETED", "1", 1);
    std::string interp = testutil::runTables(src);
    unsetenv("FLUXI_MAP_INTERPRETED");
    CHECK(vec == interp);
    CHECK(vec.find("_field=\"times\"") == std::string::npos);
    CHECK(vec.find("_field=\"ev\"") != std::string::npos);
}

TEST_CASE("vectorized map: errors are the interpreter's, with its message") {
    TablePtr t = mapSample();
    std::string overflow = runMap(t, "", "(r) => ({r with b2: r.big * 2})", false);
    CHECK(overflow.find("integer overflow") != std::string::npos);
    std::string div = runMap(t, "", "(r) => ({r with n2: r.n / 0})", false);
    CHECK(div.find("divide by zero") != std::string::npos);
}

TEST_CASE("generate.from: compiled fn and the interpreter give the same table") {
    const char* fns[] = {
        "(n) => n",
        "(n) => n * 3 + n / 7 - 1",
        "(n) => if n % 2 == 0 then n else -n",
        "(n) => {\n  a = n * n\n  return a - n\n}",
        "(n) => f(x: n)",
        "(n) => int(v: float(v: n) / 2.0)",
        "(n) => 100 / (n - 1500)",  // division by zero in the second block: the interpreter's error
        "(n) => n * 9223372036854775",  // overflow in a later block
    };
    for (const char* fn : fns) {
        CAPTURE(fn);
        const std::string src = std::string("import \"generate\"\nf = (x) => x * 2 + 1\n") +
                                "generate.from(count: 2500, fn: " + fn +
                                ", start: 2024-01-01T00:00:00Z, stop: 2024-01-02T00:00:00Z)";
        unsetenv("FLUXI_MAP_INTERPRETED");
        std::string vec = testutil::runTables(src);
        setenv("FLUXI_MAP_INTERPRETED", "1", 1);
        std::string interp = testutil::runTables(src);
        unsetenv("FLUXI_MAP_INTERPRETED");
        CHECK(vec == interp);
        CHECK(vec.size() > 10);
    }
}
