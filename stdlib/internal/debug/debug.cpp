// internal/debug: helpers the reference uses to steer its planner in tests. fluxi has no physical
// planner, so pass, slurp and opaque hand their input on unchanged (see README, "Differences");
// sink (sink.cpp) reads its input and outputs nothing. They are builtins (not Flux) so that they
// carry the reference's declared types: opaque's output type is deliberately unrelated to its input.
#include "eval/builtin.h"
#include "eval/stream.h"

namespace fluxi {

namespace {

Value passThrough(CallContext& ctx, const Args& args) { return Value::stream(ctx.requireStream(args, "tables")); }

}  // namespace

FLUXI_BUILTIN("internal/debug", "pass", "<-tables", passThrough);
FLUXI_BUILTIN("internal/debug", "slurp", "<-tables", passThrough);
FLUXI_BUILTIN("internal/debug", "opaque", "<-tables", passThrough);

}  // namespace fluxi
