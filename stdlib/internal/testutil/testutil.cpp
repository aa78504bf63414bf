// internal/testutil: helpers of the reference's own tests.
//   fail()           fails the script with the message "fail"
//   yield(<-v)       returns v (the identity; in the reference it hides the type connection)
//   makeRecord(o)    returns the record o
//   makeAny(typ)     exists in the reference only to hand its type checker a value of any type;
//                    calling it is an error there and here.
#include "eval/builtin.h"

namespace fluxi {
namespace {

Value fail(CallContext& ctx, const Args&) { ctx.fail(ErrorCode::Aborted, "fail"); }

Value yield(CallContext& ctx, const Args& args) {
    const Value* v = args.get("v");
    if (!v) ctx.fail("testutil.yield: missing required argument v");
    return *v;
}

Value makeRecord(CallContext& ctx, const Args& args) { return ctx.require(args, "o", Kind::Record); }

Value makeAny(CallContext& ctx, const Args& args) {
    std::string typ = ctx.requireString(args, "typ");
    ctx.fail("testutil.makeAny: cannot make a value of type \"" + typ +
             "\": makeAny only stands for a value of any type in type-checking tests and cannot be evaluated");
}

}  // namespace

FLUXI_BUILTIN("internal/testutil", "fail", "", fail);
FLUXI_BUILTIN("internal/testutil", "yield", "<-v", yield);
FLUXI_BUILTIN("internal/testutil", "makeRecord", "o", makeRecord);
FLUXI_BUILTIN("internal/testutil", "makeAny", "typ", makeAny);

}  // namespace fluxi
