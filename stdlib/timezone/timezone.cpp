// Package timezone: location records for the `location` option and the date functions.
//   timezone.utc                  {zone: "UTC", offset: 0ns}
//   timezone.fixed(offset: -8h)   {zone: "UTC", offset: -8h}
//   timezone.location(name: "America/Los_Angeles")   {zone: "America/Los_Angeles", offset: 0ns}
#include "eval/builtin.h"
#include "eval/value_text.h"
#include "eval/time.h"

namespace fluxi {
namespace {

Value utcLocation() { return locationToValue(Location::utc()); }

Value fixedLocation(CallContext& ctx, const Args& args) {
    Duration d = ctx.require(args, "offset", Kind::Duration).asDuration();
    if (d.months != 0)
        ctx.fail("timezone.fixed: offset must not contain months or years, got " + formatDuration(d));
    return locationToValue(Location::fixed(d.nanos));
}

Value namedLocation(CallContext& ctx, const Args& args) {
    std::string name = ctx.requireString(args, "name");
    try {
        return locationToValue(Location::named(name));
    } catch (const TimeError& e) {
        ctx.fail(std::string("timezone.location: ") + e.what());
    }
}

}  // namespace

FLUXI_VALUE("timezone", "utc", utcLocation);
FLUXI_BUILTIN("timezone", "fixed", "offset", fixedLocation);
FLUXI_BUILTIN("timezone", "location", "name", namedLocation);

}  // namespace fluxi
