// Shared helpers of Flux builtins that make HTTP requests (see eval/outbound.h).
#include "eval/outbound.h"

#include <map>


namespace fluxi::outbound {

std::string canonicalHeaderName(std::string_view name) {
    std::string out(name);
    bool upper = true;
    for (char& c : out) {
        if (upper && c >= 'a' && c <= 'z') c = char(c - 'a' + 'A');
        else if (!upper && c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
        upper = c == '-';
    }
    return out;
}

void setHeader(net::HttpHeaders& headers, std::string_view name, std::string value) {
    std::string canon = canonicalHeaderName(name);
    for (auto& [k, v] : headers)
        if (k == canon) {
            v = std::move(value);
            return;
        }
    headers.emplace_back(std::move(canon), std::move(value));
}

void addHeadersFromRecord(const CallContext& ctx, const Value& record, std::string_view fn, net::HttpHeaders& out) {
    if (record.isNull()) return;
    if (!record.is(Kind::Record)) ctx.fail(std::string(fn) + ": headers must be a record, got " + kindName(record.kind()));
    for (const auto& [k, v] : record.asRecord().fields) {
        if (!v.is(Kind::String)) ctx.fail(std::string(fn) + ": header value \"" + k + "\" must be a string");
        setHeader(out, k, v.asString());
    }
}

void addHeadersFromDict(const CallContext& ctx, const Value& dict, std::string_view fn, net::HttpHeaders& out) {
    if (dict.isNull()) return;
    if (!dict.is(Kind::Dict)) ctx.fail(std::string(fn) + ": headers must be a [string:string] dictionary, got " + kindName(dict.kind()));
    for (const auto& [k, v] : dict.asDict().entries) {
        if (!k.is(Kind::String) || !v.is(Kind::String))
            ctx.fail(std::string(fn) + ": header keys and values must be strings");
        setHeader(out, k.asString(), v.asString());
    }
}

net::HttpResponse sendOrFail(const CallContext& ctx, const net::HttpRequest& request, std::string_view fn) {
    try {
        return net::send(request);
    } catch (const net::HttpError& e) {
        using K = net::HttpError::Kind;
        ErrorCode code = ErrorCode::Unavailable;
        switch (e.kind()) {
            case K::InvalidUrl: code = ErrorCode::Invalid; break;
            case K::Timeout: code = ErrorCode::DeadlineExceeded; break;
            case K::TooLarge: code = ErrorCode::ResourceExhausted; break;
            case K::Connect:
            case K::Tls:
            case K::Transport: code = ErrorCode::Unavailable; break;
        }
        ctx.fail(code, std::string(fn) + ": " + e.what());
    }
}

namespace {

std::map<std::string, std::string> lastByName(const net::HttpHeaders& headers) {
    std::map<std::string, std::string> m;
    for (const auto& [k, v] : headers) m[canonicalHeaderName(k)] = v;
    return m;
}

}  // namespace

Value headersAsDict(const net::HttpHeaders& headers) {
    auto d = make<DictObj>();
    for (auto& [k, v] : lastByName(headers)) d->entries.emplace_back(Value::string(k), Value::string(v));
    d->noteSize();
    // std::map is ordered bytewise, as totalOrder orders strings.
    return Value::dict(d);
}

Value headersAsRecord(const net::HttpHeaders& headers) {
    std::vector<std::pair<std::string, Value>> fields;
    for (auto& [k, v] : lastByName(headers)) fields.emplace_back(k, Value::string(v));
    return makeRecord(std::move(fields));
}

}  // namespace fluxi::outbound
