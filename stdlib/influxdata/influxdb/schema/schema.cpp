// Package influxdata/influxdb/schema: the schema of the data in a bucket of the embedded store --
// tag keys and values, measurements, field keys -- plus fieldsAsCols. Each function takes the
// bucket, an optional row predicate and a time range (start default -30d, stop default now(); only
// series with points in [start, stop) count). When the predicate only compares _measurement,
// _field or tags with strings/regexes (the filter push-down rules, store/pushdown.h) the answer
// comes from the store's series index (series_index.cpp); otherwise the data is scanned with
// from/range/filter. Results are one table with one string column `_value`, sorted.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("influxdata/influxdb/schema", R"flux(
// One row per _time with a column per _field holding its _value.
fieldsAsCols = (tables=<-) => tables |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")

tagValues = (bucket, tag, predicate=(r) => true, start=-30d, stop=now()) =>
    if _indexable(fn: predicate, column: tag) then
        _indexTagValues(bucket: bucket, tag: tag, predicate: predicate, start: start, stop: stop)
    else
        from(bucket: bucket)
            |> range(start: start, stop: stop)
            |> filter(fn: predicate)
            |> keep(columns: [tag])
            |> group()
            |> distinct(column: tag)
            |> sort()

tagKeys = (bucket, predicate=(r) => true, start=-30d, stop=now()) =>
    if _indexable(fn: predicate) then
        _indexTagKeys(bucket: bucket, predicate: predicate, start: start, stop: stop)
    else
        from(bucket: bucket)
            |> range(start: start, stop: stop)
            |> filter(fn: predicate)
            |> keys()
            |> keep(columns: ["_value"])
            |> distinct()
            |> sort()

measurementTagValues = (bucket, measurement, tag, start=-30d, stop=now()) =>
    tagValues(bucket: bucket, tag: tag, predicate: (r) => r._measurement == measurement, start: start, stop: stop)

measurementTagKeys = (bucket, measurement, start=-30d, stop=now()) =>
    tagKeys(bucket: bucket, predicate: (r) => r._measurement == measurement, start: start, stop: stop)

fieldKeys = (bucket, predicate=(r) => true, start=-30d, stop=now()) =>
    tagValues(bucket: bucket, tag: "_field", predicate: predicate, start: start, stop: stop)

measurementFieldKeys = (bucket, measurement, start=-30d, stop=now()) =>
    fieldKeys(bucket: bucket, predicate: (r) => r._measurement == measurement, start: start, stop: stop)

measurements = (bucket, start=-30d, stop=now()) => tagValues(bucket: bucket, tag: "_measurement", start: start, stop: stop)
)flux");

}  // namespace fluxi
