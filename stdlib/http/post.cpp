// http.post(url:, headers:, data:): one POST through the HTTP client; returns the response's status
// code (any status, 4xx and 5xx included, is a result, as in the reference; only a failure to get a
// response is an error). Header names are sent in Go's canonical form, as the reference sends them.
#include "eval/builtin.h"
#include "eval/outbound.h"

namespace fluxi {

namespace {

Value httpPost(CallContext& ctx, const Args& args) {
    net::HttpRequest request;
    request.method = "POST";
    request.url = ctx.requireString(args, "url");
    if (const Value* h = args.get("headers")) outbound::addHeadersFromRecord(ctx, *h, "http.post", request.headers);
    if (const Value* d = ctx.optional(args, "data", Kind::Bytes)) request.body = d->asBytes().data;
    net::HttpResponse response = outbound::sendOrFail(ctx, request, "http.post");
    return Value::integer(response.status);
}

}  // namespace

FLUXI_BUILTIN("http", "post", "url, ?headers, ?data", httpPost);

}  // namespace fluxi
