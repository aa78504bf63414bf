// The public views of a run's results (include/fluxi/result.h): NamedResult's members, defined here
// where the stream object is complete, and TableView over the internal table model.
#include "fluxi/result.h"

#include <stdexcept>

#include "eval/stream.h"
#include "eval/table.h"

namespace fluxi {

NamedResult::NamedResult() = default;
NamedResult::NamedResult(std::string n, StreamRef s) : name(std::move(n)), stream(std::move(s)) {}
NamedResult::NamedResult(const NamedResult&) = default;
NamedResult::NamedResult(NamedResult&&) noexcept = default;
NamedResult& NamedResult::operator=(const NamedResult&) = default;
NamedResult& NamedResult::operator=(NamedResult&&) noexcept = default;
NamedResult::~NamedResult() = default;

std::vector<TableView> NamedResult::tables() const {
    std::vector<TableView> out;
    if (!stream) return out;
    for (TablePtr& t : collect(*stream)) out.emplace_back(std::move(t));
    return out;
}

TableView::TableView(std::shared_ptr<const Table> table) : table_(std::move(table)) {}

size_t TableView::rows() const { return table_->nrows; }
size_t TableView::columns() const { return table_->numColumns(); }
const std::string& TableView::columnName(size_t column) const { return table_->meta.at(column).name; }
Kind TableView::columnKind(size_t column) const { return colTypeKind(table_->meta.at(column).type); }
bool TableView::inGroupKey(size_t column) const { return table_->key.has(table_->meta.at(column).name); }
int TableView::columnIndex(std::string_view name) const { return table_->columnIndex(name); }

namespace {
// The column, checking both indexes (an embedder's mistake is an exception, not a crash).
const Column& cellColumn(const Table& t, size_t column, size_t row) {
    if (column >= t.numColumns() || row >= t.nrows)
        throw std::out_of_range("TableView: no cell at column " + std::to_string(column) + ", row " + std::to_string(row) +
                                " (the table has " + std::to_string(t.numColumns()) + " columns and " +
                                std::to_string(t.nrows) + " rows)");
    return t.column(column);
}
}  // namespace

bool TableView::isNull(size_t column, size_t row) const { return cellColumn(*table_, column, row).isNull(row); }
Value TableView::value(size_t column, size_t row) const { return cellColumn(*table_, column, row).get(row); }

}  // namespace fluxi
