// The InfluxDB line protocol: parsing text into a WriteBatch (with positions in error messages) and
// formatting points back into lines.
//
//     measurement[,tag=value...] field=value[,field=value...] [timestamp]
//
// Measurement names escape `,` and space; tag keys, tag values and field keys escape `,`, `=` and
// space; a backslash before any other character is kept; `\\` is one backslash. Field values are
// floats (`1`, `-1.5`, `1e9`), integers (`1i`), unsigned integers (`1u`), strings in double quotes
// (escaping `"` and `\`; may span lines) and booleans (t, T, true, True, TRUE, f, F, false, False,
// FALSE). The timestamp is an integer in the chosen precision; without it the point gets the
// default time. Lines starting with `#` are comments; blank lines are skipped; CRLF is accepted.
#pragma once

#include <cstdint>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

#include "store/store.h"

namespace fluxi::store {

enum class Precision : uint8_t { ns, us, ms, s };
// Parses "ns", "us", "ms" or "s" (also "n", "u", "µs"); false on anything else.
bool parsePrecision(std::string_view text, Precision& out);
int64_t precisionNanos(Precision p);

class LineProtocolError : public std::runtime_error {
public:
    LineProtocolError(size_t line, size_t column, std::string message)
        : std::runtime_error("line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message),
          line_(line), column_(column), message_(std::move(message)) {}
    size_t line() const { return line_; }      // 1-based
    size_t column() const { return column_; }  // 1-based, in bytes
    const std::string& message() const { return message_; }

private:
    size_t line_, column_;
    std::string message_;
};

struct LineProtocolStats {
    size_t lines = 0;   // lines holding a point
    size_t points = 0;  // fields staged
};

// Parses all of `text` and stages its points in `batch` for `bucket`. Points without a timestamp get
// `defaultTime` (ns). Throws LineProtocolError at the first malformed line; the caller must then
// discard the batch (it may hold the points of earlier lines). `firstLine` numbers the first line.
LineProtocolStats parseLineProtocol(std::string_view text, std::string_view bucket, Precision precision,
                                    int64_t defaultTime, WriteBatch& batch, size_t firstLine = 1);

// Parses the complete lines at the start of `text`, a piece of a longer input whose rest follows:
// `text` must end with a line break (the caller cuts the input after its last '\n'). Stops before a
// line whose string value continues past the end of `text` (a string may span lines), and after
// `maxLines` lines holding points. Errors as parseLineProtocol.
struct LineProtocolChunk {
    LineProtocolStats stats;
    size_t consumed = 0;  // bytes of `text` parsed; the next piece starts there
    size_t nextLine = 0;  // the number of the line starting at `consumed`
};
LineProtocolChunk parseLineProtocolChunk(std::string_view text, std::string_view bucket, Precision precision,
                                         int64_t defaultTime, WriteBatch& batch, size_t firstLine,
                                         size_t maxLines = SIZE_MAX);

// The points of `batch` from the `first`-th on as line protocol, one line per field value in the order
// they were added, timestamps in nanoseconds (what `fluxi write --dry-run` prints).
void appendLineProtocol(std::string& out, const WriteBatch& batch, size_t first = 0);

// Escapes a measurement name / tag key, tag value or field key / string field value for a line.
void appendEscapedMeasurement(std::string& out, std::string_view s);
void appendEscapedKey(std::string& out, std::string_view s);  // tag keys, tag values, field keys
void appendQuotedString(std::string& out, std::string_view s);

}  // namespace fluxi::store
