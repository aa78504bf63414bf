// "A test for every function": fails when a public function of the standard library -- a registered
// builtin or a function fluxi defines in a package's Flux source -- is called by no test under
// tests/ (doctest sources and Flux files). A call is `name(` or `|> name(` for universe functions,
// and `ALIAS.name(` for a package function, where ALIAS is the package's last path segment or the
// alias a test file imports the package under. Names starting with `_` are private helpers.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "eval/builtin.h"
#include "parser/parser.h"

using namespace fluxi;

namespace {

struct TestFile {
    std::string path, text;
};

std::vector<TestFile> testFiles() {
    std::vector<TestFile> out;
    namespace fs = std::filesystem;
    fs::path root = fs::path(FLUXI_SOURCE_DIR) / "tests";
    for (const auto& e : fs::recursive_directory_iterator(root)) {
        if (!e.is_regular_file()) continue;
        auto ext = e.path().extension().string();
        if (ext != ".cpp" && ext != ".flux" && ext != ".h") continue;
        if (e.path().filename() == "stdlib_coverage_test.cpp") continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        out.push_back({e.path().string(), ss.str()});
    }
    return out;
}

bool isIdentChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Whether `text` calls `name` qualified by `qualifier` ("" = unqualified, as universe functions are).
bool callsIn(const std::string& text, const std::string& qualifier, const std::string& name) {
    std::string needle = (qualifier.empty() ? "" : qualifier + ".") + name;
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) {
        size_t end = at + needle.size();
        size_t p = end;
        while (p < text.size() && text[p] == ' ') p++;
        if (p >= text.size() || text[p] != '(') continue;
        if (at > 0) {
            char before = text[at - 1];
            // `\n` or `\t` of a C++ string literal ends the previous line or token.
            bool escape = at > 1 && text[at - 2] == '\\' && (before == 'n' || before == 't');
            if (isIdentChar(before) && !escape) continue;
            if (qualifier.empty() && before == '.') continue;  // some package's function of that name
        }
        return true;
    }
    return false;
}

// The aliases a file imports `pkg` under: `import "a/b"` gives "b", `import x "a/b"` gives "x".
std::vector<std::string> aliasesOf(const std::string& text, const std::string& pkg) {
    std::vector<std::string> out;
    std::string quoted = "\"" + pkg + "\"";
    for (size_t at = text.find(quoted); at != std::string::npos; at = text.find(quoted, at + 1)) {
        // The import may be written with escaped quotes inside a C++ string literal.
        size_t lineStart = text.rfind('\n', at);
        lineStart = lineStart == std::string::npos ? 0 : lineStart + 1;
        std::string before = text.substr(lineStart, at - lineStart);
        auto imp = before.rfind("import");
        if (imp == std::string::npos) continue;
        std::string between = before.substr(imp + 6);
        std::string alias;
        for (char c : between)
            if (isIdentChar(c)) alias += c;
        out.push_back(alias.empty() ? pkg.substr(pkg.rfind('/') + 1) : alias);
    }
    for (auto& q : {std::string("\\\"") + pkg + "\\\""}) {
        for (size_t at = text.find(q); at != std::string::npos; at = text.find(q, at + 1)) {
            size_t lineStart = text.rfind('\n', at);
            lineStart = lineStart == std::string::npos ? 0 : lineStart + 1;
            std::string before = text.substr(lineStart, at - lineStart);
            auto imp = before.rfind("import");
            if (imp == std::string::npos) continue;
            std::string alias;
            for (char c : before.substr(imp + 6))
                if (isIdentChar(c)) alias += c;
            out.push_back(alias.empty() ? pkg.substr(pkg.rfind('/') + 1) : alias);
        }
    }
    return out;
}

// Every public function: package -> names.
std::map<std::string, std::set<std::string>> publicFunctions() {
    std::map<std::string, std::set<std::string>> fns;
    auto& reg = Registry::instance();
    for (const auto& b : reg.builtins)
        if (b.name[0] != '_') fns[b.package].insert(b.name);
    for (const auto& s : reg.sources) {
        ParseResult r = parseFlux(s.source, std::string("<") + s.package + " source>");
        for (const auto& st : r.file->body) {
            if (st->kind != ast::NodeKind::VariableAssignment) continue;
            auto* va = static_cast<const ast::VariableAssignment*>(st.get());
            if (va->id->name[0] == '_' || !va->init || va->init->kind != ast::NodeKind::FunctionExpr) continue;
            fns[s.package].insert(va->id->name);
        }
    }
    return fns;
}

}  // namespace

TEST_CASE("coverage: every public stdlib function is called by some test") {
    auto files = testFiles();
    REQUIRE(files.size() > 20);
    std::vector<std::string> uncalled;
    size_t total = 0;
    for (const auto& [pkg, names] : publicFunctions()) {
        for (const auto& name : names) {
            total++;
            bool called = false;
            for (const auto& f : files) {
                if (pkg == "universe") {
                    called = callsIn(f.text, "", name) || callsIn(f.text, "universe", name);
                } else {
                    for (const auto& alias : aliasesOf(f.text, pkg))
                        if (callsIn(f.text, alias, name)) called = true;
                }
                if (called) break;
            }
            std::string full = pkg + "." + name;
            if (!called) uncalled.push_back(full);
        }
    }
    CHECK(total > 400);
    std::string message = std::to_string(uncalled.size()) + " of " + std::to_string(total) +
                          " public functions are called by no test:\n";
    for (const auto& u : uncalled) message += "  " + u + "\n";
    INFO(message);
    CHECK(uncalled.empty());
}
