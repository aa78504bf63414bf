// The profile results of a run, as option profiler.enabledProfilers asks for them.
//   "query": one table keyed by _measurement = "profiler/query" with the reference's columns:
//     TotalDuration (parse to last result drained, ns), CompileDuration (parsing), QueueDuration,
//     PlanDuration and RequeueDuration (0: fluxi neither queues nor plans), ExecuteDuration
//     (evaluation and draining the results), Concurrency (1: one thread runs a script),
//     MaxAllocated and TotalAllocated (0: fluxi does not count its allocations) and
//     RuntimeErrors ("": a run that fails returns its error instead of results).
//   "operator": not available (fluxi has no physical operators to time): an error saying so.
//   Other names are ignored, as in the reference (the default [""] enables nothing).
#pragma once

#include <cstdint>
#include <optional>

#include "eval/execution.h"

namespace fluxi {

class Interpreter;
namespace ast {
struct File;
}

struct QueryStats {
    int64_t totalNanos = 0;
    int64_t compileNanos = 0;
    int64_t executeNanos = 0;
};

// The "_profiler" result the run's options ask for, or nothing. Throws FluxError for an option
// value that is not an array of strings or names a profiler fluxi does not have, positioned at the
// script's `option profiler.enabledProfilers = ...` when it has one.
std::optional<NamedResult> profilerResult(Interpreter& interp, const ast::File& script, const QueryStats& stats);

}  // namespace fluxi
