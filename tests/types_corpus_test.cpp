// Runs the type checker corpus (tests/types/*.corpus): each case is a Flux program with either the
// `name : type` lines `fluxi check --types` prints for it, or the exact type errors (LINE:COL:
// message) it must be rejected with.
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "parser/parser.h"
#include "types/infer.h"

namespace {

struct Case {
    std::string name, source, mode;
    std::vector<std::string> expected;
    int line = 0;
};

std::vector<Case> readCorpus(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::vector<Case> cases;
    std::string line;
    int lineNo = 0;
    bool inExpected = false;
    while (std::getline(in, line)) {
        ++lineNo;
        if (line.rfind("=== ", 0) == 0) {
            cases.push_back({line.substr(4), "", "", {}, lineNo});
            inExpected = false;
        } else if (cases.empty()) {
            continue;  // header comments
        } else if (line == "--- types" || line == "--- error") {
            cases.back().mode = line.substr(4);
            inExpected = true;
        } else if (inExpected) {
            if (!line.empty()) cases.back().expected.push_back(line);
        } else {
            cases.back().source += line + "\n";
        }
    }
    return cases;
}

// The corpus declares what it uses in the programs themselves; the packages are a minimal
// universe and one small package (so the corpus does not change with the stdlib declarations).
fluxi::types::PackageProvider corpusPackages() {
    fluxi::types::PackageProvider p;
    p.declarations = [](const std::string& path, std::string& file, std::string& source) {
        file = path + ".flux";
        if (path == "universe") source = "package universe\nbuiltin true : bool\nbuiltin false : bool\n";
        else if (path == "fake") source = "package fake\nbuiltin level : int\nbuiltin name : string\n";
        else return false;
        return true;
    };
    return p;
}

// `stdlib`: check against the real standard library's declarations (files named *_stdlib.corpus).
std::vector<std::string> run(const Case& c, bool stdlib) {
    fluxi::ParseResult r = fluxi::parseFlux(c.source, c.name);
    std::vector<std::string> out;
    for (const auto& e : r.errors) out.push_back("syntax: " + std::to_string(e.loc.line) + ":" + std::to_string(e.loc.col) + ": " + e.message);
    if (!out.empty()) return out;
    fluxi::types::Checker checker = stdlib ? fluxi::types::Checker() : fluxi::types::Checker(corpusPackages());
    for (const auto& e : checker.check(*r.file))
        out.push_back(std::to_string(e.loc.line) + ":" + std::to_string(e.loc.col) + ": " + e.message);
    if (c.mode == "types" && out.empty())
        for (const auto& [n, t] : checker.bindingTypes()) out.push_back(n + " : " + t);
    return out;
}

}  // namespace

TEST_CASE("types: corpus of well-typed and ill-typed programs") {
    const std::filesystem::path dir = std::filesystem::path(FLUXI_SOURCE_DIR) / "tests" / "types";
    size_t total = 0, good = 0, bad = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.path().extension() != ".corpus") continue;
        for (const Case& c : readCorpus(entry.path())) {
            ++total;
            CAPTURE(entry.path().filename().string());
            CAPTURE(c.line);
            CAPTURE(c.name);
            REQUIRE((c.mode == "types" || c.mode == "error"));
            REQUIRE(!c.expected.empty());
            (c.mode == "types" ? good : bad)++;
            std::vector<std::string> got =
                run(c, entry.path().filename().string().find("_stdlib.corpus") != std::string::npos);
            std::string want, have;
            for (const auto& l : c.expected) want += l + "\n";
            for (const auto& l : got) have += l + "\n";
            if (have != want && std::getenv("FLUXI_CORPUS_DEBUG"))
                std::fprintf(stderr, "--- %s\n%s", c.name.c_str(), have.c_str());
            CHECK(have == want);
        }
    }
    MESSAGE(total << " corpus programs: " << good << " well-typed, " << bad << " ill-typed");
    CHECK(total >= 200);
}
