// universe.window() and the `inf` duration: argument reading around the window kernel in
// eval/kernels/window.h.
#include "eval/builtin.h"
#include "eval/kernels/window.h"

namespace fluxi::agg {

namespace {

Value windowFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    WindowOptions o;
    readWindowArgs(ctx, args, "window", o);
    o.timeColumn = ctx.stringOr(args, "timeColumn", "_time");
    o.startColumn = ctx.stringOr(args, "startColumn", "_start");
    o.stopColumn = ctx.stringOr(args, "stopColumn", "_stop");
    if (o.startColumn == o.stopColumn) ctx.fail("window: startColumn and stopColumn must differ");
    o.createEmpty = ctx.boolOr(args, "createEmpty", false);
    return Value::stream(windowStream(in, o, CallSite(ctx, "window")));
}

Value makeInf() { return Value::duration(Duration{0, INT64_MAX}); }

}  // namespace

FLUXI_BUILTIN("universe", "window",
              "<-tables, ?every, ?period, ?offset, ?location, ?timeColumn, ?startColumn, ?stopColumn, ?createEmpty",
              windowFn);
FLUXI_VALUE("universe", "inf", makeInf);

}  // namespace fluxi::agg
