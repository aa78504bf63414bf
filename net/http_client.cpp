// libcurl implementation of net/http_client.h: one easy handle per request, global init once.
#include "net/http_client.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace fluxi::net {

namespace {

void initCurlOnce() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct ResponseSink {
    HttpResponse* response;
    std::size_t limit;
    bool tooLarge = false;
};

size_t onBody(char* data, size_t size, size_t count, void* user) {
    auto* sink = static_cast<ResponseSink*>(user);
    size_t n = size * count;
    if (sink->response->body.size() + n > sink->limit) {
        sink->tooLarge = true;
        return 0;  // makes curl stop with CURLE_WRITE_ERROR
    }
    sink->response->body.append(data, n);
    return n;
}

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r' || s[e - 1] == '\n')) --e;
    return std::string(s.substr(b, e - b));
}

size_t onHeader(char* data, size_t size, size_t count, void* user) {
    auto* response = static_cast<HttpResponse*>(user);
    size_t n = size * count;
    std::string_view line(data, n);
    if (line.rfind("HTTP/", 0) == 0) {
        response->headers.clear();  // a new response (after a redirect or 100-continue)
        return n;
    }
    size_t colon = line.find(':');
    if (colon != std::string_view::npos) response->headers.emplace_back(trim(line.substr(0, colon)), trim(line.substr(colon + 1)));
    return n;
}

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = char(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = char(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

HttpError::Kind kindOf(CURLcode code) {
    switch (code) {
        case CURLE_URL_MALFORMAT:
        case CURLE_UNSUPPORTED_PROTOCOL: return HttpError::Kind::InvalidUrl;
        case CURLE_COULDNT_RESOLVE_HOST:
        case CURLE_COULDNT_RESOLVE_PROXY:
        case CURLE_COULDNT_CONNECT: return HttpError::Kind::Connect;
        case CURLE_OPERATION_TIMEDOUT: return HttpError::Kind::Timeout;
        case CURLE_PEER_FAILED_VERIFICATION:
        case CURLE_SSL_CONNECT_ERROR:
        case CURLE_SSL_CERTPROBLEM:
        case CURLE_SSL_CACERT_BADFILE: return HttpError::Kind::Tls;
        default: return HttpError::Kind::Transport;
    }
}

}  // namespace

const std::string* HttpResponse::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (equalsIgnoreCase(k, name)) return &v;
    return nullptr;
}

std::string redactUrl(std::string_view url) {
    size_t scheme = url.find("://");
    size_t hostStart = scheme == std::string_view::npos ? 0 : scheme + 3;
    size_t end = url.find_first_of("?#", hostStart);
    std::string_view head = url.substr(0, end);
    size_t pathStart = head.find('/', hostStart);
    std::string_view authority = head.substr(hostStart, pathStart == std::string_view::npos ? std::string_view::npos : pathStart - hostStart);
    size_t at = authority.rfind('@');
    if (at == std::string_view::npos) return std::string(head);
    std::string out(head.substr(0, hostStart));
    out += authority.substr(at + 1);
    if (pathStart != std::string_view::npos) out += head.substr(pathStart);
    return out;
}

std::string percentEncode(std::string_view text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (unsigned char c : text) {
        bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '_' || c == '.' || c == '~';
        if (unreserved) {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

HttpResponse send(const HttpRequest& request) {
    initCurlOnce();
    std::string shownUrl = redactUrl(request.url);
    std::unique_ptr<CURL, void (*)(CURL*)> curl(curl_easy_init(), curl_easy_cleanup);
    if (!curl) throw HttpError(HttpError::Kind::Transport, "HTTP " + request.method + " " + shownUrl + ": cannot create a request");
    HttpResponse response;
    ResponseSink sink{&response, request.maxResponseBytes};
    char errorText[CURL_ERROR_SIZE] = {0};

    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errorText);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, long(request.timeout.count()));
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, request.maxRedirects > 0 ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_MAXREDIRS, long(request.maxRedirects));
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYPEER, request.verifyTls ? 1L : 0L);
    curl_easy_setopt(h, CURLOPT_SSL_VERIFYHOST, request.verifyTls ? 2L : 0L);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, onBody);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, onHeader);
    curl_easy_setopt(h, CURLOPT_HEADERDATA, &response);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "fluxi");
    curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxResponseBytes));

    if (request.method == "GET") {
        curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
    } else if (request.method == "HEAD") {
        curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
    } else {
        curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
    if (!request.body.empty() || (request.method != "GET" && request.method != "HEAD")) {
        curl_easy_setopt(h, CURLOPT_POSTFIELDS, request.body.data());
        curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(request.body.size()));
    }

    curl_slist* headerList = nullptr;
    bool hasContentType = false;
    for (const auto& [k, v] : request.headers) {
        if (equalsIgnoreCase(k, "Content-Type")) hasContentType = true;
        headerList = curl_slist_append(headerList, (k + ": " + v).c_str());
    }
    // curl would add "Content-Type: application/x-www-form-urlencoded" to a body without one.
    if (!hasContentType && !request.body.empty()) headerList = curl_slist_append(headerList, "Content-Type:");
    headerList = curl_slist_append(headerList, "Expect:");  // no 100-continue round trip
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> headerGuard(headerList, curl_slist_free_all);
    curl_easy_setopt(h, CURLOPT_HTTPHEADER, headerList);

    CURLcode code = curl_easy_perform(h);
    if (code != CURLE_OK) {
        std::string what = "HTTP " + request.method + " " + shownUrl + ": ";
        if (sink.tooLarge || code == CURLE_FILESIZE_EXCEEDED)
            throw HttpError(HttpError::Kind::TooLarge,
                            what + "response larger than " + std::to_string(request.maxResponseBytes) + " bytes");
        if (code == CURLE_OPERATION_TIMEDOUT)
            throw HttpError(HttpError::Kind::Timeout,
                            what + "no complete response within " + std::to_string(request.timeout.count()) + " ms");
        if (code == CURLE_TOO_MANY_REDIRECTS)
            throw HttpError(HttpError::Kind::Transport,
                            what + "more than " + std::to_string(request.maxRedirects) + " redirects");
        throw HttpError(kindOf(code), what + (errorText[0] ? std::string(errorText) : curl_easy_strerror(code)));
    }
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &response.status);
    return response;
}

}  // namespace fluxi::net
