// date package arithmetic: date.add(d, to), date.sub(d, from) (in `location`, default the
// `location` option: months and whole days follow its calendar), date.scale(d, n), date.time(t)
// (the wall clock of `location` at t, as a time) and date.truncate(t, unit) (start of the
// calendar-aligned `unit` window holding t, in `location`).
#include "eval/builtin.h"
#include "eval/value_text.h"
#include "stdlib/date/date_args.h"

namespace fluxi {
namespace {

using datepkg::locationArg;
using datepkg::requireTimeable;

Value add(CallContext& ctx, const Args& args) { return datepkg::shiftTime(ctx, args, "to", "date.add", false); }

Value sub(CallContext& ctx, const Args& args) { return datepkg::shiftTime(ctx, args, "from", "date.sub", true); }

Value scale(CallContext& ctx, const Args& args) {
    Duration d = ctx.require(args, "d", Kind::Duration).asDuration();
    int64_t n = ctx.require(args, "n", Kind::Int).asInt();
    try {
        return Value::duration(scaleDuration(d, n));
    } catch (const TimeError& e) {
        ctx.fail(std::string("date.scale: ") + e.what());
    }
}

Value localTime(CallContext& ctx, const Args& args) {
    int64_t t = requireTimeable(ctx, args, "t", "date.time");
    const Location& loc = locationArg(ctx, args, "date.time");
    try {
        return Value::time(loc.toLocalClock(t));
    } catch (const TimeError& e) {
        ctx.fail(std::string("date.time: ") + e.what());
    }
}

Value truncate(CallContext& ctx, const Args& args) {
    int64_t t = requireTimeable(ctx, args, "t", "date.truncate");
    Duration unit = ctx.require(args, "unit", Kind::Duration).asDuration();
    const Location& loc = locationArg(ctx, args, "date.truncate");
    if (std::string err = checkWindowEvery(unit); !err.empty())
        ctx.fail("date.truncate: unit " + formatDuration(unit) + " cannot be used: " + err);
    try {
        return Value::time(truncateTime(t, unit, loc));
    } catch (const TimeError& e) {
        ctx.fail(std::string("date.truncate: ") + e.what());
    }
}

}  // namespace

FLUXI_BUILTIN("date", "add", "d, to, ?location", add);
FLUXI_BUILTIN("date", "sub", "d, from, ?location", sub);
FLUXI_BUILTIN("date", "scale", "d, n", scale);
FLUXI_BUILTIN("date", "time", "t, ?location", localTime);
FLUXI_BUILTIN("date", "truncate", "t, unit, ?location", truncate);

}  // namespace fluxi
