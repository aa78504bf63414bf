// Package contrib/bonitoo-io/servicenow, in Flux over http.post: event posts {records: [{source,
// node, type, resource, metric_name, message_key, description, severity ("1" critical, "2" major,
// "3" minor, "4" warning, "5" info, "0" clear, "" otherwise), additional_info (JSON text, or "")}]}
// with basic authentication and Content-Type application/json; endpoint() sends one event per row
// and adds _sent.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("contrib/bonitoo-io/servicenow", R"flux(
import "experimental/record"
import "http"
import "json"

_severityCode = (severity) =>
    if severity == "critical" then
        "1"
    else if severity == "major" then
        "2"
    else if severity == "minor" then
        "3"
    else if severity == "warning" then
        "4"
    else if severity == "info" then
        "5"
    else if severity == "clear" then
        "0"
    else
        ""

event = (
    url,
    username,
    password,
    source="Flux",
    node="",
    metricType="",
    resource="",
    metricName="",
    messageKey="",
    description,
    severity,
    additionalInfo=record.any,
) => {
    one = {
        source: source,
        node: node,
        type: metricType,
        resource: resource,
        metric_name: metricName,
        message_key: messageKey,
        description: description,
        severity: _severityCode(severity: severity),
        additional_info: if additionalInfo == record.any then "" else string(v: json.encode(v: additionalInfo)),
    }

    return http.post(
        url: url,
        headers: {"Authorization": http.basicAuth(u: username, p: password), "Content-Type": "application/json"},
        data: json.encode(v: {records: [one]}),
    )
}

endpoint = (url, username, password, source="Flux") => (mapFn) => (tables=<-) =>
    tables
        |> map(
            fn: (r) => {
                e = mapFn(r: r)
                code = event(
                    url: url,
                    username: username,
                    password: password,
                    source: source,
                    node: e.node,
                    metricType: e.metricType,
                    resource: e.resource,
                    metricName: e.metricName,
                    messageKey: e.messageKey,
                    description: e.description,
                    severity: e.severity,
                    additionalInfo: record.get(r: e, key: "additionalInfo", default: record.any),
                )

                return {r with _sent: string(v: code / 100 == 2)}
            },
        )
)flux");

}  // namespace fluxi
