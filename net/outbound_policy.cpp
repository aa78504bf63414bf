// The outbound policy of net/outbound_policy.h: a process-wide mode, a replaceable printer for
// recorded requests, and a per-thread journal of side-effecting requests.
#include "net/outbound_policy.h"

#include "net/sensitive.h"

#include <atomic>
#include <cstdio>
#include <mutex>

namespace fluxi::net {

namespace {

std::atomic<OutboundMode> gMode{OutboundMode::Send};

std::mutex& printerMutex() {
    static std::mutex m;
    return m;
}

std::function<void(const OutboundRecord&)>& printer() {
    static std::function<void(const OutboundRecord&)> p;
    return p;
}

// Kept bounded: only the last entries matter to a run that reports what it did.
thread_local std::vector<OutboundRecord> tJournal;
thread_local size_t tJournalBase = 0;  // how many entries were dropped from the front
constexpr size_t kJournalLimit = 1000;

}  // namespace

void setOutboundMode(OutboundMode mode) { gMode.store(mode); }
OutboundMode outboundMode() { return gMode.load(); }

bool hasSideEffects(const std::string& method) { return method != "GET" && method != "HEAD"; }

void setRecordedRequestPrinter(std::function<void(const OutboundRecord&)> p) {
    std::lock_guard lock(printerMutex());
    printer() = std::move(p);
}

std::string describeRecordedRequest(const OutboundRecord& r, const std::string& label) {
    std::string line = "fluxi: ";
    if (!label.empty()) line += label + ": ";
    line += "not sent (--no-side-effects): " + r.method + " " + r.url;
    if (!r.body.empty()) line += " body: " + r.body;
    return line;
}

void printRecorded(const OutboundRecord& record) {
    std::lock_guard lock(printerMutex());
    if (printer()) {
        printer()(record);
        return;
    }
    std::string line = describeRecordedRequest(record) + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

size_t outboundJournalMark() { return tJournalBase + tJournal.size(); }

std::vector<OutboundRecord> outboundSince(size_t mark) {
    size_t from = mark > tJournalBase ? mark - tJournalBase : 0;
    if (from >= tJournal.size()) return {};
    return std::vector<OutboundRecord>(tJournal.begin() + static_cast<std::ptrdiff_t>(from), tJournal.end());
}

void noteOutbound(OutboundRecord record) {
    if (tJournal.size() >= kJournalLimit) {
        size_t drop = kJournalLimit / 2;
        tJournal.erase(tJournal.begin(), tJournal.begin() + static_cast<std::ptrdiff_t>(drop));
        tJournalBase += drop;
    }
    tJournal.push_back(std::move(record));
}

bool mayPerformSideEffect(const std::string& what, const std::string& target, const std::string& body) {
    if (outboundMode() != OutboundMode::Record) return true;
    OutboundRecord record{what, redactSensitive(target), redactSensitive(body), false, 0};
    printRecorded(record);
    noteOutbound(std::move(record));
    return false;
}

void noteSideEffectDone(const std::string& what, const std::string& target, const std::string& body) {
    noteOutbound(OutboundRecord{what, redactSensitive(target), redactSensitive(body), true, 0});
}

}  // namespace fluxi::net
