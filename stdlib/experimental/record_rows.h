// Building a table from records, one record per row (what experimental.join does with the records
// its fn returns). Columns come in the order their fields first appear; a row without a field gets
// null there; a column's type is the kind of its first non-null value (or typed null); a column that
// only ever holds untyped nulls is left out.
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "eval/table.h"
#include "eval/value.h"

namespace fluxi::experimental_pkg {

class RecordRowsBuilder {
public:
    // Appends a row. Returns "" or an error message (a value of the wrong kind for its column, or a
    // kind that cannot be stored in a table).
    std::string add(const RecordObj& row);
    size_t rows() const { return rows_; }
    // The table built so far (empty group key).
    TablePtr finish();

private:
    struct Col {
        std::string name;
        std::shared_ptr<Column> data;  // null until the type is known
        size_t filled = 0;             // rows accounted for
    };
    Col& column(const std::string& name);
    std::vector<Col> cols_;
    std::unordered_map<std::string, size_t> index_;
    size_t rows_ = 0;
};

}  // namespace fluxi::experimental_pkg
