// array.from(rows:): builds one table, with an empty group key, from an array of records. Columns
// come in the order their fields first appear (the first record's fields, then fields that only
// later records have); a record without a field gives null in that column. Each column's type is
// the kind of its non-null values (bool, int, uint, float, string or time) or of its typed nulls
// (Value::typedNull, made by internal/debug's null(type:)): values of two kinds in one column,
// other kinds (durations, arrays, records, ...), or a column with only untyped nulls are errors
// naming the column and row.
#include <unordered_map>

#include "eval/stream.h"
#include "eval/table.h"
#include "stdlib/array/array_functions.h"

namespace fluxi::array_pkg {

Value from(CallContext& ctx, const Args& args) {
    const Value& rowsArg = ctx.require(args, "rows", Kind::Array);
    const std::vector<Value>& rows = rowsArg.asArray().elems;
    if (rows.empty()) ctx.fail("array.from: rows must not be empty (there would be no columns to build a table from)");

    // Pass 1: the columns, their types and the first row giving each type.
    struct Col {
        std::string name;
        bool typed = false;
        ColType type = ColType::String;
        size_t typedRow = 0;
    };
    std::vector<Col> cols;
    std::unordered_map<std::string, size_t> index;
    for (size_t r = 0; r < rows.size(); r++) {
        const Value& row = rows[r];
        if (!row.is(Kind::Record))
            ctx.fail("array.from: rows must be records, but row " + std::to_string(r) + " is " + kindName(row.kind()));
        for (auto& [name, v] : row.asRecord().fields) {
            auto it = index.find(name);
            size_t c;
            if (it == index.end()) {
                c = cols.size();
                cols.push_back({name});
                index.emplace(cols.back().name, c);
            } else {
                c = it->second;
            }
            // A typed null (internal/debug's null(type:)) types its column like a value would.
            if (v.isNull() && v.nullType() == Kind::Null) continue;
            ColType t;
            if (!kindToColType(v.nullType(), t))
                ctx.fail("array.from: field \"" + name + "\" of row " + std::to_string(r) + " is " + kindName(v.kind()) +
                         "; table columns hold bool, int, uint, float, string or time values");
            Col& col = cols[c];
            if (!col.typed) {
                col.typed = true;
                col.type = t;
                col.typedRow = r;
            } else if (col.type != t) {
                ctx.fail("array.from: column \"" + name + "\" has mixed types: " + colTypeName(col.type) + " in row " +
                         std::to_string(col.typedRow) + " but " + colTypeName(t) + " in row " + std::to_string(r));
            }
        }
    }
    for (auto& c : cols)
        if (!c.typed)
            ctx.fail("array.from: column \"" + c.name + "\" has only null values, so its type is unknown");

    // Pass 2: fill the columns.
    TableBuilder b;
    for (auto& c : cols) b.addColumn(c.name, c.type);
    for (size_t c = 0; c < cols.size(); c++) b.column(c).reserve(rows.size());
    std::vector<uint8_t> seen(cols.size());
    for (const Value& row : rows) {
        std::fill(seen.begin(), seen.end(), 0);
        const auto& fields = row.asRecord().fields;
        for (size_t f = 0; f < fields.size(); f++) {
            const auto& [name, v] = fields[f];
            // Records usually list their fields in column order: skip the hash lookup then.
            size_t c = (f < cols.size() && cols[f].name == name) ? f : index.find(name)->second;
            if (seen[c]) continue;  // a record has each field once; be safe against duplicates
            seen[c] = 1;
            b.column(c).appendValue(v);  // kinds were checked in pass 1
        }
        for (size_t c = 0; c < cols.size(); c++)
            if (!seen[c]) b.column(c).appendNull();
    }
    std::vector<TablePtr> tables{b.finish()};
    return Value::stream(makeMaterializedStream(std::move(tables), "array.from"));
}

}  // namespace fluxi::array_pkg

FLUXI_BUILTIN("array", "from", "<-rows", fluxi::array_pkg::from);
