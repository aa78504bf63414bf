// requests._do(method:, url:, params:, headers:, body:, config:): the request behind requests.do,
// get and post (http/requests and experimental/http/requests). Returns {statusCode, body, headers,
// duration}; any status is a result, only a failure to get a response is an error. params replace
// the URL's query (keys sorted, values escaped as Go's url.Values.Encode does); config.timeout 0s
// means the client's default limit (30 s: fluxi never waits without a limit), and
// config.insecureSkipVerify turns TLS verification off.
#include <chrono>
#include <map>

#include "eval/builtin.h"
#include "eval/outbound.h"

namespace fluxi {

namespace {

std::string queryEscape(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += char(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string encodeParams(const CallContext& ctx, const Value& params) {
    if (!params.is(Kind::Dict)) ctx.fail("requests.do: params must be a [string:[string]] dictionary, got " + std::string(kindName(params.kind())));
    std::map<std::string, std::vector<std::string>> byKey;  // sorted by key, as Go encodes them
    for (const auto& [k, v] : params.asDict().entries) {
        if (!k.is(Kind::String)) ctx.fail("requests.do: the keys of params must be strings");
        if (!v.is(Kind::Array)) ctx.fail("requests.do: the values of params must be arrays of strings");
        for (const Value& e : v.asArray().elems) {
            if (!e.is(Kind::String)) ctx.fail("requests.do: the values of params must be arrays of strings");
            byKey[k.asString()].push_back(e.asString());
        }
    }
    std::string out;
    for (const auto& [k, vs] : byKey)
        for (const auto& v : vs) {
            if (!out.empty()) out += '&';
            out += queryEscape(k) + "=" + queryEscape(v);
        }
    return out;
}

Value requestsDo(CallContext& ctx, const Args& args) {
    net::HttpRequest request;
    request.method = ctx.requireString(args, "method");
    static const char* kMethods[] = {"DELETE", "GET", "HEAD", "PATCH", "POST", "PUT"};
    bool known = false;
    for (const char* m : kMethods) known = known || request.method == m;
    if (!known) ctx.fail("requests.do: invalid HTTP method \"" + request.method + "\" (one of DELETE, GET, HEAD, PATCH, POST, PUT)");
    request.url = ctx.requireString(args, "url");
    if (const Value* p = args.get("params"); p && !p->isNull()) {
        std::string query = encodeParams(ctx, *p);
        if (!query.empty()) {
            size_t cut = request.url.find_first_of("?#");
            request.url = request.url.substr(0, cut) + "?" + query;
        }
    }
    if (const Value* h = args.get("headers")) outbound::addHeadersFromDict(ctx, *h, "requests.do", request.headers);
    if (const Value* b = ctx.optional(args, "body", Kind::Bytes)) request.body = b->asBytes().data;

    const Value& config = ctx.require(args, "config", Kind::Record);
    const Value* timeout = config.asRecord().find("timeout");
    if (!timeout || !timeout->is(Kind::Duration)) ctx.fail("requests.do: config is missing the duration property \"timeout\"");
    Duration d = timeout->asDuration();
    if (d.months != 0) ctx.fail("requests.do: config timeout must not be a mixed duration");
    if (d.nanos < 0) ctx.fail("requests.do: config timeout must not be negative");
    if (d.nanos > 0) request.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::nanoseconds(d.nanos + 999999));
    const Value* insecure = config.asRecord().find("insecureSkipVerify");
    if (!insecure || !insecure->is(Kind::Bool)) ctx.fail("requests.do: config is missing the bool property \"insecureSkipVerify\"");
    request.verifyTls = !insecure->asBool();

    auto started = std::chrono::steady_clock::now();
    net::HttpResponse response = outbound::sendOrFail(ctx, request, "requests.do");
    int64_t took = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - started).count();
    return makeRecord({
        {"statusCode", Value::integer(response.status)},
        {"body", Value::bytes(make<BytesObj>(std::move(response.body)))},
        {"headers", outbound::headersAsDict(response.headers)},
        {"duration", Value::duration(Duration{0, took})},
    });
}

}  // namespace

FLUXI_BUILTIN("http/requests", "_do", "method, url, ?params, ?headers, ?body, config", requestsDo);

}  // namespace fluxi
