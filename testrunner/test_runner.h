// The Flux test runner behind `fluxi test`: finds *_test.flux files, runs every `testcase` in
// isolation (a forked child process per testcase, with a time limit), and reports a verdict for each.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace fluxi::runner {

enum class Status { Passed, Failed, Skipped };

struct TestOutcome {
    std::string file;     // path as found
    std::string relFile;  // path relative to the PATH argument it was found under (stable across checkouts)
    std::string name;     // testcase name ("" when the file itself could not be parsed)
    Status status = Status::Failed;
    std::string message;  // why it failed or was skipped (may span several lines)
    double millis = 0;
};

struct RunnerOptions {
    std::vector<std::string> paths;  // files or folders (searched recursively for *_test.flux)
    std::string runRegex;            // only testcases whose "file-stem/name" or name matches
    double timeoutSeconds = 30;      // per testcase, and per file for parsing and type checking; 0 = none
    uint64_t maxMemoryBytes = 0;     // memory limit of each testcase (eval/limits.h); 0 = none
    int jobs = 2;                    // testcases run at once
};

// Files ending in _test.flux under the paths, sorted. Paths that do not exist are reported in `errors`.
std::vector<std::string> findTestFiles(const std::vector<std::string>& paths, std::vector<std::string>& missing);

// Runs everything; `onDone` is called once per outcome as soon as it is known (in completion order).
std::vector<TestOutcome> runTests(const RunnerOptions& opts, const std::function<void(const TestOutcome&)>& onDone);

// Identifies a testcase in baselines and --run filters: "<file path relative to the run path>::<name>".
std::string testId(const TestOutcome& t);

}  // namespace fluxi::runner
