// experimental/aggregate.rate(every, groupColumns, unit): the average rate of change per window --
// the non-negative derivative of each series (per `unit`), averaged in windows of `every`, then
// summed across the series that share a window and the values of `groupColumns`.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("experimental/aggregate", R"flux(
import "experimental"

rate = (tables=<-, every, groupColumns=[], unit=1s) => {
    perWindowSum = (tables=<-, column) =>
        tables
            |> mean(column: column)
            |> group(columns: groupColumns)
            |> experimental.group(columns: ["_start", "_stop"], mode: "extend")
            |> sum(column: column)

    return tables
        |> derivative(unit: unit, nonNegative: true)
        |> aggregateWindow(every: every, fn: perWindowSum)
}
)flux");

}  // namespace fluxi
