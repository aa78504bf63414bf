// universe.distinct(column): for each table, one row per distinct value of `column` (default
// "_value"; null counts as one value), in first-seen order, stored in a `_value` column next to the
// group key columns. A key column gives its single key value; a table without the column gives one
// empty-string value (as the reference implementation does).
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/row_hash.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

TablePtr distinctTable(const CallContext& ctx, const TablePtr& t, const std::string& column) {
    if (t->key.has("_value") && column != "_value")
        ctx.fail("distinct: the group key already has a _value column, so distinct values of \"" + column +
                 "\" cannot be stored there");
    ColumnPtr values;
    int c = t->columnIndex(column);
    int k = t->key.indexOf(column);
    if (c < 0) {
        values = tableops::constantColumn(ColType::String, Value::string(""), 1);
    } else if (k >= 0) {
        values = tableops::constantColumn(t->key.cols[k].type, t->key.values[k], 1);
    } else {
        const Column& col = t->column(static_cast<size_t>(c));
        values = tableops::gatherColumn(col, tableops::firstOccurrences(col));
    }
    GroupKey key = t->key;
    TableBuilder b(key);
    for (size_t i = 0; i < key.cols.size(); i++)
        if (key.cols[i].name != "_value")
            b.addColumn(key.cols[i].name, tableops::constantColumn(key.cols[i].type, key.values[i], values->size()));
    if (b.columnIndex("_value") < 0) b.addColumn("_value", values);
    return b.finish();
}

Value distinct(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::string column = ctx.stringOr(args, "column", "_value");
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, column](const TablePtr& t) {
            return tableops::atCallSite(site, "distinct", [&] { return distinctTable(site, t, column); });
        },
        "distinct");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "distinct", "<-tables, ?column", distinct);

}  // namespace fluxi
