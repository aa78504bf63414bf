// The task scheduler behind `fluxi task serve`: runs each task at its scheduled times plus offset on
// the real clock, on threads (one fluxi::Engine per run), until stopped.
//
// - The first run of a task is the first one whose execution time (scheduled + offset) is at or
//   after the moment the scheduler starts; runs missed while it was not running are not caught up
//   (`fluxi task backfill` does that).
// - At most `concurrency` runs of a task are under way at once; a run that comes due while all
//   slots are busy waits for a free slot (runs of one task start in scheduled order).
// - A failed run is tried again up to `retry` times. Retry k (1-based) starts after a delay of
//   base * 2^(k-1) (base 1s: 1s, 2s, 4s, 8s, ...), capped at 5 minutes; the run keeps its slot
//   and its scheduled time (same now()) during the wait. Every attempt is its own run-log record.
// - A failing task never stops the scheduler or the other tasks.
// - stop(): no new run or retry starts; run() returns once the runs under way have finished.
//   abandonRunning() marks the run-log records of runs still under way as "abandoned" (their writes
//   are not applied: a run applies its writes only when it succeeds, in one transaction).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "task/runner.h"

namespace fluxi::task {

struct SchedulerSettings {
    RunSettings run;  // data folder, engine setup
    // Receives one line per event (a run finished, a retry, start and stop). Calls are serialised.
    std::function<void(const std::string&)> print;
    int64_t retryBaseDelay = 1000000000LL;      // 1s
    int64_t retryMaxDelay = 300000000000LL;     // 5 minutes
};

class Scheduler {
public:
    Scheduler(std::vector<TaskDefinition> tasks, std::shared_ptr<store::Store> log, SchedulerSettings settings);
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    // Schedules and runs tasks until stop(); returns after the runs under way have finished.
    void run();
    // Thread-safe (not async-signal-safe: call it from a signal-handling thread).
    void stop();
    // Marks the run-log records of runs under way as abandoned; returns how many.
    size_t abandonRunning();
    // Runs under way now (all tasks).
    size_t runningCount() const;

    // The wait before retry `attempt` (1-based).
    static int64_t retryDelay(int64_t attempt, int64_t base, int64_t max);

private:
    struct TaskState {
        int64_t nextScheduled = 0;
        int64_t running = 0;
        std::deque<int64_t> pending;  // due, waiting for a free slot
    };
    void worker(size_t taskIndex, int64_t scheduled, uint64_t threadKey);
    void emit(const std::string& line);
    void reapFinished(std::unique_lock<std::mutex>& lock);

    std::vector<TaskDefinition> tasks_;
    std::shared_ptr<store::Store> log_;
    SchedulerSettings settings_;

    mutable std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::vector<TaskState> state_;
    std::map<uint64_t, std::thread> threads_;
    std::vector<uint64_t> finished_;
    std::map<uint64_t, int64_t> activeRunIds_;  // thread key -> run-log id of its current attempt
    uint64_t nextKey_ = 1;
    std::mutex printMu_;
};

}  // namespace fluxi::task
