// experimental.histogram(bins, normalize) and experimental.histogramQuantile(quantile, minValue):
// universe.histogram and universe.histogramQuantile on the fixed columns `_value` (the values, or the
// cumulative counts) and `le` (the bins' upper bounds). histogram gives each table one row per bin
// (group key, le, _value = count of values <= le); histogramQuantile reduces each cumulative
// histogram to its group key and the interpolated quantile in _value, and fails when the counts
// decrease as le grows.
#include "stdlib/experimental/experimental_util.h"

namespace fluxi {
namespace {

using experimental_pkg::callUniverse;
using experimental_pkg::tablesArg;

Value histogramFn(CallContext& ctx, const Args& args) {
    std::vector<std::pair<std::string, Value>> a{{"tables", tablesArg(ctx, args)},
                                                 {"bins", ctx.require(args, "bins", Kind::Array)},
                                                 {"column", Value::string("_value")},
                                                 {"upperBoundColumn", Value::string("le")},
                                                 {"countColumn", Value::string("_value")}};
    if (const Value* n = args.get("normalize")) a.emplace_back("normalize", *n);
    return callUniverse(ctx, "experimental.histogram", "histogram", std::move(a));
}

Value histogramQuantileFn(CallContext& ctx, const Args& args) {
    std::vector<std::pair<std::string, Value>> a{{"tables", tablesArg(ctx, args)},
                                                 {"quantile", ctx.require(args, "quantile", Kind::Float)},
                                                 {"countColumn", Value::string("_value")},
                                                 {"upperBoundColumn", Value::string("le")},
                                                 {"valueColumn", Value::string("_value")},
                                                 {"onNonmonotonic", Value::string("error")}};
    if (const Value* m = args.get("minValue")) a.emplace_back("minValue", *m);
    return callUniverse(ctx, "experimental.histogramQuantile", "histogramQuantile", std::move(a));
}

}  // namespace

FLUXI_BUILTIN("experimental", "histogram", "<-tables, bins, ?normalize", histogramFn);
FLUXI_BUILTIN("experimental", "histogramQuantile", "<-tables, ?quantile, ?minValue", histogramQuantileFn);

}  // namespace fluxi
