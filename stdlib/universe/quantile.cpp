// universe.quantile and universe.median (quantile with q = 0.5). Methods:
//  - estimate_tdigest (default): a t-digest estimate (compression default 1000), as a float;
//  - exact_mean: the linear interpolation between the two values around rank q*(n-1), as a float;
//  - exact_selector: the row holding the value at rank ceil(q*n) (any orderable column type);
//    an empty table gives a row of key values and nulls.
// The first two are aggregates (group key + column), the last a selector (the whole row).
#include "eval/kernels/aggregate_builtins.h"

namespace fluxi {
namespace {

Value quantileOf(CallContext& ctx, const Args& args, const char* fn, double q) {
    if (!(q >= 0 && q <= 1)) ctx.fail(std::string(fn) + ": quantile must be between 0 and 1, got " + std::to_string(q));
    std::string method = ctx.stringOr(args, "method", "estimate_tdigest");
    double compression = ctx.floatOr(args, "compression", 0);
    if (compression < 0) ctx.fail(std::string(fn) + ": compression must not be negative");
    if (compression > 0 && method != "estimate_tdigest")
        ctx.fail(std::string(fn) + ": compression is only valid for method \"estimate_tdigest\"");
    agg::ReduceOptions opt;
    opt.q = q;
    opt.compression = compression > 0 ? compression : 1000;
    if (method == "estimate_tdigest") return agg::reduceEachTable(ctx, args, fn, agg::ReduceKind::TDigestQuantile, opt);
    if (method == "exact_mean") return agg::reduceEachTable(ctx, args, fn, agg::ReduceKind::ExactMeanQuantile, opt);
    if (method == "exact_selector")
        return agg::selectEachTable(ctx, args, fn, agg::SelectKind::ExactQuantile, q, /*keepEmpty=*/true);
    ctx.fail(std::string(fn) + ": unknown method \"" + method +
             "\" (expected \"estimate_tdigest\", \"exact_mean\" or \"exact_selector\")");
}

Value quantileFn(CallContext& ctx, const Args& args) {
    const Value* q = args.get("q");
    if (!q || q->isNull()) ctx.fail("quantile: missing required argument q");
    return quantileOf(ctx, args, "quantile", ctx.floatOr(args, "q", 0));
}

Value medianFn(CallContext& ctx, const Args& args) { return quantileOf(ctx, args, "median", 0.5); }

agg::FusedAggregate defaultMedian() {
    agg::FusedAggregate f;
    f.reduce = agg::ReduceKind::TDigestQuantile;
    f.options.q = 0.5;
    f.options.compression = 1000;
    return f;
}

// aggregateWindow(fn: median) runs the t-digest kernel directly (quantile needs q, so it cannot
// be passed bare).
[[maybe_unused]] const bool fused = agg::registerFusedAggregate(medianFn, defaultMedian());

}  // namespace

FLUXI_BUILTIN("universe", "quantile", "<-tables, q, ?column, ?compression, ?method", quantileFn);
FLUXI_BUILTIN("universe", "median", "<-tables, ?column, ?compression, ?method", medianFn);

}  // namespace fluxi
