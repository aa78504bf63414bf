// `fluxi check FILE...`: parses every file and runs the registered check passes
// (cli/check_passes.h) on those that parse; prints every problem as FILE:LINE:COL: error: ... with
// the source line and a caret. Exit status 0 when all files are clean, 1 otherwise (2 when a file
// cannot be read).
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/check_passes.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "types/infer.h"

namespace fluxi::cli {

namespace {

struct NamedPass {
    std::string name;
    CheckPass run;
};

std::vector<NamedPass>& passes() {
    static std::vector<NamedPass> all;
    return all;
}

struct CheckOptions {
    std::vector<std::string> files;
    bool types = false;
};

// `--types`: after a clean check, `name : type` for each top-level binding of each file.
void printBindingTypes(const std::string& source, const std::string& name) {
    ParseResult r = parseFlux(source, name);
    types::Checker checker;
    checker.check(*r.file);
    for (const auto& [binding, type] : checker.bindingTypes()) std::cout << binding << " : " << type << "\n";
}

int runCheck(const CheckOptions& o) {
    size_t problems = 0, badFiles = 0;
    bool unreadable = false;
    for (const std::string& path : o.files) {
        std::string source, name;
        if (!readSource(path, source, name)) {
            unreadable = true;
            ++badFiles;
            continue;
        }
        std::vector<SyntaxError> diagnostics = checkSource(source, name);
        for (const SyntaxError& d : diagnostics) std::cerr << formatDiagnostic(name, source, d.loc, d.message);
        problems += diagnostics.size();
        if (!diagnostics.empty()) ++badFiles;
        else if (o.types) printBindingTypes(source, name);
    }
    if (problems == 0 && !unreadable && o.types) return 0;
    if (problems == 0 && !unreadable) {
        std::cout << "checked " << o.files.size() << (o.files.size() == 1 ? " file" : " files") << ": no errors\n";
        return 0;
    }
    if (problems > 0)
        std::cerr << problems << (problems == 1 ? " error" : " errors") << " in " << badFiles
                  << (badFiles == 1 ? " file\n" : " files\n");
    return unreadable && problems == 0 ? 2 : 1;
}

}  // namespace

void addCheckPass(std::string name, CheckPass pass) { passes().push_back({std::move(name), std::move(pass)}); }

std::vector<SyntaxError> checkSource(const std::string& source, const std::string& fileName) {
    ParseResult r = parseFlux(source, fileName);
    std::vector<SyntaxError> diagnostics = std::move(r.errors);
    if (!diagnostics.empty()) return diagnostics;  // semantic checks need a whole tree
    for (const NamedPass& pass : passes()) {
        try {
            pass.run(*r.file, diagnostics);
        } catch (const std::exception& e) {
            diagnostics.push_back({{1, 1}, "check '" + pass.name + "' failed: " + e.what()});
        }
    }
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const SyntaxError& a, const SyntaxError& b) {
        return a.loc.line != b.loc.line ? a.loc.line < b.loc.line : a.loc.col < b.loc.col;
    });
    return diagnostics;
}

void registerCheck(CLI::App& app, int& exitCode) {
    auto opts = std::make_shared<CheckOptions>();
    auto* cmd = app.add_subcommand("check", "Check Flux files statically: syntax, names, types and option task");
    cmd->add_option("files", opts->files, "Flux source files ('-' for standard input)")->required();
    cmd->add_flag("--types", opts->types,
                  "Print `name : type` for each top-level binding (type variables named A, B, C, ...)");
    cmd->callback([opts, &exitCode] { exitCode = runCheck(*opts); });
}

}  // namespace fluxi::cli
