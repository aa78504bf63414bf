// debug.feature(key): the value of the reference engine's feature flag `key`. The reference answers
// null for a key it does not know; fluxi has no feature flags (its behaviour is not switched by
// any), so every key is unknown here and the answer is null (see README, "Differences").
#include "eval/builtin.h"

namespace fluxi {
namespace {

Value feature(CallContext& ctx, const Args& args) {
    ctx.requireString(args, "key");
    return Value::null();
}

}  // namespace

FLUXI_BUILTIN("internal/debug", "feature", "key", feature);

}  // namespace fluxi
