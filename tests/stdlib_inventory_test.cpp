// The inventory of the standard library in docs/STDLIB.md: for every package fluxi provides, the
// number of the reference's names that resolve when a script reads them against the reference's
// names for that package (the `builtin` declarations of its declaration file, which transcribe the
// reference's stdlib `.flux` declarations, plus the names the reference defines in Flux and fluxi
// defines in its Flux source). Every implemented name must also resolve at run time. The test fails
// when the table in docs/STDLIB.md differs from the one computed here, and prints the computed one.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "eval/builtin.h"
#include "api/engine.h"
#include "parser/parser.h"
#include "stdlib/declarations.h"

using namespace fluxi;

namespace {

struct Counts {
    std::set<std::string> implemented, reference;
};

std::map<std::string, Counts> inventory() {
    std::map<std::string, Counts> out;
    auto& reg = Registry::instance();
    for (const auto& b : reg.builtins)
        if (b.name[0] != '_') out[b.package].implemented.insert(b.name);
    for (const auto& v : reg.values)
        if (v.name[0] != '_') out[v.package].implemented.insert(v.name);
    for (const auto& s : reg.sources) {
        ParseResult r = parseFlux(s.source, std::string("<") + s.package + " source>");
        for (const auto& st : r.file->body) {
            std::string name;
            const ast::Stmt* assign = st.get();
            if (st->kind == ast::NodeKind::OptionStmt)  // `option name = ...` defines a package option
                assign = static_cast<const ast::OptionStmt*>(st.get())->assignment.get();
            if (assign && assign->kind == ast::NodeKind::VariableAssignment)
                name = static_cast<const ast::VariableAssignment*>(assign)->id->name;
            if (name.empty() || name[0] == '_') continue;
            out[s.package].implemented.insert(name);
            out[s.package].reference.insert(name);
        }
    }
    for (const auto& pd : packageDeclarations()) {
        ParseResult r = parseFlux(std::string(pd.source), std::string(pd.file));
        for (const auto& st : r.file->body)
            if (st->kind == ast::NodeKind::BuiltinStmt)
                out[std::string(pd.importPath)].reference.insert(static_cast<const ast::BuiltinStmt*>(st.get())->id->name);
    }
    return out;
}

// Whether `pkg.name` resolves when a script reads it.
bool resolves(const std::string& pkg, const std::string& name) {
    std::string src = pkg == "universe" ? name : "import p \"" + pkg + "\"\np." + name;
    Engine e;
    RunResult r = e.run(src, "inventory.flux");
    return r.ok || (r.error.find("not found") == std::string::npos && r.error.find("has no member") == std::string::npos &&
                    r.error.find("undefined") == std::string::npos);
}

std::string table(const std::map<std::string, Counts>& inv) {
    std::string s = "| package | implemented / reference |\n| --- | --- |\n";
    for (const auto& [pkg, c] : inv) {
        size_t implemented = 0;
        for (const auto& n : c.reference) implemented += c.implemented.count(n) || resolves(pkg, n);
        s += "| `" + pkg + "` | " + std::to_string(implemented) + " / " + std::to_string(c.reference.size()) + " |\n";
    }
    return s;
}

}  // namespace

TEST_CASE("inventory: every name a package declares resolves at run time") {
    std::string missing;
    for (const auto& [pkg, c] : inventory())
        for (const auto& name : c.reference)
            if (!resolves(pkg, name)) missing += pkg + "." + name + "\n";
    INFO(missing);
    CHECK(missing.empty());
}

TEST_CASE("inventory: docs/STDLIB.md holds the current per-package counts") {
    std::ifstream in(std::filesystem::path(FLUXI_SOURCE_DIR) / "docs" / "STDLIB.md");
    REQUIRE(in.good());
    std::stringstream ss;
    ss << in.rdbuf();
    std::string doc = ss.str();
    const std::string begin = "<!-- inventory:begin -->\n", end = "<!-- inventory:end -->";
    auto b = doc.find(begin), e = doc.find(end);
    REQUIRE(b != std::string::npos);
    REQUIRE(e != std::string::npos);
    std::string inDoc = doc.substr(b + begin.size(), e - b - begin.size());
    std::string computed = table(inventory());
    INFO("the table docs/STDLIB.md should hold:\n" << computed);
    CHECK(inDoc == computed);
}
