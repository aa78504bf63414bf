// experimental.addDuration(d, to) and experimental.subDuration(d, from): the older names of
// date.add and date.sub (`to`/`from` a time or a duration counted from now(); months and whole days
// on the calendar of `location`, default the `location` option).
#include "eval/builtin.h"
#include "stdlib/date/date_args.h"

namespace fluxi {
namespace {

using datepkg::locationArg;
using datepkg::requireTimeable;

Value addDurationFn(CallContext& ctx, const Args& args) {
    Duration d = ctx.require(args, "d", Kind::Duration).asDuration();
    int64_t t = requireTimeable(ctx, args, "to", "experimental.addDuration");
    const Location& loc = locationArg(ctx, args, "experimental.addDuration");
    try {
        return Value::time(addDuration(t, d, loc));
    } catch (const TimeError& e) {
        ctx.fail(std::string("experimental.addDuration: ") + e.what());
    }
}

Value subDurationFn(CallContext& ctx, const Args& args) {
    Duration d = ctx.require(args, "d", Kind::Duration).asDuration();
    int64_t t = requireTimeable(ctx, args, "from", "experimental.subDuration");
    const Location& loc = locationArg(ctx, args, "experimental.subDuration");
    try {
        return Value::time(addDuration(t, subDurations({}, d), loc));
    } catch (const TimeError& e) {
        ctx.fail(std::string("experimental.subDuration: ") + e.what());
    }
}

}  // namespace

FLUXI_BUILTIN("experimental", "addDuration", "d, to, ?location", addDurationFn);
FLUXI_BUILTIN("experimental", "subDuration", "d, from, ?location", subDurationFn);

}  // namespace fluxi
