// Test helpers: evaluate Flux source through the embedding API and look at the result as text.
#pragma once

#include <string>

#include "eval/value_text.h"
#include "fluxi/fluxi.h"

namespace fluxi::testutil {

// The last top-level expression's value in Flux literal syntax, or "error: <message>" when the
// script fails (the message without position), so that tests can check both.
inline std::string eval(const std::string& src, const char* now = "2024-01-01T00:00:00Z") {
    Engine e;
    e.setNow(std::string_view(now));
    RunResult r = e.run(src, "test.flux");
    if (!r.ok) {
        // keep only the message of the first line: "test.flux:L:C: error: MESSAGE"
        auto first = r.error.substr(0, r.error.find('\n'));
        auto pos = first.find("error: ");
        return "error: " + (pos == std::string::npos ? first : first.substr(pos + 7));
    }
    if (r.values.empty()) return "<no value>";
    return formatValue(r.values.back());
}

// The full diagnostic text of a failing script ("" when it succeeds).
inline std::string errorOf(const std::string& src) {
    Engine e;
    RunResult r = e.run(src, "test.flux");
    return r.ok ? std::string() : r.error;
}

}  // namespace fluxi::testutil
