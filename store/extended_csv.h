// Extended annotated CSV, the CSV dialect `influx write` accepts (InfluxDB's csv2lp), turned into
// points of a WriteBatch:
//
//     #datatype measurement,tag,double,dateTime:RFC3339
//     m,host,used_percent,time
//     mem,host1,64.23,2020-01-01T00:00:00Z
//
// Annotation rows start with `#`: `#datatype` (column kinds: measurement, tag, dateTime / time,
// field, ignore / ignored, or a field type: string, double, long, unsignedLong, boolean, duration;
// `type:format` and `type|default` as csv2lp reads them), `#default` (the value of an empty cell),
// `#group` (accepted, no effect), `#constant TYPE,NAME,VALUE` (a column every row has; NAME may be
// left out for measurement and dateTime) and `#timezone +hhmm|-hhmm|UTC` (accepted: fluxi's dateTime
// formats all carry their zone). The annotation's name may be its own first cell (`#datatype,a,b`, as
// Flux results write it: that cell's column is then unlabelled and ignored) or share it with the first
// column's value (`#datatype measurement,tag`). `# text` rows are comments. The header row may carry
// types and defaults itself: `m|measurement,cpu|tag,usage|double|0`. A repeated column annotation after
// data rows starts a new table with its own header.
//
// Each data row is one point: the measurement column (or `_measurement`), tags (empty values left
// out), fields (a `_field`/`_value` column pair as in Flux results, plus the field columns; columns
// without a type are fields unless there is a `_field` column, and their cells are read as line
// protocol field values: 1.5, 1i, 1u, true, "text"), and the time: the `_time` column, else the one
// dateTime column; `dateTime` alone reads RFC3339 or an integer, `dateTime:RFC3339`/`RFC3339Nano`
// RFC3339 and `dateTime:number` an integer, in units of the write's precision. A row without a time
// gets the default time. Boolean cells are true when they start with t, T, y, Y or 1 and false with f,
// F, n, N or 0, unless `boolean:TRUTHY:FALSY` lists the words. `double:,.` reads `1.234,5` (the first
// character separates the fraction, the others are dropped); long and unsignedLong take the same
// format and drop the fraction. A duration cell is a Flux duration, written as integer nanoseconds.
//
// Errors name the line and column: a row without a measurement or a field, a value of the wrong type,
// an unknown annotation or type, a dateTime format fluxi does not read (Go layouts such as
// `dateTime:2006-01-02`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "store/store.h"

namespace fluxi::store {

class ExtendedCsvError : public std::runtime_error {
public:
    ExtendedCsvError(size_t line, std::string column, const std::string& detail)
        : std::runtime_error("line " + std::to_string(line) + (column.empty() ? "" : ", column \"" + column + "\"") +
                             ": " + detail),
          line_(line), column_(std::move(column)), detail_(detail) {}
    size_t line() const { return line_; }            // 1-based
    const std::string& column() const { return column_; }  // label, or "" for the row as a whole
    const std::string& detail() const { return detail_; }

private:
    size_t line_;
    std::string column_;
    std::string detail_;
};

// True when `text` reads as extended annotated CSV rather than a Flux query result (the format of
// `fluxi run --format csv`): an annotation sharing its first cell with a value (`#datatype measurement`),
// a #constant or #timezone annotation, a #datatype naming a line-protocol part (measurement, tag, field,
// ignored, time), a header with `name|type` labels, or no #datatype annotation at all.
bool isExtendedCsv(std::string_view text);

struct ExtendedCsvStats {
    size_t rows = 0;    // data rows (points)
    size_t fields = 0;  // field values staged
};

// Stages every row of `text` in `batch` for `bucket`. `precisionNanos` scales dateTime:number
// values; `defaultTime` is the time of a row without one. Throws ExtendedCsvError; the batch must
// then be discarded.
ExtendedCsvStats stageExtendedCsv(std::string_view text, std::string_view bucket, int64_t precisionNanos,
                                  int64_t defaultTime, WriteBatch& batch);

}  // namespace fluxi::store
