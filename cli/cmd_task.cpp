// `fluxi task ...`: the task verbs.
//   task run FILE --now TIME [--data DIR]                 one run, with now() = TIME
//   task backfill FILE --start TIME --stop TIME [--progress] [--data DIR]   every run scheduled in [start,
//                                                         stop), with progress (N of M, rate, ETA) on stderr
//   task serve FILE|DIR... [--data DIR]                   the scheduler, until SIGINT/SIGTERM
// run, backfill and serve take --secrets FILE; run and backfill --no-side-effects (cli/outbound_options.h).
//   task log [NAME] [--limit N] [--data DIR]              the run log
// Exit status: 0 on success, 1 when a run failed or a task file is invalid, 2 for bad arguments.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <set>
#include <thread>

#include "cli/commands.h"
#include "cli/durability_option.h"
#include "cli/limit_options.h"
#include "cli/outbound_options.h"
#include "eval/time.h"
#include "store/data_dir.h"
#include "store/store.h"
#include "task/runner.h"
#include "task/scheduler.h"

namespace fluxi::cli {

namespace {

using task::TaskDefinition;

constexpr size_t kMaxBackfillRuns = 1000000;

struct TaskVerbOptions {
    std::string file;
    std::vector<std::string> paths;
    std::string now, start, stop;
    std::string name;
    std::string dataDir;
    int64_t limit = 20;
    bool progress = false;  // backfill: show progress even when stderr is not a terminal
    LimitOptions limits;
    OutboundOptions outbound;
};

constexpr const char* kServeTimeoutDefault = "1h";

bool parseTimeFlag(const char* verb, const char* flag, const std::string& text, int64_t& out) {
    std::string why;
    if (tryParseTime(text, out, &why)) return true;
    std::cerr << "fluxi task " << verb << ": " << flag << " " << text
              << " is not an RFC3339 time (e.g. 2024-01-01T00:00:00Z): " << why << "\n";
    return false;
}

std::shared_ptr<store::Store> openStore(const char* verb, const std::string& dir) {
    try {
        auto st = store::Store::open(dir);
        // runs a killed fluxi left 'running' are closed before anything reads or extends the log
        size_t closed = st->closeInterruptedRuns(task::wallClockNow());
        if (closed > 0)
            std::cerr << "fluxi task " << verb << ": " << closed << (closed == 1 ? " run" : " runs")
                      << " left running by a process that ended were logged as failed (interrupted)\n";
        return st;
    } catch (const std::exception& e) {
        std::cerr << "fluxi task " << verb << ": " << e.what() << "\n";
        return nullptr;
    }
}

bool load(const std::string& path, TaskDefinition*& out, std::unique_ptr<TaskDefinition>& holder) {
    try {
        holder = std::make_unique<TaskDefinition>(task::loadTask(path));
        out = holder.get();
        return true;
    } catch (const std::exception& e) {
        std::cerr << e.what();
        if (std::string_view(e.what()).back() != '\n') std::cerr << "\n";
        return false;
    }
}

int runOnce(const TaskVerbOptions& o) {
    int64_t now = 0;
    if (!parseTimeFlag("run", "--now", o.now, now)) return 2;
    std::unique_ptr<TaskDefinition> holder;
    TaskDefinition* t = nullptr;
    if (!load(o.file, t, holder)) return 1;
    if (!t->schedule.isScheduled(now))
        std::cerr << "fluxi task run: note: " << o.now << " is not a scheduled time of " << t->options.name << " ("
                  << t->schedule.describe() << "); running it with now() = " << formatTime(now) << " anyway\n";
    std::string dir = store::resolveDataDir(o.dataDir);
    auto log = openStore("run", dir);
    if (!log) return 1;
    task::RunSettings rs;
    rs.dataDir = dir;
    if (!resolveLimits(o.limits, "task run", "none", rs.limits)) return 2;
    if (!applyOutboundOptions(o.outbound, "task run", rs.secrets)) return 2;
    task::RunOutcome r;
    try {
        r = task::executeRun(*t, now, *log, rs);
    } catch (const std::exception& e) {
        std::cerr << "fluxi task run: " << e.what() << "\n";
        return 1;
    }
    std::cout << task::describeRun(*t, r) << std::endl;
    if (!r.ok) {
        std::cerr << r.error;
        return 1;
    }
    return 0;
}

// Progress of a backfill on stderr: "backfill NAME: 120 of 1440 runs (8%), 3 failed, 12.3 runs/s, ETA 1m47s".
// On a terminal one line is redrawn in place (and cleared while a run's line is printed); otherwise
// (--progress into a file or pipe) a line is printed at most once a second.
class BackfillProgress {
public:
    BackfillProgress(bool enabled, std::string name, size_t total)
        : enabled_(enabled), terminal_(isatty(STDERR_FILENO)), name_(std::move(name)), total_(total),
          started_(std::chrono::steady_clock::now()) {}
    // Before a line goes to stdout: take the progress line off a terminal.
    void clear() {
        if (enabled_ && terminal_ && shown_) std::cerr << "\r\033[K" << std::flush;
        shown_ = false;
    }
    void update(size_t done, size_t failed, bool last = false) {
        if (!enabled_) return;
        auto now = std::chrono::steady_clock::now();
        if (!last && updated_ && now - lastShown_ < std::chrono::milliseconds(terminal_ ? 100 : 1000)) return;
        updated_ = true;
        lastShown_ = now;
        double secs = std::chrono::duration<double>(now - started_).count();
        double rate = secs > 0 ? static_cast<double>(done) / secs : 0;
        std::string line = "backfill " + name_ + ": " + std::to_string(done) + " of " + std::to_string(total_) +
                           (total_ == 1 ? " run" : " runs") + " (" + std::to_string(total_ ? done * 100 / total_ : 100) +
                           "%), " + std::to_string(failed) + " failed";
        if (done > 0) {
            char r[32];
            std::snprintf(r, sizeof r, "%.1f", rate);
            line += std::string(", ") + r + " runs/s";
            if (done < total_ && rate > 0)
                line += ", ETA " + task::formatElapsed(static_cast<int64_t>(static_cast<double>(total_ - done) / rate * 1e9));
        }
        if (terminal_) std::cerr << "\r\033[K" << line << std::flush;
        else std::cerr << line << "\n" << std::flush;
        shown_ = terminal_;
    }
    void finish() {
        if (enabled_ && terminal_ && shown_) std::cerr << "\n" << std::flush;
        shown_ = false;
    }

private:
    bool enabled_, terminal_;
    std::string name_;
    size_t total_;
    std::chrono::steady_clock::time_point started_, lastShown_{};
    bool shown_ = false;    // the line is on the terminal now
    bool updated_ = false;  // a line was printed
};

int backfill(const TaskVerbOptions& o) {
    int64_t start = 0, stop = 0;
    if (!parseTimeFlag("backfill", "--start", o.start, start) || !parseTimeFlag("backfill", "--stop", o.stop, stop))
        return 2;
    if (start >= stop) {
        std::cerr << "fluxi task backfill: --start " << o.start << " must be before --stop " << o.stop << "\n";
        return 2;
    }
    std::unique_ptr<TaskDefinition> holder;
    TaskDefinition* t = nullptr;
    if (!load(o.file, t, holder)) return 1;
    std::vector<int64_t> times;
    try {
        times = t->schedule.between(start, stop, kMaxBackfillRuns);
    } catch (const std::exception& e) {
        std::cerr << "fluxi task backfill: " << e.what() << "\n";
        return 2;
    }
    std::string dir = store::resolveDataDir(o.dataDir);
    auto log = openStore("backfill", dir);
    if (!log) return 1;
    task::RunSettings rs;
    rs.dataDir = dir;
    if (!resolveLimits(o.limits, "task backfill", "none", rs.limits)) return 2;
    if (!applyOutboundOptions(o.outbound, "task backfill", rs.secrets)) return 2;
    size_t failed = 0, done = 0;
    int64_t points = 0;
    const int64_t startedAt = task::wallClockNow();
    BackfillProgress progress(o.progress || isatty(STDERR_FILENO), t->options.name, times.size());
    progress.update(0, 0);
    for (int64_t when : times) {
        task::RunOutcome r;
        try {
            r = task::executeRun(*t, when, *log, rs);
        } catch (const std::exception& e) {
            progress.finish();
            std::cerr << "fluxi task backfill: " << e.what() << "\n";
            return 1;
        }
        progress.clear();
        std::cout << task::describeRun(*t, r) << std::endl;
        if (!r.ok) {
            failed++;
            std::cerr << r.error;
        }
        points += r.pointsWritten;
        ++done;
        progress.update(done, failed, done == times.size());
    }
    progress.finish();
    std::cout << "backfill of " << t->options.name << " (" << t->schedule.describe() << ") from " << formatTime(start)
              << " to " << formatTime(stop) << ": " << times.size() << (times.size() == 1 ? " run, " : " runs, ")
              << failed << " failed, " << points << (points == 1 ? " point" : " points") << " written in "
              << task::formatElapsed(task::wallClockNow() - startedAt) << std::endl;
    return failed ? 1 : 0;
}

// Signals: SIGINT and SIGTERM are blocked in every thread and taken by one thread with sigwait, so
// the scheduler is stopped from an ordinary thread. The first signal stops the scheduler (runs
// under way finish); a second one abandons them and exits at once.
class SignalWatcher {
public:
    explicit SignalWatcher(task::Scheduler& s) : scheduler_(s) {
        sigemptyset(&set_);
        sigaddset(&set_, SIGINT);
        sigaddset(&set_, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &set_, nullptr);
        thread_ = std::thread([this] { watch(); });
    }
    ~SignalWatcher() {
        done_ = true;
        pthread_kill(thread_.native_handle(), SIGTERM);
        thread_.join();
    }

private:
    void watch() {
        int count = 0;
        while (true) {
            int sig = 0;
            if (sigwait(&set_, &sig) != 0) continue;
            if (done_) return;
            if (++count == 1) {
                std::cout << (sig == SIGINT ? "SIGINT" : "SIGTERM")
                          << " received: stopping (send it again to abandon the runs under way)" << std::endl;
                scheduler_.stop();
            } else {
                size_t n = scheduler_.abandonRunning();
                std::cout << "second signal: exiting now, " << n << (n == 1 ? " run" : " runs")
                          << " abandoned (nothing of them was written)" << std::endl;
                std::_Exit(130);
            }
        }
    }
    task::Scheduler& scheduler_;
    sigset_t set_;
    std::atomic<bool> done_{false};
    std::thread thread_;
};

int serve(const TaskVerbOptions& o) {
    if (o.paths.empty()) {
        std::cerr << "fluxi task serve: give at least one task FILE or DIR\n";
        return 2;
    }
    std::vector<std::string> files;
    for (auto& p : o.paths) {
        std::error_code ec;
        if (std::filesystem::is_directory(p, ec)) {
            try {
                auto inDir = task::taskFilesIn(p);
                if (inDir.empty()) std::cerr << "fluxi task serve: warning: no *.flux file in " << p << "\n";
                files.insert(files.end(), inDir.begin(), inDir.end());
            } catch (const std::exception& e) {
                std::cerr << "fluxi task serve: " << e.what() << "\n";
                return 1;
            }
        } else {
            files.push_back(p);
        }
    }
    if (files.empty()) {
        std::cerr << "fluxi task serve: no task to run\n";
        return 1;
    }
    // A file that does not load is reported and skipped: the other tasks keep their schedule.
    std::vector<TaskDefinition> tasks;
    std::set<std::string> names;
    size_t bad = 0;
    for (auto& f : files) {
        try {
            TaskDefinition t = task::loadTask(f);
            if (!names.insert(t.options.name).second) {
                std::cerr << f << ": error: another task file is already named " << t.options.name
                          << " (task names must be unique: they key the run log)\n";
                bad++;
                continue;
            }
            tasks.push_back(std::move(t));
        } catch (const std::exception& e) {
            std::cerr << e.what();
            if (std::string_view(e.what()).back() != '\n') std::cerr << "\n";
            bad++;
        }
    }
    if (tasks.empty()) {
        std::cerr << "fluxi task serve: no task file could be loaded\n";
        return 1;
    }
    if (bad > 0)
        std::cerr << "fluxi task serve: skipped " << bad << (bad == 1 ? " task file" : " task files")
                  << " with errors (above); serving the others\n";

    std::string dir = store::resolveDataDir(o.dataDir);
    auto log = openStore("serve", dir);
    if (!log) return 1;
    task::SchedulerSettings settings;
    settings.run.dataDir = dir;
    if (!resolveLimits(o.limits, "task serve", kServeTimeoutDefault, settings.run.limits)) return 2;
    if (!applyOutboundOptions(o.outbound, "task serve", settings.run.secrets)) return 2;
    settings.print = [](const std::string& line) { std::cout << line << std::endl; };
    task::Scheduler scheduler(std::move(tasks), log, settings);
    std::cout << "fluxi task serve: " << names.size() << (names.size() == 1 ? " task" : " tasks") << ", data in "
              << dir << " (stop with Ctrl-C or SIGTERM)" << std::endl;
    {
        SignalWatcher watcher(scheduler);
        scheduler.run();
    }
    return 0;
}

// Milliseconds are enough to read a log: "2024-01-01T10:00:00.123Z".
std::string shortTime(int64_t t) {
    if (t == 0) return "-";
    std::string s = formatTimeFixed(t);  // "...T10:00:00.123456789Z"
    return s.substr(0, s.size() - 7) + "Z";
}

int showLog(const TaskVerbOptions& o) {
    if (o.limit < 0) {
        std::cerr << "fluxi task log: --limit must not be negative\n";
        return 2;
    }
    std::string dir = store::resolveDataDir(o.dataDir);
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) {
        std::cerr << "fluxi task log: no data folder " << dir << " (no task has run there)\n";
        return 1;
    }
    auto log = openStore("log", dir);
    if (!log) return 1;
    std::vector<store::RunRecord> runs;
    try {
        runs = log->listRuns(o.name, static_cast<size_t>(o.limit));
    } catch (const std::exception& e) {
        std::cerr << "fluxi task log: " << e.what() << "\n";
        return 1;
    }
    if (runs.empty()) {
        std::cout << (o.name.empty() ? std::string("no task runs logged") : "no runs logged for task " + o.name)
                  << " in " << dir << "\n";
        return 0;
    }
    const bool allTasks = o.name.empty();
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> header = {"scheduled", "attempt", "started", "finished", "status", "rows", "error"};
    if (allTasks) header.insert(header.begin(), "task");
    rows.push_back(header);
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {  // oldest first
        const store::RunRecord& r = *it;
        std::vector<std::string> row = {formatTime(r.scheduledFor), std::to_string(r.attempt), shortTime(r.startedAt),
                                        shortTime(r.finishedAt),
                                        r.status, std::to_string(r.rowsWritten),
                                        r.error.substr(0, r.error.find('\n')) + task::sideEffectsSummary(r.error)};
        if (allTasks) row.insert(row.begin(), r.task);
        rows.push_back(std::move(row));
    }
    std::vector<size_t> width(header.size(), 0);
    for (auto& row : rows)
        for (size_t c = 0; c < row.size(); c++) width[c] = std::max(width[c], row[c].size());
    for (auto& row : rows) {
        std::string line;
        for (size_t c = 0; c < row.size(); c++) {
            bool last = c + 1 == row.size();
            bool right = header[c] == "rows" || header[c] == "attempt";
            std::string cell = row[c];
            if (right) cell = std::string(width[c] - cell.size(), ' ') + cell;
            else if (!last) cell += std::string(width[c] - cell.size(), ' ');
            line += cell;
            if (!last) line += "  ";
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        std::cout << line << "\n";
    }
    return 0;
}

}  // namespace

void registerTask(CLI::App& app, int& exitCode) {
    auto* cmd = app.add_subcommand("task", "Run Flux tasks: once, over a past range, or on their schedule");
    cmd->require_subcommand(1);
    const char* dataHelp = "Data folder of the embedded store (default $FLUXI_DATA or ./fluxi-data)";

    auto runOpts = std::make_shared<TaskVerbOptions>();
    auto* run = cmd->add_subcommand("run", "Run a task once, for the run scheduled at --now (now() = that time)");
    run->add_option("file", runOpts->file, "Task script (with `option task = {...}`)")->required();
    run->add_option("--now", runOpts->now, "Scheduled time of the run, RFC3339")->required();
    run->add_option("--data", runOpts->dataDir, dataHelp);
    addDurabilityOption(run);
    addLimitOptions(run, runOpts->limits, "none");
    addSecretsOption(run, runOpts->outbound);
    addNoSideEffectsFlag(run, runOpts->outbound);
    run->callback([runOpts, &exitCode] { exitCode = runOnce(*runOpts); });

    auto bfOpts = std::make_shared<TaskVerbOptions>();
    auto* bf = cmd->add_subcommand("backfill", "Run every execution of a task scheduled in [--start, --stop), in order");
    bf->add_option("file", bfOpts->file, "Task script")->required();
    bf->add_option("--start", bfOpts->start, "First scheduled time included, RFC3339")->required();
    bf->add_option("--stop", bfOpts->stop, "Scheduled times before this one are run, RFC3339")->required();
    bf->add_option("--data", bfOpts->dataDir, dataHelp);
    bf->add_flag("--progress", bfOpts->progress,
                 "Show progress (N of M runs, rate, ETA) on stderr also when it is not a terminal (on a terminal it "
                 "is always shown)");
    addDurabilityOption(bf);
    addLimitOptions(bf, bfOpts->limits, "none, per run");
    addSecretsOption(bf, bfOpts->outbound);
    addNoSideEffectsFlag(bf, bfOpts->outbound);
    bf->callback([bfOpts, &exitCode] { exitCode = backfill(*bfOpts); });

    auto serveOpts = std::make_shared<TaskVerbOptions>();
    auto* sv = cmd->add_subcommand(
        "serve",
        "Run tasks on their schedules until SIGINT or SIGTERM. Each run starts at its scheduled time plus the "
        "task's offset, with now() = the scheduled time; at most `concurrency` runs of a task at once; a failed "
        "run is retried `retry` times, waiting 1s, 2s, 4s, ... (at most 5m) before each retry. The first signal "
        "lets the runs under way finish, a second one abandons them (a run's writes are applied only when it "
        "succeeds).");
    sv->add_option("paths", serveOpts->paths, "Task files, or folders whose *.flux files are tasks")->required();
    sv->add_option("--data", serveOpts->dataDir, dataHelp);
    addDurabilityOption(sv);
    addLimitOptions(sv, serveOpts->limits, std::string(kServeTimeoutDefault) + ", per run of every task");
    addSecretsOption(sv, serveOpts->outbound);
    sv->callback([serveOpts, &exitCode] { exitCode = serve(*serveOpts); });

    auto logOpts = std::make_shared<TaskVerbOptions>();
    auto* lg = cmd->add_subcommand("log", "Show the run log of a task (of all tasks without NAME)");
    lg->add_option("name", logOpts->name, "Task name (option task's name)");
    lg->add_option("--limit", logOpts->limit, "Show the N most recent runs (0 = all; default 20)");
    lg->add_option("--data", logOpts->dataDir, dataHelp);
    lg->callback([logOpts, &exitCode] { exitCode = showLog(*logOpts); });
}

}  // namespace fluxi::cli
