// universe.columns(column) and universe.keys(column): for each table, one row per column label
// (columns) or per group key column label (keys), stored as strings in `column` (default "_value"),
// next to the group key columns. Other columns are dropped; the group key is unchanged.
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

TablePtr labelTable(const CallContext& ctx, const TablePtr& t, const std::string& column, bool keysOnly,
                    const char* fname) {
    if (t->key.has(column))
        ctx.fail(std::string(fname) + ": \"" + column +
                 "\" is a group key column; choose another output column with the column argument");
    auto labels = std::make_shared<Column>(ColType::String);
    if (keysOnly) {
        for (auto& kc : t->key.cols) labels->appendString(std::string_view(kc.name));
    } else {
        for (auto& m : t->meta) labels->appendString(std::string_view(m.name));
    }
    TableBuilder b(t->key);
    for (size_t i = 0; i < t->key.cols.size(); i++)
        b.addColumn(t->key.cols[i].name,
                    tableops::constantColumn(t->key.cols[i].type, t->key.values[i], labels->size()));
    b.addColumn(column, ColumnPtr(std::move(labels)));
    return b.finish();
}

Value labels(CallContext& ctx, const Args& args, bool keysOnly) {
    const char* fname = keysOnly ? "keys" : "columns";
    StreamRef in = ctx.requireStream(args);
    std::string column = ctx.stringOr(args, "column", "_value");
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, column, keysOnly, fname](const TablePtr& t) {
            return tableops::atCallSite(site, fname, [&] { return labelTable(site, t, column, keysOnly, fname); });
        },
        fname);
    return Value::stream(out);
}

Value columns(CallContext& ctx, const Args& args) { return labels(ctx, args, false); }
Value keys(CallContext& ctx, const Args& args) { return labels(ctx, args, true); }

}  // namespace

FLUXI_BUILTIN("universe", "columns", "<-tables, ?column", columns);
FLUXI_BUILTIN("universe", "keys", "<-tables, ?column", keys);

}  // namespace fluxi
