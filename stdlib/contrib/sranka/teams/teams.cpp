// Package contrib/sranka/teams (Microsoft Teams incoming webhooks), in Flux over http.post: message
// posts a MessageCard -- Content-Type "application/json; charset=utf-8", body {"@type":
// "MessageCard", "@context": "http://schema.org/extensions", "title", "text", "summary"} where the
// summary (default: the text) is cut to `summaryCutoff` characters plus "..."; endpoint() sends one
// card per row and adds _status and _sent.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("contrib/sranka/teams", R"flux(
import "http"
import "json"
import "strings"

option summaryCutoff = 70

message = (url, title, text, summary="") => {
    full = if summary == "" then text else summary
    short =
        if strings.strlen(v: full) > summaryCutoff then
            strings.substring(v: full, start: 0, end: summaryCutoff) + "..."
        else
            full
    // A record cannot have the "@type" label, so the body is written as text.
    body =
        "{\n\"@type\": \"MessageCard\",\n\"@context\": \"http://schema.org/extensions\",\n"
            + "\"title\": " + string(v: json.encode(v: title)) + ",\n"
            + "\"text\": " + string(v: json.encode(v: text)) + ",\n"
            + "\"summary\": " + string(v: json.encode(v: short)) + "\n}"

    return http.post(url: url, headers: {"Content-Type": "application/json; charset=utf-8"}, data: bytes(v: body))
}

endpoint = (url) => (mapFn) => (tables=<-) =>
    tables
        |> map(
            fn: (r) => {
                m = mapFn(r: r)
                code = message(url: url, title: m.title, text: m.text, summary: if exists m.summary then m.summary else "")

                return {r with _status: string(v: code), _sent: string(v: code / 100 == 2)}
            },
        )
)flux");

}  // namespace fluxi
