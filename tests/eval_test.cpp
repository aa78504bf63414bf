// Evaluator tests: every value kind, operators, scoping and closures, defaults and the pipe
// argument, options, errors with positions and call stacks.
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"

using fluxi::testutil::eval;
using fluxi::testutil::errorOf;

TEST_CASE("eval: literals of every kind") {
    CHECK(eval("1") == "1");
    CHECK(eval("-7") == "-7");
    CHECK(eval("1.5") == "1.5");
    CHECK(eval("\"a\\tb\"") == "\"a\\tb\"");
    CHECK(eval("true") == "true");
    CHECK(eval("1h30m") == "1h30m");
    CHECK(eval("2020-01-01T00:00:00Z") == "2020-01-01T00:00:00Z");
    CHECK(eval("[1, 2, 3]") == "[1, 2, 3]");
    CHECK(eval("{a: 1, b: \"x\"}") == "{a: 1, b: \"x\"}");
    CHECK(eval("[\"b\": 2, \"a\": 1]") == "[\"a\": 1, \"b\": 2]");
    CHECK(eval("/ab+c/") == "/ab+c/");
}

TEST_CASE("eval: arithmetic and its errors") {
    CHECK(eval("1 + 2 * 3") == "7");
    CHECK(eval("(1 + 2) * 3") == "9");
    CHECK(eval("7 / 2") == "3");
    CHECK(eval("7 % 3") == "1");
    CHECK(eval("2 ^ 10") == "1024");
    CHECK(eval("1.5 * 2.0") == "3.0");
    CHECK(eval("\"a\" + \"b\"") == "\"ab\"");
    CHECK(eval("1h + 30m") == "1h30m");
    CHECK(eval("1 / 0") == "error: cannot divide by zero");
    CHECK(eval("9223372036854775807 + 1") == "error: integer overflow in +");
    CHECK(eval("1 + 1.0").rfind("error: cannot apply operator + to int and float", 0) == 0);
}

TEST_CASE("eval: comparisons, logic and conditionals") {
    CHECK(eval("1 < 2") == "true");
    CHECK(eval("1 < 2.5") == "true");
    CHECK(eval("\"a\" == \"a\"") == "true");
    CHECK(eval("[1, 2] == [1, 2]") == "true");
    CHECK(eval("{a: 1} != {a: 2}") == "true");
    CHECK(eval("\"abc\" =~ /b/") == "true");
    CHECK(eval("\"abc\" !~ /^b/") == "true");
    CHECK(eval("true and false or true") == "true");
    CHECK(eval("not true") == "false");
    CHECK(eval("if 1 > 2 then \"a\" else \"b\"") == "\"b\"");
    // short-circuit: the right side would fail
    CHECK(eval("false and 1 / 0 == 1") == "false");
    CHECK(eval("true or 1 / 0 == 1") == "true");
    // three-valued logic with null operands
    CHECK(eval("r = {}\nr.x == 1 or true") == "true");
    CHECK(eval("r = {}\nr.x == 1 and false") == "false");
    CHECK(eval("r = {}\nr.x == 1 and true") == "null");
    CHECK(eval("r = {}\nr.x == 1 or false") == "null");
    CHECK(eval("r = {}\nnot (r.x == 1 or false)") == "null");
}

TEST_CASE("eval: records, members, indexing, exists") {
    CHECK(eval("r = {a: 1, b: 2}\nr.b") == "2");
    CHECK(eval("r = {a: 1, \"b c\": 2}\nr[\"b c\"]") == "2");
    CHECK(eval("r = {a: 1}\n{r with b: 2, a: 3}") == "{a: 3, b: 2}");
    CHECK(eval("a = 1\nb = 2\n{a, b}") == "{a: 1, b: 2}");
    CHECK(eval("r = {a: 1}\nexists r.a") == "true");
    CHECK(eval("r = {a: 1}\nexists r.zz") == "false");
    CHECK(eval("[10, 20, 30][1]") == "20");
    CHECK(eval("[10, 20][5]") == "error: array index 5 out of bounds (length 2)");
}

TEST_CASE("eval: string interpolation") {
    CHECK(eval("n = 3\n\"n=${n} d=${1h} s=${\"x\"}\"") == "\"n=3 d=1h s=x\"");
}

TEST_CASE("eval: functions, closures, defaults, pipe") {
    CHECK(eval("f = (x) => x + 1\nf(x: 1)") == "2");
    CHECK(eval("f = (x, y=10) => x + y\nf(x: 1)") == "11");
    CHECK(eval("f = (x, y=10) => x + y\nf(x: 1, y: 2)") == "3");
    CHECK(eval("add = (a) => (b) => a + b\nadd3 = add(a: 3)\nadd3(b: 4)") == "7");
    CHECK(eval("f = (x) => {\n  y = x * 2\n  z = y + 1\n  return z\n}\nf(x: 5)") == "11");
    CHECK(eval("f = (v=<-, n) => v * n\n3 |> f(n: 4)") == "12");
    CHECK(eval("outer = (a) => { g = (b) => (c) => a + b + c\n return g(b: 2)(c: 3) }\nouter(a: 1)") == "6");
    CHECK(eval("f = (x) => x\nf()") == "error: f: missing required argument x");
    CHECK(eval("f = (x) => x\nf(x: 1, y: 2)") == "error: f has no parameter y (parameters: x)");
    CHECK(eval("f = (x) => x\n1 |> f(x: 2)").rfind("error: f does not accept piped input", 0) == 0);
}

TEST_CASE("eval: variables are resolved statically") {
    CHECK(eval("x = y + 1") == "error: undefined identifier y");
    CHECK(eval("f = () => x\nx = 2\nf()") == "2");
}

TEST_CASE("eval: options") {
    CHECK(eval("option now = () => 2020-02-03T00:00:00Z\nnow()") == "2020-02-03T00:00:00Z");
    CHECK(eval("now()", "2023-05-06T07:08:09Z") == "2023-05-06T07:08:09Z");
    CHECK(eval("option task = {name: \"t\", every: 1h}\nx = -task.every\nx") == "-1h");
}

TEST_CASE("eval: runtime errors carry position and call stack") {
    std::string err = errorOf("f = (x) => x / 0\ng = () => f(x: 1)\ng()");
    CHECK(err.find("test.flux:1:12: error: cannot divide by zero") == 0);
    CHECK(err.find("in f called at test.flux:2:11") != std::string::npos);
    CHECK(err.find("in g called at test.flux:3:1") != std::string::npos);
}

TEST_CASE("eval: imports") {
    CHECK(eval("import \"nope/nothing\"\n1").rfind("error: package \"nope/nothing\" not found", 0) == 0);
}

TEST_CASE("eval: embedding API host builtins") {
    fluxi::Engine e;
    e.registerBuiltin("myapp", "double", "v", [](fluxi::CallContext& ctx, const fluxi::Args& a) {
        return fluxi::Value::integer(ctx.require(a, "v", fluxi::Kind::Int).asInt() * 2);
    });
    auto r = e.run("import \"myapp\"\nmyapp.double(v: 21)");
    REQUIRE(r.ok);
    CHECK(fluxi::formatValue(r.values.at(0)) == "42");
    auto bad = e.run("import \"myapp\"\nmyapp.double(v: \"x\")");
    CHECK(!bad.ok);
    CHECK(bad.error.find("argument v must be of type int, got string") != std::string::npos);
}
