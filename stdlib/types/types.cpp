// Package types: isType(v, type) tests a value against a basic type name (string, bytes, int, uint,
// float, bool, time, duration, regexp; any other name is false); isNumeric(v) is int, uint or float.
#include "eval/builtin.h"

namespace fluxi {
namespace {

bool isBasic(Kind k) {
    switch (k) {
        case Kind::String: case Kind::Bytes: case Kind::Int: case Kind::UInt: case Kind::Float:
        case Kind::Bool: case Kind::Time: case Kind::Duration: case Kind::Regexp:
            return true;
        default: return false;
    }
}

const Value& argV(CallContext& ctx, const Args& a, const char* fn) {
    const Value* v = a.get("v");
    if (!v) ctx.fail(std::string(fn) + ": missing required argument v");
    return *v;
}

Value isType(CallContext& ctx, const Args& a) {
    const Value& v = argV(ctx, a, "types.isType");
    std::string type = ctx.requireString(a, "type");
    return Value::boolean(isBasic(v.kind()) && type == kindName(v.kind()));
}

Value isNumeric(CallContext& ctx, const Args& a) {
    Kind k = argV(ctx, a, "types.isNumeric").kind();
    return Value::boolean(k == Kind::Int || k == Kind::UInt || k == Kind::Float);
}

}  // namespace

FLUXI_BUILTIN("types", "isType", "v, type", isType);
FLUXI_BUILTIN("types", "isNumeric", "v", isNumeric);

}  // namespace fluxi
