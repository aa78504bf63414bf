// experimental.unpivot(otherColumns): turns each "field column" -- a column in neither the group key
// nor otherColumns (default ["_time"]) -- into rows: one row per non-null cell, holding the key
// columns, the otherColumns, `_field` (the column's name) and `_value` (the cell). `_field` joins the
// group key, so each field column becomes its own table, unless otherColumns lists "_field": then
// the fields of a table stay in one table (field by field, rows in order), and must share a type.
// Input tables must not have `_field` or `_value` columns; every other name in otherColumns must be
// a column of the table. Output columns, as in the reference: the group key columns, `_field`, the
// otherColumns in their listed order (`_field` where it is listed), `_value`.
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

std::vector<TablePtr> unpivotTable(const CallContext& site, const TablePtr& t, const std::vector<std::string>& others,
                                   bool fieldInKey) {
    const char* fn = "experimental.unpivot";
    if (t->columnIndex("_field") >= 0 || t->columnIndex("_value") >= 0)
        site.fail(std::string(fn) + " can't have \"_field\" or \"_value\" as an input column (table " +
                  tableops::describeKey(t->key) + ")");
    std::vector<bool> kept(t->numColumns(), false);
    for (auto& name : others) {
        if (name == "_field") continue;
        int c = t->columnIndex(name);
        if (c < 0)
            site.fail(std::string(fn) + " could not find column named \"" + name + "\" (table " +
                      tableops::describeKey(t->key) + ")");
        kept[static_cast<size_t>(c)] = true;
    }
    std::vector<size_t> fields;
    for (size_t c = 0; c < t->numColumns(); c++) {
        if (t->key.has(t->meta[c].name)) kept[c] = true;
        if (!kept[c]) fields.push_back(c);
    }

    // One output table from the (field column, row) cells in `cells`, in order.
    auto build = [&](const std::vector<std::pair<size_t, uint32_t>>& cells, GroupKey key) -> TablePtr {
        tableops::Selection rows;
        rows.reserve(cells.size());
        for (auto& cell : cells) rows.push_back(cell.second);
        TableBuilder b(std::move(key));
        auto field = std::make_shared<Column>(ColType::String);
        auto value = std::make_shared<Column>(t->meta[cells.front().first].type);
        field->reserve(cells.size());
        value->reserve(cells.size());
        StrRef name;
        size_t nameOf = SIZE_MAX;
        for (auto& [c, r] : cells) {
            if (c != nameOf) {
                name = make<StringObj>(t->meta[c].name);
                nameOf = c;
            }
            field->appendString(name);
            if (t->meta[c].type != value->type())
                site.fail(std::string(fn) + ": field columns \"" + t->meta[cells.front().first].name + "\" (" +
                          colTypeName(value->type()) + ") and \"" + t->meta[c].name + "\" (" +
                          colTypeName(t->meta[c].type) + ") would share one _value column; list \"_field\" in " +
                          "otherColumns only when the field columns have one type");
            value->appendFrom(t->column(c), r);
        }
        std::vector<bool> added(t->numColumns(), false);
        auto addInput = [&](int c) {
            if (c < 0 || added[static_cast<size_t>(c)]) return;
            added[static_cast<size_t>(c)] = true;
            b.addColumn(t->meta[static_cast<size_t>(c)].name, tableops::gatherColumn(t->column(static_cast<size_t>(c)), rows));
        };
        for (auto& k : t->key.cols) addInput(t->columnIndex(k.name));
        if (fieldInKey) b.addColumn("_field", ColumnPtr(field));
        for (auto& name : others) {
            if (name == "_field") b.addColumn("_field", ColumnPtr(field));
            else addInput(t->columnIndex(name));
        }
        b.addColumn("_value", ColumnPtr(value));
        return b.finish();
    };

    std::vector<TablePtr> out;
    std::vector<std::pair<size_t, uint32_t>> cells;
    for (size_t c : fields) {
        const Column& col = t->column(c);
        for (size_t r = 0; r < t->nrows; r++)
            if (col.isValid(r)) cells.emplace_back(c, static_cast<uint32_t>(r));
        if (fieldInKey) {
            if (!cells.empty()) {
                GroupKey key = t->key;
                key.cols.push_back({"_field", ColType::String});
                key.values.push_back(Value::string(t->meta[c].name));
                out.push_back(build(cells, std::move(key)));
            }
            cells.clear();
        }
    }
    if (!fieldInKey && !cells.empty()) out.push_back(build(cells, t->key));
    return out;
}

Value unpivotFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::vector<std::string> others{"_time"};
    tableops::stringListArg(ctx, args, "experimental.unpivot", "otherColumns", others);
    bool fieldInKey = true;
    for (auto& n : others) fieldInKey = fieldInKey && n != "_field";
    CallContext site = ctx;
    // Output keys are input keys plus a distinct _field, so tables never need merging.
    return Value::stream(makeFlatMapStream(
        in,
        [site, others, fieldInKey](const TablePtr& t) {
            return tableops::atCallSite(site, "experimental.unpivot",
                                        [&] { return unpivotTable(site, t, others, fieldInKey); });
        },
        "experimental.unpivot"));
}

}  // namespace

FLUXI_BUILTIN("experimental", "unpivot", "<-tables, ?otherColumns", unpivotFn);

}  // namespace fluxi
