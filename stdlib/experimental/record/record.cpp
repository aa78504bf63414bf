// experimental/record: `any`, an empty record usable as a default for a record parameter of any
// shape (fluxi does not type-check, so any record would do; this is the documented one), and
// get(r, key, default): the field `key` of r, or `default` when r has no such field.
#include "eval/builtin.h"

namespace fluxi {
namespace {

Value makeAny() { return makeRecord({}); }

Value getFn(CallContext& ctx, const Args& args) {
    const Value& r = ctx.require(args, "r", Kind::Record);
    std::string key = ctx.requireString(args, "key");
    if (const Value* v = r.asRecord().find(key)) return *v;
    const Value* d = args.get("default");
    return d ? *d : Value();
}

}  // namespace

FLUXI_VALUE("experimental/record", "any", makeAny);
FLUXI_BUILTIN("experimental/record", "get", "r, key, default", getFn);

}  // namespace fluxi
