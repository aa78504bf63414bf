// The task scheduler (see task/scheduler.h): one control loop that moves due runs into per-task
// queues and starts a thread per run while the task has a free slot; run threads retry with
// exponential backoff and report back through the same mutex and condition variable.
#include "task/scheduler.h"

#include <chrono>
#include <limits>

#include "eval/time.h"
#include "store/store.h"

namespace fluxi::task {

namespace {

std::chrono::system_clock::time_point toTimePoint(int64_t nanos) {
    return std::chrono::system_clock::time_point(
        std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::nanoseconds(nanos)));
}

}  // namespace

Scheduler::Scheduler(std::vector<TaskDefinition> tasks, std::shared_ptr<store::Store> log, SchedulerSettings settings)
    : tasks_(std::move(tasks)), log_(std::move(log)), settings_(std::move(settings)), state_(tasks_.size()) {}

Scheduler::~Scheduler() {
    stop();
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return threads_.size() == finished_.size(); });
    reapFinished(lock);
}

int64_t Scheduler::retryDelay(int64_t attempt, int64_t base, int64_t max) {
    int64_t d = base;
    for (int64_t i = 1; i < attempt && d < max; i++) d = d > max / 2 ? max : d * 2;
    return d < max ? d : max;
}

void Scheduler::emit(const std::string& line) {
    if (!settings_.print) return;
    std::lock_guard lock(printMu_);
    settings_.print(line);
}

void Scheduler::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
}

size_t Scheduler::runningCount() const {
    std::lock_guard lock(mu_);
    size_t n = 0;
    for (auto& s : state_) n += static_cast<size_t>(s.running);
    return n;
}

size_t Scheduler::abandonRunning() {
    std::lock_guard lock(mu_);
    size_t n = 0;
    for (auto& [key, id] : activeRunIds_) {
        try {
            log_->finishRun(id, wallClockNow(), "abandoned",
                            "the scheduler was stopped while the run was under way; its writes were not applied", 0);
            n++;
        } catch (const std::exception&) {
            // the log is best effort here: the process is about to exit
        }
    }
    return n;
}

void Scheduler::reapFinished(std::unique_lock<std::mutex>& lock) {
    std::vector<std::thread> done;
    for (uint64_t key : finished_) {
        auto it = threads_.find(key);
        if (it == threads_.end()) continue;
        done.push_back(std::move(it->second));
        threads_.erase(it);
    }
    finished_.clear();
    lock.unlock();
    for (auto& t : done) t.join();
    lock.lock();
}

void Scheduler::run() {
    const int64_t start = wallClockNow();
    std::unique_lock lock(mu_);
    for (size_t i = 0; i < tasks_.size(); i++) {
        const TaskDefinition& t = tasks_[i];
        state_[i].nextScheduled = t.schedule.firstExecutableAtOrAfter(start);
        emit("task " + t.options.name + " (" + t.file + "): " + t.schedule.describe() + "; first run " +
             formatTime(state_[i].nextScheduled) +
             (t.options.offset ? " (starts at " + formatTime(t.schedule.executionTime(state_[i].nextScheduled)) + ")"
                               : std::string()));
    }

    while (!stopping_) {
        reapFinished(lock);
        if (stopping_) break;
        const int64_t now = wallClockNow();
        int64_t wake = std::numeric_limits<int64_t>::max();
        for (size_t i = 0; i < tasks_.size(); i++) {
            const TaskDefinition& t = tasks_[i];
            TaskState& st = state_[i];
            // Everything due goes to the queue, in scheduled order.
            try {
                while (st.nextScheduled != std::numeric_limits<int64_t>::max() &&
                       t.schedule.executionTime(st.nextScheduled) <= now) {
                    st.pending.push_back(st.nextScheduled);
                    st.nextScheduled = t.schedule.nextAfter(st.nextScheduled);
                }
            } catch (const std::exception& e) {
                emit("task " + t.options.name + ": no further runs: " + e.what());
                st.nextScheduled = std::numeric_limits<int64_t>::max();
            }
            while (st.running < t.options.concurrency && !st.pending.empty()) {
                int64_t scheduled = st.pending.front();
                st.pending.pop_front();
                st.running++;
                uint64_t key = nextKey_++;
                threads_.emplace(key, std::thread(&Scheduler::worker, this, i, scheduled, key));
            }
            if (st.nextScheduled != std::numeric_limits<int64_t>::max())
                wake = std::min(wake, t.schedule.executionTime(st.nextScheduled));
        }
        // Sleep until the next run is due, a run finishes, or stop().
        size_t finishedBefore = finished_.size();
        auto woken = [&] { return stopping_ || finished_.size() != finishedBefore; };
        if (wake == std::numeric_limits<int64_t>::max()) cv_.wait(lock, woken);
        else cv_.wait_until(lock, toTimePoint(wake), woken);
    }

    size_t dropped = 0;
    for (auto& st : state_) {
        dropped += st.pending.size();
        st.pending.clear();
    }
    size_t running = threads_.size() - finished_.size();
    emit("stopping: " + std::to_string(running) + (running == 1 ? " run" : " runs") + " under way" +
         (running ? ", waiting for them to finish" : "") +
         (dropped ? "; " + std::to_string(dropped) + " due runs not started" : ""));
    cv_.wait(lock, [&] { return threads_.size() == finished_.size(); });
    reapFinished(lock);
    emit("stopped");
}

void Scheduler::worker(size_t taskIndex, int64_t scheduled, uint64_t key) {
    const TaskDefinition& t = tasks_[taskIndex];
    const int64_t attempts = t.options.retry + 1;
    for (int64_t attempt = 1;; attempt++) {
        const bool canRetry = attempt < attempts;
        const int64_t delay = retryDelay(attempt, settings_.retryBaseDelay, settings_.retryMaxDelay);
        RunSettings rs = settings_.run;
        std::string note;
        if (canRetry)
            note = " (attempt " + std::to_string(attempt) + " of " + std::to_string(attempts) + "; retrying in " +
                   formatElapsed(delay) + ")";
        else if (attempts > 1)
            note = " (attempt " + std::to_string(attempt) + " of " + std::to_string(attempts) + "; giving up)";
        rs.errorNote = note;
        rs.attempt = attempt;
        rs.onStarted = [this, key](int64_t id) {
            std::lock_guard lock(mu_);
            activeRunIds_[key] = id;
        };
        RunOutcome out;
        try {
            out = executeRun(t, scheduled, *log_, rs);
        } catch (const std::exception& e) {
            // The run log could not be written: report it and count the attempt as failed.
            out.scheduledFor = scheduled;
            out.ok = false;
            out.error = std::string("run log: ") + e.what();
        }
        {
            std::lock_guard lock(mu_);
            activeRunIds_.erase(key);
        }
        emit(describeRun(t, out) + (out.ok ? "" : note));
        if (out.ok || !canRetry) break;
        std::unique_lock lock(mu_);
        if (cv_.wait_for(lock, std::chrono::nanoseconds(delay), [&] { return stopping_; })) {
            lock.unlock();
            emit(t.options.name + " " + formatTime(scheduled) + ": retry canceled, the scheduler is stopping");
            break;
        }
    }
    {
        std::lock_guard lock(mu_);
        state_[taskIndex].running--;
        finished_.push_back(key);
    }
    cv_.notify_all();
}

}  // namespace fluxi::task
