// `fluxi parse FILE [--json]`: prints the syntax tree of a Flux file (an indented tree, or JSON with
// --json), or its syntax errors (each with the source line and a caret) on stderr. Exit status 0
// when the file parses, 1 when it has syntax errors, 2 when it cannot be read.
#include <iostream>
#include <memory>

#include "ast/ast_json.h"
#include "cli/commands.h"
#include "cli/output.h"
#include "parser/parser.h"

namespace fluxi::cli {

namespace {

struct ParseOptions {
    std::string file;
    bool json = false;
};

int runParse(const ParseOptions& o) {
    std::string source, name;
    if (!readSource(o.file, source, name)) return 2;
    ParseResult r = parseFlux(source, name);
    if (!r.ok()) {
        for (const SyntaxError& e : r.errors) std::cerr << formatDiagnostic(name, r.file->source, e.loc, e.message);
        std::cerr << r.errors.size() << (r.errors.size() == 1 ? " syntax error\n" : " syntax errors\n");
        return 1;
    }
    std::cout << (o.json ? ast::toJson(*r.file) : ast::toText(*r.file));
    return 0;
}

}  // namespace

void registerParse(CLI::App& app, int& exitCode) {
    auto opts = std::make_shared<ParseOptions>();
    auto* cmd = app.add_subcommand("parse", "Parse a Flux file and print its syntax tree (or its syntax errors)");
    cmd->add_option("file", opts->file, "Flux source file ('-' for standard input)")->required();
    cmd->add_flag("--json", opts->json, "Print the tree as JSON");
    cmd->callback([opts, &exitCode] { exitCode = runParse(*opts); });
}

}  // namespace fluxi::cli
