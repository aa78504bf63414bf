// The body of POST /api/v2/query, decoded: JSON `{query, type, dialect, now}` (Content-Type
// application/json) or the Flux text itself (application/vnd.flux), with InfluxDB's defaults
// (header on, delimiter ",", no annotations, now = the time of the request).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "format/annotated_csv_writer.h"

namespace fluxi::server {

struct QueryRequest {
    std::string query;
    std::optional<int64_t> now;  // ns
    CsvWriteOptions dialect;     // CRLF line ends, as InfluxDB
};

// A request that cannot be served: `unsupported` marks valid InfluxDB requests fluxi does not
// implement (answered 501), the others are malformed (400).
struct QueryRequestError : std::runtime_error {
    QueryRequestError(const std::string& m, bool unsupported = false) : std::runtime_error(m), unsupported(unsupported) {}
    bool unsupported;
};

// Throws QueryRequestError.
QueryRequest decodeQueryRequest(std::string_view contentType, std::string_view body);

}  // namespace fluxi::server
