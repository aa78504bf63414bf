// Resource limits of a run, in one place: a memory budget that table columns, strings and arrays are
// charged against, a wall-time deadline, and a cancellation flag another thread may raise.
//
// A run installs its RunBudget on its thread (RunScope). Code that can run long calls the cheap
// checks below: Column charges its buffers every kRowsPerCheck rows, the interpreter ticks on every
// call, stream stages check once per table. Strings and arrays note their size per thread without
// atomics and the notes reach the budget in chunks. Noting never throws; the next check does, with a
// LimitExceeded error positioned at the builtin call being evaluated (CallSiteScope).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ast/ast.h"
#include "eval/error.h"
#include "eval/limits_state.h"
#include "eval/value.h"

namespace fluxi {

// 0 means "no limit" for both.
struct RunLimits {
    uint64_t maxMemoryBytes = 0;
    std::chrono::nanoseconds timeout{0};
};

// Raised from any thread (Engine::cancel); a run polls it at its checks.
class CancelFlag {
public:
    void cancel() { flag_.store(true, std::memory_order_relaxed); }
    void reset() { flag_.store(false, std::memory_order_relaxed); }
    bool canceled() const { return flag_.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> flag_{false};
};

// A memory, time or cancellation limit was hit. Handlers that turn Flux errors into values
// (experimental.catch, testing.shouldError) let it through: a limit ends the run.
class LimitExceeded : public FluxError {
public:
    using FluxError::FluxError;
};

// The budget of one run. Reference-counted: the columns a run built keep it alive (they release
// their bytes into it when they die), even after the run returned its results.
class RunBudget final : public HeapObject {
public:
    RunBudget(RunLimits limits, std::shared_ptr<const CancelFlag> cancel);

    const RunLimits& limits() const { return limits_; }
    // Adds bytes to the live total; true while the total is within the limit.
    bool add(int64_t bytes);
    int64_t used() const { return used_.load(std::memory_order_relaxed); }
    int64_t peak() const { return peak_.load(std::memory_order_relaxed); }
    bool overMemory() const { return limits_.maxMemoryBytes != 0 && used() > static_cast<int64_t>(limits_.maxMemoryBytes); }
    bool pastDeadline() const;
    bool canceled() const { return cancel_ && cancel_->canceled(); }
    // The safety net for memory nothing charged (scratch buffers of kernels): the growth of the
    // process's resident memory since the run started, looked at only while this is the only run in
    // the process. True when that growth is over the limit.
    bool residentGrowthOverLimit() const;
    // Runs in progress in the process (RunScope counts them).
    static std::atomic<int>& activeRuns();

private:
    int64_t residentAtStart_ = 0;
    RunLimits limits_;
    std::shared_ptr<const CancelFlag> cancel_;
    std::chrono::steady_clock::time_point deadline_;
    std::atomic<int64_t> used_{0};
    std::atomic<int64_t> peak_{0};
};

namespace limits {

// Rows appended to a column between two charges of its buffers (and checks of time and cancellation).
constexpr size_t kRowsPerCheck = 4096;
// Interpreter calls between two checks of the clock and the cancellation flag.
constexpr uint32_t kCallsPerCheck = 1024;

// The builtin (or lazy stream stage) being evaluated on this thread: limit errors name it and take
// its position.
struct CallSite {
    std::string_view function;
    std::string_view package;  // import path of a builtin ("" or "universe": none shown)
    const std::string* file = nullptr;
    ast::SourceLoc loc;
    const CallSite* outer = nullptr;
};

// Installs a run's budget on this thread for the scope (restores the previous one after).
class RunScope {
public:
    explicit RunScope(Ref<RunBudget> budget);
    ~RunScope();
    RunScope(const RunScope&) = delete;
    RunScope& operator=(const RunScope&) = delete;

private:
    Ref<RunBudget> budget_;
    ThreadState saved_;
};

class CallSiteScope {
public:
    CallSiteScope(std::string_view function, const std::string* file, ast::SourceLoc loc,
                  std::string_view package = {})
        : site_{function, package, file, loc, state().site} {
        state().site = &site_;
    }
    ~CallSiteScope() { state().site = site_.outer; }
    CallSiteScope(const CallSiteScope&) = delete;
    CallSiteScope& operator=(const CallSiteScope&) = delete;

private:
    CallSite site_;
};

inline RunBudget* current() { return state().budget; }
inline const CallSite* currentCallSite() { return state().site; }

// Throws LimitExceeded when the run is over its memory budget, past its deadline or canceled.
// `what` says what was being done ("building a table"); the error is positioned at the current
// call site.
void check(const char* what = nullptr);

// The interpreter's per-call check: counts, and checks for real every kCallsPerCheck calls (at once
// when a note put the run over its memory budget).
inline void tick() {
    ThreadState& s = state();
    if (s.budget && (s.overLimit || ++s.ticks >= kCallsPerCheck)) check();
}

// The bytes one object (a column) holds, charged to the budget of the run that built it and
// released into that budget when the object dies. A copy starts uncharged.
class MemoryCharge {
public:
    MemoryCharge() = default;
    MemoryCharge(const MemoryCharge&) {}
    MemoryCharge& operator=(const MemoryCharge&) { return *this; }
    MemoryCharge(MemoryCharge&& o) noexcept : budget_(std::move(o.budget_)), bytes_(o.bytes_) { o.bytes_ = 0; }
    MemoryCharge& operator=(MemoryCharge&& o) noexcept;
    ~MemoryCharge() { reset(); }

    // Charges (or releases) the difference to `bytes` against this thread's run budget. Throws
    // LimitExceeded (charging nothing) when that would go over the limit.
    void set(size_t bytes, const char* what);
    void reset();

private:
    Ref<RunBudget> budget_;
    int64_t bytes_ = 0;
};

// The errors, positioned at the current call site (or the given one).
[[noreturn]] void failMemory(const RunBudget& b, const char* what);
[[noreturn]] void failOutOfMemory(std::string_view function, const std::string* file, ast::SourceLoc loc);

// "512 MiB", "1.5 GiB", "300 B".
std::string formatBytes(uint64_t bytes);
// Sizes: "512MiB", "2GB", "1048576" (bytes), "64k"; "0" or "unlimited" -> 0 (no limit). False with a
// message when the text is not a size.
bool parseByteSize(std::string_view text, uint64_t& out, std::string& error);
// Flux duration text ("30s", "1m30s", "500ms"); "0" or "unlimited" -> 0 (no limit).
bool parseTimeout(std::string_view text, std::chrono::nanoseconds& out, std::string& error);

}  // namespace limits
}  // namespace fluxi
