// experimental/http.get(url:, headers:, timeout: 30s): one GET; returns {statusCode, body, headers}
// with the response headers as a record (names canonical). Any status is a result; only a failure to
// get a response is an error.
#include <chrono>

#include "eval/builtin.h"
#include "eval/outbound.h"

namespace fluxi {

namespace {

Value experimentalHttpGet(CallContext& ctx, const Args& args) {
    net::HttpRequest request;
    request.method = "GET";
    request.url = ctx.requireString(args, "url");
    if (const Value* h = args.get("headers")) outbound::addHeadersFromRecord(ctx, *h, "http.get", request.headers);
    if (const Value* t = ctx.optional(args, "timeout", Kind::Duration)) {
        Duration d = t->asDuration();
        if (d.months != 0 || d.nanos <= 0) ctx.fail("http.get: timeout must be a positive duration without months");
        request.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::nanoseconds(d.nanos + 999999));
    }
    net::HttpResponse response = outbound::sendOrFail(ctx, request, "http.get");
    return makeRecord({
        {"statusCode", Value::integer(response.status)},
        {"body", Value::bytes(make<BytesObj>(std::move(response.body)))},
        {"headers", outbound::headersAsRecord(response.headers)},
    });
}

}  // namespace

FLUXI_BUILTIN("experimental/http", "get", "url, ?headers, ?timeout", experimentalHttpGet);

}  // namespace fluxi
