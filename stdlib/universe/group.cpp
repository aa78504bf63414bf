// universe.group(columns, mode): regroups rows by the values of `columns` (mode "by", the default) or
// of every column except them (mode "except"); group() with no columns puts all rows in one table with
// an empty key. Columns a table does not have are ignored. Rows keep their input order within each
// output table; tables with different columns merge into one with the union of their columns.
#include <unordered_map>

#include "eval/builtin.h"
#include "eval/compare.h"
#include "eval/stream.h"
#include "stdlib/universe/table_ops.h"

namespace fluxi {
namespace {

using tableops::Selection;

struct TupleHash {
    size_t operator()(const std::vector<Value>& vs) const {
        size_t h = vs.size();
        for (auto& v : vs) h = h * 1000003u ^ tableops::hashCell(v);
        return h;
    }
};
struct TupleEq {
    bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const {
        for (size_t i = 0; i < a.size(); i++)
            if (a[i].kind() != b[i].kind() || !valuesEqual(a[i], b[i])) return false;
        return true;
    }
};

// Splits one table by the values of the columns flagged in `on`.
void groupTable(const TablePtr& t, const std::vector<bool>& on, std::vector<TablePtr>& out) {
    // All grouping columns are key columns: the table moves whole (even when empty).
    bool wholeTable = true;
    for (size_t c = 0; c < t->numColumns() && wholeTable; c++)
        if (on[c] && !t->key.has(t->meta[c].name)) wholeTable = false;
    if (wholeTable) {
        GroupKey key = tableops::filterKey(t->key, [&](const std::string& n) { return on[t->columnIndex(n)]; });
        out.push_back(tableops::withKey(t, std::move(key)));
        return;
    }

    std::vector<size_t> keyCols;
    for (size_t c = 0; c < t->numColumns(); c++)
        if (on[c]) keyCols.push_back(c);
    std::unordered_map<std::vector<Value>, size_t, TupleHash, TupleEq> groupOf;
    std::vector<Selection> groups;
    std::vector<std::vector<Value>> groupValues;
    std::vector<Value> tuple(keyCols.size());
    for (size_t r = 0; r < t->nrows; r++) {
        for (size_t i = 0; i < keyCols.size(); i++) tuple[i] = t->column(keyCols[i]).get(r);
        auto [it, inserted] = groupOf.emplace(tuple, groups.size());
        if (inserted) {
            groups.emplace_back();
            groupValues.push_back(tuple);
        }
        groups[it->second].push_back(static_cast<uint32_t>(r));
    }
    for (size_t g = 0; g < groups.size(); g++) {
        GroupKey key;
        for (size_t i = 0; i < keyCols.size(); i++) {
            key.cols.push_back(t->meta[keyCols[i]]);
            key.values.push_back(groupValues[g][i]);
        }
        TableBuilder b(std::move(key));
        for (size_t c = 0; c < t->numColumns(); c++)
            b.addColumn(t->meta[c].name, groups.size() == 1 ? t->cols[c] : tableops::gatherColumn(t->column(c), groups[g]));
        out.push_back(b.finish());
    }
}

Value group(CallContext& ctx, const Args& args) {
    const StreamObj& in = ctx.requireStream(args);
    std::vector<std::string> columns;
    tableops::stringListArg(ctx, args, "group", "columns", columns);
    std::string mode = ctx.stringOr(args, "mode", "by");
    if (mode != "by" && mode != "except") ctx.fail("group: mode must be \"by\" or \"except\", got \"" + mode + "\"");
    const bool except = mode == "except";

    CallContext site = ctx;
    StreamRef out = makeBlockingStream(
        tableops::streamRef(in),
        [site, columns, except](std::vector<TablePtr> tables) {
            return tableops::atCallSite(site, "group", [&] {
                std::vector<TablePtr> grouped;
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
                return tableops::mergeByKey(std::move(grouped));
            });
        },
        "group");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "group", "<-tables, ?columns, ?mode", group);

}  // namespace fluxi
