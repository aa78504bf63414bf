// experimental.first, last, min, max and quantile: selectors and quantiles of the `_value` column,
// with the universe kernels. Selectors output, for each table, the whole selected row (first / last
// non-null value, smallest / largest value); tables with no such row are dropped. quantile's methods
// are those of universe.quantile: "estimate_tdigest" (default) and "exact_mean" aggregate each table
// to its group key plus `_value`; "exact_selector" keeps the row holding the quantile value (tables
// without a non-null value are dropped).
#include "eval/kernels/aggregate_builtins.h"

namespace fluxi {
namespace {

using agg::SelectKind;

Value firstFn(CallContext& ctx, const Args& args) {
    return agg::selectEachTable(ctx, args, "experimental.first", SelectKind::First);
}
Value lastFn(CallContext& ctx, const Args& args) {
    return agg::selectEachTable(ctx, args, "experimental.last", SelectKind::Last);
}
Value minFn(CallContext& ctx, const Args& args) {
    return agg::selectEachTable(ctx, args, "experimental.min", SelectKind::Min);
}
Value maxFn(CallContext& ctx, const Args& args) {
    return agg::selectEachTable(ctx, args, "experimental.max", SelectKind::Max);
}

Value quantileFn(CallContext& ctx, const Args& args) {
    const char* fn = "experimental.quantile";
    double q = ctx.require(args, "q", Kind::Float).asFloat();
    if (!(q >= 0 && q <= 1)) ctx.fail(std::string(fn) + ": q must be between 0 and 1, got " + std::to_string(q));
    std::string method = ctx.stringOr(args, "method", "estimate_tdigest");
    const Value* compression = ctx.optional(args, "compression", Kind::Float);
    if (compression && method != "estimate_tdigest")
        ctx.fail(std::string(fn) + ": compression is only valid for method \"estimate_tdigest\"");
    if (compression && !(compression->asFloat() > 0))
        ctx.fail(std::string(fn) + ": compression must be positive");
    agg::ReduceOptions opt;
    opt.q = q;
    opt.compression = compression ? compression->asFloat() : 1000;
    if (method == "estimate_tdigest") return agg::reduceEachTable(ctx, args, fn, agg::ReduceKind::TDigestQuantile, opt);
    if (method == "exact_mean") return agg::reduceEachTable(ctx, args, fn, agg::ReduceKind::ExactMeanQuantile, opt);
    if (method == "exact_selector") return agg::selectEachTable(ctx, args, fn, SelectKind::ExactQuantile, q);
    ctx.fail(std::string(fn) + ": unknown method \"" + method +
             "\" (expected \"estimate_tdigest\", \"exact_mean\" or \"exact_selector\")");
}

}  // namespace

FLUXI_BUILTIN("experimental", "first", "<-tables", firstFn);
FLUXI_BUILTIN("experimental", "last", "<-tables", lastFn);
FLUXI_BUILTIN("experimental", "min", "<-tables", minFn);
FLUXI_BUILTIN("experimental", "max", "<-tables", maxFn);
FLUXI_BUILTIN("experimental", "quantile", "<-tables, q, ?compression, ?method", quantileFn);

}  // namespace fluxi
