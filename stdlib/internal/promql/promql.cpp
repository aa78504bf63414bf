// internal/promql, the parts written in Flux: quantile (universe.quantile for q in [0, 1], else
// one row per table holding -Inf (q < 0) or +Inf (q > 1)) and join (experimental.join).
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("internal/promql", R"flux(
import "experimental"
import "math"
import "universe"

quantile = (q, tables=<-, method="exact_mean") =>
    if q >= 0.0 and q <= 1.0 then
        tables |> universe.quantile(q: q, method: method)
    else
        tables
            |> reduce(identity: {_value: math.mInf(sign: if q < 0.0 then -1 else 1)}, fn: (r, accumulator) => accumulator)

join = experimental.join
)flux");

}  // namespace fluxi
