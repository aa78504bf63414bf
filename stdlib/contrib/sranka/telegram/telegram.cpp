// Package contrib/sranka/telegram, in Flux over http.post: message posts to URL + token +
// "/sendMessage" (Bot API sendMessage) with Content-Type "application/json; charset=utf-8" and body
// {chat_id, text, parse_mode, disable_web_page_preview, disable_notification}; endpoint() sends one
// message per row and adds _status and _sent. The token is part of the URL path: fluxi's errors show
// URLs without it when it comes from secrets.get.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("contrib/sranka/telegram", R"flux(
import "http"
import "json"

option defaultURL = "https://api.telegram.org/bot"
option defaultParseMode = "MarkdownV2"
option defaultDisableWebPagePreview = false
option defaultSilent = true

message = (
    url=defaultURL,
    token,
    channel,
    text,
    parseMode=defaultParseMode,
    disableWebPagePreview=defaultDisableWebPagePreview,
    silent=defaultSilent,
) => {
    body = {
        chat_id: channel,
        text: text,
        parse_mode: parseMode,
        disable_web_page_preview: disableWebPagePreview,
        disable_notification: silent,
    }

    return http.post(
        url: url + token + "/sendMessage",
        headers: {"Content-Type": "application/json; charset=utf-8"},
        data: json.encode(v: body),
    )
}

endpoint = (
    url=defaultURL,
    token,
    parseMode=defaultParseMode,
    disableWebPagePreview=defaultDisableWebPagePreview,
) => (mapFn) => (tables=<-) =>
    tables
        |> map(
            fn: (r) => {
                m = mapFn(r: r)
                code = message(
                    url: url,
                    token: token,
                    channel: m.channel,
                    text: m.text,
                    parseMode: parseMode,
                    disableWebPagePreview: disableWebPagePreview,
                    silent: m.silent,
                )

                return {r with _status: string(v: code), _sent: string(v: code / 100 == 2)}
            },
        )
)flux");

}  // namespace fluxi
