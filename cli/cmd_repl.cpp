// `fluxi repl`: an interactive session. Line editing and history come from libedit; input continues
// over several lines while brackets are open (or the line ends with `|>`); definitions persist
// between inputs; errors are printed and the session goes on. `:help`, `:quit`, Ctrl-D.
#include <editline/readline.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "cli/output.h"
#include "eval/value_text.h"
#include "eval/interpreter.h"
#include "eval/stream.h"
#include "parser/parser.h"
#include "types/infer.h"

namespace fluxi::cli {

namespace {

// Bracket depth of `text`, ignoring brackets inside strings, regexes are rare enough to ignore,
// and `//` comments.
int openBrackets(const std::string& text) {
    int depth = 0;
    bool inString = false;
    for (size_t i = 0; i < text.size(); i++) {
        char c = text[i];
        if (inString) {
            if (c == '\\') i++;
            else if (c == '"') inString = false;
            continue;
        }
        if (c == '"') inString = true;
        else if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') {
            while (i < text.size() && text[i] != '\n') i++;
        } else if (c == '(' || c == '[' || c == '{') depth++;
        else if (c == ')' || c == ']' || c == '}') depth--;
    }
    return depth;
}

bool needsMore(const std::string& text) {
    if (openBrackets(text) > 0) return true;
    size_t end = text.find_last_not_of(" \t\r\n");
    if (end == std::string::npos) return false;
    std::string tail = text.substr(0, end + 1);
    for (const char* op : {"|>", "=>", "+", "-", "*", "/", "and", "or", "=", ","})
        if (tail.size() >= std::strlen(op) && tail.compare(tail.size() - std::strlen(op), std::strlen(op), op) == 0)
            return true;
    return false;
}

const char* kHelp =
    "Enter Flux statements or expressions; the value of each expression is printed.\n"
    "Input continues on the next line while brackets are open or a line ends with an operator.\n"
    "Definitions and imports persist for the session.\n"
    "  :type EXPR   the inferred type of an expression\n"
    "  :help   this text\n"
    "  :quit   leave (Ctrl-D too)\n";

class Repl {
public:
    explicit Repl(bool interactive) : interactive_(interactive), interp_(exec_) {
        module_ = interp_.newModule("<repl>");
        if (interactive_) {
            const char* home = std::getenv("HOME");
            if (home) historyFile_ = std::string(home) + "/.fluxi_history";
            using_history();
            if (!historyFile_.empty()) read_history(historyFile_.c_str());
        }
    }
    ~Repl() {
        if (interactive_ && !historyFile_.empty()) write_history(historyFile_.c_str());
    }

    int run() {
        if (interactive_) std::cout << "fluxi " << FLUXI_VERSION << " - type :help for help, :quit to leave\n";
        std::string pending;
        for (;;) {
            std::string line;
            if (!readLine(pending.empty() ? "> " : "| ", line)) break;
            if (pending.empty()) {
                std::string trimmed = line.substr(0, line.find_last_not_of(" \t\r") + 1);
                trimmed.erase(0, trimmed.find_first_not_of(" \t"));
                if (trimmed == ":quit" || trimmed == ":q" || trimmed == ":exit") break;
                if (trimmed == ":help" || trimmed == ":h") {
                    std::cout << kHelp;
                    continue;
                }
                if (trimmed.rfind(":type ", 0) == 0 || trimmed.rfind(":t ", 0) == 0) {
                    showType(trimmed.substr(trimmed.find(' ') + 1));
                    continue;
                }
                if (!trimmed.empty() && trimmed[0] == ':') {
                    std::cout << "unknown command " << trimmed << " (try :help)\n";
                    continue;
                }
                if (trimmed.empty()) continue;
            }
            pending += line + "\n";
            if (needsMore(pending)) continue;
            if (interactive_) add_history(pending.substr(0, pending.size() - 1).c_str());
            evaluate(pending);
            pending.clear();
        }
        if (!pending.empty()) evaluate(pending);
        if (interactive_) std::cout << "\n";
        return 0;
    }

private:
    bool readLine(const char* prompt, std::string& out) {
        if (interactive_) {
            char* l = readline(prompt);
            if (!l) return false;
            out = l;
            std::free(l);
            return true;
        }
        return static_cast<bool>(std::getline(std::cin, out));
    }

    void evaluate(const std::string& source) {
        std::string name = "<repl:" + std::to_string(++inputNo_) + ">";
        ParseResult p = parseFlux(source, name);
        if (!p.ok()) {
            for (auto& e : p.errors) std::cout << formatDiagnostic(name, source, e.loc, e.message);
            std::cout.flush();
            return;
        }
        std::shared_ptr<ast::File> file(std::move(p.file));
        // An entry that does not type-check is not run.
        std::vector<types::TypeError> typeErrors = checker_.check(*file);
        if (!typeErrors.empty()) {
            for (auto& e : typeErrors) std::cout << formatDiagnostic(name, source, e.loc, e.message);
            std::cout.flush();
            return;
        }
        exec_.results.clear();
        try {
            auto values = interp_.evalFile(file, module_);
            for (auto& v : values)
                if (!v.is(Kind::Stream)) std::cout << formatValue(v) << "\n";
            if (!exec_.results.empty()) {
                std::vector<NamedResult> drained;
                for (auto& r : exec_.results)
                    drained.push_back({r.name, makeMaterializedStream(collect(*r.stream), r.stream->origin)});
                writeResults(drained, OutputFormat::Table, std::cout);
            }
        } catch (const FluxError& e) {
            std::cout << e.format(e.file() == name ? &source : nullptr);
        } catch (const std::exception& e) {
            std::cout << "error: " << e.what() << "\n";
        }
        std::cout.flush();
    }

    // `:type EXPR`: prints the type scheme of the expression in the session's scope.
    void showType(const std::string& text) {
        std::string name = "<repl:" + std::to_string(++inputNo_) + ">";
        ParseResult p = parseFlux(text, name);
        if (p.ok() && (p.file->body.size() != 1 || p.file->body[0]->kind != ast::NodeKind::ExpressionStmt))
            p.errors.push_back({{1, 1}, "expected one expression after :type"});
        if (!p.ok()) {
            for (auto& e : p.errors) std::cout << formatDiagnostic(name, text, e.loc, e.message);
            std::cout.flush();
            return;
        }
        std::vector<types::TypeError> errors;
        std::string type =
            checker_.typeOf(*static_cast<const ast::ExpressionStmt&>(*p.file->body[0]).expression, errors);
        if (errors.empty()) std::cout << type << "\n";
        for (auto& e : errors) std::cout << formatDiagnostic(name, text, e.loc, e.message);
        std::cout.flush();
    }

    bool interactive_;
    types::Checker checker_;
    Execution exec_;
    Interpreter interp_;
    std::shared_ptr<Module> module_;
    std::string historyFile_;
    int inputNo_ = 0;
};

}  // namespace

void registerRepl(CLI::App& app, int& exitCode) {
    auto* cmd = app.add_subcommand("repl", "Interactive Flux session (line editing, history, multi-line input)");
    cmd->callback([&exitCode] {
        Repl repl(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO));
        exitCode = repl.run();
    });
}

}  // namespace fluxi::cli
