// The --timeout and --max-memory options that `run`, `test` and the `task` verbs share: their
// parsing (Flux durations, sizes such as 512MiB or 2GB, 0 / unlimited for none) and defaults.
#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "eval/limits.h"

namespace fluxi::cli {

// Default memory budget of a run started from the command line: half of the machine's physical
// memory, at least 1 GiB ("8GiB" on a 16 GiB machine), so that a large query on a big machine runs
// while a runaway script still fails with a positioned error before the machine starts swapping.
std::string defaultMaxMemory();

struct LimitOptions {
    std::string timeout;    // "" = the verb's default
    std::string maxMemory;  // "" = defaultMaxMemory()
};

// Adds --timeout and --max-memory to `cmd`; `timeoutDefault` is described in the help ("none", "30s").
void addLimitOptions(CLI::App* cmd, LimitOptions& o, const std::string& timeoutDefault);

// The limits the options give (a bare number of seconds is accepted for --timeout). On bad text prints
// "fluxi VERB: --timeout ...: why" to stderr and returns false.
bool resolveLimits(const LimitOptions& o, const std::string& verb, const std::string& timeoutDefault, RunLimits& out);

}  // namespace fluxi::cli
