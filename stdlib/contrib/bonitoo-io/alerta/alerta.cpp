// Package contrib/bonitoo-io/alerta, in Flux over http.post: alert posts {resource, event,
// environment, severity, service, group, value, text, tags, attributes, origin, type, createTime
// (the timestamp's first 23 characters of RFC3339 plus "Z")} with Authorization "Key <apiKey>" and
// Content-Type application/json; endpoint() sends one alert per row and adds _status and _sent.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("contrib/bonitoo-io/alerta", R"flux(
import "http"
import "json"
import "strings"

alert = (
    url,
    apiKey,
    resource,
    event,
    environment="",
    severity,
    service=[],
    group="",
    value="",
    text="",
    tags=[],
    attributes,
    origin="InfluxDB",
    type="",
    timestamp=now(),
) => {
    body = {
        resource: resource,
        event: event,
        environment: environment,
        severity: severity,
        service: service,
        group: group,
        value: value,
        text: text,
        tags: tags,
        attributes: attributes,
        origin: origin,
        type: type,
        createTime: strings.substring(v: string(v: timestamp), start: 0, end: 23) + "Z",
    }

    return http.post(
        url: url,
        headers: {"Authorization": "Key " + apiKey, "Content-Type": "application/json"},
        data: json.encode(v: body),
    )
}

endpoint = (url, apiKey, environment="", origin="") => (mapFn) => (tables=<-) =>
    tables
        |> map(
            fn: (r) => {
                a = mapFn(r: r)
                code = alert(
                    url: url,
                    apiKey: apiKey,
                    resource: a.resource,
                    event: a.event,
                    environment: environment,
                    severity: a.severity,
                    service: a.service,
                    group: a.group,
                    value: a.value,
                    text: a.text,
                    tags: a.tags,
                    attributes: a.attributes,
                    origin: origin,
                    type: a.type,
                    timestamp: a.timestamp,
                )

                return {r with _status: string(v: code), _sent: string(v: code / 100 == 2)}
            },
        )
)flux");

}  // namespace fluxi
