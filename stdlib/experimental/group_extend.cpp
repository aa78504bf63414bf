// experimental.group(columns, mode: "extend"): adds `columns` to each table's group key, splitting
// the table by the values those columns take (rows keep their order; tables that end up with equal
// keys are merged). A listed column a table does not have is an error, as in the reference.
// "extend" is the only mode.
#include <unordered_map>

#include "eval/compare.h"
#include "stdlib/experimental/group_extend.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/row_hash.h"
#include "eval/kernels/stream_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
std::vector<TablePtr> experimental_pkg::extendGroupKey(const TablePtr& t, const std::vector<std::string>& columns) {
    // The new key columns: listed, present, not yet in the key (in table column order).
    std::vector<size_t> added;
    for (size_t c = 0; c < t->numColumns(); c++) {
        const std::string& name = t->meta[c].name;
        if (t->key.has(name)) continue;
        for (auto& want : columns)
            if (want == name) {
                added.push_back(c);
                break;
            }
    }
    if (added.empty()) return {t};

    const tableops::Partition parts = tableops::partitionRows(*t, added);
    const auto& groups = parts.groups;
    std::vector<TablePtr> out;
    for (size_t g = 0; g < groups.size(); g++) {
        // Key columns stay in table column order.
        GroupKey key;
        for (size_t c = 0; c < t->numColumns(); c++) {
            int k = t->key.indexOf(t->meta[c].name);
            if (k >= 0) {
                key.cols.push_back(t->key.cols[k]);
                key.values.push_back(t->key.values[k]);
            }
            for (size_t i = 0; i < added.size(); i++)
                if (added[i] == c) {
                    key.cols.push_back(t->meta[c]);
                    key.values.push_back(t->column(c).get(parts.first[g]));
                }
        }
        TableBuilder b(std::move(key));
        for (size_t c = 0; c < t->numColumns(); c++)
            b.addColumn(t->meta[c].name,
                        groups.size() == 1 ? t->cols[c] : tableops::gatherColumn(t->column(c), groups[g]));
        out.push_back(b.finish());
    }
    return out;
}

namespace {

Value groupFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::vector<std::string> columns;
    if (!tableops::stringListArg(ctx, args, "experimental.group", "columns", columns))
        ctx.fail("experimental.group: missing required argument columns");
    std::string mode = ctx.requireString(args, "mode");
    if (mode != "extend") ctx.fail("experimental.group: mode must be \"extend\", got \"" + mode + "\"");
    CallContext site = ctx;
    return Value::stream(tableops::makeRegroupStream(
        in,
        [site, columns](const TablePtr& t) {
            return tableops::atCallSite(site, "experimental.group", [&] {
                for (auto& c : columns)
                    if (t->columnIndex(c) < 0)
                        site.fail("experimental.group: unknown column \"" + c + "\" (table " +
                                  tableops::describeKey(t->key) + ")");
                return experimental_pkg::extendGroupKey(t, columns);
            });
        },
        "experimental.group"));
}

}  // namespace

FLUXI_BUILTIN("experimental", "group", "<-tables, columns, mode", groupFn);

}  // namespace fluxi
