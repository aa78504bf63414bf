// Package contrib/sranka/opsgenie: sendAlert posts one alert to the Opsgenie v2 alert API (headers
// Content-Type "application/json; charset=utf-8" and Authorization "GenieKey <apiKey>"; a JSON body
// with message (cut to 130 characters), alias (512, default the message), description (15000),
// responders, visibleTo, actions, tags, details (JSON text given by the caller), entity (512) and
// priority (2)); endpoint() sends one alert per row and adds _status and _sent. respondersToJSON is
// native: "user:NAME" -> {"type":"user","username":NAME}, "team:", "escalation:", "schedule:" ->
// {"type":...,"name":NAME}.
#include "eval/builtin.h"
#include "stdlib/json/encode.h"

namespace fluxi {

namespace {

Value respondersToJSON(CallContext& ctx, const Args& args) {
    const Value& v = ctx.require(args, "v", Kind::Array);
    JsonEncodeStyle style{"opsgenie.respondersToJSON", false};
    std::string out = "[";
    bool first = true;
    for (const Value& item : v.asArray().elems) {
        if (!item.is(Kind::String)) ctx.fail("opsgenie.respondersToJSON: v must be an array of strings");
        const std::string& s = item.asString();
        static const std::pair<const char*, const char*> kPrefixes[] = {
            {"user:", "user"}, {"team:", "team"}, {"escalation:", "escalation"}, {"schedule:", "schedule"}};
        std::string entry;
        for (const auto& [prefix, type] : kPrefixes) {
            std::string_view p(prefix);
            if (s.compare(0, p.size(), p) != 0) continue;
            std::string name = encodeJson(ctx, Value::string(s.substr(p.size())), style);
            entry = std::string("{\"type\":\"") + type + "\"," + (std::string_view(type) == "user" ? "\"username\":" : "\"name\":") + name + "}";
            break;
        }
        if (entry.empty())
            ctx.fail("opsgenie.respondersToJSON: unsupported responder \"" + s +
                     "\", it must start with one of ['user:','team:','escalation:','schedule:']");
        out += (first ? "" : ",") + entry;
        first = false;
    }
    return Value::string(out + "]");
}

}  // namespace

FLUXI_BUILTIN("contrib/sranka/opsgenie", "respondersToJSON", "v", respondersToJSON);

FLUXI_FLUX_SOURCE("contrib/sranka/opsgenie", R"flux(
import "http"
import "json"
import "strings"

// A string as JSON text, cut to max characters; an empty v is replaced by defV first.
_jsonCut = (v, max, defV="") => {
    s = if strings.strlen(v: v) == 0 then defV else v
    cut = if strings.strlen(v: s) > max then strings.substring(v: s, start: 0, end: max) else s

    return string(v: json.encode(v: cut))
}

sendAlert = (
    url="https://api.opsgenie.com/v2/alerts",
    apiKey,
    message,
    alias="",
    description="",
    priority="P3",
    responders=[],
    tags=[],
    entity="",
    actions=[],
    visibleTo=[],
    details="{}",
) => {
    body =
        "{\n" + "\"message\": " + _jsonCut(v: message, max: 130) + ",\n"
            + "\"alias\": " + _jsonCut(v: alias, max: 512, defV: message) + ",\n"
            + "\"description\": " + _jsonCut(v: description, max: 15000) + ",\n"
            + "\"responders\": " + respondersToJSON(v: responders) + ",\n"
            + "\"visibleTo\": " + respondersToJSON(v: visibleTo) + ",\n"
            + "\"actions\": " + string(v: json.encode(v: actions)) + ",\n"
            + "\"tags\": " + string(v: json.encode(v: tags)) + ",\n"
            + "\"details\": " + details + ",\n"
            + "\"entity\": " + _jsonCut(v: entity, max: 512) + ",\n"
            + "\"priority\": " + _jsonCut(v: priority, max: 2) + "\n}"

    return http.post(
        url: url,
        headers: {"Content-Type": "application/json; charset=utf-8", "Authorization": "GenieKey " + apiKey},
        data: bytes(v: body),
    )
}

endpoint = (url="https://api.opsgenie.com/v2/alerts", apiKey, entity="") => (mapFn) => (tables=<-) =>
    tables
        |> map(
            fn: (r) => {
                a = mapFn(r: r)
                code = sendAlert(
                    url: url,
                    apiKey: apiKey,
                    entity: entity,
                    message: a.message,
                    alias: a.alias,
                    description: a.description,
                    priority: a.priority,
                    responders: a.responders,
                    tags: a.tags,
                    actions: a.actions,
                    visibleTo: a.visibleTo,
                    details: a.details,
                )

                return {r with _status: string(v: code), _sent: string(v: code / 100 == 2)}
            },
        )
)flux");

}  // namespace fluxi
