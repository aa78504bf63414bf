// Package experimental/csv: from(url:) reads annotated CSV from a URL, in Flux over
// experimental/http.get and csv.from (a status other than 2xx is an error naming it, rather than
// parsing an error page as CSV).
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("experimental/csv", R"flux(
import c "csv"
import "experimental/http"

from = (url) => {
    response = http.get(url: url)

    return
        if response.statusCode / 100 == 2 then
            c.from(csv: string(v: response.body))
        else
            die(msg: "csv.from: the server answered HTTP status ${string(v: response.statusCode)} instead of CSV")
}
)flux");

}  // namespace fluxi
