// universe.linearBins and logarithmicBins: the upper bounds of histogram bins as an array of floats.
//   linearBins(start, width, count, infinity=true)       start, start+width, ... (count bounds)
//   logarithmicBins(start, factor, count, infinity=true) start, start*factor, ... (count bounds)
// With infinity a last bound +Inf is added (count + 1 elements in all). A negative count is an error.
#include <cmath>
#include <limits>

#include "eval/builtin.h"

namespace fluxi {
namespace {

Value bins(CallContext& ctx, const Args& args, const char* fname, const char* stepName, bool multiply) {
    double start = ctx.require(args, "start", Kind::Float).asFloat();
    double step = ctx.require(args, stepName, Kind::Float).asFloat();
    int64_t count = ctx.require(args, "count", Kind::Int).asInt();
    bool infinity = ctx.boolOr(args, "infinity", true);
    if (count < 0) ctx.fail(std::string(fname) + ": count must not be negative, got " + std::to_string(count));
    if (count > 100000000) ctx.fail(std::string(fname) + ": count " + std::to_string(count) + " is too large");
    std::vector<Value> out;
    out.reserve(static_cast<size_t>(count) + (infinity ? 1 : 0));
    double bound = start;
    for (int64_t i = 0; i < count; i++) {
        out.push_back(Value::floating(bound));
        bound = multiply ? bound * step : bound + step;
    }
    if (infinity) out.push_back(Value::floating(std::numeric_limits<double>::infinity()));
    return makeArray(std::move(out));
}

Value linearBins(CallContext& ctx, const Args& args) { return bins(ctx, args, "linearBins", "width", false); }
Value logarithmicBins(CallContext& ctx, const Args& args) {
    return bins(ctx, args, "logarithmicBins", "factor", true);
}

}  // namespace

FLUXI_BUILTIN("universe", "linearBins", "start, width, count, ?infinity", linearBins);
FLUXI_BUILTIN("universe", "logarithmicBins", "start, factor, count, ?infinity", logarithmicBins);

}  // namespace fluxi
