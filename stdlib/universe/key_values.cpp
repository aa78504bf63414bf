// universe.keyValues(keyColumns): for each table, one row per distinct (column, value) pair found
// in the `keyColumns` columns, in row order (for each row, the columns in the order given); null
// cells are skipped. Output: the group key columns, `_key` (the column name) and `_value` (its
// value). All key columns must exist and share one type.
#include <unordered_set>

#include "eval/builtin.h"
#include "eval/compare.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/row_hash.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

TablePtr keyValuesTable(const CallContext& ctx, const std::vector<std::string>& names, const TablePtr& t) {
    std::vector<int> cols;
    for (auto& n : names) {
        int c = t->columnIndex(n);
        if (c < 0) ctx.fail(ErrorCode::FailedPrecondition, "keyValues: table " + std::string("has no column \"") + n + "\"");
        if (!cols.empty() && t->meta[c].type != t->meta[cols[0]].type)
            ctx.fail("keyValues: keyColumns must all have one type, but \"" + names[0] + "\" is " +
                     colTypeName(t->meta[cols[0]].type) + " and \"" + n + "\" is " + colTypeName(t->meta[c].type));
        cols.push_back(c);
    }
    const ColType type = t->meta[cols[0]].type;
    struct Seen {
        size_t col;
        Value v;
    };
    struct SeenHash {
        size_t operator()(const Seen& s) const { return s.col * 31 + tableops::hashCell(s.v); }
    };
    struct SeenEq {
        bool operator()(const Seen& a, const Seen& b) const { return a.col == b.col && valuesEqual(a.v, b.v); }
    };
    std::unordered_set<Seen, SeenHash, SeenEq> seen;
    auto keyCol = std::make_shared<Column>(ColType::String);
    auto valCol = std::make_shared<Column>(type);
    std::vector<StrRef> labels;
    for (auto& n : names) labels.push_back(make<StringObj>(n));
    for (size_t r = 0; r < t->nrows; r++)
        for (size_t i = 0; i < cols.size(); i++) {
            Value v = t->column(cols[i]).get(r);
            if (v.isNull() || !seen.insert(Seen{i, v}).second) continue;
            keyCol->appendString(labels[i]);
            valCol->appendValue(v);
        }
    TableBuilder b(t->key);
    for (size_t k = 0; k < t->key.cols.size(); k++) {
        int c = t->columnIndex(t->key.cols[k].name);
        b.addColumn(t->key.cols[k].name, tableops::constantColumn(t->meta[c].type, t->key.values[k], keyCol->size()));
    }
    b.addColumn("_key", keyCol);
    b.addColumn("_value", valCol);
    return b.finish();
}

Value keyValues(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::vector<std::string> names;
    if (!tableops::stringListArg(ctx, args, "keyValues", "keyColumns", names) || names.empty())
        ctx.fail("keyValues: keyColumns must name at least one column");
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, names](const TablePtr& t) {
            return tableops::atCallSite(site, "keyValues", [&] { return keyValuesTable(site, names, t); });
        },
        "keyValues");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "keyValues", "<-tables, ?keyColumns", keyValues);

}  // namespace fluxi
