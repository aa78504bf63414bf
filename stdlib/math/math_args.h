// Argument helper of the math package: a float parameter also accepts an int or uint (converted).
#pragma once

#include <string_view>

#include "eval/builtin.h"

namespace fluxi::mathpkg {

inline double requireFloat(CallContext& ctx, const Args& a, std::string_view name) {
    const Value* v = a.get(name);
    if (!v || v->isNull())
        ctx.fail("math." + a.function().name + ": missing required argument " + std::string(name));
    switch (v->kind()) {
        case Kind::Float: return v->asFloat();
        case Kind::Int: return static_cast<double>(v->asInt());
        case Kind::UInt: return static_cast<double>(v->asUInt());
        default:
            ctx.fail("math." + a.function().name + ": argument " + std::string(name) + " must be a float, got " +
                     kindName(v->kind()));
    }
}

inline int64_t requireInt(CallContext& ctx, const Args& a, std::string_view name) {
    const Value* v = a.get(name);
    if (!v || v->isNull())
        ctx.fail("math." + a.function().name + ": missing required argument " + std::string(name));
    if (!v->is(Kind::Int))
        ctx.fail("math." + a.function().name + ": argument " + std::string(name) + " must be an int, got " +
                 kindName(v->kind()));
    return v->asInt();
}

}  // namespace fluxi::mathpkg
