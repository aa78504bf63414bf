// The one HTTP client of fluxi (libcurl underneath), for packages that talk to the outside (http,
// requests, notifications, remote InfluxDB). Timeouts, TLS verification, a redirect limit and a cap on
// the response size are always on; a transport failure is an HttpError whose message names the URL
// (without its query string or credentials) and what went wrong.
#pragma once

#include <chrono>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fluxi::net {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
    std::string method = "GET";
    std::string url;
    HttpHeaders headers;
    std::string body;
    std::chrono::milliseconds timeout{30000};          // whole request, connect included
    std::size_t maxResponseBytes = 100u * 1024 * 1024;  // larger responses fail
    int maxRedirects = 5;                               // 0: redirects are not followed
    bool verifyTls = true;
};

struct HttpResponse {
    long status = 0;
    HttpHeaders headers;  // names as the server sent them
    std::string body;
    // The first header named `name` (ASCII case-insensitive), or nullptr.
    const std::string* header(std::string_view name) const;
};

class HttpError : public std::runtime_error {
public:
    enum class Kind { InvalidUrl, Connect, Timeout, TooLarge, Tls, Transport };
    HttpError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
    Kind kind() const { return kind_; }

private:
    Kind kind_;
};

// Sends one request and waits for the whole response. Any HTTP status is a response (the caller decides
// what a 4xx/5xx means); only failures to get a response throw HttpError.
HttpResponse send(const HttpRequest& request);

// Percent-encodes everything but unreserved characters (RFC 3986), as a path segment or query value.
std::string percentEncode(std::string_view text);

// The URL as safe to show in an error: scheme, host, port and path, without user info or query string.
std::string redactUrl(std::string_view url);

}  // namespace fluxi::net
