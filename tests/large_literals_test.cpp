// Scripts with very large literals -- records with 200k keys, functions with 100k parameters called
// with 100k arguments, dictionaries with 100k entries -- are parsed, type-checked and evaluated
// (each step used to be quadratic in the size: tens of seconds), with the usual errors. The times
// are in bench/RESULTS.md (parse_scaling_bench, `fluxi run` figures); these tests check results only.
#include <doctest/doctest.h>

#include <string>

#include "fluxi/fluxi.h"

namespace {

fluxi::RunResult runChecked(const std::string& src) {
    fluxi::Engine engine;
    engine.setNow("2024-01-01T00:00:00Z");
    engine.setTypeCheck(true);
    return engine.run(src, "big.flux");
}

std::string lastValue(const fluxi::RunResult& r) {
    REQUIRE_MESSAGE(r.ok, r.error);
    REQUIRE(!r.values.empty());
    return fluxi::formatValue(r.values.back());
}

// "{k0: 0, k1: 1, ...}" with n keys.
std::string recordLiteral(int n) {
    std::string s = "{";
    for (int i = 0; i < n; i++) s += (i ? ", k" : "k") + std::to_string(i) + ": " + std::to_string(i);
    return s + "}";
}

}  // namespace

TEST_CASE("large literals: a record with 200k keys") {
    const std::string rec = recordLiteral(200000);
    CHECK(lastValue(runChecked("r = " + rec + "\nr.k199999 + r.k0")) == "199999");
    // `with` over a large record replaces and adds keys
    CHECK(lastValue(runChecked("r = " + rec + "\ns = {r with k150000: -1, extra: 7}\n[s.k150000, s.extra, s.k3]")) ==
          "[-1, 7, 3]");
    // a duplicate key is still found, at its position
    fluxi::RunResult dup = runChecked("r = " + rec.substr(0, rec.size() - 1) + ", k123456: 1}\nr.k1");
    REQUIRE_FALSE(dup.ok);
    CHECK(dup.error.find("duplicate record key k123456") != std::string::npos);
    CHECK(dup.error.find("big.flux:1:") == 0);
}

TEST_CASE("large literals: a function with 100k parameters called with 100k arguments") {
    const int n = 100000;
    std::string params, args;
    for (int i = 0; i < n; i++) {
        params += (i ? ", p" : "p") + std::to_string(i);
        args += (i ? ", p" : "p") + std::to_string(i) + ": " + std::to_string(i);
    }
    const std::string f = "f = (" + params + ") => p0 + p99999 + p50000\n";
    CHECK(lastValue(runChecked(f + "f(" + args + ")")) == "149999");
    // arguments in reverse order
    std::string reversed;
    for (int i = n; i-- > 0;) reversed += (i == n - 1 ? "p" : ", p") + std::to_string(i) + ": " + std::to_string(i);
    CHECK(lastValue(runChecked(f + "f(" + reversed + ")")) == "149999");
    // an unknown argument is an error
    fluxi::RunResult bad = runChecked(f + "f(" + args + ", q: 1)");
    REQUIRE_FALSE(bad.ok);
    CHECK(bad.error.find("unexpected argument q") != std::string::npos);
}

TEST_CASE("large literals: a dictionary with 100k entries in descending order") {
    std::string d = "[";
    for (int i = 100000; i-- > 0;) d += (i == 99999 ? "" : ", ") + std::to_string(i) + ": " + std::to_string(2 * i);
    d += "]";
    CHECK(lastValue(runChecked("import \"dict\"\nd = " + d + "\ndict.get(dict: d, key: 77777, default: -1)")) ==
          "155554");
    // entries are kept sorted by key, and of equal keys the last one wins
    CHECK(lastValue(runChecked("[3: \"c\", 1: \"a\", 2: \"b\", 1: \"z\"]")) == "[1: \"z\", 2: \"b\", 3: \"c\"]");
    fluxi::RunResult mixed = runChecked("[1: 1, \"a\": 2]");
    REQUIRE_FALSE(mixed.ok);
}
