// Values that must never appear in an error message, a log line or a printed request (secrets handed
// out by secrets.get, credentials): registered once, scrubbed from any text before it is shown.
#pragma once

#include <string>
#include <string_view>

namespace fluxi::net {

// Registers a value to hide from now on (process-wide; empty values are ignored).
void markSensitive(std::string_view value);

// `text` with every registered value replaced by "<redacted>".
std::string redactSensitive(std::string text);

}  // namespace fluxi::net
