// Builds tables from records produced one row at a time by a Flux function (join.tables' `as`).
// Columns appear in first-seen field order; a column's type is that of its first non-null value
// (later rows must agree); a column that is null in every row has no type and is left out. The
// finished rows are split by the values of the requested group key columns.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "eval/builtin.h"
#include "eval/table.h"

namespace fluxi::tableops {

class RecordRowsBuilder {
public:
    // `fname` prefixes error messages ("join.tables").
    explicit RecordRowsBuilder(std::string fname) : fname_(std::move(fname)) {}

    // Appends one row. Fails at the call site when a field cannot be a column or changes type.
    void add(const CallContext& ctx, const RecordObj& rec);
    size_t rows() const { return rows_; }

    // The tables: one per distinct combination of values of the `keyCols` columns that exist
    // (first-appearance order), those columns forming the group key. A column null in every row
    // takes its type from `typeHint(name, type)` when that returns true, else it is left out.
    // Resets the builder.
    std::vector<TablePtr> finish(const std::vector<ColumnMeta>& keyCols,
                                 const std::function<bool(const std::string&, ColType&)>& typeHint = {});

private:
    struct Col {
        std::string name;
        std::shared_ptr<Column> data;  // null until the first non-null value
        size_t filled = 0;             // rows accounted for
    };
    Col& column(const std::string& name, size_t& hint);
    std::string fname_;
    std::vector<Col> cols_;
    std::vector<size_t> hints_;  // record field position -> column (last row's layout)
    size_t rows_ = 0;
};

}  // namespace fluxi::tableops
