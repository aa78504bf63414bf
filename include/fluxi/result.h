// The results of a run as the embedding API hands them out (include/fluxi/fluxi.h): a named result
// (`yield(name:)`, `_result`) and read-only views of its tables. The table model itself (typed
// column arrays, eval/table.h) stays internal; a TableView reads it cell by cell.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "fluxi/value.h"

namespace fluxi {

class Table;  // eval/table.h

// One table of a result: its columns (name, kind: Bool, Int, UInt, Float, String or Time, whether it
// is part of the group key) and its cells. Cheap to copy (it shares the table).
class TableView {
public:
    explicit TableView(std::shared_ptr<const Table> table);

    size_t rows() const;
    size_t columns() const;
    const std::string& columnName(size_t column) const;
    Kind columnKind(size_t column) const;
    bool inGroupKey(size_t column) const;
    int columnIndex(std::string_view name) const;  // -1 when there is no such column
    bool isNull(size_t column, size_t row) const;
    // The cell as a Value (Value::null() for a null cell); never allocates.
    Value value(size_t column, size_t row) const;

    const Table& table() const { return *table_; }  // for fluxi's own code

private:
    std::shared_ptr<const Table> table_;
};

// A result of a run: "_result" unless named by yield(name:). After Engine::run its tables are in
// memory (tables()); Engine::run with a TableSink delivers them one by one instead.
struct NamedResult {
    std::string name;
    StreamRef stream;  // the stream of tables (eval/stream.h, for fluxi's own code)

    // Out of line: the stream's object is not defined in the public headers.
    NamedResult();
    NamedResult(std::string name, StreamRef stream);
    NamedResult(const NamedResult&);
    NamedResult(NamedResult&&) noexcept;
    NamedResult& operator=(const NamedResult&);
    NamedResult& operator=(NamedResult&&) noexcept;
    ~NamedResult();

    std::vector<TableView> tables() const;
};

}  // namespace fluxi
