// internal/testing.assertMatches(got, want): when string `got` matches regular expression `want`,
// the (empty) stream testing.assertEqualValues returns for two equal values, so that the call can
// end a testcase like any other assertion; otherwise the error "Regex `WANT` does not match `GOT`".
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("internal/testing", R"flux(
import "regexp"
import "testing"

assertMatches = (got, want) =>
    if got =~ want then
        testing.assertEqualValues(got: "", want: "")
    else
        die(msg: "Regex `${regexp.getString(r: want)}` does not match `${got}`")
)flux");

}  // namespace fluxi
