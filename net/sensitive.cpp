// The registry of net/sensitive.h: a process-wide set of values, longest first so that a value
// containing another one is replaced whole.
#include "net/sensitive.h"

#include <algorithm>
#include <mutex>
#include <vector>

namespace fluxi::net {

namespace {

std::mutex& registryMutex() {
    static std::mutex m;
    return m;
}

std::vector<std::string>& registry() {
    static std::vector<std::string> values;
    return values;
}

}  // namespace

void markSensitive(std::string_view value) {
    if (value.empty()) return;
    std::lock_guard lock(registryMutex());
    auto& values = registry();
    if (std::find(values.begin(), values.end(), value) != values.end()) return;
    values.emplace_back(value);
    std::stable_sort(values.begin(), values.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
}

std::string redactSensitive(std::string text) {
    std::lock_guard lock(registryMutex());
    for (const std::string& v : registry()) {
        size_t at = 0;
        while ((at = text.find(v, at)) != std::string::npos) {
            text.replace(at, v.size(), "<redacted>");
            at += 10;
        }
    }
    return text;
}

}  // namespace fluxi::net
