// internal/testing.shouldErrorWithCode(fn, want, code): calls fn() expecting an error whose message
// matches regular expression `want` and whose code (see experimental.catch) is `code`. Returns the
// testing.diff of {code, match} got against wanted (empty when both agree); when fn() succeeds the
// error "shouldErrorWithCode expected an error". `code` may be given as an int or a uint (the
// reference's documentation writes `code: 3`; catch reports a uint).
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("internal/testing", R"flux(
import "array"
import "experimental"
import "testing"

shouldErrorWithCode = (fn, want, code) => {
    got = experimental.catch(fn)

    return
        if exists got.msg then
            testing.diff(
                got: array.from(rows: [{code: got.code, match: got.msg =~ want}]),
                want: array.from(rows: [{code: uint(v: code), match: true}]),
            )
        else
            die(msg: "shouldErrorWithCode expected an error")
}
)flux");

}  // namespace fluxi
