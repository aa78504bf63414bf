// experimental.set(o): sets each column named by a field of record `o` to that field's value on
// every row. An existing column is replaced in place (with the value's type; a group key column takes
// the new value in the key, so tables may merge); a new column is added at the end, outside the group
// key. Values must fit a table column (bool, int, uint, float, string or time).
#include "eval/kernels/table_ops.h"
#include "eval/kernels/stream_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

struct Assignment {
    std::string name;
    ColType type;
    Value value;
};

TablePtr setColumns(const TablePtr& t, const std::vector<Assignment>& sets) {
    GroupKey key = t->key;
    std::vector<ColumnMeta> meta = t->meta;
    std::vector<ColumnPtr> cols = t->cols;
    for (auto& s : sets) {
        ColumnPtr data = tableops::constantColumn(s.type, s.value, t->nrows);
        int k = key.indexOf(s.name);
        if (k >= 0) {
            key.cols[k].type = s.type;
            key.values[k] = s.value;
        }
        bool found = false;
        for (size_t c = 0; c < meta.size(); c++)
            if (meta[c].name == s.name) {
                meta[c].type = s.type;
                cols[c] = data;
                found = true;
            }
        if (!found) {
            meta.push_back({s.name, s.type});
            cols.push_back(data);
        }
    }
    TableBuilder b(std::move(key));
    for (size_t c = 0; c < meta.size(); c++) b.addColumn(meta[c].name, cols[c]);
    return b.finish();
}

Value setFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    const Value& o = ctx.require(args, "o", Kind::Record);
    std::vector<Assignment> sets;
    for (auto& [name, v] : o.asRecord().fields) {
        if (v.isNull()) ctx.fail("experimental.set: field \"" + name + "\" of o is null; give every column a value");
        sets.push_back({name, tableops::columnTypeFor(ctx, v.kind(), "experimental.set: field \"" + name + "\" of o"), v});
    }
    CallContext site = ctx;
    return Value::stream(tableops::makeRegroupStream(
        in,
        [site, sets](const TablePtr& t) -> std::vector<TablePtr> {
            return {tableops::atCallSite(site, "experimental.set", [&] { return setColumns(t, sets); })};
        },
        "experimental.set"));
}

}  // namespace

FLUXI_BUILTIN("experimental", "set", "<-tables, o", setFn);

}  // namespace fluxi
