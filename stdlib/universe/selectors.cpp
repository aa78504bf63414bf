// universe.first, last, min and max: each input table becomes the one row selected by `column`
// (default "_value") -- the first or last row with a non-null value, or the first row holding the
// smallest or largest value -- with all its columns. A table without such a row (empty, or all
// null) gives an empty table with the same columns.
#include "eval/kernels/aggregate_builtins.h"

namespace fluxi {
namespace {

using agg::SelectKind;

Value firstFn(CallContext& ctx, const Args& args) {
    return agg::selectEachTable(ctx, args, "first", SelectKind::First);
}
Value lastFn(CallContext& ctx, const Args& args) {
    return agg::selectEachTable(ctx, args, "last", SelectKind::Last);
}
Value minFn(CallContext& ctx, const Args& args) {
    return agg::selectEachTable(ctx, args, "min", SelectKind::Min);
}
Value maxFn(CallContext& ctx, const Args& args) {
    return agg::selectEachTable(ctx, args, "max", SelectKind::Max);
}

agg::FusedAggregate selecting(SelectKind k) {
    agg::FusedAggregate f;
    f.selector = true;
    f.select = k;
    return f;
}

// aggregateWindow(fn: first) etc. run these kernels directly.
[[maybe_unused]] const bool fused = agg::registerFusedAggregate(firstFn, selecting(SelectKind::First)) &&
                                    agg::registerFusedAggregate(lastFn, selecting(SelectKind::Last)) &&
                                    agg::registerFusedAggregate(minFn, selecting(SelectKind::Min)) &&
                                    agg::registerFusedAggregate(maxFn, selecting(SelectKind::Max));

}  // namespace

FLUXI_BUILTIN("universe", "first", "<-tables, ?column", firstFn);
FLUXI_BUILTIN("universe", "last", "<-tables, ?column", lastFn);
FLUXI_BUILTIN("universe", "min", "<-tables, ?column", minFn);
FLUXI_BUILTIN("universe", "max", "<-tables, ?column", maxFn);

}  // namespace fluxi
