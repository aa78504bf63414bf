// Package pagerduty, the part written in Flux (dedupKey is native, dedup_key.cpp): sendEvent posts
// one event to the Events API v2 -- headers Accept "application/vnd.pagerduty+json;version=2" and
// Content-Type application/json, body {payload: {summary, timestamp, source, component, severity,
// group, class[, custom_details]}, routing_key, dedup_key, event_action, client, client_url} -- and
// returns the status; endpoint() sends one event per row (dedup key from the group key) and adds
// _sent; severityFromLevel / actionFromSeverity / actionFromLevel map monitoring levels.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("pagerduty", R"flux(
import "experimental/record"
import "http"
import "json"
import "strings"

option defaultURL = "https://events.pagerduty.com/v2/enqueue"

severityFromLevel = (level) => {
    l = strings.toLower(v: level)

    return
        if l == "crit" then
            "critical"
        else if l == "warn" then
            "warning"
        else if l == "info" or l == "ok" then
            "info"
        else
            "error"
}

actionFromSeverity = (severity) => if strings.toLower(v: severity) == "ok" then "resolve" else "trigger"

actionFromLevel = (level) => if strings.toLower(v: level) == "ok" then "resolve" else "trigger"

sendEvent = (
    pagerdutyURL=defaultURL,
    routingKey,
    client,
    clientURL,
    dedupKey,
    class,
    group,
    severity,
    eventAction,
    source,
    component="",
    summary,
    timestamp,
    customDetails=record.any,
) => {
    payload = {
        summary: summary,
        timestamp: timestamp,
        source: source,
        component: component,
        severity: severity,
        group: group,
        class: class,
    }
    event = {
        payload: payload,
        routing_key: routingKey,
        dedup_key: dedupKey,
        event_action: eventAction,
        client: client,
        client_url: clientURL,
    }
    body =
        if customDetails == record.any then
            json.encode(v: event)
        else
            json.encode(v: {event with payload: {payload with custom_details: customDetails}})

    return http.post(
        url: pagerdutyURL,
        headers: {"Accept": "application/vnd.pagerduty+json;version=2", "Content-Type": "application/json"},
        data: body,
    )
}

endpoint = (url=defaultURL) => (mapFn) => (tables=<-) =>
    tables
        |> dedupKey()
        |> map(
            fn: (r) => {
                e = mapFn(r: r)
                code = sendEvent(
                    pagerdutyURL: url,
                    routingKey: e.routingKey,
                    client: e.client,
                    clientURL: e.clientURL,
                    dedupKey: r._pagerdutyDedupKey,
                    class: e.class,
                    group: e.group,
                    severity: e.severity,
                    eventAction: e.eventAction,
                    source: e.source,
                    component: record.get(r: e, key: "component", default: ""),
                    summary: e.summary,
                    timestamp: e.timestamp,
                    customDetails: record.get(r: e, key: "customDetails", default: record.any),
                )

                return {r with _sent: string(v: code / 100 == 2)}
            },
        )
)flux");

}  // namespace fluxi
