// testing/expect.planner(rules:): in the reference it asserts which planner rules fired. fluxi has
// no rule-based planner to check, so it accepts the record of rules, checks only its type and
// returns the empty record the reference declares.
#include "eval/builtin.h"

namespace fluxi {
namespace {

Value planner(CallContext& ctx, const Args& args) {
    const Value* rules = args.get("rules");
    if (!rules || !(rules->is(Kind::Dict) || rules->is(Kind::Record)))
        ctx.fail("expect.planner: argument rules must be a dictionary of rule name to count");
    return Value::record(make<RecordObj>());  // `{}`, as declared
}

}  // namespace

FLUXI_BUILTIN("testing/expect", "planner", "rules", planner);

}  // namespace fluxi
