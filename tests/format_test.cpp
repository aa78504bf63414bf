// Unit tests for eval/format: Flux literal text (formatValue), string() text (valueToString) and
// display() text (displayValue) for every kind of value.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>

#include "eval/builtin.h"
#include "eval/error.h"
#include "eval/value_text.h"
#include "eval/function.h"
#include "eval/regex.h"
#include "eval/stream.h"
#include "eval/time.h"

using namespace fluxi;

namespace {
Value S(const char* s) { return Value::string(s); }
Value I(int64_t i) { return Value::integer(i); }
Value F(double f) { return Value::floating(f); }
Value Bytes(const char* s) { return Value::bytes(make<BytesObj>(s)); }
Value Dict(std::vector<std::pair<Value, Value>> e) { return Value::dict(make<DictObj>(std::move(e))); }

struct EmptyStream final : StreamObj {
    std::unique_ptr<TableIterator> open() const override { return nullptr; }
};
}  // namespace

TEST_CASE("format: scalars as Flux literals") {
    CHECK(formatValue(Value::null()) == "null");
    CHECK(formatValue(Value::boolean(true)) == "true");
    CHECK(formatValue(Value::boolean(false)) == "false");
    CHECK(formatValue(I(42)) == "42");
    CHECK(formatValue(I(-7)) == "-7");
    CHECK(formatValue(I(INT64_MIN)) == "-9223372036854775808");
    CHECK(formatValue(Value::uinteger(UINT64_MAX)) == "18446744073709551615");
    CHECK(formatValue(F(1)) == "1.0");
    CHECK(formatValue(F(-2)) == "-2.0");
    CHECK(formatValue(F(1.5)) == "1.5");
    CHECK(formatValue(F(0.1)) == "0.1");
    CHECK(formatValue(F(0.1 + 0.2)) == "0.30000000000000004");
    CHECK(formatValue(F(1e21)) == "1e+21");
    CHECK(formatValue(F(123456789.0)) == "123456789.0");
    CHECK(formatValue(F(std::nan(""))) == "NaN");
    CHECK(formatValue(F(INFINITY)) == "+Inf");
    CHECK(formatValue(F(-INFINITY)) == "-Inf");
    CHECK(formatValue(S("abc")) == "\"abc\"");
    CHECK(formatValue(S("a\"b\\c\nd\te\r")) == "\"a\\\"b\\\\c\\nd\\te\\r\"");
    CHECK(formatValue(S("cost ${x} $5")) == "\"cost \\${x} $5\"");
    CHECK(formatValue(S("\x01")) == "\"\\x01\"");
    CHECK(formatValue(S("日本語")) == "\"日本語\"");
    CHECK(formatValue(Value::duration(parseDuration("1h30m"))) == "1h30m");
    CHECK(formatValue(Value::duration(parseDuration("1mo2d"))) == "1mo2d");
    CHECK(formatValue(Value::duration(parseDuration("-5m"))) == "-5m");
    CHECK(formatValue(Value::duration({})) == "0ns");
    CHECK(formatValue(Value::time(parseTime("2020-01-01T00:00:00Z"))) == "2020-01-01T00:00:00Z");
    CHECK(formatValue(Value::time(parseTime("2020-01-01T00:00:00.5Z"))) == "2020-01-01T00:00:00.5Z");
    CHECK(formatValue(Value::regexp(compileRegex("a/b.*"))) == "/a\\/b.*/");
    CHECK(formatValue(Bytes("abc")) == "0x616263");
}

TEST_CASE("format: composites as Flux literals") {
    CHECK(formatValue(makeArray({})) == "[]");
    CHECK(formatValue(makeArray({I(1), I(2)})) == "[1, 2]");
    CHECK(formatValue(makeArray({S("a"), makeArray({F(1)})})) == "[\"a\", [1.0]]");
    CHECK(formatValue(makeRecord({})) == "{}");
    // records print in the order their fields were written
    CHECK(formatValue(makeRecord({{"b", I(1)}, {"a", S("x")}})) == "{b: 1, a: \"x\"}");
    CHECK(formatValue(makeRecord({{"my key", I(1)}, {"_ok1", I(2)}})) == "{\"my key\": 1, _ok1: 2}");
    CHECK(formatValue(Dict({})) == "[:]");
    CHECK(formatValue(Dict({{S("k"), I(1)}, {S("l"), I(2)}})) == "[\"k\": 1, \"l\": 2]");
    CHECK(formatValue(Dict({{I(1), makeRecord({{"a", Value::null()}})}})) == "[1: {a: null}]");
}

TEST_CASE("format: functions and streams") {
    auto b = make<BuiltinFunction>();
    b->name = "toUpper";
    b->package = "strings";
    b->params = parseSignature("v, ?x, <-tables");
    CHECK(formatValue(Value::function(b)) == "<function strings.toUpper(v, ?x, <-tables)>");
    auto u = make<BuiltinFunction>();
    u->name = "length";
    u->package = "universe";
    u->params = parseSignature("arr");
    CHECK(formatValue(Value::function(u)) == "<function length(arr)>");
    CHECK(displayValue(Value::function(u)) == "<function length(arr)>");
    auto s = make<EmptyStream>();
    CHECK(formatValue(Value::stream(s)) == "<table stream>");
    s->origin = "csv.from";
    CHECK(formatValue(Value::stream(s)) == "<table stream from csv.from>");
    CHECK(displayValue(Value::stream(s)) == "<table stream>");
}

TEST_CASE("format: string() text") {
    CHECK(valueToString(S("raw \"text\"")) == "raw \"text\"");
    CHECK(valueToString(I(-3)) == "-3");
    CHECK(valueToString(Value::uinteger(18446744073709551516ULL)) == "18446744073709551516");
    CHECK(valueToString(F(10.12)) == "10.12");
    CHECK(valueToString(F(0.1)) == "0.1");
    CHECK(valueToString(F(1)) == "1");
    CHECK(valueToString(F(1e21)) == "1000000000000000000000");
    CHECK(valueToString(F(1e-7)) == "0.0000001");
    CHECK(valueToString(F(-2.5)) == "-2.5");
    CHECK(valueToString(Value::boolean(true)) == "true");
    CHECK(valueToString(Value::duration(parseDuration("1m"))) == "1m");
    CHECK(valueToString(Value::duration(parseDuration("1h"))) == "1h");
    CHECK(valueToString(Value::time(parseTime("2020-01-01T01:01:01Z"))) == "2020-01-01T01:01:01.000000000Z");
    CHECK(valueToString(Bytes("abc")) == "abc");
    CHECK_THROWS_AS(valueToString(Value::null()), FluxError);
    CHECK_THROWS_AS(valueToString(makeArray({})), FluxError);
    try {
        valueToString(makeRecord({}));
        FAIL("expected an error");
    } catch (const FluxError& e) {
        CHECK(e.message() == "cannot convert record to string");
    }
    CHECK(isStringable(Kind::Time));
    CHECK_FALSE(isStringable(Kind::Regexp));
}

TEST_CASE("format: display() text") {
    CHECK(displayValue(Value::null()) == "<null>");
    CHECK(displayValue(S("str")) == "str");
    CHECK(displayValue(I(5)) == "5");
    CHECK(displayValue(F(1)) == "1");
    CHECK(displayValue(F(0.5)) == "0.5");
    CHECK(displayValue(F(123456)) == "123456");
    CHECK(displayValue(F(1e6)) == "1e+06");
    CHECK(displayValue(F(1234567)) == "1.234567e+06");
    CHECK(displayValue(F(0.0001)) == "0.0001");
    CHECK(displayValue(F(0.00001)) == "1e-05");
    CHECK(displayValue(F(1.5e-7)) == "1.5e-07");
    CHECK(displayValue(Value::time(parseTime("2020-01-01T00:00:00Z"))) == "2020-01-01T00:00:00.000000000Z");
    CHECK(displayValue(Value::duration(parseDuration("1h"))) == "1h");
    CHECK(displayValue(Value::regexp(compileRegex("a.*"))) == "a.*");
    CHECK(displayValue(Bytes("abc")) == "0x616263");
    CHECK(displayValue(makeRecord({{"a", I(1)}, {"b", I(2)}, {"c", I(3)}})) == "{a: 1, b: 2, c: 3}");
    CHECK(displayValue(makeRecord({{"c", I(3)}, {"a", I(1)}})) == "{a: 1, c: 3}");
    CHECK(displayValue(makeArray({I(1), I(2), I(3)})) == "[1, 2, 3]");
    CHECK(displayValue(Dict({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}})) == "[a: 1, b: 2, c: 3]");
    CHECK(displayValue(Dict({})) == "[:]");
    Value composite = makeRecord({{"bytes", Bytes("abc")},
                                  {"string", S("str")},
                                  {"array", makeArray({I(1), I(2), I(3)})},
                                  {"dict", Dict({{S("a"), I(1)}, {S("b"), I(2)}, {S("c"), I(3)}})}});
    CHECK(displayValue(composite) ==
          "{\n    array: [1, 2, 3],\n    bytes: 0x616263,\n    dict: [a: 1, b: 2, c: 3],\n    string: str\n}");
    CHECK(displayValue(makeArray({I(1), I(2), I(3), I(4)})) == "[\n    1, \n    2, \n    3, \n    4\n]");
    CHECK(displayValue(makeArray({makeRecord({{"a", I(1)}, {"b", I(2)}, {"c", I(3)}, {"d", I(4)}})})) ==
          "[{\n        a: 1,\n        b: 2,\n        c: 3,\n        d: 4\n    }]");
}
