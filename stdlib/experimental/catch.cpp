// experimental.catch(fn): calls fn() and reports how it went as a record {value, code, msg}: on
// success value is fn's result and code and msg are null; on a Flux error value is null, msg is the
// error message and code is 3 -- fluxi's errors carry no error code, and 3 ("invalid") is the code
// the reference gives die() and bad arguments, the errors a script raises or meets most.
#include "eval/builtin.h"

namespace fluxi {
namespace {

Value catchFn(CallContext& ctx, const Args& args) {
    const Value& fn = ctx.require(args, "fn", Kind::Function);
    try {
        Value v = ctx.call(fn, {});
        return makeRecord({{"value", v}, {"code", Value::typedNull(Kind::UInt)}, {"msg", Value::typedNull(Kind::String)}});
    } catch (const FluxError& e) {
        return makeRecord({{"value", Value()}, {"code", Value::uinteger(3)}, {"msg", Value::string(e.message())}});
    }
}

}  // namespace

FLUXI_BUILTIN("experimental", "catch", "fn", catchFn);

}  // namespace fluxi
