// universe.contains(value, set): whether an array holds a value (compared like `==`, numbers of
// different kinds by their numeric value).
#include "eval/builtin.h"
#include "eval/compare.h"

namespace fluxi {
namespace {

Value arrayContains(CallContext& ctx, const Args& args) {
    const Value* value = args.get("value");
    if (!value) ctx.fail("contains: missing required argument value");
    const Value& set = ctx.require(args, "set", Kind::Array);
    for (const Value& e : set.asArray().elems)
        if (valuesEqual(e, *value)) return Value::boolean(true);
    return Value::boolean(false);
}

}  // namespace

FLUXI_BUILTIN("universe", "contains", "value, set", arrayContains);

}  // namespace fluxi
