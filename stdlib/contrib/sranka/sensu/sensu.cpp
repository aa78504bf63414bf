// Package contrib/sranka/sensu: event posts one event to the Sensu Go events API
// (URL/api/core/v2/namespaces/NAMESPACE/events, headers Content-Type "application/json;
// charset=utf-8" and Authorization "Key <apiKey>", body {entity: {entity_class: "proxy", metadata:
// {name}}, check: {output, state, status, handlers, interval: 60, metadata: {name}}}); endpoint()
// sends one per row and adds _sent. toSensuName (native) replaces every character outside
// [a-zA-Z0-9_.-] by "_" ("" becomes "_").
#include <algorithm>

#include "eval/builtin.h"

namespace fluxi {

namespace {

Value toSensuName(CallContext& ctx, const Args& args) {
    std::string s = ctx.requireString(args, "v");
    if (s.empty()) return Value::string("_");
    // Go's regexp replaces each rune, so a multi-byte UTF-8 character becomes one "_".
    std::string out;
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
        if (keep) {
            out += char(c);
            ++i;
            continue;
        }
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
        out += '_';
        i += std::min(len, s.size() - i);
    }
    return Value::string(std::move(out));
}

}  // namespace

FLUXI_BUILTIN("contrib/sranka/sensu", "toSensuName", "v", toSensuName);

FLUXI_FLUX_SOURCE("contrib/sranka/sensu", R"flux(
import "http"
import "json"

event = (
    url,
    apiKey,
    checkName,
    text,
    handlers=[],
    status=0,
    state="",
    namespace="default",
    entityName="influxdb",
) => {
    checkState = if state != "" then state else if status == 0 then "passing" else "failing"
    body = {
        entity: {entity_class: "proxy", metadata: {name: toSensuName(v: entityName)}},
        check: {
            output: text,
            state: checkState,
            status: status,
            handlers: handlers,
            interval: 60,
            metadata: {name: toSensuName(v: checkName)},
        },
    }

    return http.post(
        url: url + "/api/core/v2/namespaces/" + namespace + "/events",
        headers: {"Content-Type": "application/json; charset=utf-8", "Authorization": "Key " + apiKey},
        data: json.encode(v: body),
    )
}

endpoint = (url, apiKey, handlers=[], namespace="default", entityName="influxdb") => (mapFn) => (tables=<-) =>
    tables
        |> map(
            fn: (r) => {
                e = mapFn(r: r)
                code = event(
                    url: url,
                    apiKey: apiKey,
                    checkName: e.checkName,
                    text: e.text,
                    handlers: handlers,
                    status: e.status,
                    namespace: namespace,
                    entityName: entityName,
                )

                return {r with _sent: string(v: code / 100 == 2)}
            },
        )
)flux");

}  // namespace fluxi
