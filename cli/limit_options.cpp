// --timeout / --max-memory (see limit_options.h).
#include "cli/limit_options.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <iostream>

namespace fluxi::cli {

std::string defaultMaxMemory() {
    long pages = ::sysconf(_SC_PHYS_PAGES), pageSize = ::sysconf(_SC_PAGESIZE);
    uint64_t half = pages > 0 && pageSize > 0 ? static_cast<uint64_t>(pages) * static_cast<uint64_t>(pageSize) / 2 : 0;
    uint64_t gib = std::max<uint64_t>(1, half >> 30);  // whole GiB, rounded down
    return std::to_string(gib) + "GiB";
}

void addLimitOptions(CLI::App* cmd, LimitOptions& o, const std::string& timeoutDefault) {
    cmd->add_option("--timeout", o.timeout,
                    "Wall-time limit of a run, as a Flux duration (30s, 5m, 1h30m) or seconds; 0 or unlimited = none "
                    "(default " + timeoutDefault + ")");
    cmd->add_option("--max-memory", o.maxMemory,
                    std::string("Memory limit of a run (tables, strings, arrays): 512MiB, 2GB, ...; 0 or unlimited = "
                                "none (default: half the machine's memory, here ") + defaultMaxMemory() + ")");
}

namespace {

// A bare number is seconds ("30", "2.5"); anything else is a Flux duration.
bool parseSeconds(const std::string& text, std::chrono::nanoseconds& out) {
    if (text.empty() || text.find_first_not_of("0123456789.") != std::string::npos) return false;
    char* end = nullptr;
    double s = std::strtod(text.c_str(), &end);
    if (!end || *end != '\0' || !std::isfinite(s) || s < 0 || s > 9e9) return false;
    out = std::chrono::nanoseconds(static_cast<int64_t>(s * 1e9));
    return true;
}

}  // namespace

bool resolveLimits(const LimitOptions& o, const std::string& verb, const std::string& timeoutDefault, RunLimits& out) {
    std::string error;
    std::string timeout = o.timeout;
    if (timeout.empty()) timeout = timeoutDefault == "none" ? "0" : timeoutDefault.substr(0, timeoutDefault.find(','));
    if (!parseSeconds(timeout, out.timeout) && !limits::parseTimeout(timeout, out.timeout, error)) {
        std::cerr << "fluxi " << verb << ": --timeout " << error << "\n";
        return false;
    }
    const std::string memory = o.maxMemory.empty() ? defaultMaxMemory() : o.maxMemory;
    if (!limits::parseByteSize(memory, out.maxMemoryBytes, error)) {
        std::cerr << "fluxi " << verb << ": --max-memory " << error << "\n";
        return false;
    }
    return true;
}

}  // namespace fluxi::cli
