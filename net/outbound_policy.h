// What fluxi does with a request that changes something outside (every method but GET and HEAD:
// http.post, requests.do(method: "POST"), the notification packages): send it, or -- with
// --no-side-effects (`fluxi test`, `fluxi task run/backfill`) -- record and print it without
// sending and answer a fake success (status 200, empty body, no headers). GET and HEAD requests are
// reads and are always sent. net::send consults this policy; nothing else needs to.
//
// Every side-effecting request is also noted in a per-thread journal (sent or only recorded), so a
// run that fails afterwards can report what it already did (a task's run log).
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace fluxi::net {

enum class OutboundMode { Send, Record };

// Process-wide; Send unless set.
void setOutboundMode(OutboundMode mode);
OutboundMode outboundMode();

// True for methods that change something on the server (all but GET and HEAD).
bool hasSideEffects(const std::string& method);

// The fake answer a recorded request gets.
constexpr long kRecordedStatus = 200;

struct OutboundRecord {
    std::string method;
    std::string url;   // redacted (net::redactUrl, secrets removed)
    std::string body;  // secrets removed
    bool sent = false;  // false: only recorded (--no-side-effects)
    long status = 0;    // the server's status when sent
};

// Where recorded (not sent) requests are printed; the default writes one line per request to stderr:
//   fluxi: not sent (--no-side-effects): POST http://host/path body: {...}
void setRecordedRequestPrinter(std::function<void(const OutboundRecord&)> printer);
// The default printer's text for a record, with `label` (e.g. a testcase) before it when not empty.
std::string describeRecordedRequest(const OutboundRecord& r, const std::string& label = "");

// The journal of side-effecting requests on this thread: take a mark, run, read what came after it.
size_t outboundJournalMark();
std::vector<OutboundRecord> outboundSince(size_t mark);

// For side effects that are not HTTP requests (sql.to, mqtt.to/publish): with --no-side-effects,
// records and prints the action (`what` e.g. "SQL INSERT", `target` the redacted destination, `body`
// what would be sent) and returns false: the caller must not perform it. Otherwise returns true and
// the caller performs it, then calls noteSideEffectDone with the same arguments.
bool mayPerformSideEffect(const std::string& what, const std::string& target, const std::string& body);
void noteSideEffectDone(const std::string& what, const std::string& target, const std::string& body);

// Used by net::send.
void noteOutbound(OutboundRecord record);
void printRecorded(const OutboundRecord& record);

}  // namespace fluxi::net
