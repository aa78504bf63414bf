// Package pushbullet, in Flux over http.post: pushData posts json.encode(data) with headers
// Access-Token and Content-Type application/json; pushNote sends {type: "note", title, body: text};
// endpoint() sends one note per row and adds _sent.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("pushbullet", R"flux(
import "http"
import "json"

option defaultURL = "https://api.pushbullet.com/v2/pushes"

pushData = (url=defaultURL, token="", data) =>
    http.post(
        url: url,
        headers: {"Access-Token": token, "Content-Type": "application/json"},
        data: json.encode(v: data),
    )

pushNote = (url=defaultURL, token="", title, text) =>
    pushData(url: url, token: token, data: {type: "note", title: title, body: text})

endpoint = (url=defaultURL, token="") => (mapFn) => (tables=<-) =>
    tables
        |> map(
            fn: (r) => {
                n = mapFn(r: r)
                code = pushNote(url: url, token: token, title: n.title, text: n.text)

                return {r with _sent: string(v: code / 100 == 2)}
            },
        )
)flux");

}  // namespace fluxi
