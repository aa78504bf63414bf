// experimental.distinct, unique, fill, mode and integral: the universe transformations applied to
// the `_value` column (they delegate to the universe builtins).
//   distinct()                  -- group key columns plus `_value` holding each distinct value once
//                                  (null counts as a value); empty tables are dropped.
//   unique()                    -- the rows whose `_value` has not appeared before; empty tables dropped.
//   fill(value | usePrevious)   -- nulls of `_value` replaced by `value` or the previous non-null value.
//   mode()                      -- universe.mode of `_value`.
//   integral(unit, interpolate) -- universe.integral of `_value` over `_time`.
//   kaufmansAMA(n)              -- universe.kaufmansAMA of `_value`.
#include "stdlib/experimental/experimental_util.h"

namespace fluxi {
namespace {

using experimental_pkg::callUniverse;
using experimental_pkg::tablesArg;

Value distinctFn(CallContext& ctx, const Args& args) {
    Value out = callUniverse(ctx, "experimental.distinct", "distinct",
                             {{"tables", tablesArg(ctx, args)}, {"column", Value::string("_value")}});
    return Value::stream(experimental_pkg::dropEmptyTables(out, "experimental.distinct"));
}

Value uniqueFn(CallContext& ctx, const Args& args) {
    Value out = callUniverse(ctx, "experimental.unique", "unique",
                             {{"tables", tablesArg(ctx, args)}, {"column", Value::string("_value")}});
    return Value::stream(experimental_pkg::dropEmptyTables(out, "experimental.unique"));
}

Value fillFn(CallContext& ctx, const Args& args) {
    std::vector<std::pair<std::string, Value>> a{{"tables", tablesArg(ctx, args)}, {"column", Value::string("_value")}};
    if (const Value* v = args.get("value")) a.emplace_back("value", *v);
    if (const Value* p = args.get("usePrevious")) a.emplace_back("usePrevious", *p);
    return callUniverse(ctx, "experimental.fill", "fill", std::move(a));
}

Value modeFn(CallContext& ctx, const Args& args) {
    return callUniverse(ctx, "experimental.mode", "mode",
                        {{"tables", tablesArg(ctx, args)}, {"column", Value::string("_value")}});
}

Value integralFn(CallContext& ctx, const Args& args) {
    std::vector<std::pair<std::string, Value>> a{{"tables", tablesArg(ctx, args)}, {"column", Value::string("_value")}};
    if (const Value* u = args.get("unit")) a.emplace_back("unit", *u);
    if (const Value* i = args.get("interpolate")) a.emplace_back("interpolate", *i);
    return callUniverse(ctx, "experimental.integral", "integral", std::move(a));
}

Value kaufmansAMAFn(CallContext& ctx, const Args& args) {
    return callUniverse(ctx, "experimental.kaufmansAMA", "kaufmansAMA",
                        {{"tables", tablesArg(ctx, args)}, {"n", ctx.require(args, "n", Kind::Int)},
                         {"column", Value::string("_value")}});
}

}  // namespace

FLUXI_BUILTIN("experimental", "distinct", "<-tables", distinctFn);
FLUXI_BUILTIN("experimental", "unique", "<-tables", uniqueFn);
FLUXI_BUILTIN("experimental", "fill", "<-tables, ?value, ?usePrevious", fillFn);
FLUXI_BUILTIN("experimental", "mode", "<-tables", modeFn);
FLUXI_BUILTIN("experimental", "integral", "<-tables, ?unit, ?interpolate", integralFn);
FLUXI_BUILTIN("experimental", "kaufmansAMA", "<-tables, n", kaufmansAMAFn);

}  // namespace fluxi
