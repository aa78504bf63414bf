// The Flux test runner (see test_runner.h). Each testcase runs in a forked child: a crash, a runaway
// computation or a leaked option can never affect another test, and the time limit is enforced by
// killing the child. The child evaluates the file's top-level statements followed by the testcase
// body, drains every result and every testing.diff output, and reports one verdict through a pipe.
#include "testrunner/test_runner.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <re2/re2.h>
#include <sstream>

#include "eval/kernels/table_ops.h"
#include "eval/value_text.h"
#include "eval/interpreter.h"
#include "eval/limits.h"
#include "eval/stream.h"
#include "parser/parser.h"
#include "types/check.h"

namespace fluxi::runner {

namespace fs = std::filesystem;

namespace {
// file path -> path relative to the folder argument it was found under
std::map<std::string, std::string>& relativeNames() {
    static std::map<std::string, std::string> m;
    return m;
}
std::string relativeName(const std::string& path) {
    auto it = relativeNames().find(path);
    return it == relativeNames().end() ? fs::path(path).filename().string() : it->second;
}
}  // namespace

std::vector<std::string> findTestFiles(const std::vector<std::string>& paths, std::vector<std::string>& missing) {
    std::vector<std::string> out;
    auto isTest = [](const fs::path& p) {
        const std::string n = p.filename().string();
        return n.size() > 10 && n.compare(n.size() - 10, 10, "_test.flux") == 0;
    };
    for (auto& p : paths) {
        std::error_code ec;
        if (fs::is_directory(p, ec)) {
            for (auto it = fs::recursive_directory_iterator(p, ec); it != fs::recursive_directory_iterator();
                 it.increment(ec)) {
                if (ec) break;
                if (it->is_regular_file() && isTest(it->path())) {
                    out.push_back(it->path().string());
                    relativeNames()[it->path().string()] = fs::relative(it->path(), p, ec).string();
                }
            }
        } else if (fs::is_regular_file(p, ec)) {
            out.push_back(p);
        } else {
            missing.push_back(p);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

std::string testId(const TestOutcome& t) { return (t.relFile.empty() ? t.file : t.relFile) + "::" + t.name; }

namespace {

struct ParsedFile {
    std::string path;
    std::shared_ptr<ast::File> ast;
    std::string parseErrors;
};

// Does the testcase set `option testing.tags` to a list containing "skip"?
bool taggedSkip(const ast::Block& body) {
    for (auto& st : body.body) {
        if (st->kind != ast::NodeKind::OptionStmt) continue;
        auto* o = static_cast<const ast::OptionStmt*>(st.get());
        if (o->assignment->kind != ast::NodeKind::MemberAssignment) continue;
        auto* ma = static_cast<const ast::MemberAssignment*>(o->assignment.get());
        if (ma->member->property != "tags" || ma->init->kind != ast::NodeKind::ArrayExpr) continue;
        for (auto& e : static_cast<const ast::ArrayExpr*>(ma->init.get())->elements)
            if (e->kind == ast::NodeKind::StringLit && static_cast<const ast::StringLit*>(e.get())->isPlain() &&
                static_cast<const ast::StringLit*>(e.get())->plainText() == "skip")
                return true;
    }
    return false;
}

// The first rows of the failing checks, as text.
// The rows of testing.diff's output, table by table, each under a line with its group key and column
// types (so that an int 1 and a float 1.0, or two group keys, can be told apart).
std::string describeDiff(const std::vector<TablePtr>& tables) {
    std::ostringstream out;
    size_t shown = 0;
    for (auto& t : tables) {
        if (t->nrows == 0 || shown >= 10) continue;
        out << "  table " << tableops::describeKey(t->key) << ":";
        for (size_t c = 0; c < t->numColumns(); c++)
            out << (c ? ", " : " ") << t->meta[c].name << ":" << colTypeName(t->meta[c].type);
        out << "\n";
        for (size_t r = 0; r < t->nrows && shown < 10; r++, shown++) {
            out << "    ";
            for (size_t c = 0; c < t->numColumns(); c++) {
                if (c) out << ", ";
                out << t->meta[c].name << "=" << formatValue(t->column(c).get(r));
            }
            out << "\n";
        }
    }
    if (shown == 10) out << "    ...\n";
    return out.str();
}

// Runs in the child: returns 'P'/'F' and a message.
RunLimits limitsOf(const RunnerOptions& opts) {
    RunLimits l;
    l.maxMemoryBytes = opts.maxMemoryBytes;
    if (opts.timeoutSeconds > 0) l.timeout = std::chrono::nanoseconds(static_cast<int64_t>(opts.timeoutSeconds * 1e9));
    return l;
}

std::pair<char, std::string> runInChild(const ParsedFile& pf, const ast::TestCaseStmt& tc, const ParsedFile* parentFile,
                                        const ast::TestCaseStmt* parent, const RunnerOptions& opts) {
    Execution exec;
    limits::RunScope limitScope(make<RunBudget>(limitsOf(opts), nullptr));
    try {
        Interpreter interp(exec);
        std::vector<const ast::Stmt*> extra;
        for (auto& s : tc.block->body) extra.push_back(s.get());
        std::shared_ptr<ast::File> file = pf.ast;
        if (parent) {
            // The child's statements (typically options) run first, then the parent's body.
            for (auto& s : parent->block->body) extra.push_back(s.get());
            file = parentFile->ast;
        }
        auto module = interp.newModule(file->name);
        interp.evalFileWith(file, extra, module);
        std::vector<std::pair<const StreamObj*, std::vector<TablePtr>>> drained;
        auto drain = [&](const StreamRef& s) -> const std::vector<TablePtr>& {
            for (auto& [p, t] : drained)
                if (p == s.get()) return t;
            drained.emplace_back(s.get(), collect(*s));
            return drained.back().second;
        };
        for (auto& r : exec.results) drain(r.stream);
        for (auto& c : exec.checks) {
            auto& tables = drain(c);
            for (auto& t : tables)
                if (t->nrows > 0) return {'F', "testing.diff found differences:\n" + describeDiff(tables)};
        }
    } catch (const FluxError& e) {
        const std::string* src = nullptr;
        if (e.file() == pf.ast->name) src = &pf.ast->source;
        return {'F', e.format(src)};
    } catch (const std::bad_alloc&) {
        return {'F', "error: out of memory: the system refused an allocation"};
    } catch (const std::exception& e) {
        return {'F', std::string("error: ") + e.what()};
    }
    return {'P', ""};
}

struct Job {
    TestOutcome outcome;
    pid_t pid = -1;
    int fd = -1;
    std::string buffer;
    std::chrono::steady_clock::time_point start;
};

void finish(Job& j, int waitStatus, bool timedOut, double timeout) {
    auto elapsed = std::chrono::steady_clock::now() - j.start;
    j.outcome.millis = std::chrono::duration<double, std::milli>(elapsed).count();
    if (timedOut) {
        j.outcome.status = Status::Failed;
        j.outcome.message = "timed out after " + std::to_string(static_cast<int>(timeout)) + " s (killed)";
        return;
    }
    if (!j.buffer.empty() && (j.buffer[0] == 'P' || j.buffer[0] == 'F')) {
        j.outcome.status = j.buffer[0] == 'P' ? Status::Passed : Status::Failed;
        j.outcome.message = j.buffer.substr(1);
        return;
    }
    j.outcome.status = Status::Failed;
    if (WIFSIGNALED(waitStatus))
        j.outcome.message = "crashed (signal " + std::to_string(WTERMSIG(waitStatus)) + ")";
    else
        j.outcome.message = "the test process ended without a verdict";
}

}  // namespace

std::vector<TestOutcome> runTests(const RunnerOptions& opts, const std::function<void(const TestOutcome&)>& onDone) {
    std::vector<TestOutcome> all;
    auto report = [&](TestOutcome o) {
        if (o.relFile.empty()) o.relFile = relativeName(o.file);
        onDone(o);
        all.push_back(std::move(o));
    };
    std::vector<std::string> missing;
    auto files = findTestFiles(opts.paths, missing);
    for (auto& p : missing) report({p, "", "", Status::Failed, "no such file or folder", 0});

    std::vector<ParsedFile> parsed;
    for (auto& path : files) {
        ParsedFile pf{path, nullptr, ""};
        std::ifstream in(path, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        std::string src = ss.str();
        // --timeout covers parsing too (per file; a hostile file cannot stall the run).
        RunLimits parseLimits;
        parseLimits.timeout = limitsOf(opts).timeout;
        limits::RunScope limitScope(make<RunBudget>(parseLimits, nullptr));
        try {
            ParseResult pr = parseFlux(src, path);
            for (auto& e : pr.errors) pf.parseErrors += formatDiagnostic(path, src, e.loc, e.message);
            // A file that does not type-check fails as a whole, before any of its testcases runs.
            if (pr.errors.empty()) pf.parseErrors = types::formatTypeErrors(*pr.file);
            pf.ast = std::shared_ptr<ast::File>(std::move(pr.file));
        } catch (const LimitExceeded& e) {
            pf.parseErrors = path + ": error: " + e.message() + "\n";
        }
        parsed.push_back(std::move(pf));
    }

    std::unique_ptr<re2::RE2> filter;
    if (!opts.runRegex.empty()) filter = std::make_unique<re2::RE2>(opts.runRegex);

    // Work list.
    struct Item {
        const ParsedFile* file;
        const ast::TestCaseStmt* tc;
        const ParsedFile* parentFile = nullptr;
        const ast::TestCaseStmt* parent = nullptr;
    };
    std::vector<Item> items;
    for (auto& pf : parsed) {
        if (!pf.parseErrors.empty()) {
            report({pf.path, "", "", Status::Failed, pf.parseErrors, 0});
            continue;
        }
        for (auto& st : pf.ast->body) {
            if (st->kind != ast::NodeKind::TestCaseStmt) continue;
            auto* tc = static_cast<const ast::TestCaseStmt*>(st.get());
            const std::string& name = tc->id->name;
            if (filter && !re2::RE2::PartialMatch(pf.path + "::" + name, *filter)) continue;
            Item it{&pf, tc};
            if (!tc->extends.empty()) {
                std::string pkg = tc->extends.substr(tc->extends.rfind('/') + 1);
                for (auto& other : parsed) {
                    if (!other.ast || !other.ast->package || other.ast->package->name != pkg) continue;
                    for (auto& os : other.ast->body)
                        if (os->kind == ast::NodeKind::TestCaseStmt &&
                            static_cast<const ast::TestCaseStmt*>(os.get())->id->name == name) {
                            it.parentFile = &other;
                            it.parent = static_cast<const ast::TestCaseStmt*>(os.get());
                        }
                }
                if (!it.parent) {
                    report({pf.path, "", name, Status::Failed,
                            "testcase " + name + " extends \"" + tc->extends + "\" but no testcase " + name +
                                " was found in a package " + pkg + " among the files under test",
                            0});
                    continue;
                }
            }
            if (taggedSkip(*tc->block) || (it.parent && taggedSkip(*it.parent->block))) {
                report({pf.path, "", name, Status::Skipped, "tagged skip", 0});
                continue;
            }
            items.push_back(it);
        }
    }

    std::vector<Job> running;
    size_t next = 0;
    std::cout.flush();
    std::cerr.flush();
    while (next < items.size() || !running.empty()) {
        while (next < items.size() && static_cast<int>(running.size()) < std::max(1, opts.jobs)) {
            Item& it = items[next++];
            int fds[2];
            if (pipe(fds) != 0) {
                report({it.file->path, "", it.tc->id->name, Status::Failed, "cannot create a pipe", 0});
                continue;
            }
            Job j;
            j.outcome = {it.file->path, "", it.tc->id->name, Status::Failed, "", 0};
            j.start = std::chrono::steady_clock::now();
            pid_t pid = fork();
            if (pid == 0) {
                close(fds[0]);
                auto [status, msg] = runInChild(*it.file, *it.tc, it.parentFile, it.parent, opts);
                std::string payload(1, status);
                payload += msg;
                const char* p = payload.data();
                size_t left = payload.size();
                while (left > 0) {
                    ssize_t w = write(fds[1], p, left);
                    if (w <= 0) break;
                    p += w;
                    left -= static_cast<size_t>(w);
                }
                close(fds[1]);
                _exit(0);
            }
            close(fds[1]);
            if (pid < 0) {
                close(fds[0]);
                report({it.file->path, "", it.tc->id->name, Status::Failed, "cannot fork a test process", 0});
                continue;
            }
            j.pid = pid;
            j.fd = fds[0];
            running.push_back(std::move(j));
        }
        std::vector<pollfd> pfds;
        for (auto& j : running) pfds.push_back({j.fd, POLLIN, 0});
        poll(pfds.data(), pfds.size(), 50);
        auto now = std::chrono::steady_clock::now();
        for (size_t i = 0; i < running.size();) {
            Job& j = running[i];
            bool done = false, timedOut = false;
            if (pfds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
                char buf[4096];
                ssize_t n = read(j.fd, buf, sizeof buf);
                if (n > 0) j.buffer.append(buf, static_cast<size_t>(n));
                else done = true;
            }
            // The child stops itself at the time limit with a positioned error; killing it is the
            // backstop, a little later, for a child stuck where the limit is not checked.
            if (!done && opts.timeoutSeconds > 0 &&
                std::chrono::duration<double>(now - j.start).count() > opts.timeoutSeconds + 2) {
                kill(j.pid, SIGKILL);
                done = timedOut = true;
            }
            if (!done) {
                i++;
                continue;
            }
            close(j.fd);
            int ws = 0;
            waitpid(j.pid, &ws, 0);
            finish(j, ws, timedOut, opts.timeoutSeconds);
            report(std::move(j.outcome));
            running.erase(running.begin() + static_cast<long>(i));
            pfds.erase(pfds.begin() + static_cast<long>(i));
        }
    }
    return all;
}

}  // namespace fluxi::runner
