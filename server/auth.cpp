// Token authentication (see auth.h).
#include "server/auth.h"

#include <httplib.h>

#include <fstream>
#include <stdexcept>

namespace fluxi::server {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

bool startsWithNoCase(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); i++)
        if (std::tolower(static_cast<unsigned char>(s[i])) != std::tolower(static_cast<unsigned char>(prefix[i])))
            return false;
    return true;
}

int base64Value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+' || c == '-') return 62;
    if (c == '/' || c == '_') return 63;
    return -1;
}

std::string base64Decode(std::string_view s) {
    std::string out;
    int bits = 0, acc = 0;
    for (char c : s) {
        if (c == '=') break;
        int v = base64Value(c);
        if (v < 0) return {};
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    return out;
}

}  // namespace

TokenAuth TokenAuth::fromFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read the token file " + path);
    TokenAuth auth;
    std::string line;
    while (std::getline(in, line)) {
        std::string_view t = trim(line);
        if (t.empty() || t.front() == '#') continue;
        auth.tokens_.emplace_back(t);
    }
    if (auth.tokens_.empty()) throw std::runtime_error("the token file " + path + " holds no token");
    return auth;
}

bool TokenAuth::equalsConstantTime(std::string_view a, std::string_view b) {
    // Walk the longer length whatever the content; differences accumulate without branching.
    size_t n = a.size() > b.size() ? a.size() : b.size();
    unsigned diff = a.size() == b.size() ? 0u : 1u;
    for (size_t i = 0; i < n; i++) {
        unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
        unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
        diff |= static_cast<unsigned>(x ^ y);
    }
    return diff == 0;
}

bool TokenAuth::matches(std::string_view candidate) const {
    bool ok = false;
    for (const std::string& t : tokens_) ok |= equalsConstantTime(candidate, t);  // no early exit
    return ok;
}

bool TokenAuth::allows(const httplib::Request& req, bool v1) const {
    if (!enabled()) return true;
    const std::string value = req.get_header_value("Authorization");
    std::string_view header = trim(value);
    if (startsWithNoCase(header, "Token ")) return matches(trim(header.substr(6)));
    if (v1) {
        if (startsWithNoCase(header, "Basic ")) {
            std::string userPass = base64Decode(trim(header.substr(6)));
            size_t colon = userPass.find(':');
            return colon != std::string::npos && matches(std::string_view(userPass).substr(colon + 1));
        }
        if (header.empty() && req.has_param("p")) return matches(req.get_param_value("p"));
    }
    return false;
}

}  // namespace fluxi::server
