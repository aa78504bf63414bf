// universe.count, sum, mean, spread, stddev and skew: each input table becomes one row holding its
// group key and the aggregate of `column` (default "_value"). Nulls are skipped (count counts every
// row); an empty or all-null table gives null (count gives 0). Output types: count int, mean,
// stddev and skew float, sum and spread the column's type.
#include "eval/kernels/aggregate_builtins.h"

namespace fluxi {
namespace {

using agg::ReduceKind;
using agg::ReduceOptions;

Value countFn(CallContext& ctx, const Args& args) {
    return agg::reduceEachTable(ctx, args, "count", ReduceKind::Count, {});
}
Value sumFn(CallContext& ctx, const Args& args) {
    return agg::reduceEachTable(ctx, args, "sum", ReduceKind::Sum, {});
}
Value meanFn(CallContext& ctx, const Args& args) {
    return agg::reduceEachTable(ctx, args, "mean", ReduceKind::Mean, {});
}
Value spreadFn(CallContext& ctx, const Args& args) {
    return agg::reduceEachTable(ctx, args, "spread", ReduceKind::Spread, {});
}
Value stddevFn(CallContext& ctx, const Args& args) {
    std::string mode = ctx.stringOr(args, "mode", "sample");
    if (mode != "sample" && mode != "population")
        ctx.fail("stddev: mode must be \"sample\" or \"population\", got \"" + mode + "\"");
    ReduceOptions opt;
    opt.population = mode == "population";
    return agg::reduceEachTable(ctx, args, "stddev", ReduceKind::Stddev, opt);
}

Value skewFn(CallContext& ctx, const Args& args) {
    return agg::reduceEachTable(ctx, args, "skew", ReduceKind::Skew, {});
}

agg::FusedAggregate reducing(ReduceKind k) {
    agg::FusedAggregate f;
    f.reduce = k;
    return f;
}

// aggregateWindow(fn: mean) etc. run these kernels directly.
[[maybe_unused]] const bool fused = agg::registerFusedAggregate(countFn, reducing(ReduceKind::Count)) &&
                                    agg::registerFusedAggregate(sumFn, reducing(ReduceKind::Sum)) &&
                                    agg::registerFusedAggregate(meanFn, reducing(ReduceKind::Mean)) &&
                                    agg::registerFusedAggregate(spreadFn, reducing(ReduceKind::Spread)) &&
                                    agg::registerFusedAggregate(stddevFn, reducing(ReduceKind::Stddev)) &&
                                    agg::registerFusedAggregate(skewFn, reducing(ReduceKind::Skew));

}  // namespace

FLUXI_BUILTIN("universe", "count", "<-tables, ?column", countFn);
FLUXI_BUILTIN("universe", "sum", "<-tables, ?column", sumFn);
FLUXI_BUILTIN("universe", "mean", "<-tables, ?column", meanFn);
FLUXI_BUILTIN("universe", "spread", "<-tables, ?column", spreadFn);
FLUXI_BUILTIN("universe", "stddev", "<-tables, ?column, ?mode", stddevFn);
FLUXI_BUILTIN("universe", "skew", "<-tables, ?column", skewFn);

}  // namespace fluxi
