// Package contrib/chobbs/discord, in Flux over http.post: send posts {username, content, avatar_url}
// to discordURL + webhookID + "/" + webhookToken with Content-Type application/json; endpoint()
// sends one message per row and adds _status and _sent.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("contrib/chobbs/discord", R"flux(
import "http"
import "json"

option discordURL = "https://discordapp.com/api/webhooks/"

send = (webhookToken, webhookID, username, content, avatar_url="") =>
    http.post(
        url: discordURL + webhookID + "/" + webhookToken,
        headers: {"Content-Type": "application/json"},
        data: json.encode(v: {username: username, content: content, avatar_url: avatar_url}),
    )

endpoint = (webhookToken, webhookID, username, avatar_url="") => (mapFn) => (tables=<-) =>
    tables
        |> map(
            fn: (r) => {
                m = mapFn(r: r)
                code = send(
                    webhookToken: webhookToken,
                    webhookID: webhookID,
                    username: username,
                    avatar_url: avatar_url,
                    content: m.content,
                )

                return {r with _status: string(v: code), _sent: string(v: code / 100 == 2)}
            },
        )
)flux");

}  // namespace fluxi
