// Robustness of the parser: randomly mutated conformance files and random token soup must never
// crash or hang the parser, and every error it reports must have a position inside the input.
// The mutations are seeded, so a failure can be reproduced.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "ast/ast_json.h"
#include "parser/parser.h"
#include "tests/support/conformance.h"

namespace fs = std::filesystem;

namespace {

void checkResult(const std::string& source, const fluxi::ParseResult& r) {
    REQUIRE(r.file);
    const uint32_t lines = 1 + static_cast<uint32_t>(std::count(source.begin(), source.end(), '\n'));
    for (const auto& e : r.errors) {
        CHECK(e.loc.line >= 1);
        CHECK(e.loc.line <= lines);
        CHECK(e.loc.col >= 1);
        CHECK(!e.message.empty());
        // Formatting a diagnostic works for any reported position.
        CHECK(!fluxi::formatDiagnostic("f.flux", source, e.loc, e.message).empty());
    }
    // Dumping whatever tree was built must work too.
    CHECK(!fluxi::ast::toJson(*r.file).empty());
    CHECK(!fluxi::ast::toText(*r.file).empty());
}

std::string mutate(std::string s, std::mt19937& rng) {
    static const std::string pieces[] = {"(", ")", "{", "}", "[", "]", "\"", "${", "/", "\\", ",", ":", "=",
                                         "|>", "<-", "=>", "-", "+", ".", "@", "#", "\n", " ", "0", "a",
                                         "if", "then", "else", "not", "exists", "and", "or", "return",
                                         "option", "import", "package", "testcase", "builtin", "1h", "2020-01-01",
                                         "\xC2\xB5", "\xff", "//", "\"${\"", "}\""};
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int i = 0; i < edits && !s.empty(); ++i) {
        size_t pos = rng() % s.size();
        switch (rng() % 5) {
            case 0:  // delete a span
                s.erase(pos, 1 + rng() % 12);
                break;
            case 1:  // insert a piece
                s.insert(pos, pieces[rng() % (sizeof pieces / sizeof pieces[0])]);
                break;
            case 2:  // duplicate a span
                s.insert(pos, s.substr(rng() % s.size(), 1 + rng() % 30));
                break;
            case 3:  // cut the file
                s.resize(pos);
                break;
            default:  // replace a byte
                s[pos] = static_cast<char>(rng() % 256);
                break;
        }
    }
    return s;
}

}  // namespace

TEST_CASE("parse fuzz: mutated conformance files never crash the parser" * doctest::test_suite("conformance")) {
    const fs::path dir = fluxi::testutil::conformanceDir();
    std::vector<std::string> sources;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".flux") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        sources.push_back(ss.str());
    }
    std::sort(sources.begin(), sources.end());
    std::mt19937 rng(20261121);
    size_t withErrors = 0;
    const size_t rounds = 600;
    for (size_t i = 0; i < rounds && !sources.empty(); ++i) {
        // Small files and the first part of big ones keep the test quick.
        std::string base = sources[rng() % sources.size()];
        if (base.size() > 6000) base.resize(6000);
        const std::string mutated = mutate(base, rng);
        INFO("round " << i);
        fluxi::ParseResult r = fluxi::parseFlux(mutated, "fuzz.flux");
        checkResult(mutated, r);
        if (!r.ok()) ++withErrors;
    }
    CHECK(withErrors > rounds / 2);  // the mutations do break most files
}

TEST_CASE("parse fuzz: random token soup never crashes the parser") {
    static const char* tokens[] = {"a", "b", "1", "2.5", "1h", "\"s\"", "\"${", "}", "{", "(", ")", "[", "]", ",",
                                   ":", "=", "==", "+", "-", "*", "/", "^", "|>", "<-", "=>", ".", "if", "then",
                                   "else", "not", "exists", "and", "or", "return", "option", "builtin",
                                   "testcase", "extends", "with", "where", "import", "package", "@x", "\n",
                                   "/re/", "?", "2020-01-01T00:00:00Z", "\"", "\\", "$", "[:]"};
    std::mt19937 rng(7);
    for (int round = 0; round < 1500; ++round) {
        std::string src;
        const int n = 1 + static_cast<int>(rng() % 40);
        for (int i = 0; i < n; ++i) {
            src += tokens[rng() % (sizeof tokens / sizeof tokens[0])];
            src += ' ';
        }
        INFO(src);
        checkResult(src, fluxi::parseFlux(src, "soup.flux"));
    }
}
