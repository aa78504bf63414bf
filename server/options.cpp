// Parsing of the size, duration and address texts of `fluxi serve`'s flags (see options.h).
#include "server/options.h"

#include <cctype>
#include <charconv>
#include <limits>

#include "eval/time.h"

namespace fluxi::server {

bool parseByteSize(std::string_view text, size_t& out, std::string& error) {
    size_t i = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i]))) i++;
    uint64_t n = 0;
    if (i == 0 || std::from_chars(text.data(), text.data() + i, n).ec != std::errc()) {
        error = "\"" + std::string(text) + "\" is not a size (expected e.g. 1048576, 512KiB, 32MB, 1GB)";
        return false;
    }
    std::string unit;
    for (char c : text.substr(i)) unit.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    uint64_t mult = 0;
    if (unit.empty() || unit == "B") mult = 1;
    else if (unit == "K" || unit == "KB" || unit == "KIB") mult = 1ull << 10;
    else if (unit == "M" || unit == "MB" || unit == "MIB") mult = 1ull << 20;
    else if (unit == "G" || unit == "GB" || unit == "GIB") mult = 1ull << 30;
    if (mult == 0) {
        error = "unknown size unit in \"" + std::string(text) + "\" (expected B, KB, MB or GB)";
        return false;
    }
    if (n > std::numeric_limits<size_t>::max() / mult) {
        error = "size \"" + std::string(text) + "\" is too large";
        return false;
    }
    out = static_cast<size_t>(n * mult);
    return true;
}

bool parseServeDuration(std::string_view text, int64_t& nanos, std::string& error) {
    try {
        Duration d = parseDuration(text);
        if (d.months != 0) {
            error = "duration \"" + std::string(text) + "\" uses calendar units (mo, y); use h, m, s, ms";
            return false;
        }
        if (d.nanos < 0) {
            error = "duration \"" + std::string(text) + "\" is negative";
            return false;
        }
        nanos = d.nanos;
        return true;
    } catch (const std::exception& e) {
        error = "\"" + std::string(text) + "\" is not a duration (expected e.g. 30s, 1m30s, 500ms): " + e.what();
        return false;
    }
}

bool parseBindAddress(std::string_view text, std::string& host, int& port, std::string& error) {
    size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) {
        error = "--bind \"" + std::string(text) + "\" has no port (expected HOST:PORT, e.g. 127.0.0.1:8086)";
        return false;
    }
    std::string_view h = text.substr(0, colon), p = text.substr(colon + 1);
    if (h.size() >= 2 && h.front() == '[' && h.back() == ']') h = h.substr(1, h.size() - 2);
    int value = -1;
    if (p.empty() || std::from_chars(p.data(), p.data() + p.size(), value).ec != std::errc() || value < 0 ||
        value > 65535 || std::from_chars(p.data(), p.data() + p.size(), value).ptr != p.data() + p.size()) {
        error = "--bind \"" + std::string(text) + "\": the port must be a number from 0 to 65535";
        return false;
    }
    host = h.empty() ? "127.0.0.1" : std::string(h);
    port = value;
    return true;
}

}  // namespace fluxi::server
