// Tests of the `fluxi task` verbs through the real binary (FLUXI_BINARY): the downsampling example
// end to end, errors of run, a failing run that writes nothing, backfill idempotence, the run log
// table, and `task serve` running two tasks (one failing and retried) until SIGTERM.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>
#include <vector>

#include "eval/time.h"
#include "store/store.h"
#include "tests/support/store_test_util.h"

using namespace fluxi;
using fluxi::testutil::runCommand;
using fluxi::testutil::shellQuote;
using fluxi::testutil::TempDataDir;

namespace {

std::string fluxiBin() { return shellQuote(FLUXI_BINARY); }

std::string example(const char* name) { return shellQuote(std::string(FLUXI_SOURCE_DIR) + "/examples/" + name); }

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

size_t countOf(const std::string& s, const std::string& what) {
    size_t n = 0;
    for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) n++;
    return n;
}

// Every point of a bucket as "measurement,tags field time=value" lines, in series order.
std::string dumpBucket(store::Store& st, const std::string& bucket) {
    auto b = st.findBucket(bucket);
    if (!b) return "";
    std::string out;
    store::SeriesColumns c;
    for (auto& s : st.findSeries(*b, nullptr)) {
        st.readSeries(s, INT64_MIN, INT64_MAX, c);
        std::string key = s.measurement;
        for (auto& t : s.tags) key += "," + t.key + "=" + t.value;
        key += " " + s.field;
        for (size_t i = 0; i < c.size(); i++) {
            out += key + " " + formatTime(c.times[i]) + "=";
            switch (s.type) {
                case store::ValueType::Float: out += std::to_string(c.floats[i]); break;
                case store::ValueType::Int: out += std::to_string(c.ints[i]); break;
                default: out += "?"; break;
            }
            out += "\n";
        }
    }
    return out;
}

// A source bucket "src" with cpu,host=a v=<minute> every minute of 2024-01-01.
void writeSourceData(const std::string& data, const TempDataDir& dir) {
    std::string lp;
    int64_t t0 = parseTime("2024-01-01T00:00:00Z") / kNanosPerSecond;
    for (int i = 0; i < 24 * 60; i++)
        lp += "cpu,host=a v=" + std::to_string(i) + " " + std::to_string(t0 + 60 * i) + "\n";
    writeFile(dir.sub("src.lp"), lp);
    auto r = runCommand(fluxiBin() + " write --create-bucket --bucket src --precision s --data " + shellQuote(data) + " " +
                        shellQuote(dir.sub("src.lp")));
    REQUIRE_MESSAGE(r.exitCode == 0, r.output);
}

// The whitespace-separated cells of the first line of a `task log` table that starts with `prefix`
// (the error column is split too).
std::vector<std::string> logRow(const std::string& table, const std::string& prefix) {
    std::istringstream in(table);
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind(prefix, 0) != 0) continue;
        std::istringstream cells(line);
        std::vector<std::string> out;
        std::string c;
        while (cells >> c) out.push_back(c);
        return out;
    }
    return {};
}

}  // namespace

TEST_CASE("cli task run: the downsampling example writes the 5-minute means of the last hour") {
    TempDataDir dir;
    std::string data = dir.sub("data");
    auto r = runCommand("sh " + example("generate_mem_data.sh") + " 2024-01-02T00:00:00Z | " + fluxiBin() +
                        " write --create-bucket --bucket example-bucket --data " + shellQuote(data));
    REQUIRE_MESSAGE(r.exitCode == 0, r.output);
    r = runCommand(fluxiBin() + " task run " + example("downsample.flux") + " --now 2024-01-02T00:00:00Z --data " +
                   shellQuote(data));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    // 12 windows for each of the 3 fields of myHost
    CHECK_MESSAGE(r.output.find("downsample_5m_precision 2024-01-02T00:00:00Z success: 36 points written in ") == 0,
                  r.output);
    auto st = store::Store::open(data);
    std::string dump = dumpBucket(*st, "example-downsampled");
    CHECK(countOf(dump, "\n") == 36);
    CHECK(countOf(dump, "mem,host=myHost used_percent ") == 12);
    CHECK(countOf(dump, "mem,host=myHost available ") == 12);
    CHECK(countOf(dump, "mem,host=myHost free ") == 12);
    CHECK(dump.find("used_percent 2024-01-01T23:05:00Z=") != std::string::npos);
    CHECK(dump.find("used_percent 2024-01-02T00:00:00Z=") != std::string::npos);
    CHECK(dump.find("2024-01-01T23:00:00Z") == std::string::npos);
    CHECK(dump.find("web01") == std::string::npos);

    // the run is in the log
    r = runCommand(fluxiBin() + " task log downsample_5m_precision --data " + shellQuote(data));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK(logRow(r.output, "scheduled") ==
          std::vector<std::string>{"scheduled", "attempt", "started", "finished", "status", "rows", "error"});
    auto row = logRow(r.output, "2024-01-02T00:00:00Z");
    REQUIRE(row.size() == 6);
    CHECK(row[1] == "1");
    CHECK(row[2].size() == 24);  // started, to the millisecond: 2024-01-01T10:00:00.123Z
    CHECK(row[4] == "success");
    CHECK(row[5] == "36");

    // the result can be read back with fluxi run
    r = runCommand(fluxiBin() + " run --format csv --data " + shellQuote(data) +
                   " -e 'from(bucket: \"example-downsampled\") |> range(start: 0)'");
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK(countOf(r.output, ",used_percent,") == 12);
}

TEST_CASE("cli task run: bad arguments and invalid task files") {
    TempDataDir dir;
    std::string data = dir.sub("data");
    writeFile(dir.sub("ok.flux"), "option task = {name: \"ok\", every: 1h}\nx = 1\n");
    writeFile(dir.sub("notask.flux"), "x = 1\n");
    writeFile(dir.sub("badopt.flux"), "\noption task = {name: \"b\", every: 1h, retry: -2}\n");

    auto r = runCommand(fluxiBin() + " task run " + shellQuote(dir.sub("ok.flux")) + " --now yesterday --data " +
                        shellQuote(data));
    CHECK(r.exitCode == 2);
    CHECK_MESSAGE(r.output.find("fluxi task run: --now yesterday is not an RFC3339 time") == 0, r.output);

    r = runCommand(fluxiBin() + " task run " + shellQuote(dir.sub("ok.flux")) + " --data " + shellQuote(data));
    CHECK(r.exitCode != 0);
    CHECK(r.output.find("--now") != std::string::npos);

    r = runCommand(fluxiBin() + " task run " + shellQuote(dir.sub("notask.flux")) +
                   " --now 2024-01-01T00:00:00Z --data " + shellQuote(data));
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("notask.flux: error: not a task") != std::string::npos);

    r = runCommand(fluxiBin() + " task run " + shellQuote(dir.sub("badopt.flux")) +
                   " --now 2024-01-01T00:00:00Z --data " + shellQuote(data));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find("badopt.flux:2:38: error: option task: retry must be between 0 and 10, got -2") !=
                      std::string::npos,
                  r.output);

    r = runCommand(fluxiBin() + " task run " + shellQuote(dir.sub("missing.flux")) +
                   " --now 2024-01-01T00:00:00Z --data " + shellQuote(data));
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("cannot read ") != std::string::npos);

    r = runCommand(fluxiBin() + " task backfill " + shellQuote(dir.sub("ok.flux")) +
                   " --start 2024-01-02T00:00:00Z --stop 2024-01-01T00:00:00Z --data " + shellQuote(data));
    CHECK(r.exitCode == 2);
    CHECK(r.output.find("must be before --stop") != std::string::npos);

    // a successful run of a task that writes nothing
    r = runCommand(fluxiBin() + " task run " + shellQuote(dir.sub("ok.flux")) + " --now 2024-01-01T05:00:00Z --data " +
                   shellQuote(data));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK(r.output.find("ok 2024-01-01T05:00:00Z success: 0 points written in ") == 0);
    CHECK(r.output.find("note:") == std::string::npos);
    // any time may be run, with a note when it is not on the schedule
    r = runCommand(fluxiBin() + " task run " + shellQuote(dir.sub("ok.flux")) + " --now 2024-01-01T05:30:00Z --data " +
                   shellQuote(data));
    CHECK(r.exitCode == 0);
    CHECK(r.output.find("fluxi task run: note: 2024-01-01T05:30:00Z is not a scheduled time of ok (every 1h); "
                        "running it with now() = 2024-01-01T05:30:00Z anyway") != std::string::npos);
    CHECK(r.output.find("ok 2024-01-01T05:30:00Z success: 0 points written in ") != std::string::npos);
}

TEST_CASE("cli task run: a failing task writes nothing and is logged as failed") {
    TempDataDir dir;
    std::string data = dir.sub("data");
    writeSourceData(data, dir);
    // The first result copies the data (to() stages the points); the second fails on its first row.
    writeFile(dir.sub("fails.flux"),
              "option task = {name: \"fails\", every: 1h}\n"
              "from(bucket: \"src\") |> range(start: -task.every) |> to(bucket: \"dst\") |> yield(name: \"copy\")\n"
              "from(bucket: \"src\") |> range(start: -task.every) |> map(fn: (r) => ({r with bad: r._value + \"x\"}))"
              " |> yield(name: \"broken\")\n");
    auto r = runCommand(fluxiBin() + " task run " + shellQuote(dir.sub("fails.flux")) +
                        " --now 2024-01-01T12:00:00Z --data " + shellQuote(data));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find("fails 2024-01-01T12:00:00Z failed after ") == 0, r.output);
    CHECK(r.output.find("fails.flux:3:") != std::string::npos);
    auto st = store::Store::open(data);
    CHECK_FALSE(st->findBucket("dst"));
    auto runs = st->listRuns("fails", 0);
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].status == "failed");
    CHECK(runs[0].rowsWritten == 0);
    CHECK(runs[0].error.find("fails.flux:3:82: error: cannot apply operator + to float and string") !=
          std::string::npos);
    CHECK(runs[0].scheduledFor == parseTime("2024-01-01T12:00:00Z"));

    r = runCommand(fluxiBin() + " task log fails --data " + shellQuote(data));
    CHECK(r.exitCode == 0);
    auto row = logRow(r.output, "2024-01-01T12:00:00Z");
    REQUIRE_MESSAGE(row.size() > 7, r.output);
    CHECK(row[1] == "1");  // the attempt
    CHECK(row[4] == "failed");
    CHECK(row[5] == "0");
    CHECK(r.output.find("fails.flux:3:82: error: cannot apply operator + to float and string\n") != std::string::npos);
}

TEST_CASE("cli task backfill: every scheduled run in [start, stop), twice leaves the same data") {
    TempDataDir dir;
    std::string data = dir.sub("data");
    writeSourceData(data, dir);
    writeFile(dir.sub("copy.flux"),
              "option task = {name: \"copy\", every: 1h, offset: 15m}\n"
              "from(bucket: \"src\")\n    |> range(start: -task.every)\n    |> to(bucket: \"dst\")\n");
    std::string cmd = fluxiBin() + " task backfill " + shellQuote(dir.sub("copy.flux")) +
                      " --start 2024-01-01T03:30:00Z --stop 2024-01-01T06:00:00Z --data " + shellQuote(data);
    auto r = runCommand(cmd);
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    // runs at 04:00 and 05:00 (06:00 is excluded), each copying the hour before it
    CHECK(r.output.find("copy 2024-01-01T04:00:00Z success: 60 points written in ") == 0);
    CHECK(r.output.find("\ncopy 2024-01-01T05:00:00Z success: 60 points written in ") != std::string::npos);
    CHECK(r.output.find("06:00:00Z success") == std::string::npos);
    CHECK(r.output.find("backfill of copy (every 1h, offset 15m) from 2024-01-01T03:30:00Z to 2024-01-01T06:00:00Z: "
                        "2 runs, 0 failed, 120 points written") != std::string::npos);
    auto st = store::Store::open(data);
    std::string first = dumpBucket(*st, "dst");
    CHECK(countOf(first, "\n") == 120);
    CHECK(first.find("cpu,host=a v 2024-01-01T03:00:00Z=180.000000\n") != std::string::npos);
    CHECK(first.find("cpu,host=a v 2024-01-01T04:59:00Z=299.000000\n") != std::string::npos);
    CHECK(first.find("T05:00:00Z") == std::string::npos);

    r = runCommand(cmd + " --progress");
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK(dumpBucket(*st, "dst") == first);
    // --progress: N of M on stderr (not a terminal here: whole lines), and the summary's elapsed time
    CHECK_MESSAGE(r.output.find("backfill copy: 0 of 2 runs (0%), 0 failed\n") != std::string::npos, r.output);
    CHECK(r.output.find("backfill copy: 2 of 2 runs (100%), 0 failed, ") != std::string::npos);
    CHECK(r.output.find("2 runs, 0 failed, 120 points written in ") != std::string::npos);
    CHECK(st->listRuns("copy", 0).size() == 4);

    // the log shows the runs, oldest first; --limit keeps the most recent
    r = runCommand(fluxiBin() + " task log copy --limit 3 --data " + shellQuote(data));
    CHECK(r.exitCode == 0);
    CHECK(countOf(r.output, "\n") == 4);  // header + 3 runs
    CHECK(r.output.find("\n2024-01-01T04:00:00Z") != std::string::npos);
    r = runCommand(fluxiBin() + " task log --data " + shellQuote(data));  // all tasks
    CHECK(r.output.find("task  scheduled") == 0);
    r = runCommand(fluxiBin() + " task log nosuchtask --data " + shellQuote(data));
    CHECK(r.exitCode == 0);
    CHECK(r.output.find("no runs logged for task nosuchtask") == 0);
}

TEST_CASE("cli task serve: two tasks every second, one failing and retried, stopped by SIGTERM") {
    TempDataDir dir;
    std::string data = dir.sub("data");
    std::string tasks = dir.sub("tasks");
    std::filesystem::create_directories(tasks);
    writeFile(tasks + "/good.flux", "option task = {name: \"good\", every: 1s}\nx = 1\n");
    writeFile(tasks + "/bad.flux",
              "option task = {name: \"bad\", every: 1s, retry: 1}\nx = 1\ny = die(msg: \"oops\")\n");
    writeFile(tasks + "/notes.txt", "not a task\n");
    std::string outPath = dir.sub("serve.out");

    pid_t pid = fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
        int fd = open(outPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(fd, 1);
        dup2(fd, 2);
        execl(FLUXI_BINARY, FLUXI_BINARY, "task", "serve", tasks.c_str(), "--data", data.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(3600));
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    std::string out = readFile(outPath);
    REQUIRE_MESSAGE(WIFEXITED(status), out);
    CHECK_MESSAGE(WEXITSTATUS(status) == 0, out);
    CHECK(out.find("fluxi task serve: 2 tasks, data in ") == 0);
    CHECK(out.find("task bad (") != std::string::npos);
    CHECK(out.find("task good (") != std::string::npos);
    CHECK(out.find("SIGTERM received: stopping") != std::string::npos);
    CHECK(out.find("\nstopped\n") != std::string::npos);
    CHECK(countOf(out, "good 20") >= 2);

    auto st = store::Store::open(data);
    auto good = st->listRuns("good", 0);
    CHECK(good.size() >= 2);
    for (auto& r : good) {
        CHECK(r.status == "success");
        CHECK(r.scheduledFor % kNanosPerSecond == 0);
        CHECK(r.finishedAt >= r.startedAt);
    }
    // bad: each scheduled second is tried twice (retry: 1), the retry 1s after the failure
    auto bad = st->listRuns("bad", 0);
    std::map<int64_t, std::vector<store::RunRecord>> byTime;
    for (auto it = bad.rbegin(); it != bad.rend(); ++it) byTime[it->scheduledFor].push_back(*it);
    REQUIRE(byTime.size() >= 2);
    auto& first = byTime.begin()->second;
    REQUIRE(first.size() == 2);
    CHECK(first[0].status == "failed");
    CHECK(first[0].error.find("bad.flux:3:5: error: oops") != std::string::npos);
    CHECK(first[0].error.find("(attempt 1 of 2; retrying in 1.00s)") != std::string::npos);
    CHECK(first[1].error.find("(attempt 2 of 2; giving up)") != std::string::npos);
    CHECK(first[0].attempt == 1);
    CHECK(first[1].attempt == 2);
    for (auto& r : good) CHECK(r.attempt == 1);
    CHECK(first[1].startedAt - first[0].finishedAt >= kNanosPerSecond);
    for (auto& r : bad) CHECK(r.status == "failed");
    CHECK(out.find("(attempt 1 of 2; retrying in 1.00s)") != std::string::npos);
    // nothing is left running
    for (auto& r : st->listRuns("", 0)) CHECK(r.status != "running");
    // `task log` shows the attempt of each run
    auto log = runCommand(fluxiBin() + " task log bad --limit 0 --data " + shellQuote(data));
    CHECK(logRow(log.output, "scheduled") ==
          std::vector<std::string>{"scheduled", "attempt", "started", "finished", "status", "rows", "error"});
    const std::string firstTime = formatTime(byTime.begin()->first);
    std::istringstream lines(log.output);
    std::vector<std::string> attempts;
    for (std::string line; std::getline(lines, line);)
        if (line.rfind(firstTime, 0) == 0) attempts.push_back(logRow(line, firstTime).at(1));
    CHECK(attempts == std::vector<std::string>{"1", "2"});
}

TEST_CASE("cli task serve: invalid task files are reported and skipped, the others are served") {
    TempDataDir dir;
    std::string data = dir.sub("data");
    writeFile(dir.sub("a.flux"), "option task = {name: \"same\", every: 1h}\n");
    writeFile(dir.sub("b.flux"), "option task = {name: \"same\", every: 2h}\n");
    writeFile(dir.sub("c.flux"), "option task = {name: \"c\", cron: \"61 * * * *\"}\n");
    // Only invalid files: nothing to serve.
    auto r = runCommand(fluxiBin() + " task serve " + shellQuote(dir.sub("c.flux")) + " --data " + shellQuote(data));
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("c.flux:1:27: error: option task: cron \"61 * * * *\": minute field \"61\": 61 is out of "
                        "range 0-59") != std::string::npos);
    CHECK(r.output.find("no task file could be loaded") != std::string::npos);
    // One good file among bad ones: the bad ones are reported, the good one is served until SIGTERM.
    r = runCommand("timeout -s TERM 2 " + fluxiBin() + " task serve " + shellQuote(dir.sub("a.flux")) + " " +
                   shellQuote(dir.sub("b.flux")) + " " + shellQuote(dir.sub("c.flux")) + " --data " + shellQuote(data));
    CHECK_MESSAGE(r.output.find("b.flux: error: another task file is already named same") != std::string::npos,
                  r.output);
    CHECK(r.output.find("c.flux:1:27: error:") != std::string::npos);
    CHECK(r.output.find("skipped 2 task files with errors (above); serving the others") != std::string::npos);
    CHECK(r.output.find("fluxi task serve: 1 task, data in ") != std::string::npos);
    CHECK(runCommand(fluxiBin() + " task serve --data " + shellQuote(data)).exitCode != 0);
}
