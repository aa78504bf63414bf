// The embedded package declaration files (stdlib/<import path>/<last segment>.flux): each parses
// without syntax errors, names its package after the last segment of its folder, and holds nothing
// but `builtin` statements, each name declared once.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "parser/parser.h"
#include "stdlib/declarations.h"

using namespace fluxi;

TEST_CASE("declarations: the files are embedded and found by import path") {
    const auto& all = packageDeclarations();
    REQUIRE(!all.empty());
    const PackageDeclarations* s = findPackageDeclarations("strings");
    REQUIRE(s != nullptr);
    CHECK(s->file == "stdlib/strings/strings.flux");
    CHECK(s->source.find("builtin toUpper : (v: string) => string") != std::string_view::npos);
    CHECK(findPackageDeclarations("universe") != nullptr);
    CHECK(findPackageDeclarations("math") != nullptr);
    CHECK(findPackageDeclarations("no/such/package") == nullptr);
    CHECK(findPackageDeclarations("") == nullptr);
}

TEST_CASE("declarations: every file parses and declares only builtins of its package") {
    std::string problems;
    for (const auto& d : packageDeclarations()) {
        std::string file(d.file);
        ParseResult r = parseFlux(std::string(d.source), file);
        for (const auto& e : r.errors)
            problems += file + ":" + std::to_string(e.loc.line) + ":" + std::to_string(e.loc.col) + ": " +
                        e.message + "\n";
        std::string_view path = d.importPath;
        std::string last(path.substr(path.rfind('/') == std::string_view::npos ? 0 : path.rfind('/') + 1));
        if (!r.file->package)
            problems += file + ": no package clause (expected `package " + last + "`)\n";
        else if (r.file->package->name != last)
            problems += file + ": package " + r.file->package->name + ", expected " + last + "\n";
        if (!r.file->imports.empty()) problems += file + ": declaration files import nothing\n";
        std::set<std::string> seen;
        for (const auto& st : r.file->body) {
            auto pos = file + ":" + std::to_string(st->span.start.line) + ":" + std::to_string(st->span.start.col);
            if (st->kind != ast::NodeKind::BuiltinStmt) {
                problems += pos + ": only `builtin NAME : TYPE` statements belong here\n";
                continue;
            }
            const auto* b = static_cast<const ast::BuiltinStmt*>(st.get());
            if (!b->type) problems += pos + ": builtin " + b->id->name + " has no type\n";
            if (!seen.insert(b->id->name).second) problems += pos + ": " + b->id->name + " declared twice\n";
        }
        if (seen.empty()) problems += file + ": declares no builtin\n";
    }
    CHECK_MESSAGE(problems.empty(), problems);
}
