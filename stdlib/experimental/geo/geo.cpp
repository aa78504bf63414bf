// Package experimental/geo, the parts written in Flux: the `units` option, the ST_* helpers over
// stContains/stDistance/stLength (st.cpp), ST_LineString and totalDistance, and the row
// transformations (toRows, shapeData, gridFilter, strictFilter, filterRows, groupByArea,
// asTracks) over getGrid and the cell token builtins (grid.cpp, cells.cpp).
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("experimental/geo", R"flux(
import "experimental"
import "influxdata/influxdb/v1"

option units = {distance: "km"}

ST_Contains = (region, geometry, units=units) => stContains(region: region, geometry: geometry, units: units)
ST_Distance = (region, geometry, units=units) => stDistance(region: region, geometry: geometry, units: units)
ST_DWithin = (region, geometry, distance, units=units) =>
    stDistance(region: region, geometry: geometry, units: units) <= distance
ST_Intersects = (region, geometry, units=units) =>
    stDistance(region: region, geometry: geometry, units: units) <= 0.0
ST_Length = (geometry, units=units) => stLength(geometry: geometry, units: units)

// One row per table: its points as "lon lat, lon lat, ..." in column st_linestring.
ST_LineString = (tables=<-) =>
    tables
        |> reduce(
            identity: {__linestring: "", __count: 0},
            fn: (r, accumulator) => ({
                __linestring: accumulator.__linestring
                    + (if accumulator.__count > 0 then ", " else "")
                    + string(v: r.lon) + " " + string(v: r.lat),
                __count: accumulator.__count + 1,
            }),
        )
        |> drop(columns: ["__count"])
        |> rename(columns: {__linestring: "st_linestring"})

// The level of the s2_cell_id of the first row of the first table that has that column in its key.
_detectLevel = (tables=<-) => {
    first = tables |> tableFind(fn: (key) => exists key.s2_cell_id) |> getRecord(idx: 0)

    return if exists first then getLevel(token: first.s2_cell_id) else 666
}

toRows = (tables=<-) => tables |> v1.fieldsAsCols()

shapeData = (tables=<-, latField, lonField, level) =>
    tables
        |> map(fn: (r) => ({r with _field:
            if r._field == latField then "lat" else if r._field == lonField then "lon" else r._field,
        }))
        |> toRows()
        |> map(fn: (r) => ({r with s2_cell_id: s2CellIDToken(point: {lat: r.lat, lon: r.lon}, level: level)}))
        |> experimental.group(columns: ["s2_cell_id"], mode: "extend")

gridFilter = (tables=<-, region, minSize=24, maxSize=-1, level=-1, s2cellIDLevel=-1, units=units) => {
    cellLevel = if s2cellIDLevel == -1 then tables |> _detectLevel() else s2cellIDLevel
    grid = getGrid(region: region, minSize: minSize, maxSize: maxSize, level: level, maxLevel: cellLevel, units: units)

    return
        tables
            |> filter(fn: (r) =>
                if grid.level == cellLevel then
                    contains(value: r.s2_cell_id, set: grid.set)
                else
                    contains(value: s2CellIDToken(token: r.s2_cell_id, level: grid.level), set: grid.set))
}

strictFilter = (tables=<-, region) =>
    tables |> filter(fn: (r) => ST_Contains(region: region, geometry: {lat: r.lat, lon: r.lon}))

filterRows = (tables=<-, region, minSize=24, maxSize=-1, level=-1, s2cellIDLevel=-1, strict=true) => {
    cols = tables |> columns(column: "columns") |> findColumn(column: "columns", fn: (key) => true)
    filtered =
        tables
            |> gridFilter(region: region, minSize: minSize, maxSize: maxSize, level: level, s2cellIDLevel: s2cellIDLevel)
    rows = if contains(value: "lat", set: cols) then filtered else filtered |> toRows()

    return if strict then rows |> strictFilter(region: region) else rows
}

groupByArea = (tables=<-, newColumn, level, s2cellIDLevel=-1) => {
    cellLevel = if s2cellIDLevel == -1 then tables |> _detectLevel() else s2cellIDLevel
    prepared =
        if level == cellLevel then
            tables |> duplicate(column: "s2_cell_id", as: newColumn)
        else
            tables
                |> map(fn: (r) => ({r with _s2_cell_id_xxx: s2CellIDToken(point: {lat: r.lat, lon: r.lon}, level: level)}))
                |> rename(columns: {_s2_cell_id_xxx: newColumn})

    return prepared |> group(columns: [newColumn])
}

asTracks = (tables=<-, groupBy=["id", "tid"], orderBy=["_time"]) =>
    tables |> group(columns: groupBy) |> sort(columns: orderBy)

// Per table: the sum of the distances between consecutive points, in output column outputColumn.
totalDistance = (tables=<-, outputColumn="_value") =>
    tables
        |> reduce(
            identity: {index: 0, lat: 0.0, lon: 0.0, totalDistance: 0.0},
            fn: (r, accumulator) => ({
                index: accumulator.index + 1,
                lat: r.lat,
                lon: r.lon,
                totalDistance: accumulator.totalDistance
                    + (if accumulator.index == 0 then
                        0.0
                    else
                        ST_Distance(region: {lat: accumulator.lat, lon: accumulator.lon}, geometry: {lat: r.lat, lon: r.lon})),
            }),
        )
        |> drop(columns: ["index", "lat", "lon"])
        |> rename(columns: {totalDistance: outputColumn})
)flux");

}  // namespace fluxi
