// Package contrib/sranka/webexteams, in Flux over http.post: message posts {text, markdown, roomId}
// to URL + "/v1/messages" with Content-Type "application/json; charset=utf-8" and Authorization
// "Bearer <token>"; endpoint() sends one message per row and adds _sent.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("contrib/sranka/webexteams", R"flux(
import "http"
import "json"

message = (url="https://webexapis.com", token, roomId, text, markdown) =>
    http.post(
        url: url + "/v1/messages",
        headers: {"Content-Type": "application/json; charset=utf-8", "Authorization": "Bearer " + token},
        data: json.encode(v: {text: text, markdown: markdown, roomId: roomId}),
    )

endpoint = (url="https://webexapis.com", token) => (mapFn) => (tables=<-) =>
    tables
        |> map(
            fn: (r) => {
                m = mapFn(r: r)
                code = message(url: url, token: token, roomId: m.roomId, text: m.text, markdown: m.markdown)

                return {r with _sent: string(v: code / 100 == 2)}
            },
        )
)flux");

}  // namespace fluxi
