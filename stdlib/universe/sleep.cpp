// universe.sleep(<-v, duration): returns v unchanged after waiting `duration` (deprecated in the
// reference, kept for the scripts that still call it). A zero or negative duration does not wait;
// a duration with months or years has no fixed length and is an error.
#include <chrono>
#include <thread>

#include "eval/builtin.h"
#include "eval/time.h"

namespace fluxi {
namespace {

Value sleepFn(CallContext& ctx, const Args& args) {
    const Value* v = args.get("v");
    if (!v) ctx.fail("sleep: missing required argument v (pipe a value into it or pass v)");
    Duration d = ctx.require(args, "duration", Kind::Duration).asDuration();
    if (d.months != 0) ctx.fail("sleep: duration " + formatDuration(d) + " has months or years, which have no fixed length");
    if (d.nanos > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(d.nanos));
    return *v;
}

}  // namespace

FLUXI_BUILTIN("universe", "sleep", "<-v, duration", sleepFn);

}  // namespace fluxi
