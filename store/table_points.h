// Turning tables into points (what to() and `fluxi write --format csv` write): which column holds
// the time, the measurement, the tags and the fields, with InfluxDB's defaults.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "eval/table.h"
#include "eval/value.h"
#include "store/store.h"

namespace fluxi::store {

struct TablePointSpec {
    std::string bucket;
    std::string timeColumn = "_time";
    std::string measurementColumn = "_measurement";
    // Tag columns; when not given: every string column except the measurement column, `_field`,
    // `_value` and (with fieldFn) the field names fieldFn returns.
    bool tagsGiven = false;
    std::vector<std::string> tagColumns;
    // Maps a row (a record of all columns) to a record of field name -> value. When empty, each row
    // writes one field: the `_field` column names it and `_value` holds its value.
    std::function<Value(const Value& row)> fieldFn;
    // Pivoted rows (experimental.to): the group key columns other than the measurement column, _start
    // and _stop are the tags, every other column but the time column is a field named after it.
    // tagColumns and fieldFn are ignored.
    bool pivoted = false;
    // When set: the input line of row r (0-based), given to WriteBatch::setSourceLine for each row so
    // that a conflict with stored data names the line.
    std::function<size_t(size_t row)> sourceLine;
};

// A row of the table could not be written; row() is 1-based, 0 when the table as a whole is wrong
// (a missing or mistyped column). what() is "row N: DETAIL" (just DETAIL for the whole table).
class TablePointError : public StoreError {
public:
    TablePointError(size_t row, const std::string& detail)
        : StoreError(row ? "row " + std::to_string(row) + ": " + detail : detail), row_(row), detail_(detail) {}
    size_t row() const { return row_; }
    const std::string& detail() const { return detail_; }

private:
    size_t row_;
    std::string detail_;
};

// Stages every row of `t` as a point in `batch`. Null field values are skipped, null tags left out.
// Throws TablePointError (the message says which row/column) on a missing or mistyped time, measurement,
// _field or _value column, a null time or measurement, or a value that is not float, int, uint,
// string or bool. Returns the number of field values staged.
size_t stageTablePoints(const Table& t, const TablePointSpec& spec, WriteBatch& batch);

}  // namespace fluxi::store
