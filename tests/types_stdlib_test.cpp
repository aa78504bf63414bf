// The type checker against the real standard library: every registered builtin and value has a
// type (declared, or inferred from fluxi's Flux source), the declaration files and package sources
// type-check, and no file of the conformance suite or of the project's examples is rejected (no
// false positives).
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "tests/support/conformance.h"
#include "eval/builtin.h"
#include "parser/parser.h"
#include "stdlib/declarations.h"
#include "types/declaration_parser.h"
#include "types/infer.h"

namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Type errors of one file, as FILE:LINE:COL: message lines.
std::string typeErrors(const fs::path& p) {
    fluxi::ParseResult r = fluxi::parseFlux(slurp(p), p.string());
    std::string out;
    for (const auto& e : r.errors) out += p.string() + ": syntax: " + e.message + "\n";
    if (!out.empty()) return out;
    fluxi::types::Checker checker;
    for (const auto& e : checker.check(*r.file))
        out += p.string() + ":" + std::to_string(e.loc.line) + ":" + std::to_string(e.loc.col) + ": " + e.message + "\n";
    return out;
}

}  // namespace

TEST_CASE("types: every registered builtin and value of the stdlib has a type") {
    fluxi::types::Checker checker;
    std::string missing;
    std::set<std::string> seen;
    auto need = [&](const std::string& pkg, const std::string& name) {
        if (!seen.insert(pkg + "." + name).second) return;
        if (checker.memberType(pkg, name).empty()) missing += pkg + "." + name + "\n";
    };
    for (const auto& b : fluxi::Registry::instance().builtins) need(b.package, b.name);
    for (const auto& v : fluxi::Registry::instance().values) need(v.package, v.name);
    CHECK(seen.size() > 300);
    // Infer every package's Flux sources too (they are otherwise inferred on first need).
    std::set<std::string> packages;
    for (const auto& r : fluxi::Registry::instance().sources) packages.insert(r.package);
    for (const std::string& pkg : packages) CHECK(checker.memberType(pkg, "no such member").empty());
    CHECK_MESSAGE(missing.empty(), "no type declared for:\n" << missing);
    std::string problems;
    for (const std::string& p : checker.packageProblems()) problems += p + "\n";
    CHECK_MESSAGE(problems.empty(), "declaration files / package sources:\n" << problems);
}

TEST_CASE("types: known types of stdlib members print in the reference's notation") {
    fluxi::types::Checker checker;
    CHECK(checker.memberType("strings", "toUpper") == "(v: string) => string");
    CHECK(checker.memberType("universe", "filter") ==
          "(<-tables: stream[A], fn: (r: A) => bool, ?onEmpty: string) => stream[A] where A: Record");
    // a member fluxi writes in Flux gets the type inferred from its source
    CHECK(checker.memberType("universe", "top").find("=> stream[") != std::string::npos);
    CHECK(checker.memberType("strings", "noSuchFunction").empty());
}

TEST_CASE("types: the conformance suite and the examples type-check (no false positives)" * doctest::test_suite("conformance")) {
    std::vector<fs::path> files;
    const fs::path conf = fluxi::testutil::conformanceDir();
    REQUIRE(fs::is_directory(conf));
    for (const fs::path& root : {conf, fs::path(FLUXI_SOURCE_DIR) / "examples", fs::path(FLUXI_SOURCE_DIR) / "tests"})
        for (const auto& e : fs::recursive_directory_iterator(root))
            if (e.is_regular_file() && e.path().extension() == ".flux") files.push_back(e.path());
    CHECK(files.size() > 200);
    std::string errors;
    for (const fs::path& f : files) errors += typeErrors(f);
    CHECK_MESSAGE(errors.empty(), errors);
}

TEST_CASE("types: the fast declaration reader agrees with the Flux parser on every declaration file") {
    size_t files = 0, decls = 0;
    for (const auto& d : fluxi::packageDeclarations()) {
        CAPTURE(std::string(d.file));
        std::vector<fluxi::types::Declaration> fast;
        REQUIRE(fluxi::types::readDeclarations(d.source, fast));
        fluxi::ParseResult r = fluxi::parseFlux(std::string(d.source), std::string(d.file));
        REQUIRE(r.ok());
        std::vector<const fluxi::ast::BuiltinStmt*> slow;
        for (const auto& st : r.file->body)
            if (st->kind == fluxi::ast::NodeKind::BuiltinStmt)
                slow.push_back(static_cast<const fluxi::ast::BuiltinStmt*>(st.get()));
        REQUIRE(fast.size() == slow.size());
        for (size_t i = 0; i < fast.size(); ++i) {
            CHECK(fast[i].name == slow[i]->id->name);
            // same type: both print the same scheme
            fluxi::types::Store store;
            fluxi::types::Scheme a, b;
            fluxi::types::TypeExprError ea, eb;
            REQUIRE(fluxi::types::schemeFromTypeExpr(store, *fast[i].type, 1, a, ea));
            REQUIRE(fluxi::types::schemeFromTypeExpr(store, *slow[i]->type, 1, b, eb));
            fluxi::types::Printer pa(store), pb(store);
            CHECK(pa.printScheme(a.type) == pb.printScheme(b.type));
            CHECK(fast[i].type->span.start.line == slow[i]->type->span.start.line);
            CHECK(fast[i].type->span.start.col == slow[i]->type->span.start.col);
            ++decls;
        }
        ++files;
    }
    CHECK(files > 25);
    CHECK(decls > 300);
    // not a plain declaration file: the reader gives up (the Flux parser is used instead)
    std::vector<fluxi::types::Declaration> out;
    CHECK_FALSE(fluxi::types::readDeclarations("package p\nx = 1\n", out));
    CHECK_FALSE(fluxi::types::readDeclarations("package p\nbuiltin f : (x: int => int\n", out));
}
