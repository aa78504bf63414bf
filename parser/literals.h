// Decoding of Flux literal tokens into values: string escapes, regular expressions, integers,
// floats, durations and RFC 3339 date-times. The lexer (grammar/FluxLexer.g4) only finds where a
// literal ends; these functions check its inside and report a problem with the byte offset in the
// token text where it was found, so that the parser can point at the exact column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.h"

namespace fluxi::literals {

struct LiteralError {
    size_t offset = 0;  // byte offset inside the text given to the decoder
    std::string message;
};
using LiteralResult = std::optional<LiteralError>;  // nullopt = success

// Raw text of a string literal between its quotes (or between interpolations), escapes included.
// Appends the decoded bytes to `out`. Escapes: \n \r \t \" \\ \$ and \xHH (any byte).
LiteralResult decodeStringText(std::string_view raw, std::string& out);

// A regular expression token including its slashes: `\/` becomes `/`, everything else is kept for
// the RE2 engine.
LiteralResult decodeRegex(std::string_view token, std::string& pattern);

// Decimal integer token; values beyond int64 are an error.
LiteralResult decodeInteger(std::string_view token, int64_t& value);

// `1.5`, `1.`, `.5`.
LiteralResult decodeFloat(std::string_view token, double& value);

// `1h30m`, `1mo5d`, `3µs`: the parts in source order.
LiteralResult decodeDuration(std::string_view token, std::vector<ast::DurationPart>& parts);

// `2020-01-01` (midnight UTC) or `2020-01-01T10:00:00.5Z` / `...+02:00`: nanoseconds since the
// Unix epoch, UTC.
LiteralResult decodeDateTime(std::string_view token, int64_t& nanos);

// "ns", "us", "ms", "s", "m", "h", "d", "w", "mo", "y".
const char* durationUnitText(ast::DurationUnit unit);

// True when `s` is well-formed UTF-8; otherwise `badOffset` is the first bad byte.
bool isValidUtf8(std::string_view s, size_t& badOffset);

}  // namespace fluxi::literals
