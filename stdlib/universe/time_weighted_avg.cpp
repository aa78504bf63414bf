// universe.timeWeightedAvg(<-tables, unit): the time-weighted average of _value in each table: the
// linearly interpolated integral over [_start, _stop) (integral(interpolate: "linear")) divided by
// the length of that range. `unit` only scales the integral and is divided out again, so the result
// is in _value's units. One float row per table (group key + _value).
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("universe", R"flux(
timeWeightedAvg = (tables=<-, unit) => {
    unitNs = float(v: uint(v: unit))

    return
        tables
            |> integral(unit: unit, interpolate: "linear")
            |> map(fn: (r) => ({r with _value: r._value * unitNs / float(v: int(v: r._stop) - int(v: r._start))}))
}
)flux");

}  // namespace fluxi
