// Tests of task runs and the scheduler in process (task/runner.h, task/scheduler.h), with host
// builtins that stage writes, fail or take time, so they depend only on the evaluator and the store:
// now() is the scheduled time, a failed run applies nothing and is logged as failed, backfill is
// idempotent, and the scheduler keeps the concurrency limit and retries with backoff.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>

#include "eval/builtin.h"
#include "eval/execution.h"
#include "eval/time.h"
#include "api/engine.h"
#include "store/store.h"
#include "task/runner.h"
#include "task/scheduler.h"
#include "tests/support/store_test_util.h"

using namespace fluxi;
using fluxi::testutil::TempDataDir;

namespace {

// tasktest.emit(v:) stages the point out,m v=V at now(); tasktest.boom() fails;
// tasktest.work(ms:) sleeps and records how many calls run at once.
std::atomic<int> g_active{0};
std::atomic<int> g_maxActive{0};

void setupTestBuiltins(Engine& e) {
    e.registerBuiltin("tasktest", "emit", "v", [](CallContext& ctx, const Args& a) {
        Execution& ex = ctx.execution();
        if (!ex.writes) ex.writes = std::make_shared<store::WriteBatch>();
        ex.writes->beginPoint("out", "m", {});
        ex.writes->addFloat("v", ctx.now(), a.get("v")->asFloat());
        return Value::null();
    });
    e.registerBuiltin("tasktest", "boom", "", [](CallContext& ctx, const Args&) -> Value {
        ctx.fail("boom: this task always fails");
    });
    e.registerBuiltin("tasktest", "work", "ms", [](CallContext&, const Args& a) {
        int now = ++g_active;
        int seen = g_maxActive.load();
        while (now > seen && !g_maxActive.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(a.get("ms")->asInt()));
        --g_active;
        return Value::null();
    });
}

task::RunSettings settingsFor(const std::string& dir) {
    task::RunSettings rs;
    rs.dataDir = dir;
    rs.setupEngine = setupTestBuiltins;
    return rs;
}

// All points of out/m/v as "time=value" pairs.
std::string outPoints(store::Store& st) {
    auto b = st.findBucket("out");
    if (!b) return "";
    std::string s;
    store::SeriesColumns c;
    for (auto& series : st.findSeries(*b, nullptr)) {
        st.readSeries(series, INT64_MIN, INT64_MAX, c);
        for (size_t i = 0; i < c.size(); i++)
            s += (s.empty() ? "" : ",") + formatTime(c.times[i]) + "=" + std::to_string(c.floats[i]);
    }
    return s;
}

}  // namespace

TEST_CASE("task run: now() is the scheduled time, points are written and the run is logged") {
    TempDataDir dir;
    auto t = task::taskFromSource("import \"tasktest\"\noption task = {name: \"emit\", every: 1h}\n"
                                  "tasktest.emit(v: 1.5)\n",
                                  "emit.flux");
    auto st = store::Store::open(dir.path());
    int64_t when = parseTime("2024-01-02T00:00:00Z");
    task::RunOutcome r = task::executeRun(t, when, *st, settingsFor(dir.path()));
    CHECK_MESSAGE(r.ok, r.error);
    CHECK(r.pointsWritten == 1);
    CHECK(r.scheduledFor == when);
    CHECK(r.startedAt <= r.finishedAt);
    CHECK(outPoints(*st) == "2024-01-02T00:00:00Z=1.500000");
    auto runs = st->listRuns("emit", 0);
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].id == r.runId);
    CHECK(runs[0].scheduledFor == when);
    CHECK(runs[0].status == "success");
    CHECK(runs[0].error.empty());
    CHECK(runs[0].rowsWritten == 1);
    CHECK(runs[0].finishedAt == r.finishedAt);
    CHECK(task::describeRun(t, r).find("emit 2024-01-02T00:00:00Z success: 1 point written in ") == 0);
}

TEST_CASE("task run: a failing task writes nothing and is logged as failed with its position") {
    TempDataDir dir;
    auto t = task::taskFromSource("import \"tasktest\"\noption task = {name: \"fails\", every: 1h}\n"
                                  "tasktest.emit(v: 1.0)\ntasktest.emit(v: 2.0)\ntasktest.boom()\n",
                                  "fails.flux");
    auto st = store::Store::open(dir.path());
    task::RunSettings rs = settingsFor(dir.path());
    rs.errorNote = " (note)";
    task::RunOutcome r = task::executeRun(t, parseTime("2024-01-02T00:00:00Z"), *st, rs);
    CHECK_FALSE(r.ok);
    CHECK(r.pointsWritten == 0);
    CHECK_MESSAGE(r.error.find("fails.flux:5:1: error: boom: this task always fails") == 0, r.error);
    CHECK(outPoints(*st).empty());
    CHECK_FALSE(st->findBucket("out"));
    auto runs = st->listRuns("fails", 0);
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].status == "failed");
    CHECK(runs[0].rowsWritten == 0);
    CHECK(runs[0].error.find("fails.flux:5:1: error: boom: this task always fails") == 0);
    CHECK(runs[0].error.substr(runs[0].error.size() - 7) == " (note)");
    CHECK(task::describeRun(t, r).find("fails 2024-01-02T00:00:00Z failed after ") == 0);
}

TEST_CASE("task backfill: every scheduled run in order, each with its own now, idempotent") {
    TempDataDir dir;
    auto t = task::taskFromSource("import \"tasktest\"\noption task = {name: \"bf\", every: 6h, offset: 5m}\n"
                                  "tasktest.emit(v: 1.0)\n",
                                  "bf.flux");
    auto st = store::Store::open(dir.path());
    auto times = t.schedule.between(parseTime("2024-01-01T00:00:00Z"), parseTime("2024-01-02T00:00:00Z"), 100);
    REQUIRE(times.size() == 4);
    for (int pass = 0; pass < 2; pass++)
        for (int64_t when : times) CHECK(task::executeRun(t, when, *st, settingsFor(dir.path())).ok);
    auto b = st->findBucket("out");
    REQUIRE(b);
    CHECK(st->countPoints(*b) == 4);  // the second pass replaced the same points
    std::string pts = outPoints(*st);
    CHECK(pts.find("2024-01-01T00:00:00Z=") == 0);
    CHECK(pts.find("2024-01-01T18:00:00Z=") != std::string::npos);
    auto runs = st->listRuns("bf", 0);
    CHECK(runs.size() == 8);
}

TEST_CASE("task scheduler: concurrency limit, retries with backoff, a failing task does not stop the others") {
    TempDataDir dir;
    g_active = 0;
    g_maxActive = 0;
    std::vector<task::TaskDefinition> tasks;
    // runs every second and takes 2.5s: with concurrency 2, at most two at once
    tasks.push_back(task::taskFromSource(
        "import \"tasktest\"\noption task = {name: \"slow\", every: 1s, concurrency: 2}\ntasktest.work(ms: 2500)\n",
        "slow.flux"));
    tasks.push_back(task::taskFromSource(
        "import \"tasktest\"\noption task = {name: \"bad\", every: 1s, retry: 2}\ntasktest.boom()\n", "bad.flux"));
    auto st = store::Store::open(dir.path());
    task::SchedulerSettings s;
    s.run = settingsFor(dir.path());
    s.retryBaseDelay = 100 * kNanosPerMilli;
    std::mutex linesMu;
    std::vector<std::string> lines;
    s.print = [&](const std::string& l) {
        std::lock_guard lock(linesMu);
        lines.push_back(l);
    };
    const int64_t start = task::wallClockNow();
    {
        task::Scheduler sched(std::move(tasks), st, s);
        std::thread stopper([&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(4200));
            sched.stop();
        });
        sched.run();  // returns once the runs under way have finished
        stopper.join();
        CHECK(sched.runningCount() == 0);
    }
    CHECK(g_maxActive.load() == 2);
    CHECK(task::Scheduler::retryDelay(1, 100, 10000) == 100);
    CHECK(task::Scheduler::retryDelay(2, 100, 10000) == 200);
    CHECK(task::Scheduler::retryDelay(4, 100, 10000) == 800);
    CHECK(task::Scheduler::retryDelay(20, 100, 10000) == 10000);

    // the slow task: runs at whole seconds after the start, at most 2 at once, all successful
    auto slow = st->listRuns("slow", 0);
    REQUIRE(slow.size() >= 2);
    for (auto& r : slow) {
        CHECK(r.status == "success");
        CHECK(r.scheduledFor % kNanosPerSecond == 0);
        CHECK(r.scheduledFor >= start);
        CHECK(r.finishedAt - r.startedAt >= 2500 * kNanosPerMilli);
    }
    // the bad task: 3 attempts per scheduled time (1 + retry 2), 100ms then 200ms apart
    auto bad = st->listRuns("bad", 0);
    std::map<int64_t, std::vector<store::RunRecord>> byTime;
    for (auto it = bad.rbegin(); it != bad.rend(); ++it) byTime[it->scheduledFor].push_back(*it);
    REQUIRE(byTime.size() >= 3);
    auto& first = byTime.begin()->second;
    REQUIRE(first.size() == 3);
    for (auto& r : first) CHECK(r.status == "failed");
    CHECK(first[0].error.find("bad.flux:3:1: error: boom") == 0);
    CHECK(first[0].error.find("(attempt 1 of 3; retrying in 100.0ms)") != std::string::npos);
    CHECK(first[1].error.find("(attempt 2 of 3; retrying in 200.0ms)") != std::string::npos);
    CHECK(first[2].error.find("(attempt 3 of 3; giving up)") != std::string::npos);
    CHECK(first[1].startedAt - first[0].finishedAt >= 100 * kNanosPerMilli);
    CHECK(first[2].startedAt - first[1].finishedAt >= 200 * kNanosPerMilli);
    for (auto& r : bad) CHECK(r.status == "failed");

    std::lock_guard lock(linesMu);
    REQUIRE(lines.size() >= 3);
    CHECK(lines[0].find("task slow (slow.flux): every 1s; first run ") == 0);
    CHECK(lines[1].find("task bad (bad.flux): every 1s; first run ") == 0);
    CHECK(lines.back() == "stopped");
}

TEST_CASE("task scheduler: abandoning the runs under way marks them in the run log") {
    TempDataDir dir;
    std::vector<task::TaskDefinition> tasks;
    tasks.push_back(task::taskFromSource(
        "import \"tasktest\"\noption task = {name: \"long\", every: 1s}\ntasktest.work(ms: 1500)\n", "long.flux"));
    auto st = store::Store::open(dir.path());
    task::SchedulerSettings s;
    s.run = settingsFor(dir.path());
    task::Scheduler sched(std::move(tasks), st, s);
    std::thread runner([&] { sched.run(); });
    // wait until a run is under way, then abandon it
    for (int i = 0; i < 300 && sched.runningCount() == 0; i++) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(sched.runningCount() == 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    CHECK(sched.abandonRunning() == 1);
    auto runs = st->listRuns("long", 0);
    REQUIRE(runs.size() == 1);
    CHECK(runs[0].status == "abandoned");
    CHECK(runs[0].error.find("the scheduler was stopped while the run was under way") == 0);
    sched.stop();
    runner.join();
}
