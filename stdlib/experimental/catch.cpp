// experimental.catch(fn): calls fn() and reports how it went as a record {value, code, msg}: on
// success value is fn's result and code and msg are null; on a Flux error value is null, msg is the
// error message and code is the error's kind numbered as the reference numbers them (3 invalid,
// 5 not found, 9 failed precondition, 11 out of range, 12 unimplemented, 13 internal, ...; 2 unknown
// for a failure that carries no kind).
#include <exception>

#include "eval/builtin.h"
#include "eval/limits.h"

namespace fluxi {
namespace {

Value catchFn(CallContext& ctx, const Args& args) {
    const Value& fn = ctx.require(args, "fn", Kind::Function);
    try {
        Value v = ctx.call(fn, {});
        return makeRecord({{"value", v}, {"code", Value::typedNull(Kind::UInt)}, {"msg", Value::typedNull(Kind::String)}});
    } catch (const LimitExceeded&) {
        throw;  // a memory or time limit, or a cancel, ends the run
    } catch (const FluxError& e) {
        return makeRecord({{"value", Value()},
                           {"code", Value::uinteger(static_cast<uint64_t>(e.code()))},
                           {"msg", Value::string(e.message())}});
    } catch (const std::bad_alloc&) {
        throw;  // out of memory ends the run
    } catch (const std::exception& e) {
        // A failure outside the Flux error machinery (it carries no kind): "unknown", as the
        // reference reports errors that have no code.
        return makeRecord({{"value", Value()},
                           {"code", Value::uinteger(static_cast<uint64_t>(ErrorCode::Unknown))},
                           {"msg", Value::string(e.what())}});
    }
}

}  // namespace

FLUXI_BUILTIN("experimental", "catch", "fn", catchFn);

}  // namespace fluxi
