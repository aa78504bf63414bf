// One run of a task (see task/runner.h): load the script, evaluate it with its scheduled time as
// now(), and keep the run log up to date.
#include "task/runner.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "eval/time.h"
#include "api/engine.h"
#include "parser/parser.h"
#include "store/store.h"
#include "types/check.h"

namespace fluxi::task {

TaskDefinition taskFromSource(std::string source, std::string fileName) {
    TaskOptions o = readTaskOptions(source, fileName);
    // A task that does not type-check is refused before it runs (as InfluxDB refuses to save it).
    if (ParseResult parsed = parseFlux(source, fileName); parsed.ok()) {
        std::string typeErrors = types::formatTypeErrors(*parsed.file);
        if (!typeErrors.empty()) throw TaskOptionError(typeErrors);
    }
    Schedule s(o);
    return TaskDefinition{std::move(fileName), std::move(source), std::move(o), std::move(s)};
}

TaskDefinition loadTask(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw TaskOptionError("cannot read " + path + ": " + std::strerror(errno));
    std::ostringstream ss;
    ss << in.rdbuf();
    if (in.bad()) throw TaskOptionError("cannot read " + path + ": " + std::strerror(errno));
    return taskFromSource(ss.str(), path);
}

std::vector<std::string> taskFilesIn(const std::string& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (auto it = std::filesystem::directory_iterator(dir, ec); !ec && it != std::filesystem::directory_iterator();
         it.increment(ec)) {
        if (it->path().extension() == ".flux" && it->is_regular_file()) out.push_back(it->path().string());
    }
    if (ec) throw TaskOptionError("cannot list folder " + dir + ": " + ec.message());
    std::sort(out.begin(), out.end());
    return out;
}

int64_t wallClockNow() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

namespace {
constexpr const char* kSideEffectsNote = "note: before it failed, this run made ";
}  // namespace

std::string sideEffectsSummary(const std::string& loggedError) {
    size_t at = loggedError.find(kSideEffectsNote);
    if (at == std::string::npos) return "";
    at += std::string_view(kSideEffectsNote).size();
    size_t end = loggedError.find(' ', at);
    std::string n = loggedError.substr(at, end - at);
    return " [sent " + n + (n == "1" ? " side-effecting HTTP request" : " side-effecting HTTP requests") + " before failing]";
}

RunOutcome executeRun(const TaskDefinition& task, int64_t scheduledFor, store::Store& log, const RunSettings& settings) {
    RunOutcome r;
    r.scheduledFor = scheduledFor;
    r.startedAt = wallClockNow();
    r.runId = log.beginRun(task.options.name, scheduledFor, r.startedAt, settings.attempt);
    if (settings.onStarted) settings.onStarted(r.runId);
    try {
        Engine engine;
        engine.setNow(scheduledFor);
        engine.setDataDir(settings.dataDir);
        engine.setLimits({settings.limits.maxMemoryBytes, settings.limits.timeout});
        if (settings.secrets) engine.setSecretStore(settings.secrets);
        if (settings.setupEngine) settings.setupEngine(engine);
        RunResult res = engine.run(task.source, task.file);
        r.ok = res.ok;
        r.error = res.error;
        r.pointsWritten = res.ok ? static_cast<int64_t>(res.pointsWritten) : 0;
        r.sideEffects = res.sideEffects;
        if (!res.ok && !res.sideEffects.empty()) {
            size_t n = res.sideEffects.size();
            r.error += std::string(kSideEffectsNote) + std::to_string(n) +
                       (n == 1 ? " side-effecting HTTP request" : " side-effecting HTTP requests") +
                       " (notifications are not undone):\n";
            for (const std::string& s : res.sideEffects) r.error += "  " + s + "\n";
        }
    } catch (const std::exception& e) {
        r.ok = false;
        r.error = task.file + ": error: " + e.what() + "\n";
    }
    if (!r.ok && r.error.empty()) r.error = task.file + ": error: the run failed without a message\n";
    r.finishedAt = wallClockNow();
    std::string logged = r.error;
    while (!logged.empty() && logged.back() == '\n') logged.pop_back();
    if (!r.ok) logged += settings.errorNote;
    log.finishRun(r.runId, r.finishedAt, r.ok ? "success" : "failed", logged, r.pointsWritten);
    return r;
}

std::string formatElapsed(int64_t nanos) {
    char buf[64];
    double ms = static_cast<double>(nanos) / 1e6;
    if (ms < 1000) std::snprintf(buf, sizeof buf, "%.1fms", ms);
    else if (ms < 60000) std::snprintf(buf, sizeof buf, "%.2fs", ms / 1000);
    else {
        int64_t s = nanos / kNanosPerSecond;
        std::snprintf(buf, sizeof buf, "%lldm%llds", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
    }
    return buf;
}

std::string describeRun(const TaskDefinition& task, const RunOutcome& r) {
    std::string line = task.options.name + " " + formatTime(r.scheduledFor) + " ";
    int64_t took = r.finishedAt - r.startedAt;
    if (r.ok) {
        line += "success: " + std::to_string(r.pointsWritten) + (r.pointsWritten == 1 ? " point" : " points") +
                " written in " + formatElapsed(took);
    } else {
        std::string first = r.error.substr(0, r.error.find('\n'));
        line += "failed after " + formatElapsed(took) + ": " + first + sideEffectsSummary(r.error);
    }
    return line;
}

}  // namespace fluxi::task
