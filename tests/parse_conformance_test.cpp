// Every file of the reference implementation's conformance suite (FLUXI_CONFORMANCE_DIR) must parse
// without a syntax error. Skipped with a message when the suite is not there.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "parser/parser.h"
#include "tests/support/conformance.h"

namespace fs = std::filesystem;

TEST_CASE("parse conformance: every conformance file parses" * doctest::test_suite("conformance")) {
    const fs::path dir = fluxi::testutil::conformanceDir();
    size_t files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file() || entry.path().extension() != ".flux") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string source = ss.str();
        const std::string name = fs::relative(entry.path(), dir).string();
        fluxi::ParseResult r = fluxi::parseFlux(source, name);
        std::string diagnostics;
        for (const auto& e : r.errors) diagnostics += fluxi::formatDiagnostic(name, source, e.loc, e.message);
        CHECK_MESSAGE(r.ok(), diagnostics);
        REQUIRE(r.file);
        CHECK_MESSAGE(!r.file->body.empty(), name);
        ++files;
    }
    CHECK(files > 100);
}
