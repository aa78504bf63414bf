// Package influxdata/influxdb/monitor: checks and notifications over the embedded store, written in
// Flux on top of the builtins (stateChanges/stateChangesOnly are native, see state_changes.cpp).
//   check(data, messageFn, crit, warn, info, ok)  assigns each row a _level and a _message, marks it
//       as a `statuses` point of the check (data: _check_id, _check_name, _type, tags) and hands it
//       to the `write` option (default: experimental.to the `_monitoring` bucket);
//   notify(endpoint, data)  marks rows as `notifications` points, sends them with `endpoint` and hands
//       the result (with its _sent column) to the `log` option (default: the `_monitoring` bucket);
//   from(start, stop, fn) / logs(start, stop, fn)  read statuses / notifications back, pivoted;
//   deadman(t)  keeps the latest row of each table with `dead: _time < t`.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("influxdata/influxdb/monitor", R"flux(
import "experimental"
import "influxdata/influxdb"
import "influxdata/influxdb/v1"

bucket = "_monitoring"

levelOK = "ok"
levelInfo = "info"
levelWarn = "warn"
levelCrit = "crit"
levelUnknown = "unknown"

option write = (tables=<-) => tables |> experimental.to(bucket: bucket)
option log = (tables=<-) => tables |> experimental.to(bucket: bucket)

// The points of one measurement of the monitoring bucket in [start, stop) that satisfy fn, pivoted.
_read = (measurement, start, stop, fn) =>
    influxdb.from(bucket: bucket)
        |> range(start: start, stop: stop)
        |> filter(fn: (r) => r._measurement == measurement)
        |> filter(fn: fn)
        |> v1.fieldsAsCols()

from = (start, stop=now(), fn=(r) => true) => _read(measurement: "statuses", start: start, stop: stop, fn: fn)

logs = (start, stop=now(), fn) => _read(measurement: "notifications", start: start, stop: stop, fn: fn)

deadman = (t, tables=<-) => tables |> max(column: "_time") |> map(fn: (r) => ({r with dead: r._time < t}))

// Adds the record's properties as constant columns that join the group key.
_tagWith = (tables=<-, o) =>
    tables
        |> experimental.set(o: o)
        |> experimental.group(mode: "extend", columns: experimental.objectKeys(o: o))

check = (
    tables=<-,
    data,
    messageFn,
    crit=(r) => false,
    warn=(r) => false,
    info=(r) => false,
    ok=(r) => true,
) => {
    levelOf = (r) =>
        if crit(r: r) then levelCrit
        else if warn(r: r) then levelWarn
        else if info(r: r) then levelInfo
        else if ok(r: r) then levelOK
        else levelUnknown
    checkTime = now()

    return
        tables
            |> _tagWith(o: data.tags)
            |> map(
                fn: (r) => ({r with
                    _measurement: "statuses",
                    _source_measurement: r._measurement,
                    _source_timestamp: int(v: r._time),
                    _time: checkTime,
                    _check_id: data._check_id,
                    _check_name: data._check_name,
                    _type: data._type,
                    _level: levelOf(r: r),
                }),
            )
            |> map(fn: (r) => ({r with _message: messageFn(r: r)}))
            |> experimental.group(mode: "extend", columns: ["_source_measurement", "_type", "_check_id", "_check_name", "_level"])
            |> write()
}

notify = (tables=<-, endpoint, data) => {
    sentAt = now()

    return
        tables
            |> _tagWith(o: data)
            |> map(fn: (r) => ({r with _measurement: "notifications", _status_timestamp: int(v: r._time), _time: sentAt}))
            |> endpoint()
            |> experimental.group(mode: "extend", columns: ["_sent"])
            |> log()
}
)flux");

}  // namespace fluxi
