// `fluxi repl [--data DIR] [--now TIME] [--timeout DUR] [--max-memory SIZE]`: an interactive session.
// Line editing and history come from libedit (~/.fluxi_history is written after every entry, so a
// killed session keeps its history); Tab completes names in scope, package paths after `import "`, and
// members after `pkg.`. Input continues over several lines while brackets are open (or the line ends
// with `|>`); a line starting with `|>` continues the previous expression (queries pasted from the docs); `@file.flux` loads a
// file into the session. Definitions persist between inputs; errors are printed with the source line
// of the entry they come from and the session goes on. Ctrl-C drops the input being typed; during a
// running entry it cancels the entry (through the run budget's cancellation flag, eval/limits.h) and
// the session goes on with its definitions; a second Ctrl-C before the entry has stopped leaves.
// Each entry runs under the --timeout / --max-memory limits. `:help`, `:quit`, Ctrl-D.
#include <editline/readline.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/limit_options.h"
#include "cli/output.h"
#include "eval/value_text.h"
#include "eval/interpreter.h"
#include "eval/limits.h"
#include "eval/stream.h"
#include "format/rfc3339.h"
#include "parser/parser.h"
#include "stdlib/declarations.h"
#include "store/data_dir.h"
#include "store/store.h"
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
    "Input continues on the next line while brackets are open or a line ends with an operator;\n"
    "a line starting with |> continues the previous expression.\n"
    "Definitions and imports persist for the session. Tab completes names, packages and members.\n"
    "  @FILE.flux   load a file into the session\n"
    "  :type EXPR   the inferred type of an expression\n"
    "  :help   this text\n"
    "  :quit   leave (Ctrl-D too)\n"
    "Ctrl-C drops the input being typed, or cancels the entry that is running.\n";

// Ctrl-C: counted by the handler, read by the loop. While an entry runs, the handler raises the
// entry's cancellation flag (an atomic store: safe in a signal handler); the run stops at its next
// limit check.
std::atomic<int> interrupts{0};
std::atomic<CancelFlag*> runningEntry{nullptr};

void onInterrupt(int) {
    int n = interrupts.fetch_add(1) + 1;
    CancelFlag* entry = runningEntry.load();
    if (entry == nullptr) return;
    if (n >= 2) {
        static const char msg[] = "\ninterrupted again: leaving fluxi\n";
        (void)!write(STDERR_FILENO, msg, sizeof msg - 1);
        _exit(130);
    }
    entry->cancel();
    static const char msg[] = "\n^C canceling the entry (Ctrl-C again leaves fluxi)\n";
    (void)!write(STDERR_FILENO, msg, sizeof msg - 1);
}

class Repl;
Repl* activeRepl = nullptr;
char** completeEntry(const char* text, int start, int end);

class Repl {
public:
    Repl(bool interactive, std::optional<int64_t> now, std::string dataDir, RunLimits limits)
        : interactive_(interactive), limits_(limits), interp_(exec_) {
        exec_.now = now;
        exec_.dataDir = std::move(dataDir);
        module_ = interp_.newModule("<repl>");
        if (interactive_) {
            const char* home = std::getenv("HOME");
            if (home) historyFile_ = std::string(home) + "/.fluxi_history";
            using_history();
            if (!historyFile_.empty()) read_history(historyFile_.c_str());
            activeRepl = this;
            rl_attempted_completion_function = completeEntry;
            // Break words at the usual places but not at '.' (members) or '/' (import paths).
            static char breaks[] = " \t\n\"\\'`@$><=;|&{(,[]):+-*%^!~";
            rl_completer_word_break_characters = breaks;
            struct sigaction sa {};
            sa.sa_handler = onInterrupt;
            sigemptyset(&sa.sa_mask);
            sa.sa_flags = 0;  // no SA_RESTART: readline returns at once
            sigaction(SIGINT, &sa, nullptr);
        }
    }
    ~Repl() {
        if (activeRepl == this) activeRepl = nullptr;
    }

    // Completion candidates for the word `text`; `line` is the input before it.
    std::vector<std::string> candidates(const std::string& line, const std::string& text) {
        std::set<std::string> out;
        auto add = [&](const std::string& name) {
            if (name.compare(0, text.size(), text) == 0) out.insert(name);
        };
        // After `import "`: package paths.
        size_t q = line.rfind('"');
        if (q != std::string::npos && std::count(line.begin(), line.end(), '"') % 2 == 1 &&
            line.find("import") != std::string::npos) {
            for (const auto& pkg : packageDeclarations())
                if (pkg.importPath != "universe") add(std::string(pkg.importPath));
            return {out.begin(), out.end()};
        }
        // After `pkg.`: the members of an imported package.
        size_t dot = text.rfind('.');
        if (dot != std::string::npos) {
            const std::string alias = text.substr(0, dot);
            auto it = imports_.find(alias);
            if (it != imports_.end()) {
                try {
                    Value pkg = interp_.importPackage(it->second, nullptr, nullptr);
                    if (pkg.is(Kind::Record))
                        for (const auto& field : pkg.asRecord().fields) add(alias + "." + field.first);
                } catch (const std::exception&) {
                }
            }
            return {out.begin(), out.end()};
        }
        for (size_t i = 0; i < module_->globalNames.size(); ++i)
            if (i < module_->defined.size() && module_->defined[i]) add(module_->globalNames[i]);
        for (const auto& [alias, path] : imports_) add(alias);
        for (const std::string& name : universeNames()) add(name);
        for (const char* kw : {"import", "option", "return", "if", "then", "else", "and", "or", "not", "exists"})
            add(kw);
        return {out.begin(), out.end()};
    }

    int run() {
        if (interactive_) std::cout << "fluxi " << FLUXI_VERSION << " - type :help for help, :quit to leave\n";
        std::string pending;
        for (;;) {
            std::string line;
            interrupts.store(0);
            if (!readLine(pending.empty() ? "> " : "| ", line)) {
                if (interrupts.load() > 0) {
                    // Ctrl-C: drop what was typed, keep the session.
                    std::cout << "^C\n";
                    std::cout.flush();
                    pending.clear();
                    continue;
                }
                break;
            }
            if (pending.empty()) {
                std::string lead = line.substr(std::min(line.size(), line.find_first_not_of(" \t")));
                // A pasted query whose next line starts with `|>` continues the previous entry's
                // expression: `> from(...)` then `> |> range(...)`.
                if (lead.rfind("|>", 0) == 0 && !lastExpressionEntry_.empty()) {
                    pending = lastExpressionEntry_;
                    lastExpressionEntry_.clear();
                }
            }
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
                if (!trimmed.empty() && trimmed[0] == '@') {
                    if (interactive_) addHistory(trimmed);
                    loadFile(trimmed.substr(1));
                    continue;
                }
                if (!trimmed.empty() && trimmed[0] == ':') {
                    std::cout << "unknown command " << trimmed << " (try :help)\n";
                    continue;
                }
                if (trimmed.empty()) continue;
            }
            pending += line + "\n";
            if (needsMore(pending) || (!interactive_ && nextLineContinues())) continue;
            if (interactive_) addHistory(pending.substr(0, pending.size() - 1));
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
        if (!lookahead_.empty()) {
            out = lookahead_.front();
            lookahead_.erase(lookahead_.begin());
            return true;
        }
        return static_cast<bool>(std::getline(std::cin, out));
    }

    // Piped input: whether the next line starts with `|>` (and so continues this entry).
    bool nextLineContinues() {
        if (lookahead_.empty()) {
            std::string next;
            if (!std::getline(std::cin, next)) return false;
            lookahead_.push_back(next);
        }
        const std::string& next = lookahead_.front();
        size_t first = next.find_first_not_of(" \t");
        return first != std::string::npos && next.compare(first, 2, "|>") == 0;
    }

    // Appends the entry to the history and to the history file at once.
    void addHistory(const std::string& entry) {
        add_history(entry.c_str());
        if (historyFile_.empty()) return;
        // The whole (bounded) history is rewritten: libedit's append_history writes entries twice.
        write_history(historyFile_.c_str());
    }

    // `@file.flux`: runs the file's statements in the session, as if typed.
    void loadFile(std::string path) {
        path.erase(0, path.find_first_not_of(" \t"));
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::cout << "cannot read " << path << ": " << std::strerror(errno) << "\n";
            return;
        }
        std::stringstream ss;
        ss << in.rdbuf();
        evaluate(ss.str(), path);
    }

    static std::vector<std::string> universeNames() {
        static const std::vector<std::string> names = [] {
            std::vector<std::string> out;
            if (const PackageDeclarations* u = findPackageDeclarations("universe")) {
                std::string_view src = u->source;
                size_t pos = 0;
                while ((pos = src.find("builtin ", pos)) != std::string_view::npos) {
                    pos += 8;
                    size_t end = pos;
                    while (end < src.size() && (std::isalnum(static_cast<unsigned char>(src[end])) || src[end] == '_'))
                        ++end;
                    if (end > pos) out.emplace_back(src.substr(pos, end - pos));
                }
            }
            return out;
        }();
        return names;
    }

    void evaluate(const std::string& source, std::string name = "") {
        if (name.empty()) name = "<repl:" + std::to_string(++inputNo_) + ">";
        sources_[name] = source;
        ParseResult p = parseFlux(source, name);
        if (!p.ok()) {
            for (auto& e : p.errors) std::cout << formatDiagnostic(name, source, e.loc, e.message);
            std::cout.flush();
            return;
        }
        std::shared_ptr<ast::File> file(std::move(p.file));
        // Remember an entry that is one expression: a following `|>` line continues it.
        if (file->body.size() == 1 && file->body[0]->kind == ast::NodeKind::ExpressionStmt)
            lastExpressionEntry_ = source;
        else
            lastExpressionEntry_.clear();
        for (const ast::ImportDecl& imp : file->imports) {
            std::string alias = imp.alias;
            if (alias.empty()) alias = imp.path.substr(imp.path.rfind('/') + 1);
            imports_[alias] = imp.path;
        }
        // An entry that does not type-check is not run.
        std::vector<types::TypeError> typeErrors = checker_.check(*file);
        if (!typeErrors.empty()) {
            for (auto& e : typeErrors) std::cout << formatDiagnostic(name, source, e.loc, e.message);
            std::cout.flush();
            return;
        }
        exec_.results.clear();
        exec_.writes.reset();
        // The entry runs (and its results are drained) under its own budget and cancellation flag.
        auto cancel = std::make_shared<CancelFlag>();
        limits::RunScope limitScope(make<RunBudget>(limits_, cancel));
        interrupts.store(0);
        runningEntry.store(cancel.get());
        struct Done {
            ~Done() { runningEntry.store(nullptr); }
        } done;
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
            // The entry succeeded: apply what to() staged.
            if (exec_.writes && !exec_.writes->empty()) {
                if (!exec_.store) exec_.store = store::Store::open(store::resolveDataDir(exec_.dataDir));
                exec_.store->apply(*exec_.writes, interp_.now());
                exec_.writes.reset();
            }
        } catch (const FluxError& e) {
            // The error may sit in a function defined by an earlier entry: show that entry's line.
            auto it = sources_.find(e.file());
            std::cout << e.format(it != sources_.end() ? &it->second : nullptr);
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
    RunLimits limits_;
    std::vector<std::string> lookahead_;
    std::string lastExpressionEntry_;
    std::map<std::string, std::string> sources_;  // entry name -> its source
    std::map<std::string, std::string> imports_;  // alias -> import path
    types::Checker checker_;
    Execution exec_;
    Interpreter interp_;
    std::shared_ptr<Module> module_;
    std::string historyFile_;
    int inputNo_ = 0;
};

std::vector<std::string> completionList;

char* nextCompletion(const char*, int state) {
    static size_t index = 0;
    if (state == 0) index = 0;
    if (index >= completionList.size()) return nullptr;
    return strdup(completionList[index++].c_str());
}

char** completeEntry(const char* text, int start, int) {
    if (activeRepl == nullptr) return nullptr;
    std::string line(rl_line_buffer, static_cast<size_t>(std::max(0, start)));
    completionList = activeRepl->candidates(line, text);
    // An import path is closed with its quote; a name or member is left open for `(` or `.`.
    const bool importPath = std::count(line.begin(), line.end(), '"') % 2 == 1;
    rl_completion_append_character = importPath ? '"' : '\0';
    if (completionList.empty()) return nullptr;
    return rl_completion_matches(text, nextCompletion);
}

struct ReplOptions {
    std::string now;
    std::string dataDir;
    LimitOptions limits;
};

}  // namespace

void registerRepl(CLI::App& app, int& exitCode) {
    auto opts = std::make_shared<ReplOptions>();
    auto* cmd = app.add_subcommand("repl", "Interactive Flux session (line editing, history, completion)");
    cmd->add_option("--now", opts->now, "Fix now() to this RFC3339 time");
    cmd->add_option("--data", opts->dataDir, "Data folder of the embedded store (default $FLUXI_DATA or ./fluxi-data)");
    addLimitOptions(cmd, opts->limits, "none, per entry");
    cmd->callback([opts, &exitCode] {
        RunLimits limits;
        if (!resolveLimits(opts->limits, "repl", "none", limits)) {
            exitCode = 2;
            return;
        }
        std::optional<int64_t> now;
        if (!opts->now.empty()) {
            int64_t t = 0;
            std::string error;
            if (!rfc3339::parse(opts->now, t, &error)) {
                std::cerr << "fluxi repl: --now " << opts->now << " is not an RFC3339 time (e.g. 2024-01-01T00:00:00Z): "
                          << error << "\n";
                exitCode = 2;
                return;
            }
            now = t;
        }
        Repl repl(isatty(STDIN_FILENO) && isatty(STDOUT_FILENO), now, opts->dataDir, limits);
        exitCode = repl.run();
    });
}

}  // namespace fluxi::cli
