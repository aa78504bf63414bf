// experimental.window(every, period, offset, location, createEmpty): universe window() on the fixed
// columns _time, _start and _stop -- each row goes to the window(s) holding its _time, and
// _start/_stop take the window bounds (clipped to the query bounds). `every: inf` puts every row in
// one window spanning the query bounds.
#include "eval/kernels/window.h"

namespace fluxi {
namespace {

Value windowFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    agg::WindowOptions o;
    agg::readWindowArgs(ctx, args, "experimental.window", o);
    o.createEmpty = ctx.boolOr(args, "createEmpty", false);
    return Value::stream(agg::windowStream(in, o, agg::CallSite(ctx, "experimental.window")));
}

}  // namespace

FLUXI_BUILTIN("experimental", "window", "<-tables, ?every, ?period, ?offset, ?location, ?createEmpty", windowFn);

}  // namespace fluxi
