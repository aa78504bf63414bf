// universe.join(tables: {a: s1, b: s2}, on: [...], method: "inner"): the deprecated column join.
// Each table of one stream is paired with each table of the other whose group key agrees on the
// `on` columns both keys hold; rows are matched on equal, non-null values of every `on` column
// (sort-merge, so output rows come in ascending order of the `on` columns taken alphabetically).
// Output columns: the `on` columns once, every other column under its own name, or renamed
// `<column>_<stream name>` when both inputs have it; sorted by name. The output group key is the
// union of both input keys (renamed the same way); tables with equal keys are merged. A table
// lacking one of the `on` columns joins nothing.
#include <algorithm>

#include "eval/builtin.h"
#include "eval/compare.h"
#include "eval/limits.h"
#include "eval/stream.h"
#include "eval/kernels/join_merge.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

using tableops::Selection;

struct JoinSpec {
    std::string names[2];          // the stream names of the `tables` record, in its order
    std::vector<std::string> on;   // sorted, unique
};

// One output column: where its data comes from.
struct OutColumn {
    std::string name;
    int side;  // 0 left, 1 right
    int col;   // column index in that side's table
    bool operator<(const OutColumn& o) const { return name < o.name; }
};

// Joins one table of each side; null when they cannot be joined or no row matches.
TablePtr joinPair(const CallContext& ctx, const JoinSpec& spec, const TablePtr& lt, const TablePtr& rt) {
    const TablePtr sides[2] = {lt, rt};
    joinops::JoinColumns jc[2];
    for (int s = 0; s < 2; s++) jc[s].t = sides[s].get();
    for (auto& name : spec.on) {
        int li = lt->columnIndex(name), ri = rt->columnIndex(name);
        if (li < 0 || ri < 0) return nullptr;
        if (lt->meta[li].type != rt->meta[ri].type)
            ctx.fail("join: column \"" + name + "\" has type " + colTypeName(lt->meta[li].type) + " in " +
                     spec.names[0] + " but " + colTypeName(rt->meta[ri].type) + " in " + spec.names[1]);
        // Both keys hold it: the tables can only match when the key values agree.
        int lk = lt->key.indexOf(name), rk = rt->key.indexOf(name);
        if (lk >= 0 && rk >= 0) {
            const Value &a = lt->key.values[lk], &b = rt->key.values[rk];
            if (a.isNull() || b.isNull() || !valuesEqual(a, b)) return nullptr;
        }
        jc[0].cols.push_back(li);
        jc[1].cols.push_back(ri);
    }

    std::vector<uint32_t> ls = joinops::sortRows(jc[0]), rs = joinops::sortRows(jc[1]);
    Selection lsel, rsel;
    // The pairs of matching rows (as many as the product of two runs of equal join values) are
    // charged to the run's memory budget before the selections grow.
    limits::MemoryCharge pairsCharge;
    joinops::mergeRuns(
        jc[0], ls, jc[1], rs,
        [&](joinops::Run a, joinops::Run b) {
            for (size_t i = a.begin; i < a.end; i++)
                for (size_t j = b.begin; j < b.end; j++) {
                    if (lsel.size() == lsel.capacity())
                        pairsCharge.set(2 * sizeof(uint32_t) * std::max<size_t>(16, 2 * lsel.capacity()), "joining");
                    lsel.push_back(ls[i]);
                    rsel.push_back(rs[j]);
                }
        },
        [](joinops::Run) {}, [](joinops::Run) {});
    if (lsel.empty()) return nullptr;

    auto isOn = [&](const std::string& n) { return std::binary_search(spec.on.begin(), spec.on.end(), n); };
    std::vector<OutColumn> out;
    for (int s = 0; s < 2; s++) {
        const Table& t = *sides[s];
        const Table& other = *sides[1 - s];
        for (size_t c = 0; c < t.numColumns(); c++) {
            const std::string& n = t.meta[c].name;
            if (isOn(n)) {
                if (s == 0) out.push_back({n, 0, static_cast<int>(c)});
                continue;
            }
            out.push_back({other.columnIndex(n) >= 0 ? n + "_" + spec.names[s] : n, s, static_cast<int>(c)});
        }
    }
    std::sort(out.begin(), out.end());

    // Key: the union of both keys, in output column order.
    GroupKey key;
    for (auto& oc : out) {
        const Table& t = *sides[oc.side];
        const std::string& src = t.meta[oc.col].name;
        int k = t.key.indexOf(src);
        if (k < 0 && oc.side == 0 && isOn(src)) {
            // An `on` column that only the right key holds.
            int rk = rt->key.indexOf(src);
            if (rk >= 0) {
                key.cols.push_back({oc.name, rt->key.cols[rk].type});
                key.values.push_back(rt->key.values[rk]);
            }
            continue;
        }
        if (k < 0) continue;
        key.cols.push_back({oc.name, t.key.cols[k].type});
        key.values.push_back(t.key.values[k]);
    }

    TableBuilder b(std::move(key));
    for (auto& oc : out) {
        const Table& t = *sides[oc.side];
        b.addColumn(oc.name, tableops::gatherColumn(t.column(oc.col), oc.side == 0 ? lsel : rsel));
    }
    return b.finish();
}

Value join(CallContext& ctx, const Args& args) {
    const Value* tv = args.get("tables");
    if (!tv || !tv->is(Kind::Record))
        ctx.fail(std::string("join: argument tables must be a record of two streams, e.g. {a: s1, b: s2}, got ") +
                 (tv ? kindName(tv->kind()) : "nothing"));
    const auto& fields = tv->asRecord().fields;
    if (fields.size() != 2)
        ctx.fail("join: argument tables must hold exactly two streams, got " + std::to_string(fields.size()));
    JoinSpec spec;
    StreamRef inputs[2];
    for (int s = 0; s < 2; s++) {
        if (!fields[s].second.is(Kind::Stream))
            ctx.fail("join: tables." + fields[s].first + " must be a stream of tables, got " +
                     kindName(fields[s].second.kind()));
        spec.names[s] = fields[s].first;
        inputs[s] = fields[s].second.objRef<StreamObj>();
    }
    if (!tableops::stringListArg(ctx, args, "join", "on", spec.on))
        ctx.fail("join: argument on (the columns to join on) is required");
    if (spec.on.empty()) ctx.fail("join: argument on must name at least one column");
    std::string method = ctx.stringOr(args, "method", "inner");
    if (method != "inner")
        ctx.fail(ErrorCode::Unimplemented, "join: method \"" + method + "\" is not supported (only \"inner\"; the join package has outer joins)");
    std::sort(spec.on.begin(), spec.on.end());
    spec.on.erase(std::unique(spec.on.begin(), spec.on.end()), spec.on.end());

    CallContext site = ctx;
    StreamRef right = inputs[1];
    StreamRef out = makeBlockingStream(
        inputs[0],
        [site, spec, right](std::vector<TablePtr> lefts) {
            return tableops::atCallSite(site, "join", [&] {
                std::vector<TablePtr> rights = collect(*right);
                std::vector<TablePtr> joined;
                for (auto& l : lefts)
                    for (auto& r : rights)
                        if (TablePtr t = joinPair(site, spec, l, r)) joined.push_back(std::move(t));
                return tableops::mergeByKey(std::move(joined));
            });
        },
        "join");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "join", "<-tables, ?on, ?method", join);

}  // namespace fluxi
