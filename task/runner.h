// Executing one run of a task: a fresh fluxi::Engine with now() = the scheduled time, against the
// embedded store, recorded in the store's run log (status "running", then "success" or "failed"
// with the error and the number of points written). A failed run applies no writes at all (the
// Engine applies what to() staged only when the whole script succeeded).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "eval/limits.h"
#include "task/schedule.h"
#include "task/task_options.h"

namespace fluxi {
class Engine;
class SecretStore;
namespace store {
class Store;
}
}  // namespace fluxi

namespace fluxi::task {

// A loaded, validated task script.
struct TaskDefinition {
    std::string file;    // as given (used in error positions)
    std::string source;
    TaskOptions options;
    Schedule schedule;
};

// Reads and validates a task file. Throws TaskOptionError ("cannot read FILE: reason" included).
TaskDefinition loadTask(const std::string& path);
// The same from text already in memory.
TaskDefinition taskFromSource(std::string source, std::string fileName);
// The task files of a folder: every *.flux directly in it, sorted by name.
std::vector<std::string> taskFilesIn(const std::string& dir);

struct RunOutcome {
    int64_t runId = 0;  // id in the run log
    int64_t scheduledFor = 0, startedAt = 0, finishedAt = 0;
    bool ok = false;
    std::string error;  // the script's diagnostics (file:line:col: error: ...) when !ok
    int64_t pointsWritten = 0;
    // Side-effecting HTTP requests of the run (RunResult::sideEffects). When the run failed after
    // making some, `error` and the run log say so: a notification sent is not undone.
    std::vector<std::string> sideEffects;
};

struct RunSettings {
    std::string dataDir;  // the store's folder, already resolved (store::resolveDataDir)
    RunLimits limits;     // memory and time limit of each run (0 = none)
    // Called on each run's Engine before it runs (e.g. to register host builtins).
    std::function<void(Engine&)> setupEngine;
    // Appended to the logged error of a failed run (e.g. " (attempt 1 of 3, retrying in 1s)").
    std::string errorNote;
    // Secrets for secrets.get (null: only $FLUXI_SECRET_<KEY>).
    std::shared_ptr<const SecretStore> secrets;
    // The attempt this run is: 1 for a first try, k + 1 for retry k (logged with the run).
    int64_t attempt = 1;
    // Called with the run-log id as soon as the run is logged as running.
    std::function<void(int64_t runId)> onStarted;
};

// Runs `task` once with now() = scheduledFor and logs it in `log`. Never throws for a failing
// script (the outcome says so); throws store::StoreError when the run log cannot be written.
RunOutcome executeRun(const TaskDefinition& task, int64_t scheduledFor, store::Store& log, const RunSettings& settings);

// One line about a run: "NAME SCHEDULED success: N points written in 12.3ms" or
// "NAME SCHEDULED failed after 1.2ms: FIRST LINE OF THE ERROR".
std::string describeRun(const TaskDefinition& task, const RunOutcome& r);

// For the one-line views of a failed run (describeRun, `task log`): " [sent N side-effecting HTTP
// requests before failing]" when the run's logged error says it made some, else "".
std::string sideEffectsSummary(const std::string& loggedError);

// "12.3ms", "1.52s", "3m4s": a short human-readable elapsed time.
std::string formatElapsed(int64_t nanos);

// Nanoseconds since the epoch on the wall clock.
int64_t wallClockNow();

}  // namespace fluxi::task
