// Flux-level tests of the dict, types, runtime and bitwise packages.
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"

using fluxi::testutil::eval;

TEST_CASE("dict: fromList, get, insert, remove") {
    std::string codes =
        "import \"dict\"\n"
        "codes = dict.fromList(pairs: [{key: \"internal\", value: 0}, {key: \"invalid\", value: 1}, "
        "{key: \"unknown\", value: 3}])\n";
    CHECK(eval(codes + "codes") == "[\"internal\": 0, \"invalid\": 1, \"unknown\": 3]");
    CHECK(eval(codes + "dict.get(dict: codes, key: \"invalid\", default: -1)") == "1");
    CHECK(eval(codes + "dict.get(dict: codes, key: \"nope\", default: -1)") == "-1");
    CHECK(eval(codes + "dict.remove(dict: codes, key: \"unknown\")") == "[\"internal\": 0, \"invalid\": 1]");
    CHECK(eval(codes + "dict.remove(dict: codes, key: \"absent\")") ==
          "[\"internal\": 0, \"invalid\": 1, \"unknown\": 3]");
    CHECK(eval(codes + "dict.insert(dict: codes, key: \"a\", value: 9)") ==
          "[\"a\": 9, \"internal\": 0, \"invalid\": 1, \"unknown\": 3]");
    CHECK(eval(codes + "dict.insert(dict: codes, key: \"invalid\", value: 7)") ==
          "[\"internal\": 0, \"invalid\": 7, \"unknown\": 3]");
    // the original is unchanged
    CHECK(eval(codes + "x = dict.insert(dict: codes, key: \"a\", value: 9)\ncodes") ==
          "[\"internal\": 0, \"invalid\": 1, \"unknown\": 3]");
    CHECK(eval("import \"dict\"\ndict.fromList(pairs: [{key: 2, value: \"b\"}, {key: 1, value: \"a\"}, "
               "{key: 2, value: \"c\"}])") == "[1: \"a\", 2: \"c\"]");
    CHECK(eval("import \"dict\"\ndict.get(dict: [0: \"a\", 1: \"b\"], key: 1, default: \"c\")") == "\"b\"");
    CHECK(eval("import \"dict\"\ndict.get(dict: [:], key: 0, default: 2)") == "2");
    CHECK(eval("import \"dict\"\ndict.fromList(pairs: [{key: 1, value: 1}, {key: \"a\", value: 2}])") ==
          "error: dict.fromList: dictionary keys must have one type: the dictionary has int keys, got a string key");
    CHECK(eval("import \"dict\"\ndict.fromList(pairs: [1])") ==
          "error: dict.fromList: element 0 of pairs must be a record {key, value}");
    CHECK(eval("import \"dict\"\ndict.get(dict: {a: 1}, key: \"a\", default: 0)") ==
          "error: get: argument dict must be of type dict, got record");
}

TEST_CASE("types: isType and isNumeric") {
    std::string t = "import \"types\"\n";
    CHECK(eval(t + "types.isType(v: \"a\", type: \"string\")") == "true");
    CHECK(eval(t + "types.isType(v: \"a\", type: \"strin\")") == "false");
    CHECK(eval(t + "types.isType(v: \"a\", type: \"int\")") == "false");
    CHECK(eval(t + "types.isType(v: 1, type: \"int\")") == "true");
    CHECK(eval(t + "types.isType(v: uint(v: 1), type: \"uint\")") == "true");
    CHECK(eval(t + "types.isType(v: 1.0, type: \"float\")") == "true");
    CHECK(eval(t + "types.isType(v: 2030-01-01T00:00:00Z, type: \"time\")") == "true");
    CHECK(eval(t + "types.isType(v: 2030-01-01T00:00:00Z, type: \"int\")") == "false");
    CHECK(eval(t + "types.isType(v: 1h, type: \"duration\")") == "true");
    CHECK(eval(t + "types.isType(v: /a/, type: \"regexp\")") == "true");
    CHECK(eval(t + "types.isType(v: bytes(v: \"a\"), type: \"bytes\")") == "true");
    CHECK(eval(t + "types.isType(v: true, type: \"bool\")") == "true");
    CHECK(eval(t + "types.isType(v: [1], type: \"array\")") == "false");
    CHECK(eval(t + "types.isNumeric(v: 1)") == "true");
    CHECK(eval(t + "types.isNumeric(v: uint(v: 1))") == "true");
    CHECK(eval(t + "types.isNumeric(v: 1.5)") == "true");
    CHECK(eval(t + "types.isNumeric(v: \"1\")") == "false");
}

TEST_CASE("runtime: version") {
    CHECK(eval("import \"runtime\"\nruntime.version()") == std::string("\"") + FLUXI_VERSION + "\"");
}

TEST_CASE("bitwise: unsigned and signed operations") {
    std::string b = "import \"bitwise\"\nu = (v) => uint(v: v)\n";
    CHECK(eval(b + "bitwise.uand(a: u(v: 5), b: u(v: 4))") == "4");
    CHECK(eval(b + "bitwise.uor(a: u(v: 5), b: u(v: 2))") == "7");
    CHECK(eval(b + "bitwise.uxor(a: u(v: 5), b: u(v: 1))") == "4");
    CHECK(eval(b + "bitwise.unot(a: u(v: 1))") == "18446744073709551614");
    CHECK(eval(b + "bitwise.uclear(a: u(v: 7), b: u(v: 2))") == "5");
    CHECK(eval(b + "bitwise.ulshift(a: u(v: 5), b: u(v: 4))") == "80");
    CHECK(eval(b + "bitwise.ulshift(a: u(v: 5), b: u(v: 64))") == "0");
    CHECK(eval(b + "bitwise.urshift(a: u(v: 80), b: u(v: 4))") == "5");
    CHECK(eval(b + "bitwise.sand(a: 5, b: 1)") == "1");
    CHECK(eval(b + "bitwise.sor(a: 5, b: 4)") == "5");
    CHECK(eval(b + "bitwise.sxor(a: -1, b: 1)") == "-2");
    CHECK(eval(b + "bitwise.snot(a: 0)") == "-1");
    CHECK(eval(b + "bitwise.sclear(a: 7, b: 2)") == "5");
    CHECK(eval(b + "bitwise.slshift(a: 5, b: 4)") == "80");
    CHECK(eval(b + "bitwise.srshift(a: -80, b: 4)") == "-5");
    CHECK(eval(b + "bitwise.srshift(a: -80, b: 100)") == "-1");
    CHECK(eval(b + "bitwise.slshift(a: 1, b: -1)") ==
          "error: bitwise.slshift: shift count b must not be negative, got -1");
    CHECK(eval(b + "bitwise.uand(a: 1, b: 1)") == "error: uand: argument a must be of type uint, got int");
    CHECK(eval("import \"experimental/bitwise\"\nbitwise.sand(a: 6, b: 3)") == "2");
}
