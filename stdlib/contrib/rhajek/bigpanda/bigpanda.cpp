// Package contrib/rhajek/bigpanda, in Flux over http.post: sendAlert posts the record `rec` with
// app_key and status added, with Content-Type "application/json; charset=utf-8" and Authorization
// defaultTokenPrefix + " " + token; statusFromLevel maps monitoring levels to BigPanda statuses;
// endpoint() sends one alert per row (the whole mapFn record) and adds _sent.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("contrib/rhajek/bigpanda", R"flux(
import "http"
import "json"
import "strings"

option defaultUrl = "https://api.bigpanda.io/data/v2/alerts"
option defaultTokenPrefix = "Bearer"

statusFromLevel = (level) => {
    l = strings.toLower(v: level)

    return
        if l == "warn" then
            "warning"
        else if l == "info" or l == "ok" then
            "ok"
        else
            "critical"
}

sendAlert = (url, token, appKey, status, rec) =>
    http.post(
        url: url,
        headers: {"Content-Type": "application/json; charset=utf-8", "Authorization": defaultTokenPrefix + " " + token},
        data: json.encode(v: {rec with app_key: appKey, status: status}),
    )

endpoint = (url=defaultUrl, token, appKey) => (mapFn) => (tables=<-) =>
    tables
        |> map(
            fn: (r) => {
                a = mapFn(r: r)
                code = sendAlert(url: url, token: token, appKey: appKey, status: a.status, rec: a)

                return {r with _sent: string(v: code / 100 == 2)}
            },
        )
)flux");

}  // namespace fluxi
