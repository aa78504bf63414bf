// Building a table from records, one per row (see record_rows.h).
#include "stdlib/experimental/record_rows.h"

namespace fluxi::experimental_pkg {

RecordRowsBuilder::Col& RecordRowsBuilder::column(const std::string& name) {
    auto it = index_.find(name);
    if (it != index_.end()) return cols_[it->second];
    index_.emplace(name, cols_.size());
    cols_.push_back({name, nullptr, rows_});  // earlier rows lacked it: nulls, added with the type
    return cols_.back();
}

std::string RecordRowsBuilder::add(const RecordObj& row) {
    for (auto& [name, v] : row.fields) {
        Col& c = column(name);
        if (c.filled > rows_) continue;  // a field given twice: the first one counts
        if (!c.data) {
            ColType t;
            Kind k = v.nullType();
            if (k != Kind::Null) {
                if (!kindToColType(k, t))
                    return "field \"" + name + "\" of row " + std::to_string(rows_) + " is " + kindName(k) +
                           "; table columns hold bool, int, uint, float, string or time values";
                c.data = std::make_shared<Column>(t);
                for (size_t i = 0; i < c.filled; i++) c.data->appendNull();
            }
        }
        if (c.data) {
            if (!c.data->appendValue(v))
                return "column \"" + name + "\" has type " + colTypeName(c.data->type()) + " but row " +
                       std::to_string(rows_) + " gives it a " + kindName(v.kind());
        }
        c.filled = rows_ + 1;
    }
    rows_++;
    for (auto& c : cols_)
        if (c.filled < rows_) {
            if (c.data) c.data->appendNull();
            c.filled = rows_;
        }
    return "";
}

TablePtr RecordRowsBuilder::finish() {
    TableBuilder b;
    for (auto& c : cols_)
        if (c.data) b.addColumn(c.name, ColumnPtr(c.data));
    return b.finish();
}

}  // namespace fluxi::experimental_pkg
