// universe.today(): midnight of the current day (now()) in the `location` option's time zone.
#include "eval/builtin.h"
#include "eval/time.h"

namespace fluxi {
namespace {

Value today(CallContext& ctx, const Args&) {
    Location loc;
    Value rec = ctx.option("universe", "location");
    try {
        if (!rec.isNull()) loc = locationFromValue(rec);
        return Value::time(truncateTime(ctx.now(), Duration{0, kNanosPerDay}, loc));
    } catch (const TimeError& e) {
        ctx.fail(std::string("today: ") + e.what());
    }
}

}  // namespace

FLUXI_BUILTIN("universe", "today", "", today);

}  // namespace fluxi
