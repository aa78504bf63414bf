// Package http/requests, the part written in Flux: the defaultConfig option (no timeout of its own,
// TLS verified), do/get/post over the native _do (do.cpp), and peek, which turns a response into a
// one-row table (statusCode, body as a string, headers as display() text, duration in ns).
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("http/requests", R"flux(
import "array"

_emptyBody = bytes(v: "")

option defaultConfig = {timeout: 0s, insecureSkipVerify: false}

do = (method, url, params=[:], headers=[:], body=_emptyBody, config=defaultConfig) =>
    _do(method: method, url: url, params: params, headers: headers, body: body, config: config)

get = (url, params=[:], headers=[:], body=_emptyBody, config=defaultConfig) =>
    do(method: "GET", url: url, params: params, headers: headers, body: body, config: config)

post = (url, params=[:], headers=[:], body=_emptyBody, config=defaultConfig) =>
    do(method: "POST", url: url, params: params, headers: headers, body: body, config: config)

peek = (response) =>
    array.from(
        rows: [
            {
                statusCode: response.statusCode,
                body: string(v: response.body),
                headers: display(v: response.headers),
                duration: int(v: response.duration),
            },
        ],
    )
)flux");

// The deprecated experimental copy: the same functions, with a defaultConfig option of its own.
FLUXI_FLUX_SOURCE("experimental/http/requests", R"flux(
import "http/requests"

_emptyBody = requests._emptyBody
_do = requests._do

option defaultConfig = {timeout: 0s, insecureSkipVerify: false}

do = (method, url, params=[:], headers=[:], body=_emptyBody, config=defaultConfig) =>
    _do(method: method, url: url, params: params, headers: headers, body: body, config: config)

get = (url, params=[:], headers=[:], body=_emptyBody, config=defaultConfig) =>
    do(method: "GET", url: url, params: params, headers: headers, body: body, config: config)

post = (url, params=[:], headers=[:], body=_emptyBody, config=defaultConfig) =>
    do(method: "POST", url: url, params: params, headers: headers, body: body, config: config)

peek = requests.peek
)flux");

}  // namespace fluxi
