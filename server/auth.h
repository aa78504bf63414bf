// Token authentication of `fluxi serve`: when a token file is given, every route but /health, /ping
// and /ready needs `Authorization: Token T` (v2), or, on the v1 routes, `Authorization: Basic`
// with the token as password, or `?p=T` / `?u=...&p=T` -- as InfluxDB 2 accepts them. Tokens are
// compared in constant time and never logged.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace httplib {
struct Request;
}

namespace fluxi::server {

class TokenAuth {
public:
    TokenAuth() = default;  // no tokens: every request is allowed
    // Reads the token file: one token per non-empty line (surrounding white space ignored, lines
    // starting with '#' are comments). Throws std::runtime_error naming the file when it cannot be
    // read or holds no token.
    static TokenAuth fromFile(const std::string& path);

    bool enabled() const { return !tokens_.empty(); }
    // True when `req` carries a valid token (or authentication is off). `v1` also accepts the
    // v1 forms (Basic auth password, `p` query parameter).
    bool allows(const httplib::Request& req, bool v1) const;
    // Constant-time in the content of the strings (the time depends only on their lengths).
    static bool equalsConstantTime(std::string_view a, std::string_view b);

private:
    bool matches(std::string_view candidate) const;
    std::vector<std::string> tokens_;
};

}  // namespace fluxi::server
