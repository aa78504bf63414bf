// RFC3339 timestamps for the data formats (annotated CSV, table and JSON output): parsing into
// nanoseconds since the Unix epoch and formatting in RFC3339Nano form (UTC, `Z`, fraction with
// trailing zeros trimmed), the form InfluxDB and Flux print times in.
//
// eval/time.h is the language's time API (time literals, time(v:), calendar arithmetic). This file
// serves the data formats: it appends into caller buffers without allocating (the writers format
// millions of cells), and its parser follows the reference CSV decoder (a date alone is not a
// time; out-of-range times can wrap like Go's UnixNano).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fluxi::rfc3339 {

// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)` (`t` and `z` also accepted; fraction of
// 1 to 9 digits, more are truncated to nanoseconds). On failure returns false and, when `error` is
// given, sets it to what was wrong (e.g. "month 13 out of range"). Times outside the int64
// nanosecond range (1677-09-21 .. 2262-04-11) are an error, or with `wrapOutOfRange` wrap around
// modulo 2^64 the way the reference implementation's CSV decoder (Go's UnixNano) does: its tests
// write uint 18446744073709551615 as the time 2554-07-21T23:34:33.709551615Z.
bool parse(std::string_view text, int64_t& nanosSinceEpoch, std::string* error = nullptr,
           bool wrapOutOfRange = false);

// Appends the RFC3339Nano form: 2021-03-12T13:58:59.5Z, 2021-03-12T13:58:59Z.
void appendNano(std::string& out, int64_t nanosSinceEpoch);
std::string formatNano(int64_t nanosSinceEpoch);

}  // namespace fluxi::rfc3339
