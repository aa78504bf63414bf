// universe.set(key, value): gives every row of a column the same value. An existing column is
// replaced in place (a group key column takes the new value in the key, so tables may be regrouped);
// a new column is added at the end, outside the group key. Flux documents string values; any value
// that fits a column (bool, int, uint, float, string, time) is accepted.
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/stream_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

TablePtr setTable(const TablePtr& t, const std::string& name, ColType type, const Value& v) {
    int ci = t->columnIndex(name);
    GroupKey key = t->key;
    int k = key.indexOf(name);
    if (k >= 0) {
        key.cols[k].type = type;
        key.values[k] = v;
    }
    ColumnPtr data = tableops::constantColumn(type, v, t->nrows);
    TableBuilder b(std::move(key));
    for (size_t c = 0; c < t->numColumns(); c++) b.addColumn(t->meta[c].name, static_cast<int>(c) == ci ? data : t->cols[c]);
    if (ci < 0) b.addColumn(name, data);
    return b.finish();
}

Value set(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::string name = ctx.requireString(args, "key");
    const Value* v = args.get("value");
    if (!v || v->isNull()) ctx.fail("set: missing required argument value");
    ColType type = tableops::columnTypeFor(ctx, v->kind(), "set: argument value");
    Value value = *v;
    CallContext site = ctx;
    StreamRef out = tableops::makeRegroupStream(
        in,
        [site, name, type, value](const TablePtr& t) -> std::vector<TablePtr> {
            return {tableops::atCallSite(site, "set", [&] { return setTable(t, name, type, value); })};
        },
        "set");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "set", "<-tables, key, value", set);

}  // namespace fluxi
