// `fluxi test [--run REGEX] [--json] [--junit FILE] [--timeout DUR] [--max-memory SIZE] [-j N] [--baseline FILE] [--write-baseline FILE]
// PATH...`
// Runs every testcase of the *_test.flux files under PATH (see testrunner/test_runner.h). Prints one
// line per failing test with its reason and ends with "N passed, N failed, N skipped". Exit 1 when
// a test failed -- or, with --baseline, only when a test listed in the baseline did not pass.
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <thread>

#include "cli/commands.h"
#include "cli/limit_options.h"
#include "testrunner/test_runner.h"

namespace fluxi::cli {

namespace {

struct TestOptions {
    runner::RunnerOptions run;
    bool json = false;
    bool verbose = false;
    std::string baseline;
    std::string writeBaseline;
    std::string junit;
    LimitOptions limits;
};

std::string jsonEscape(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
            case '"': o += "\\\""; break;
            case '\\': o += "\\\\"; break;
            case '\n': o += "\\n"; break;
            case '\t': o += "\\t"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char b[8];
                    snprintf(b, sizeof b, "\\u%04x", c);
                    o += b;
                } else {
                    o += c;
                }
        }
    }
    return o;
}

// How PASS/FAIL/SKIP lines name a test: FILE::NAME as in baselines, or the file alone when the file
// itself failed (it could not be read, parsed or type-checked).
std::string testLabel(const runner::TestOutcome& t) {
    return t.name.empty() ? t.file : runner::testId(t);
}

std::string xmlEscape(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '&': o += "&amp;"; break;
            case '"': o += "&quot;"; break;
            default:
                // XML 1.0 allows no control characters but tab, newline and carriage return.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r')
                    o += "?";
                else
                    o += c;
        }
    }
    return o;
}

// A JUnit XML report (the format CI systems read): one <testcase> per test, classname = file.
bool writeJunit(const std::string& path, const std::vector<runner::TestOutcome>& outcomes, int failed, int skipped) {
    std::ofstream out(path);
    if (!out) return false;
    double totalMs = 0;
    for (auto& t : outcomes) totalMs += t.millis;
    out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    out << "<testsuites><testsuite name=\"fluxi test\" tests=\"" << outcomes.size() << "\" failures=\"" << failed
        << "\" skipped=\"" << skipped << "\" time=\"" << totalMs / 1000 << "\">\n";
    for (auto& t : outcomes) {
        out << "  <testcase classname=\"" << xmlEscape(t.relFile.empty() ? t.file : t.relFile) << "\" name=\""
            << xmlEscape(t.name.empty() ? "(file)" : t.name) << "\" time=\"" << t.millis / 1000 << "\"";
        if (t.status == runner::Status::Passed) {
            out << "/>\n";
            continue;
        }
        out << ">\n";
        if (t.status == runner::Status::Failed)
            out << "    <failure message=\"" << xmlEscape(t.message.substr(0, t.message.find('\n'))) << "\">"
                << xmlEscape(t.message) << "</failure>\n";
        else
            out << "    <skipped message=\"" << xmlEscape(t.message) << "\"/>\n";
        out << "  </testcase>\n";
    }
    out << "</testsuite></testsuites>\n";
    return static_cast<bool>(out);
}

const char* statusName(runner::Status s) {
    switch (s) {
        case runner::Status::Passed: return "pass";
        case runner::Status::Failed: return "fail";
        case runner::Status::Skipped: return "skip";
    }
    return "?";
}

int runTestVerb(TestOptions& o) {
    RunLimits limits;
    if (!resolveLimits(o.limits, "test", "30s", limits)) return 2;
    o.run.timeoutSeconds = static_cast<double>(limits.timeout.count()) / 1e9;
    o.run.maxMemoryBytes = limits.maxMemoryBytes;
    if (o.run.paths.empty()) {
        std::cerr << "fluxi test: give at least one PATH (a *_test.flux file or a folder)\n";
        return 2;
    }
    std::set<std::string> baseline;
    if (!o.baseline.empty()) {
        std::ifstream in(o.baseline);
        if (!in) {
            std::cerr << "fluxi test: cannot read baseline " << o.baseline << "\n";
            return 2;
        }
        for (std::string line; std::getline(in, line);)
            if (!line.empty() && line[0] != '#') baseline.insert(line);
    }
    int passed = 0, failed = 0, skipped = 0;
    auto outcomes = runner::runTests(o.run, [&](const runner::TestOutcome& t) {
        switch (t.status) {
            case runner::Status::Passed: passed++; break;
            case runner::Status::Failed: failed++; break;
            case runner::Status::Skipped: skipped++; break;
        }
        if (o.json) return;
        if (t.status == runner::Status::Failed) {
            std::string msg = t.message;
            while (!msg.empty() && msg.back() == '\n') msg.pop_back();
            std::cout << "FAIL " << testLabel(t) << ": " << msg << "\n";
        } else if (o.verbose) {
            std::cout << (t.status == runner::Status::Passed ? "PASS " : "SKIP ") << testLabel(t) << "\n";
        }
        std::cout.flush();
    });
    // Baseline regressions: listed tests that did not pass this time (or were not found).
    std::vector<std::string> regressions;
    if (!baseline.empty()) {
        std::set<std::string> passing;
        for (auto& t : outcomes)
            if (t.status == runner::Status::Passed) passing.insert(runner::testId(t));
        for (auto& id : baseline)
            if (!passing.count(id)) regressions.push_back(id);
    }
    if (!o.writeBaseline.empty()) {
        std::ofstream out(o.writeBaseline);
        out << "# testcases that pass with fluxi; `fluxi test --baseline` fails when one stops passing\n";
        std::set<std::string> ids;
        for (auto& t : outcomes)
            if (t.status == runner::Status::Passed) ids.insert(runner::testId(t));
        for (auto& id : ids) out << id << "\n";
    }
    if (o.json) {
        std::cout << "{\"tests\": [";
        for (size_t i = 0; i < outcomes.size(); i++) {
            auto& t = outcomes[i];
            std::cout << (i ? ",\n  " : "\n  ") << "{\"file\": \"" << jsonEscape(t.file) << "\", \"name\": \""
                      << jsonEscape(t.name) << "\", \"status\": \"" << statusName(t.status) << "\", \"message\": \""
                      << jsonEscape(t.message) << "\", \"ms\": " << t.millis << "}";
        }
        std::cout << "\n], \"passed\": " << passed << ", \"failed\": " << failed << ", \"skipped\": " << skipped
                  << "}\n";
    }
    if (!o.junit.empty() && !writeJunit(o.junit, outcomes, failed, skipped)) {
        std::cerr << "fluxi test: cannot write the JUnit report " << o.junit << "\n";
        return 2;
    }
    for (auto& r : regressions) std::cout << "REGRESSION (in baseline, did not pass): " << r << "\n";
    if (!o.json) std::cout << passed << " passed, " << failed << " failed, " << skipped << " skipped\n";
    if (!o.baseline.empty()) return regressions.empty() ? 0 : 1;
    return failed ? 1 : 0;
}

}  // namespace

void registerTest(CLI::App& app, int& exitCode) {
    auto o = std::make_shared<TestOptions>();
    o->run.jobs = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    auto* cmd = app.add_subcommand("test", "Run the testcases of *_test.flux files");
    cmd->add_option("paths", o->run.paths, "Test files or folders (searched recursively)");
    cmd->add_option("--run", o->run.runRegex, "Only testcases whose FILE::NAME matches this RE2 regex");
    cmd->add_flag("--json", o->json, "Print a JSON report instead of text");
    cmd->add_flag("-v,--verbose", o->verbose, "Also list passing and skipped tests");
    addLimitOptions(cmd, o->limits, "30s, per testcase and per file for parsing");
    cmd->add_option("-j,--jobs", o->run.jobs, "Testcases run at once (default: number of cores)");
    cmd->add_option("--baseline", o->baseline,
                    "File listing FILE::NAME of tests that must pass; exit 1 only when one of them fails");
    cmd->add_option("--write-baseline", o->writeBaseline, "Write the FILE::NAME of every passing test to this file");
    cmd->add_option("--junit", o->junit, "Also write a JUnit XML report to this file (for CI systems)");
    cmd->callback([o, &exitCode] { exitCode = runTestVerb(*o); });
}

}  // namespace fluxi::cli
