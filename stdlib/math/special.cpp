// math package functions with int arguments or record results: ilogb, jn, yn, ldexp, pow10, mInf,
// isInf, isNaN, NaN, signbit, float64bits, float64frombits, frexp, modf, lgamma, sincos.
#include <climits>
#include <cmath>
#include <cstring>
#include <limits>

#include "stdlib/math/math_args.h"

namespace fluxi {
namespace {

using mathpkg::requireFloat;
using mathpkg::requireInt;

int clampInt(int64_t v) { return v < INT_MIN ? INT_MIN : (v > INT_MAX ? INT_MAX : static_cast<int>(v)); }

Value ilogb(CallContext& ctx, const Args& a) {
    double x = requireFloat(ctx, a, "x");
    if (std::isnan(x) || std::isinf(x)) return Value::integer(INT32_MAX);
    if (x == 0) return Value::integer(INT32_MIN);
    return Value::integer(std::ilogb(x));
}

Value jn(CallContext& ctx, const Args& a) {
    return Value::floating(::jn(clampInt(requireInt(ctx, a, "n")), requireFloat(ctx, a, "x")));
}
Value yn(CallContext& ctx, const Args& a) {
    return Value::floating(::yn(clampInt(requireInt(ctx, a, "n")), requireFloat(ctx, a, "x")));
}
Value ldexp(CallContext& ctx, const Args& a) {
    return Value::floating(std::ldexp(requireFloat(ctx, a, "frac"), clampInt(requireInt(ctx, a, "exp"))));
}
Value pow10(CallContext& ctx, const Args& a) {
    int64_t n = requireInt(ctx, a, "n");
    if (n < -323) return Value::floating(0);
    if (n > 308) return Value::floating(std::numeric_limits<double>::infinity());
    return Value::floating(std::pow(10.0, static_cast<double>(n)));
}
Value mInf(CallContext& ctx, const Args& a) {
    double inf = std::numeric_limits<double>::infinity();
    return Value::floating(requireInt(ctx, a, "sign") >= 0 ? inf : -inf);
}
Value isInf(CallContext& ctx, const Args& a) {
    double f = requireFloat(ctx, a, "f");
    int64_t sign = requireInt(ctx, a, "sign");
    return Value::boolean((sign >= 0 && f > 0 && std::isinf(f)) || (sign <= 0 && f < 0 && std::isinf(f)));
}
Value isNaN(CallContext& ctx, const Args& a) { return Value::boolean(std::isnan(requireFloat(ctx, a, "f"))); }
Value nan(CallContext&, const Args&) { return Value::floating(std::numeric_limits<double>::quiet_NaN()); }
Value signbit(CallContext& ctx, const Args& a) { return Value::boolean(std::signbit(requireFloat(ctx, a, "x"))); }
Value float64bits(CallContext& ctx, const Args& a) {
    double f = requireFloat(ctx, a, "f");
    uint64_t bits;
    std::memcpy(&bits, &f, sizeof bits);
    return Value::uinteger(bits);
}
Value float64frombits(CallContext& ctx, const Args& a) {
    const Value& b = ctx.require(a, "b", Kind::UInt);
    uint64_t bits = b.asUInt();
    double f;
    std::memcpy(&f, &bits, sizeof f);
    return Value::floating(f);
}
Value frexp(CallContext& ctx, const Args& a) {
    double f = requireFloat(ctx, a, "f");
    int exp = 0;
    double frac = f;
    if (f != 0 && std::isfinite(f)) frac = std::frexp(f, &exp);
    return makeRecord({{"frac", Value::floating(frac)}, {"exp", Value::integer(exp)}});
}
Value modf(CallContext& ctx, const Args& a) {
    double f = requireFloat(ctx, a, "f");
    double ip, frac;
    if (std::isinf(f)) {
        ip = f;
        frac = std::numeric_limits<double>::quiet_NaN();
    } else {
        frac = std::modf(f, &ip);
    }
    return makeRecord({{"int", Value::floating(ip)}, {"frac", Value::floating(frac)}});
}
Value lgamma(CallContext& ctx, const Args& a) {
    double x = requireFloat(ctx, a, "x");
    int sign = 1;
    double r = ::lgamma_r(x, &sign);
    return makeRecord({{"lgamma", Value::floating(r)}, {"sign", Value::integer(sign)}});
}
Value sincos(CallContext& ctx, const Args& a) {
    double x = requireFloat(ctx, a, "x");
    return makeRecord({{"sin", Value::floating(std::sin(x))}, {"cos", Value::floating(std::cos(x))}});
}

}  // namespace

FLUXI_BUILTIN("math", "ilogb", "x", ilogb);
FLUXI_BUILTIN("math", "jn", "n, x", jn);
FLUXI_BUILTIN("math", "yn", "n, x", yn);
FLUXI_BUILTIN("math", "ldexp", "frac, exp", ldexp);
FLUXI_BUILTIN("math", "pow10", "n", pow10);
FLUXI_BUILTIN("math", "mInf", "sign", mInf);
FLUXI_BUILTIN("math", "isInf", "f, sign", isInf);
FLUXI_BUILTIN("math", "isNaN", "f", isNaN);
FLUXI_BUILTIN("math", "NaN", "", nan);
FLUXI_BUILTIN("math", "signbit", "x", signbit);
FLUXI_BUILTIN("math", "float64bits", "f", float64bits);
FLUXI_BUILTIN("math", "float64frombits", "b", float64frombits);
FLUXI_BUILTIN("math", "frexp", "f", frexp);
FLUXI_BUILTIN("math", "modf", "f", modf);
FLUXI_BUILTIN("math", "lgamma", "x", lgamma);
FLUXI_BUILTIN("math", "sincos", "x", sincos);

}  // namespace fluxi
