// experimental.addDuration(d, to) and experimental.subDuration(d, from): the older names of
// date.add and date.sub (`to`/`from` a time or a duration counted from now(); months and whole days
// on the calendar of `location`, default the `location` option).
#include "eval/builtin.h"
#include "stdlib/date/date_args.h"

namespace fluxi {
namespace {

using datepkg::shiftTime;

Value addDurationFn(CallContext& ctx, const Args& args) {
    return shiftTime(ctx, args, "to", "experimental.addDuration", false);
}

Value subDurationFn(CallContext& ctx, const Args& args) {
    return shiftTime(ctx, args, "from", "experimental.subDuration", true);
}

}  // namespace

FLUXI_BUILTIN("experimental", "addDuration", "d, to, ?location", addDurationFn);
FLUXI_BUILTIN("experimental", "subDuration", "d, from, ?location", subDurationFn);

}  // namespace fluxi
