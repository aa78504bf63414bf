// Package contrib/bonitoo-io/zenoss, in Flux over http.post: event posts a router call {action,
// method, data: [{summary, device, component, severity, evclass, evclasskey, collector, message}],
// type, tid} with Content-Type application/json and either z-api-key (when apiKey is given) or basic
// authentication; endpoint() sends one event per row and adds _status and _sent.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("contrib/bonitoo-io/zenoss", R"flux(
import "http"
import "json"

event = (
    url,
    username="",
    password="",
    apiKey="",
    action="EventsRouter",
    method="add_event",
    type="rpc",
    tid=1,
    summary="",
    device="",
    component="",
    severity,
    eventClass="",
    eventClassKey="",
    collector="",
    message="",
) => {
    one = {
        summary: summary,
        device: device,
        component: component,
        severity: severity,
        evclass: eventClass,
        evclasskey: eventClassKey,
        collector: collector,
        message: message,
    }
    body = json.encode(v: {action: action, method: method, data: [one], type: type, tid: tid})
    contentType = {"Content-Type": "application/json"}

    return
        if apiKey != "" then
            http.post(url: url, headers: {contentType with "z-api-key": apiKey}, data: body)
        else
            http.post(
                url: url,
                headers: {contentType with "Authorization": http.basicAuth(u: username, p: password)},
                data: body,
            )
}

endpoint = (
    url,
    username="",
    password="",
    apiKey="",
    action="EventsRouter",
    method="add_event",
    type="rpc",
    tid=1,
) => (mapFn) => (tables=<-) =>
    tables
        |> map(
            fn: (r) => {
                e = mapFn(r: r)
                code = event(
                    url: url,
                    username: username,
                    password: password,
                    apiKey: apiKey,
                    action: action,
                    method: method,
                    type: type,
                    tid: tid,
                    summary: e.summary,
                    device: e.device,
                    component: e.component,
                    severity: e.severity,
                    eventClass: e.eventClass,
                    eventClassKey: e.eventClassKey,
                    collector: e.collector,
                    message: e.message,
                )

                return {r with _status: string(v: code), _sent: string(v: code / 100 == 2)}
            },
        )
)flux");

}  // namespace fluxi
