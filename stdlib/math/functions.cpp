// math package functions of one float `x` (abs, trig, exponentials, logarithms, rounding, Bessel
// functions, ...) and of two floats `x`, `y` (atan2, copysign, dim, mod, pow, ...). Special cases
// (NaN, infinities, signed zeros) follow IEEE 754 and the Flux docs.
#include <cmath>
#include <limits>

#include "stdlib/math/math_args.h"

namespace fluxi {
namespace {

using mathpkg::requireFloat;

template <double (*F)(double)>
Value unary(CallContext& ctx, const Args& a) {
    return Value::floating(F(requireFloat(ctx, a, "x")));
}

template <double (*F)(double, double)>
Value binaryXY(CallContext& ctx, const Args& a) {
    return Value::floating(F(requireFloat(ctx, a, "x"), requireFloat(ctx, a, "y")));
}

double fabs_(double x) { return std::fabs(x); }
double acos_(double x) { return std::acos(x); }
double acosh_(double x) { return std::acosh(x); }
double asin_(double x) { return std::asin(x); }
double asinh_(double x) { return std::asinh(x); }
double atan_(double x) { return std::atan(x); }
double atanh_(double x) { return std::atanh(x); }
// The C library's cbrt is not correctly rounded (cbrt(1728) = 12.000000000000002); the extended
// precision one rounds to the right double.
double cbrt_(double x) { return static_cast<double>(std::cbrt(static_cast<long double>(x))); }
double ceil_(double x) { return std::ceil(x); }
double cos_(double x) { return std::cos(x); }
double cosh_(double x) { return std::cosh(x); }
double erf_(double x) { return std::erf(x); }
double erfc_(double x) { return std::erfc(x); }
double exp_(double x) { return std::exp(x); }
double exp2_(double x) { return std::exp2(x); }
double expm1_(double x) { return std::expm1(x); }
double floor_(double x) { return std::floor(x); }
double gamma_(double x) { return std::tgamma(x); }
double j0_(double x) { return ::j0(x); }
double j1_(double x) { return ::j1(x); }
double log_(double x) { return std::log(x); }
double log10_(double x) { return std::log10(x); }
double log1p_(double x) { return std::log1p(x); }
double log2_(double x) { return std::log2(x); }
double logb_(double x) { return std::logb(x); }
double round_(double x) { return std::round(x); }
double roundtoeven_(double x) { return std::nearbyint(x); }  // default rounding mode: ties to even
double sin_(double x) { return std::sin(x); }
double sinh_(double x) { return std::sinh(x); }
double sqrt_(double x) { return std::sqrt(x); }
double tan_(double x) { return std::tan(x); }
double tanh_(double x) { return std::tanh(x); }
double trunc_(double x) { return std::trunc(x); }
double y0_(double x) { return ::y0(x); }
double y1_(double x) { return ::y1(x); }

// Inverse error function: a rational first guess (M. Giles, "Approximating the erfinv function")
// polished by Newton steps on erf.
double erfinv_(double x) {
    if (std::isnan(x) || x < -1 || x > 1) return std::numeric_limits<double>::quiet_NaN();
    if (x == 1) return std::numeric_limits<double>::infinity();
    if (x == -1) return -std::numeric_limits<double>::infinity();
    if (x == 0) return x;
    double w = -std::log((1.0 - x) * (1.0 + x));
    double p;
    if (w < 5) {
        w -= 2.5;
        p = 2.81022636e-08;
        p = 3.43273939e-07 + p * w;
        p = -3.5233877e-06 + p * w;
        p = -4.39150654e-06 + p * w;
        p = 0.00021858087 + p * w;
        p = -0.00125372503 + p * w;
        p = -0.00417768164 + p * w;
        p = 0.246640727 + p * w;
        p = 1.50140941 + p * w;
    } else {
        w = std::sqrt(w) - 3;
        p = -0.000200214257;
        p = 0.000100950558 + p * w;
        p = 0.00134934322 + p * w;
        p = -0.00367342844 + p * w;
        p = 0.00573950773 + p * w;
        p = -0.0076224613 + p * w;
        p = 0.00943887047 + p * w;
        p = 1.00167406 + p * w;
        p = 2.83297682 + p * w;
    }
    double y = p * x;
    const double twoOverSqrtPi = 1.12837916709551257389615890312154517;
    for (int i = 0; i < 3; i++) {
        double d = twoOverSqrtPi * std::exp(-y * y);
        if (d == 0) break;
        double step = (std::erf(y) - x) / d;
        if (!std::isfinite(step)) break;
        y -= step;
    }
    return y;
}
double erfcinv_(double x) { return erfinv_(1 - x); }

double atan2_(double y, double x) { return std::atan2(y, x); }
double copysign_(double x, double y) { return std::copysign(x, y); }
double dim_(double x, double y) {
    double v = x - y;  // NaN when either is NaN or for Inf - Inf
    return v <= 0 ? 0.0 : v;
}
double mod_(double x, double y) { return std::fmod(x, y); }
double remainder_(double x, double y) { return std::remainder(x, y); }
double nextafter_(double x, double y) { return std::nextafter(x, y); }
double pow_(double x, double y) { return std::pow(x, y); }
double max_(double x, double y) {
    if (std::isinf(x) && x > 0) return x;
    if (std::isinf(y) && y > 0) return y;
    if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0 && y == 0) return std::signbit(x) ? y : x;
    return x > y ? x : y;
}
double min_(double x, double y) {
    if (std::isinf(x) && x < 0) return x;
    if (std::isinf(y) && y < 0) return y;
    if (std::isnan(x) || std::isnan(y)) return std::numeric_limits<double>::quiet_NaN();
    if (x == 0 && y == 0) return std::signbit(x) ? x : y;
    return x < y ? x : y;
}

Value atan2(CallContext& ctx, const Args& a) {
    return Value::floating(atan2_(requireFloat(ctx, a, "y"), requireFloat(ctx, a, "x")));
}

Value hypot(CallContext& ctx, const Args& a) {
    return Value::floating(std::hypot(requireFloat(ctx, a, "p"), requireFloat(ctx, a, "q")));
}

}  // namespace

FLUXI_BUILTIN("math", "abs", "x", unary<fabs_>);
FLUXI_BUILTIN("math", "acos", "x", unary<acos_>);
FLUXI_BUILTIN("math", "acosh", "x", unary<acosh_>);
FLUXI_BUILTIN("math", "asin", "x", unary<asin_>);
FLUXI_BUILTIN("math", "asinh", "x", unary<asinh_>);
FLUXI_BUILTIN("math", "atan", "x", unary<atan_>);
FLUXI_BUILTIN("math", "atanh", "x", unary<atanh_>);
FLUXI_BUILTIN("math", "cbrt", "x", unary<cbrt_>);
FLUXI_BUILTIN("math", "ceil", "x", unary<ceil_>);
FLUXI_BUILTIN("math", "cos", "x", unary<cos_>);
FLUXI_BUILTIN("math", "cosh", "x", unary<cosh_>);
FLUXI_BUILTIN("math", "erf", "x", unary<erf_>);
FLUXI_BUILTIN("math", "erfc", "x", unary<erfc_>);
FLUXI_BUILTIN("math", "erfinv", "x", unary<erfinv_>);
FLUXI_BUILTIN("math", "erfcinv", "x", unary<erfcinv_>);
FLUXI_BUILTIN("math", "exp", "x", unary<exp_>);
FLUXI_BUILTIN("math", "exp2", "x", unary<exp2_>);
FLUXI_BUILTIN("math", "expm1", "x", unary<expm1_>);
FLUXI_BUILTIN("math", "floor", "x", unary<floor_>);
FLUXI_BUILTIN("math", "gamma", "x", unary<gamma_>);
FLUXI_BUILTIN("math", "j0", "x", unary<j0_>);
FLUXI_BUILTIN("math", "j1", "x", unary<j1_>);
FLUXI_BUILTIN("math", "log", "x", unary<log_>);
FLUXI_BUILTIN("math", "log10", "x", unary<log10_>);
FLUXI_BUILTIN("math", "log1p", "x", unary<log1p_>);
FLUXI_BUILTIN("math", "log2", "x", unary<log2_>);
FLUXI_BUILTIN("math", "logb", "x", unary<logb_>);
FLUXI_BUILTIN("math", "round", "x", unary<round_>);
FLUXI_BUILTIN("math", "roundtoeven", "x", unary<roundtoeven_>);
FLUXI_BUILTIN("math", "sin", "x", unary<sin_>);
FLUXI_BUILTIN("math", "sinh", "x", unary<sinh_>);
FLUXI_BUILTIN("math", "sqrt", "x", unary<sqrt_>);
FLUXI_BUILTIN("math", "tan", "x", unary<tan_>);
FLUXI_BUILTIN("math", "tanh", "x", unary<tanh_>);
FLUXI_BUILTIN("math", "trunc", "x", unary<trunc_>);
FLUXI_BUILTIN("math", "y0", "x", unary<y0_>);
FLUXI_BUILTIN("math", "y1", "x", unary<y1_>);

FLUXI_BUILTIN("math", "atan2", "y, x", atan2);
FLUXI_BUILTIN("math", "hypot", "p, q", hypot);
FLUXI_BUILTIN("math", "copysign", "x, y", binaryXY<copysign_>);
FLUXI_BUILTIN("math", "dim", "x, y", binaryXY<dim_>);
FLUXI_BUILTIN("math", "mod", "x, y", binaryXY<mod_>);
FLUXI_BUILTIN("math", "remainder", "x, y", binaryXY<remainder_>);
FLUXI_BUILTIN("math", "nextafter", "x, y", binaryXY<nextafter_>);
FLUXI_BUILTIN("math", "pow", "x, y", binaryXY<pow_>);
FLUXI_BUILTIN("math", "mMax", "x, y", binaryXY<max_>);
FLUXI_BUILTIN("math", "mMin", "x, y", binaryXY<min_>);

}  // namespace fluxi
