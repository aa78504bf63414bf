// Run limits (see limits.h): the budget, the checks and their errors, and the parsing of
// --max-memory / --timeout values.
#include "eval/limits.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstdio>

#include <fcntl.h>
#include <unistd.h>

#include "eval/time.h"

namespace fluxi {

namespace {

// Resident memory of the process in bytes (0 when /proc cannot tell).
int64_t residentBytes() {
    static const int fd = ::open("/proc/self/statm", O_RDONLY | O_CLOEXEC);
    static const long page = ::sysconf(_SC_PAGESIZE);
    if (fd < 0) return 0;
    char buf[128];
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    if (n <= 0) return 0;
    buf[n] = '\0';
    long long size = 0, resident = 0;
    if (std::sscanf(buf, "%lld %lld", &size, &resident) != 2) return 0;
    return static_cast<int64_t>(resident) * page;
}

}  // namespace

RunBudget::RunBudget(RunLimits limits, std::shared_ptr<const CancelFlag> cancel)
    : limits_(limits), cancel_(std::move(cancel)) {
    if (limits_.timeout.count() > 0) deadline_ = std::chrono::steady_clock::now() + limits_.timeout;
    if (limits_.maxMemoryBytes != 0) residentAtStart_ = residentBytes();
}

std::atomic<int>& RunBudget::activeRuns() {
    static std::atomic<int> n{0};
    return n;
}

bool RunBudget::residentGrowthOverLimit() const {
    if (limits_.maxMemoryBytes == 0 || activeRuns().load(std::memory_order_relaxed) != 1) return false;
    int64_t now = residentBytes();
    return now != 0 && now - residentAtStart_ > static_cast<int64_t>(limits_.maxMemoryBytes);
}

bool RunBudget::add(int64_t bytes) {
    int64_t now = used_.fetch_add(bytes, std::memory_order_relaxed) + bytes;
    int64_t peak = peak_.load(std::memory_order_relaxed);
    while (now > peak && !peak_.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
    }
    return limits_.maxMemoryBytes == 0 || now <= static_cast<int64_t>(limits_.maxMemoryBytes);
}

bool RunBudget::pastDeadline() const {
    return limits_.timeout.count() > 0 && std::chrono::steady_clock::now() >= deadline_;
}

namespace limits {

namespace {

// " in window()" for the innermost call site, or "".
std::string inCall(const CallSite* site) {
    if (!site || site->function.empty()) return "";
    std::string name(site->function);
    if (!site->package.empty() && site->package != "universe") {
        std::string_view pkg = site->package;
        pkg = pkg.substr(pkg.rfind('/') == std::string_view::npos ? 0 : pkg.rfind('/') + 1);
        name = std::string(pkg) + "." + name;
    }
    return " in " + name + "()";
}

[[noreturn]] void throwAtSite(ErrorCode code, std::string message) {
    const CallSite* site = state().site;
    if (site && site->file) throw LimitExceeded(code, std::move(message), *site->file, site->loc);
    throw LimitExceeded(code, std::move(message));
}

std::string formatTimeout(std::chrono::nanoseconds d) {
    return formatDuration(Duration{0, d.count()});
}

}  // namespace

RunScope::RunScope(Ref<RunBudget> budget) : budget_(std::move(budget)), saved_(state()) {
    RunBudget::activeRuns().fetch_add(1, std::memory_order_relaxed);
    ThreadState& s = state();
    s = ThreadState{};
    s.budget = budget_.get();
    s.site = saved_.site;
}

RunScope::~RunScope() {
    ThreadState& s = state();
    if (s.pendingBytes != 0 && s.budget) s.budget->add(s.pendingBytes);
    s = saved_;
    RunBudget::activeRuns().fetch_sub(1, std::memory_order_relaxed);
}

void flushPending(const char* what) {
    ThreadState& s = state();
    if (!s.budget) return;
    if (!s.budget->add(s.pendingBytes) && !s.overLimit) {
        s.overLimit = true;
        s.overWhat = what;
    }
    s.pendingBytes = 0;
}

void failMemory(const RunBudget& b, const char* what) {
    std::string msg = "memory limit of " + formatBytes(b.limits().maxMemoryBytes) + " exceeded";
    if (what) msg += std::string(" while ") + what;
    msg += inCall(state().site);
    throwAtSite(ErrorCode::ResourceExhausted, std::move(msg));
}

void failOutOfMemory(std::string_view function, const std::string* file, ast::SourceLoc loc) {
    std::string msg = "out of memory: the system refused an allocation";
    if (!function.empty()) msg += " in " + std::string(function) + "()";
    if (RunBudget* b = state().budget; b && b->limits().maxMemoryBytes == 0)
        msg += " (set a memory limit, e.g. --max-memory 1GiB, to stop such runs earlier)";
    if (file) throw LimitExceeded(ErrorCode::ResourceExhausted, std::move(msg), *file, loc);
    throw LimitExceeded(ErrorCode::ResourceExhausted, std::move(msg));
}

void check(const char* what) {
    ThreadState& s = state();
    RunBudget* b = s.budget;
    if (!b) return;
    s.ticks = 0;
    if (s.overLimit || b->overMemory()) {
        if (b->overMemory()) failMemory(*b, what ? what : s.overWhat);
        s.overLimit = false;  // freed since: carry on
    }
    if (++s.checks % 16 == 0 && b->residentGrowthOverLimit()) failMemory(*b, what);
    // Where it happened: the call being evaluated, else what was being done.
    std::string where = inCall(s.site);
    if (where.empty() && what) where = std::string(" while ") + what;
    if (b->canceled()) throwAtSite(ErrorCode::Canceled, "the run was canceled" + where);
    if (b->pastDeadline())
        throwAtSite(ErrorCode::DeadlineExceeded,
                    "time limit of " + formatTimeout(b->limits().timeout) + " exceeded" + where);
}

MemoryCharge& MemoryCharge::operator=(MemoryCharge&& o) noexcept {
    if (this != &o) {
        reset();
        budget_ = std::move(o.budget_);
        bytes_ = o.bytes_;
        o.bytes_ = 0;
    }
    return *this;
}

void MemoryCharge::set(size_t bytes, const char* what) {
    if (!budget_) {
        RunBudget* b = state().budget;
        if (!b) return;
        budget_ = Ref<RunBudget>(b);
    }
    int64_t delta = static_cast<int64_t>(bytes) - bytes_;
    if (delta == 0) return;
    if (!budget_->add(delta) && delta > 0) {
        budget_->add(-delta);
        failMemory(*budget_, what);
    }
    bytes_ = static_cast<int64_t>(bytes);
}

void MemoryCharge::reset() {
    if (budget_ && bytes_ != 0) budget_->add(-bytes_);
    bytes_ = 0;
    budget_ = Ref<RunBudget>();
}

std::string formatBytes(uint64_t bytes) {
    static const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    int u = 0;
    double v = static_cast<double>(bytes);
    while (v >= 1024 && u < 6) {
        v /= 1024;
        u++;
    }
    char buf[32];
    if (u == 0 || v == std::floor(v)) std::snprintf(buf, sizeof buf, "%.0f %s", v, units[u]);
    else std::snprintf(buf, sizeof buf, "%.1f %s", v, units[u]);
    return buf;
}

bool parseByteSize(std::string_view text, uint64_t& out, std::string& error) {
    if (text == "0" || text == "unlimited") {
        out = 0;
        return true;
    }
    size_t i = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.')) i++;
    std::string number(text.substr(0, i));
    std::string unit(text.substr(i));
    while (!unit.empty() && unit.front() == ' ') unit.erase(0, 1);
    for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    double mult = 0;
    if (unit.empty() || unit == "b") mult = 1;
    else if (unit == "k" || unit == "kb") mult = 1e3;
    else if (unit == "m" || unit == "mb") mult = 1e6;
    else if (unit == "g" || unit == "gb") mult = 1e9;
    else if (unit == "t" || unit == "tb") mult = 1e12;
    else if (unit == "kib") mult = 1024.0;
    else if (unit == "mib") mult = 1024.0 * 1024;
    else if (unit == "gib") mult = 1024.0 * 1024 * 1024;
    else if (unit == "tib") mult = 1024.0 * 1024 * 1024 * 1024;
    char* end = nullptr;
    double n = number.empty() ? -1 : std::strtod(number.c_str(), &end);
    if (mult == 0 || number.empty() || !end || *end != '\0' || n < 0 || !std::isfinite(n * mult) ||
        n * mult >= 9.2e18) {
        error = "\"" + std::string(text) +
                "\" is not a memory size (expected e.g. 512MiB, 2GB, 1048576, or 0 / unlimited for no limit)";
        return false;
    }
    out = static_cast<uint64_t>(n * mult);
    if (out == 0) {
        error = "\"" + std::string(text) + "\" is less than a byte (use 0 or unlimited for no limit)";
        return false;
    }
    return true;
}

bool parseTimeout(std::string_view text, std::chrono::nanoseconds& out, std::string& error) {
    if (text == "0" || text == "unlimited") {
        out = std::chrono::nanoseconds(0);
        return true;
    }
    Duration d;
    bool ok = true;
    try {
        d = parseDuration(text);
    } catch (const std::exception&) {
        ok = false;
    }
    if (!ok || d.months != 0 || d.nanos <= 0) {
        error = "\"" + std::string(text) +
                "\" is not a time limit (expected a Flux duration such as 30s, 1m30s or 500ms, or 0 / unlimited "
                "for no limit)";
        return false;
    }
    out = std::chrono::nanoseconds(d.nanos);
    return true;
}

}  // namespace limits
}  // namespace fluxi
