// universe.group(columns, mode): regroups rows by the values of `columns` (mode "by", the default) or
// of every column except them (mode "except"); group() with no columns puts all rows in one table with
// an empty key. Columns a table does not have are ignored. Rows keep their input order within each
// output table; tables with different columns merge into one with the union of their columns.
// Output tables come in group key order.
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/row_hash.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

using tableops::Selection;

// Splits one table by the values of the columns flagged in `on`.
void groupTable(const TablePtr& t, const std::vector<bool>& on, tableops::TableAccumulator& out) {
    // All grouping columns are key columns: the table moves whole (even when empty).
    bool wholeTable = true;
    for (size_t c = 0; c < t->numColumns() && wholeTable; c++)
        if (on[c] && !t->key.has(t->meta[c].name)) wholeTable = false;
    if (wholeTable) {
        GroupKey key = tableops::filterKey(t->key, [&](const std::string& n) { return on[t->columnIndex(n)]; });
        out.add(std::move(key), t);
        return;
    }

    std::vector<size_t> keyCols;
    for (size_t c = 0; c < t->numColumns(); c++)
        if (on[c]) keyCols.push_back(c);
    tableops::Partition parts = tableops::partitionRows(*t, keyCols);
    const auto& groups = parts.groups;  // (moved from one by one below)
    for (size_t g = 0; g < groups.size(); g++) {
        GroupKey key;
        for (size_t i = 0; i < keyCols.size(); i++) {
            key.cols.push_back(t->meta[keyCols[i]]);
            key.values.push_back(t->column(keyCols[i]).get(parts.first[g]));
        }
        if (groups.size() == 1) out.add(std::move(key), t);
        else out.add(std::move(key), t, std::move(parts.groups[g]));
    }
}

Value group(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::vector<std::string> columns;
    tableops::stringListArg(ctx, args, "group", "columns", columns);
    std::string mode = ctx.stringOr(args, "mode", "by");
    if (mode != "by" && mode != "except") ctx.fail("group: mode must be \"by\" or \"except\", got \"" + mode + "\"");
    const bool except = mode == "except";

    CallContext site = ctx;
    StreamRef out = makeBlockingStream(
        in,
        [site, columns, except](std::vector<TablePtr> tables) {
            return tableops::atCallSite(site, "group", [&] {
                tableops::TableAccumulator grouped;
                for (auto& slot : tables) {
                    TablePtr t = std::move(slot);  // release inputs as we go
                    std::vector<bool> on(t->numColumns());
                    for (size_t c = 0; c < t->numColumns(); c++) {
                        bool listed = false;
                        for (auto& name : columns) listed = listed || name == t->meta[c].name;
                        on[c] = except ? !listed : listed;
                    }
                    groupTable(t, on, grouped);
                }
                return grouped.finish();
            });
        },
        "group");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "group", "<-tables, ?columns, ?mode", group);

}  // namespace fluxi
