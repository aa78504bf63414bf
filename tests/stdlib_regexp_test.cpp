// Flux-level tests of the regexp package, including Go-compatible iteration over successive and
// empty matches and $-expansion in replacements.
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"

using fluxi::testutil::eval;

namespace {
std::string R(const std::string& expr) { return eval("import \"regexp\"\n" + expr); }
}  // namespace

TEST_CASE("regexp: compile, quoteMeta, getString") {
    CHECK(R(R"(regexp.compile(v: "abcd"))") == "/abcd/");
    CHECK(R(R"("abcde" =~ regexp.compile(v: "c.e"))") == "true");
    CHECK(R(R"(regexp.compile(v: "a("))").rfind("error: regexp.compile: invalid regular expression /a(/", 0) == 0);
    CHECK(R(R"(regexp.quoteMeta(v: ".+*?()|[]{}^$"))") == R"("\\.\\+\\*\\?\\(\\)\\|\\[\\]\\{\\}\\^\\$")");
    CHECK(R(R"(regexp.quoteMeta(v: "plain"))") == R"("plain")");
    CHECK(R(R"(regexp.getString(r: /[a-zA-Z]/))") == R"("[a-zA-Z]")");
}

TEST_CASE("regexp: finding and matching") {
    CHECK(R(R"(regexp.findString(r: /foo.?/, v: "seafood fool"))") == R"("food")");
    CHECK(R(R"(regexp.findString(r: /x+/, v: "abc"))") == R"("")");
    CHECK(R(R"(regexp.findStringIndex(r: /ab?/, v: "tablet"))") == "[1, 3]");
    CHECK(R(R"(regexp.findStringIndex(r: /x/, v: "tablet"))") == "[]");
    CHECK(R(R"(regexp.matchRegexpString(r: /(gopher){2}/, v: "gophergophergopher"))") == "true");
    CHECK(R(R"(regexp.matchRegexpString(r: /^b/, v: "abc"))") == "false");
    CHECK(R(R"(regexp.matchRegexpString(r: "x", v: "abc"))") ==
          "error: matchRegexpString: argument r must be of type regexp, got string");
}

TEST_CASE("regexp: replaceAllString") {
    CHECK(R(R"(regexp.replaceAllString(r: /a(x*)b/, v: "-ab-axxb-", t: "T"))") == R"("-T-T-")");
    CHECK(R(R"(regexp.replaceAllString(r: /a(x*)b/, v: "-ab-axxb-", t: "$1"))") == R"("--xx-")");
    CHECK(R(R"(regexp.replaceAllString(r: /a(x*)b/, v: "-ab-axxb-", t: "$1W"))") == R"("---")");
    CHECK(R(R"(regexp.replaceAllString(r: /a(x*)b/, v: "-ab-axxb-", t: "\${1}W"))") == R"("-W-xxW-")");
    CHECK(R(R"(regexp.replaceAllString(r: /(?P<first>\w+) (?P<last>\w+)/, v: "John Smith", t: "\${last} \${first}"))") ==
          R"("Smith John")");
    CHECK(R(R"(regexp.replaceAllString(r: /b/, v: "abc", t: "$$"))") == R"("a$c")");
    CHECK(R(R"(regexp.replaceAllString(r: /a*/, v: "baaac", t: "X"))") == R"("XbXcX")");
    CHECK(R(R"(regexp.replaceAllString(r: /smpl_/, v: "smpl_abc", t: ""))") == R"("abc")");
    CHECK(R(R"(regexp.replaceAllString(r: /é/, v: "café é", t: "e"))") == R"("cafe e")");
}

TEST_CASE("regexp: splitRegexp") {
    CHECK(R(R"(regexp.splitRegexp(r: /a*/, v: "abaabaccadaaae", i: -1))") ==
          R"(["", "b", "b", "c", "c", "d", "e"])");
    CHECK(R(R"(regexp.splitRegexp(r: /a*/, v: "abaabaccadaaae", i: 5))") ==
          R"(["", "b", "b", "c", "cadaaae"])");
    CHECK(R(R"(regexp.splitRegexp(r: /,/, v: "a,b,c", i: 0))") == "[]");
    CHECK(R(R"(regexp.splitRegexp(r: /,/, v: "", i: -1))") == R"([""])");
    CHECK(R(R"(regexp.splitRegexp(r: /\s*,\s*/, v: "a , b,c", i: -1))") == R"(["a", "b", "c"])");
}
