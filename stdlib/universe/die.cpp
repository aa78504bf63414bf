// universe.die(msg): stops the script with an error carrying `msg`.
#include "eval/builtin.h"

namespace fluxi {
namespace {

Value dieWith(CallContext& ctx, const Args& args) { ctx.fail(ctx.requireString(args, "msg")); }

}  // namespace

FLUXI_BUILTIN("universe", "die", "msg", dieWith);

}  // namespace fluxi
