// RFC3339 timestamps for the data formats (annotated CSV, table and JSON output): parsing into
// nanoseconds since the Unix epoch and formatting in RFC3339Nano form (UTC, `Z`, fraction with
// trailing zeros trimmed), the form InfluxDB and Flux print times in.
//
// eval/time.h is the language's time API (time literals, time(v:), calendar arithmetic). This file
// serves the data formats: it appends into caller buffers without allocating (the writers format
// millions of cells), and its parser follows the reference CSV decoder (a date alone is not a
// time). Times outside the int64 nanosecond range are refused, never wrapped.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fluxi::rfc3339 {

// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)` (`t` and `z` also accepted; fraction of
// 1 to 9 digits, more are truncated to nanoseconds). On failure returns false and, when `error` is
// given, sets it to what was wrong (e.g. "month 13 out of range"). Times outside the int64
// nanosecond range (1677-09-21T00:12:43.145224192Z .. 2262-04-11T23:47:16.854775807Z) are an error
// (the reference's CSV decoder wraps them modulo 2^64 like Go's UnixNano; fluxi does not store a
// different time than the one written).
bool parse(std::string_view text, int64_t& nanosSinceEpoch, std::string* error = nullptr);

// Appends the RFC3339Nano form: 2021-03-12T13:58:59.5Z, 2021-03-12T13:58:59Z.
void appendNano(std::string& out, int64_t nanosSinceEpoch);
std::string formatNano(int64_t nanosSinceEpoch);

}  // namespace fluxi::rfc3339
