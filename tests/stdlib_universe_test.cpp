// Flux-level tests of the universe scalar builtins: type conversions, length, contains, display,
// die, and the location option's default.
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"

using fluxi::testutil::eval;

TEST_CASE("universe: string()") {
    CHECK(eval("string(v: \"a\")") == "\"a\"");
    CHECK(eval("string(v: true)") == "\"true\"");
    CHECK(eval("string(v: 1m)") == "\"1m\"");
    CHECK(eval("string(v: -90m)") == "\"-1h30m\"");
    CHECK(eval("string(v: 2021-01-01T00:00:00Z)") == "\"2021-01-01T00:00:00.000000000Z\"");
    CHECK(eval("string(v: 10.12)") == "\"10.12\"");
    CHECK(eval("string(v: 1.0)") == "\"1\"");
    CHECK(eval("string(v: -5)") == "\"-5\"");
    CHECK(eval("string(v: uint(v: 7))") == "\"7\"");
    CHECK(eval("string(v: bytes(v: \"xy\"))") == "\"xy\"");
    CHECK(eval("string(v: [1])") == "error: string: cannot convert array to string");
    CHECK(eval("string(v: {a: 1})") == "error: string: cannot convert record to string");
    CHECK(eval("\"n=${1} f=${0.1} b=${true} d=${1h} t=${2020-01-01T01:01:01Z}\"") ==
          "\"n=1 f=0.1 b=true d=1h t=2020-01-01T01:01:01.000000000Z\"");
}

TEST_CASE("universe: int()") {
    CHECK(eval("int(v: 10.12)") == "10");
    CHECK(eval("int(v: -10.99)") == "-10");
    CHECK(eval("int(v: \"3\")") == "3");
    CHECK(eval("int(v: \"-3\")") == "-3");
    CHECK(eval("int(v: \"+3\")") == "3");
    CHECK(eval("int(v: true)") == "1");
    CHECK(eval("int(v: false)") == "0");
    CHECK(eval("int(v: 1m)") == "60000000000");
    CHECK(eval("int(v: 2022-01-01T00:00:00Z)") == "1640995200000000000");
    CHECK(eval("int(v: uint(v: 5))") == "5");
    CHECK(eval("int(v: \"1.5\")") == "error: int: cannot convert string \"1.5\" to int: not a base-10 integer");
    CHECK(eval("int(v: \"\")") == "error: int: cannot convert string \"\" to int: not a base-10 integer");
    CHECK(eval("int(v: \"9223372036854775808\")") ==
          "error: int: cannot convert string \"9223372036854775808\" to int: out of the int range");
    // As the reference (Go on amd64) converts: uint wraps; a float out of the int range, NaN and
    // +-Inf give the minimum int.
    CHECK(eval("int(v: uint(v: \"18446744073709551615\"))") == "-1");
    CHECK(eval("int(v: uint(v: \"9223372036854775808\"))") == "-9223372036854775808");
    CHECK(eval("int(v: uint(v: \"9223372036854775807\"))") == "9223372036854775807");
    CHECK(eval("int(v: float(v: \"1e300\"))") == "-9223372036854775808");
    CHECK(eval("int(v: float(v: \"-1e300\"))") == "-9223372036854775808");
    CHECK(eval("int(v: float(v: \"NaN\"))") == "-9223372036854775808");
    CHECK(eval("int(v: float(v: \"+Inf\"))") == "-9223372036854775808");
    CHECK(eval("int(v: float(v: \"-Inf\"))") == "-9223372036854775808");
    CHECK(eval("int(v: 9223372036854774784.0)") == "9223372036854774784");  // largest double below 2^63
    CHECK(eval("int(v: 9223372036854775808.0)") == "-9223372036854775808");  // 2^63
    CHECK(eval("int(v: -9223372036854775808.0)") == "-9223372036854775808");
    CHECK(eval("int(v: \"-9223372036854775808\")") == "-9223372036854775808");
    CHECK(eval("int(v: \"-9223372036854775809\")") ==
          "error: int: cannot convert string \"-9223372036854775809\" to int: out of the int range");
    CHECK(eval("int(v: \"++3\")") == "error: int: cannot convert string \"++3\" to int: not a base-10 integer");
    CHECK(eval("int(v: \"+-3\")") == "error: int: cannot convert string \"+-3\" to int: not a base-10 integer");
    CHECK(eval("int(v: \" 3\")") == "error: int: cannot convert string \" 3\" to int: not a base-10 integer");
    CHECK(eval("int(v: 1mo)").rfind("error: int: cannot convert 1mo to nanoseconds", 0) == 0);
    CHECK(eval("int(v: [1])") == "error: int: cannot convert array to int");
}

TEST_CASE("universe: uint()") {
    CHECK(eval("uint(v: \"3\")") == "3");
    CHECK(eval("uint(v: 1m)") == "60000000000");
    CHECK(eval("uint(v: 2022-01-01T00:00:00Z)") == "1640995200000000000");
    CHECK(eval("uint(v: 10.12)") == "10");
    CHECK(eval("uint(v: -100)") == "18446744073709551516");  // documented two's complement
    CHECK(eval("uint(v: true)") == "1");
    CHECK(eval("uint(v: \"-1\")") == "error: uint: cannot convert string \"-1\" to uint: not a base-10 unsigned integer");
    CHECK(eval("uint(v: \"18446744073709551616\")").rfind("error: uint: cannot convert string", 0) == 0);
    // Go's float -> uint64 on amd64: negative floats wrap through int64, NaN, +-Inf and floats
    // from 2^64 up give 2^63.
    CHECK(eval("uint(v: float(v: \"1e30\"))") == "9223372036854775808");
    CHECK(eval("uint(v: -1.0)") == "18446744073709551615");
    CHECK(eval("uint(v: -1.9)") == "18446744073709551615");
    CHECK(eval("uint(v: 9223372036854775808.0)") == "9223372036854775808");
    CHECK(eval("uint(v: 18446744073709549568.0)") == "18446744073709549568");  // largest double below 2^64
    CHECK(eval("uint(v: float(v: \"NaN\"))") == "9223372036854775808");
    CHECK(eval("uint(v: float(v: \"+Inf\"))") == "9223372036854775808");
    CHECK(eval("uint(v: float(v: \"-Inf\"))") == "9223372036854775808");
    CHECK(eval("uint(v: \"18446744073709551615\")") == "18446744073709551615");
    // Go's ParseUint takes no sign at all.
    CHECK(eval("uint(v: \"+1\")") == "error: uint: cannot convert string \"+1\" to uint: not a base-10 unsigned integer");
    CHECK(eval("uint(v: \"\")") == "error: uint: cannot convert string \"\" to uint: not a base-10 unsigned integer");
}

TEST_CASE("universe: float()") {
    CHECK(eval("float(v: \"3.14\")") == "3.14");
    CHECK(eval("float(v: \"1.23e+20\")") == "1.23e+20");
    CHECK(eval("float(v: \"10\")") == "10.0");
    CHECK(eval("float(v: \"-2.5\")") == "-2.5");
    CHECK(eval("float(v: \"+Inf\")") == "+Inf");
    CHECK(eval("float(v: \"NaN\")") == "NaN");
    CHECK(eval("float(v: 3)") == "3.0");
    CHECK(eval("float(v: uint(v: 3))") == "3.0");
    CHECK(eval("float(v: true)") == "1.0");
    CHECK(eval("float(v: \"abc\")") == "error: float: cannot convert string \"abc\" to float: not a number");
    CHECK(eval("float(v: \"1e999\")").find("out of the float range") != std::string::npos);
    CHECK(eval("float(v: 1h)") == "error: float: cannot convert duration to float");
    // Go's ParseFloat: hexadecimal floats with a p exponent, underflow to 0, no spaces or underscores
    CHECK(eval("float(v: \"0x1p-2\")") == "0.25");
    CHECK(eval("float(v: \"-0x1.8p1\")") == "-3.0");
    CHECK(eval("float(v: \"0x1.8\")") == "error: float: cannot convert string \"0x1.8\" to float: not a number");
    CHECK(eval("float(v: \"1e-400\")") == "0.0");
    CHECK(eval("float(v: \"-1e-400\") == 0.0") == "true");
    CHECK(eval("float(v: \"5e-324\") > 0.0") == "true");  // the smallest subnormal
    CHECK(eval("float(v: \"-1e400\")") == "error: float: cannot convert string \"-1e400\" to float: out of the float range");
    CHECK(eval("float(v: \" 1\")") == "error: float: cannot convert string \" 1\" to float: not a number");
    CHECK(eval("float(v: \"1_0\")") == "error: float: cannot convert string \"1_0\" to float: not a number");
    CHECK(eval("float(v: \"infinity\")") == "+Inf");
}

TEST_CASE("universe: bool()") {
    CHECK(eval("bool(v: \"true\")") == "true");
    CHECK(eval("bool(v: \"false\")") == "false");
    CHECK(eval("bool(v: 1.0)") == "true");
    CHECK(eval("bool(v: 0.0)") == "false");
    CHECK(eval("bool(v: 1)") == "true");
    CHECK(eval("bool(v: 0)") == "false");
    CHECK(eval("bool(v: uint(v: 1))") == "true");
    CHECK(eval("bool(v: uint(v: 0))") == "false");
    CHECK(eval("bool(v: \"yes\")") ==
          "error: bool: cannot convert string \"yes\" to bool: expected \"true\" or \"false\"");
    CHECK(eval("bool(v: 2)") == "error: bool: cannot convert int 2 to bool: expected 0 or 1");
    CHECK(eval("bool(v: 0.5)") == "error: bool: cannot convert float 0.5 to bool: expected 0.0 or 1.0");
}

TEST_CASE("universe: time(), duration(), bytes()") {
    CHECK(eval("time(v: \"2021-01-01T00:00:00Z\")") == "2021-01-01T00:00:00Z");
    CHECK(eval("time(v: \"2021-01-01\")") == "2021-01-01T00:00:00Z");
    CHECK(eval("time(v: \"2021-01-01T02:00:00+02:00\")") == "2021-01-01T00:00:00Z");
    CHECK(eval("time(v: 1640995200000000000)") == "2022-01-01T00:00:00Z");
    CHECK(eval("time(v: -2000000000)") == "1969-12-31T23:59:58Z");
    CHECK(eval("time(v: uint(v: 1000000000))") == "1970-01-01T00:00:01Z");
    CHECK(eval("time(v: \"2021-13-01T00:00:00Z\")") ==
          "error: time: invalid time \"2021-13-01T00:00:00Z\": month must be between 01 and 12");
    CHECK(eval("time(v: 1.5)") == "error: time: cannot convert float to time");
    CHECK(eval("duration(v: \"1h20m\")") == "1h20m");
    CHECK(eval("duration(v: \"-1mo2d\")") == "-1mo2d");
    CHECK(eval("duration(v: 4800000000000)") == "1h20m");
    CHECK(eval("duration(v: uint(v: 9600000000000))") == "2h40m");
    CHECK(eval("duration(v: -27000000)") == "-27ms");
    CHECK(eval("duration(v: \"1x\")").rfind("error: duration: invalid duration \"1x\"", 0) == 0);
    CHECK(eval("duration(v: \"30s1m\")").find("larger to smaller") != std::string::npos);
    CHECK(eval("bytes(v: \"Example string\")") == "0x4578616d706c6520737472696e67");
    CHECK(eval("bytes(v: 1)") == "error: bytes: cannot convert int to bytes");
}

TEST_CASE("universe: length, contains, display, die") {
    CHECK(eval("length(arr: [1, 2, 3])") == "3");
    CHECK(eval("[\"John\", \"Jane\", \"Abed\"] |> length()") == "3");
    CHECK(eval("length(arr: [])") == "0");
    CHECK(eval("length(arr: \"abc\")") == "error: length: argument arr must be an array, got string");
    CHECK(eval("contains(value: 2, set: [1, 2, 3])") == "true");
    CHECK(eval("contains(value: \"x\", set: [\"a\", \"b\"])") == "false");
    CHECK(eval("contains(value: 2.0, set: [1, 2])") == "true");
    CHECK(eval("contains(value: 1, set: [])") == "false");
    CHECK(eval("display(v: {a: 1, b: 2, c: 3})") == "\"{a: 1, b: 2, c: 3}\"");
    CHECK(eval("display(v: [1, 2, 3])") == "\"[1, 2, 3]\"");
    CHECK(eval("display(v: [\"a\": 1, \"b\": 2, \"c\": 3])") == "\"[a: 1, b: 2, c: 3]\"");
    CHECK(eval("display(v: bytes(v: \"abc\"))") == "\"0x616263\"");
    CHECK(eval("display(v: \"str\")") == "\"str\"");
    CHECK(eval("display(v: {bytes: bytes(v: \"abc\"), string: \"str\", array: [1, 2, 3], "
               "dict: [\"a\": 1, \"b\": 2, \"c\": 3]})") ==
          "\"{\\n    array: [1, 2, 3],\\n    bytes: 0x616263,\\n    dict: [a: 1, b: 2, c: 3],\\n    string: str\\n}\"");
    CHECK(eval("die(msg: \"This is an error message\")") == "error: This is an error message");
    CHECK(eval("f = (x) => if x > 0 then x else die(msg: \"negative: ${x}\")\nf(x: -2)") ==
          "error: negative: -2");
}

TEST_CASE("universe: the location option defaults to UTC") {
    CHECK(eval("location") == "{zone: \"UTC\", offset: 0ns}");
}

TEST_CASE("universe: sleep()") {
    CHECK(eval("sleep(v: 5, duration: 1ms)") == "5");
    CHECK(eval("\"x\" |> sleep(duration: 0s)") == "\"x\"");
    CHECK(eval("sleep(v: 5, duration: -1s)") == "5");
    CHECK(eval("sleep(v: 5, duration: 1mo)") ==
          "error: sleep: duration 1mo has months or years, which have no fixed length");
    CHECK(eval("sleep(v: 5)") == "error: sleep: missing required argument duration");
}
