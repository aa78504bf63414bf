// The per-thread part of the run limits (eval/limits.h), kept free of other includes so that
// eval/value.h can note the sizes of strings and arrays inline.
#pragma once

#include <cstddef>
#include <cstdint>

namespace fluxi {

class RunBudget;

namespace limits {

struct CallSite;

struct ThreadState {
    RunBudget* budget = nullptr;
    const CallSite* site = nullptr;
    int64_t pendingBytes = 0;  // strings/arrays noted but not yet added to the budget
    uint32_t ticks = 0;
    uint32_t checks = 0;
    bool overLimit = false;    // the budget went over: the next check throws
    const char* overWhat = nullptr;
};

inline ThreadState& state() {
    static thread_local ThreadState s;
    return s;
}

// Strings and arrays note the bytes they hold when created and when destroyed; the total reaches
// the run's budget in chunks of 64 KiB. Never throws: going over the budget is reported by the next
// check (limits::check / tick).
void flushPending(const char* what);
inline void noteAllocated(size_t bytes, const char* what) {
    ThreadState& s = state();
    if (!s.budget) return;
    s.pendingBytes += static_cast<int64_t>(bytes);
    if (s.pendingBytes > (int64_t{64} << 10)) flushPending(what);
}
inline void noteFreed(size_t bytes) {
    ThreadState& s = state();
    if (!s.budget) return;
    s.pendingBytes -= static_cast<int64_t>(bytes);
    if (s.pendingBytes < -(int64_t{64} << 10)) flushPending(nullptr);
}

}  // namespace limits
}  // namespace fluxi
