// Package contrib/bonitoo-io/victorops (Splunk On-Call REST integration), in Flux over http.post:
// alert posts {message_type, entity_id, entity_display_name, state_message, state_start_time (unix
// seconds, uint), monitoring_tool} with Content-Type application/json; endpoint() sends one alert
// per row and adds _sent.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("contrib/bonitoo-io/victorops", R"flux(
import "http"
import "json"

alert = (
    url,
    messageType,
    entityID="",
    entityDisplayName="",
    stateMessage="",
    timestamp=now(),
    monitoringTool="InfluxDB",
) => {
    body = {
        message_type: messageType,
        entity_id: entityID,
        entity_display_name: entityDisplayName,
        state_message: stateMessage,
        state_start_time: uint(v: timestamp) / uint(v: 1000000000),
        monitoring_tool: monitoringTool,
    }

    return http.post(url: url, headers: {"Content-Type": "application/json"}, data: json.encode(v: body))
}

endpoint = (url, monitoringTool="InfluxDB") => (mapFn) => (tables=<-) =>
    tables
        |> map(
            fn: (r) => {
                a = mapFn(r: r)
                code = alert(
                    url: url,
                    messageType: a.messageType,
                    entityID: a.entityID,
                    entityDisplayName: a.entityDisplayName,
                    stateMessage: a.stateMessage,
                    timestamp: a.timestamp,
                    monitoringTool: monitoringTool,
                )

                return {r with _sent: string(v: code / 100 == 2)}
            },
        )
)flux");

}  // namespace fluxi
