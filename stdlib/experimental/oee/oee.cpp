// experimental/oee: overall equipment effectiveness. computeAPQ takes production events (a `state`
// per _time) and part events (running totals partCount and badCount per _time), per table:
//   availability = time spent in runningState (events.duration up to _stop) / plannedTime
//   performance  = parts produced * idealCycleTime / running time
//   quality      = (parts - bad parts) / parts
//   oee          = availability * performance * quality
// one row per table at _time = _stop, with runTime (ns). APQ reads both kinds of events from one
// stream.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("experimental/oee", R"flux(
import "contrib/tomhollingworth/events"
import "experimental"

computeAPQ = (productionEvents, partEvents, runningState, plannedTime, idealCycleTime) => {
    running =
        productionEvents
            |> events.duration(unit: 1ns, columnName: "runTime")
            |> filter(fn: (r) => r.state == runningState)
            |> sum(column: "runTime")
            |> map(fn: (r) => ({r with _time: r._stop, availability: float(v: r.runTime) / float(v: int(v: plannedTime))}))
    produced =
        partEvents
            |> difference(columns: ["partCount"], nonNegative: true)
            |> sum(column: "partCount")
            |> duplicate(column: "_stop", as: "_time")
    rejected =
        partEvents
            |> difference(columns: ["badCount"], nonNegative: true)
            |> sum(column: "badCount")
            |> duplicate(column: "_stop", as: "_time")
    withPerformance =
        experimental.join(
            left: running,
            right: produced,
            fn: (left, right) =>
                ({left with performance: float(v: right.partCount) * float(v: int(v: idealCycleTime)) / float(v: left.runTime)}),
        )
    withQuality =
        experimental.join(
            left: rejected,
            right: produced,
            fn: (left, right) =>
                ({left with quality: (float(v: right.partCount) - float(v: left.badCount)) / float(v: right.partCount)}),
        )

    return
        experimental.join(
            left: withPerformance,
            right: withQuality,
            fn: (left, right) =>
                ({left with quality: right.quality, oee: left.availability * left.performance * right.quality}),
        )
}

APQ = (tables=<-, runningState, plannedTime, idealCycleTime) =>
    computeAPQ(
        productionEvents: tables,
        partEvents: tables,
        runningState: runningState,
        plannedTime: plannedTime,
        idealCycleTime: idealCycleTime,
    )
)flux");

}  // namespace fluxi
