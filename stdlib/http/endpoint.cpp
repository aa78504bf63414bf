// http.endpoint(url:)(mapFn:)(tables): a notification endpoint written in Flux over http.post. Each
// row is turned by mapFn into {headers, data} and POSTed; the row gains _status (the status code as
// a string) and _sent ("true" when the status was 200), and _sent joins the group key.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("http", R"flux(
import "experimental"

endpoint = (url) => (mapFn) => (tables=<-) =>
    tables
        |> map(
            fn: (r) => {
                request = mapFn(r: r)
                code = post(url: url, headers: request.headers, data: request.data)

                return {r with _status: string(v: code), _sent: string(v: code == 200)}
            },
        )
        |> experimental.group(mode: "extend", columns: ["_sent"])
)flux");

}  // namespace fluxi
