// Package slack: message() posts one message (chat.postMessage or a webhook) and endpoint() one per
// row, written in Flux over http.post and json.encode; validateColorString is native. The request:
// POST url, headers Authorization "Bearer <token>" and Content-Type application/json, body
// {"channel": ..., "attachments": [{"color": ..., "text": ..., "mrkdwn_in": ["text"]}]}.
#include <cctype>
#include <cerrno>
#include <cstdlib>

#include "eval/builtin.h"

namespace fluxi {

namespace {

// "good", "warning", "danger", or "#" and a hex number in [0, 0xffffff].
Value validateColorString(CallContext& ctx, const Args& args) {
    const Value& color = ctx.require(args, "color", Kind::String);
    const std::string& c = color.asString();
    if (c == "good" || c == "warning" || c == "danger") return color;
    if (!c.empty() && c[0] == '#') {
        std::string digits = c.substr(1);
        bool hex = !digits.empty() && digits.size() <= 16;
        for (char ch : digits) hex = hex && std::isxdigit(static_cast<unsigned char>(ch));
        if (!hex) ctx.fail("slack.validateColorString: could not parse color string \"" + c + "\": \"" + digits + "\" is not a hex number");
        errno = 0;
        unsigned long long n = std::strtoull(digits.c_str(), nullptr, 16);
        if (errno == 0 && n <= 0xffffff) return color;
    }
    ctx.fail("slack.validateColorString: could not parse color string \"" + c +
             "\" (expected good, warning, danger or a hex color #000000 to #ffffff)");
}

}  // namespace

FLUXI_BUILTIN("slack", "validateColorString", "color", validateColorString);

FLUXI_FLUX_SOURCE("slack", R"flux(
import "http"
import "json"

option defaultURL = "https://slack.com/api/chat.postMessage"

message = (url=defaultURL, token="", channel, text, color) => {
    attachment = {color: validateColorString(color: color), text: string(v: text), mrkdwn_in: ["text"]}
    body = json.encode(v: {channel: channel, attachments: [attachment]})

    return http.post(
        url: url,
        headers: {"Authorization": "Bearer " + token, "Content-Type": "application/json"},
        data: body,
    )
}

endpoint = (url=defaultURL, token="") => (mapFn) => (tables=<-) =>
    tables
        |> map(
            fn: (r) => {
                m = mapFn(r: r)
                code = message(url: url, token: token, channel: m.channel, text: m.text, color: m.color)

                return {r with _status: string(v: code), _sent: string(v: code / 100 == 2)}
            },
        )
)flux");

}  // namespace fluxi
