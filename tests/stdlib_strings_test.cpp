// Flux-level tests of the strings package: case, trimming, searching, splitting, replacing and
// character positions, including non-ASCII text.
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"

using fluxi::testutil::eval;

namespace {
std::string S(const std::string& expr) { return eval("import \"strings\"\n" + expr); }
}  // namespace

TEST_CASE("strings: case") {
    CHECK(S("strings.toUpper(v: \"hello\")") == "\"HELLO\"");
    CHECK(S("strings.toLower(v: \"HeLLo ÀÉ\")") == "\"hello àé\"");
    CHECK(S("strings.toUpper(v: \"straße é\")") == "\"STRAßE É\"");  // ß has no one-character upper case
    CHECK(S("strings.toUpper(v: \"ǳ\")") == "\"Ǳ\"");
    CHECK(S("strings.toTitle(v: \"ǳ\")") == "\"ǲ\"");
    CHECK(S("strings.toTitle(v: \"loud noises\")") == "\"LOUD NOISES\"");
    CHECK(S("strings.title(v: \"the little blue truck\")") == "\"The Little Blue Truck\"");
    CHECK(S("strings.title(v: \"hello-world foo_bar élan\")") == "\"Hello-World Foo_bar Élan\"");
    CHECK(S("strings.toUpper(v: 1)") == "error: toUpper: argument v must be of type string, got int");
}

TEST_CASE("strings: trimming") {
    CHECK(S("strings.trim(v: \"..abc..\", cutset: \".\")") == "\"abc\"");
    CHECK(S("strings.trim(v: \"smpl_abc_lpms\", cutset: \"smpl_\")") == "\"abc\"");
    CHECK(S("strings.trim(v: \"€€x€\", cutset: \"€\")") == "\"x\"");
    CHECK(S("strings.trim(v: \"...\", cutset: \".\")") == "\"\"");
    CHECK(S("strings.trimLeft(v: \"..abc..\", cutset: \".\")") == "\"abc..\"");
    CHECK(S("strings.trimRight(v: \"..abc..\", cutset: \".\")") == "\"..abc\"");
    CHECK(S("strings.trimSpace(v: \" \\t abc \\n\")") == "\"abc\"");
    CHECK(S("strings.trimSpace(v: \"\u00a0x\u3000\")") == "\"x\"");  // Unicode spaces too
    CHECK(S("strings.trimPrefix(v: \"smpl_abc\", prefix: \"smpl_\")") == "\"abc\"");
    CHECK(S("strings.trimPrefix(v: \"abc\", prefix: \"x\")") == "\"abc\"");
    CHECK(S("strings.trimSuffix(v: \"abc_ex1\", suffix: \"_ex1\")") == "\"abc\"");
    CHECK(S("strings.trimSuffix(v: \"ex1\", suffix: \"long_ex1\")") == "\"ex1\"");
}

TEST_CASE("strings: searching and comparing") {
    CHECK(S("strings.hasPrefix(v: \"smpl_5\", prefix: \"smpl\")") == "true");
    CHECK(S("strings.hasSuffix(v: \"abc4\", suffix: \"4\")") == "true");
    CHECK(S("strings.hasSuffix(v: \"4\", suffix: \"abc4\")") == "false");
    CHECK(S("strings.containsStr(v: \"abc5\", substr: \"c5\")") == "true");
    CHECK(S("strings.containsStr(v: \"abc\", substr: \"\")") == "true");
    CHECK(S("strings.containsAny(v: \"abc\", chars: \"x7c\")") == "true");
    CHECK(S("strings.containsAny(v: \"abc\", chars: \"\")") == "false");
    CHECK(S("strings.equalFold(v: \"RJqcVGNlcJ\", t: \"rjQCvGNLCj\")") == "true");
    CHECK(S("strings.equalFold(v: \"Élan\", t: \"éLAN\")") == "true");
    CHECK(S("strings.equalFold(v: \"abc\", t: \"abd\")") == "false");
    CHECK(S("strings.compare(v: \"a\", t: \"b\")") == "-1");
    CHECK(S("strings.compare(v: \"b\", t: \"a\")") == "1");
    CHECK(S("strings.compare(v: \"a\", t: \"a\")") == "0");
    CHECK(S("strings.countStr(v: \"cheese\", substr: \"e\")") == "3");
    CHECK(S("strings.countStr(v: \"aaaa\", substr: \"aa\")") == "2");
    CHECK(S("strings.countStr(v: \"five\", substr: \"\")") == "5");
    CHECK(S("strings.index(v: \"chicken\", substr: \"ken\")") == "4");
    CHECK(S("strings.index(v: \"chicken\", substr: \"dmr\")") == "-1");
    CHECK(S("strings.lastIndex(v: \"go gopher\", substr: \"go\")") == "3");
    CHECK(S("strings.indexAny(v: \"golang\", chars: \"ny\")") == "4");
    CHECK(S("strings.indexAny(v: \"€x\", chars: \"x\")") == "3");  // byte offset
    CHECK(S("strings.lastIndexAny(v: \"go gopher\", chars: \"go\")") == "4");
    CHECK(S("strings.lastIndexAny(v: \"go gopher\", chars: \"\")") == "-1");
}

TEST_CASE("strings: character classes") {
    CHECK(S("strings.isDigit(v: \"7\")") == "true");
    CHECK(S("strings.isDigit(v: \"a\")") == "false");
    CHECK(S("strings.isLetter(v: \"a\")") == "true");
    CHECK(S("strings.isLetter(v: \"é\")") == "true");
    CHECK(S("strings.isLetter(v: \"1\")") == "false");
    CHECK(S("strings.isLower(v: \"a\")") == "true");
    CHECK(S("strings.isLower(v: \"B\")") == "false");
    CHECK(S("strings.isUpper(v: \"B\")") == "true");
    CHECK(S("strings.isUpper(v: \"É\")") == "true");
    CHECK(S("strings.isDigit(v: \"12\")") == "error: strings.isDigit: argument v must be a single character, got \"12\"");
    CHECK(S("strings.isUpper(v: \"\")") == "error: strings.isUpper: argument v must be a single character, got \"\"");
}

TEST_CASE("strings: replace, repeat") {
    CHECK(S("strings.replace(v: \"This sucks. Everything sucks.\", t: \"sucks\", u: \"is fine\", i: 1)") ==
          "\"This is fine. Everything sucks.\"");
    CHECK(S("strings.replace(v: \"oink oink oink\", t: \"oink\", u: \"moo\", i: -1)") == "\"moo moo moo\"");
    CHECK(S("strings.replace(v: \"oink oink oink\", t: \"k\", u: \"ky\", i: 2)") == "\"oinky oinky oink\"");
    CHECK(S("strings.replace(v: \"abc\", t: \"\", u: \"-\", i: 2)") == "\"-a-bc\"");
    CHECK(S("strings.replace(v: \"abc\", t: \"b\", u: \"x\", i: 0)") == "\"abc\"");
    CHECK(S("strings.replaceAll(v: \"This sucks. Everything sucks.\", t: \"sucks\", u: \"is fine\")") ==
          "\"This is fine. Everything is fine.\"");
    CHECK(S("strings.replaceAll(v: \"ab\", t: \"\", u: \"-\")") == "\"-a-b-\"");
    CHECK(S("strings.repeat(v: \"ha\", i: 3)") == "\"hahaha\"");
    CHECK(S("strings.repeat(v: \"ha\", i: 0)") == "\"\"");
    CHECK(S("strings.repeat(v: \"ha\", i: -1)") == "error: strings.repeat: argument i must not be negative, got -1");
    CHECK(S("strings.repeat(v: \"ha\", i: 9223372036854775807)") ==
          "error: strings.repeat: the result would be larger than 1 GiB");
}

TEST_CASE("strings: split and join") {
    CHECK(S("strings.split(v: \"foo, bar, baz, quz\", t: \", \")") == "[\"foo\", \"bar\", \"baz\", \"quz\"]");
    CHECK(S("strings.split(v: \"a€b\", t: \"\")") == "[\"a\", \"€\", \"b\"]");
    CHECK(S("strings.split(v: \"\", t: \",\")") == "[\"\"]");
    CHECK(S("strings.split(v: \"a,\", t: \",\")") == "[\"a\", \"\"]");
    CHECK(S("strings.splitAfter(v: \"foo, bar, baz, quz\", t: \", \")") ==
          "[\"foo, \", \"bar, \", \"baz, \", \"quz\"]");
    CHECK(S("strings.splitN(v: \"foo, bar, baz, quz\", t: \", \", i: 3)") == "[\"foo\", \"bar\", \"baz, quz\"]");
    CHECK(S("strings.splitN(v: \"a,b\", t: \",\", i: 0)") == "[]");
    CHECK(S("strings.splitN(v: \"a,b,c\", t: \",\", i: -1)") == "[\"a\", \"b\", \"c\"]");
    CHECK(S("strings.splitN(v: \"abc\", t: \"\", i: 2)") == "[\"a\", \"bc\"]");
    CHECK(S("strings.splitAfterN(v: \"foo, bar, baz, quz\", t: \", \", i: 3)") ==
          "[\"foo, \", \"bar, \", \"baz, quz\"]");
    CHECK(S("strings.joinStr(arr: [\"foo\", \"bar\", \"baz\", \"quz\"], v: \", \")") == "\"foo, bar, baz, quz\"");
    CHECK(S("strings.joinStr(arr: [], v: \", \")") == "\"\"");
    CHECK(S("strings.joinStr(arr: [1, 2], v: \",\")") ==
          "error: strings.joinStr: argument arr must be an array of strings, element 0 is int");
}

TEST_CASE("strings: strlen and substring count characters") {
    CHECK(S("strings.strlen(v: \"字\")") == "1");
    CHECK(S("strings.strlen(v: \"Supercalifragilisticexpialidocious\")") == "34");
    CHECK(S("strings.strlen(v: \"\")") == "0");
    CHECK(S("strings.substring(v: \"What's the Story, Morning Glory\", start: 18, end: 31)") ==
          "\"Morning Glory\"");
    CHECK(S("strings.substring(v: \"hello world\", start: 6, end: 11)") == "\"world\"");
    CHECK(S("strings.substring(v: \"convert £ to €\", start: 8, end: 14)") == "\"£ to €\"");
    CHECK(S("strings.substring(v: \"convert £ to €\", start: 8, end: 13)") == "\"£ to \"");
    CHECK(S("strings.substring(v: \"start out of bounds\", start: -1, end: 5)") == "\"start\"");
    CHECK(S("strings.substring(v: \"end out of bounds\", start: 11, end: 100)") == "\"bounds\"");
    CHECK(S("strings.substring(v: \"end <= start\", start: 5, end: -1)") == "\"\"");
    CHECK(S("strings.substring(v: \"end <= start\", start: 30, end: 100)") == "\"\"");
}
