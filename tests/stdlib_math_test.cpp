// Flux-level tests of the math package: constants, functions of floats, int-argument functions,
// record results and the IEEE special cases the docs list.
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"

using fluxi::testutil::eval;

namespace {
std::string M(const std::string& expr) { return eval("import \"math\"\n" + expr); }
}  // namespace

TEST_CASE("math: constants") {
    CHECK(M("math.pi") == "3.141592653589793");
    CHECK(M("math.e") == "2.718281828459045");
    CHECK(M("math.phi") == "1.618033988749895");
    CHECK(M("math.sqrt2") == "1.4142135623730951");
    CHECK(M("math.ln2") == "0.6931471805599453");
    CHECK(M("math.log2e") == "1.4426950408889634");
    CHECK(M("math.log10e") == "0.4342944819032518");
    CHECK(M("math.maxint") == "9223372036854775807");
    CHECK(M("math.minint") == "-9223372036854775808");
    CHECK(M("math.maxuint") == "18446744073709551615");
    CHECK(M("math.maxfloat") == "1.7976931348623157e+308");
    CHECK(M("math.smallestNonzeroFloat") == "5e-324");
}

TEST_CASE("math: functions of one float") {
    CHECK(M("math.abs(x: -1.22)") == "1.22");
    CHECK(M("math.sqrt(x: 4.0)") == "2.0");
    CHECK(M("math.sqrt(x: -1.0)") == "NaN");
    CHECK(M("math.sqrt(x: 4)") == "2.0");  // an int is accepted for a float parameter
    CHECK(M("math.cbrt(x: 1728.0)") == "12.0");
    CHECK(M("math.ceil(x: 3.14)") == "4.0");
    CHECK(M("math.floor(x: -1.5)") == "-2.0");
    CHECK(M("math.trunc(x: -3.7)") == "-3.0");
    CHECK(M("math.round(x: 2.5)") == "3.0");
    CHECK(M("math.round(x: -2.5)") == "-3.0");
    CHECK(M("math.roundtoeven(x: 2.5)") == "2.0");
    CHECK(M("math.roundtoeven(x: 3.5)") == "4.0");
    CHECK(M("math.exp(x: 0.0)") == "1.0");
    CHECK(M("math.exp2(x: 10.0)") == "1024.0");
    CHECK(M("math.log(x: 0.0)") == "-Inf");
    CHECK(M("math.log(x: -1.0)") == "NaN");
    CHECK(M("math.log10(x: 1000.0)") == "3.0");
    CHECK(M("math.log2(x: 8.0)") == "3.0");
    CHECK(M("math.logb(x: 8.0)") == "3.0");
    CHECK(M("math.log1p(x: 0.0)") == "0.0");
    CHECK(M("math.expm1(x: 0.0)") == "0.0");
    CHECK(M("math.sin(x: 0.0)") == "0.0");
    CHECK(M("math.cos(x: 0.0)") == "1.0");
    CHECK(M("math.tan(x: 0.0)") == "0.0");
    CHECK(M("math.acos(x: 2.0)") == "NaN");
    CHECK(M("math.atanh(x: 1.0)") == "+Inf");
    CHECK(M("math.gamma(x: 5.0)") == "24.0");
    CHECK(M("math.gamma(x: -1.0)") == "NaN");
    CHECK(M("math.erf(x: 0.0)") == "0.0");
    CHECK(M("math.erfc(x: 0.0)") == "1.0");
    CHECK(M("math.erfinv(x: 1.0)") == "+Inf");
    CHECK(M("math.erfinv(x: -1.0)") == "-Inf");
    CHECK(M("math.erfinv(x: 2.0)") == "NaN");
    CHECK(M("math.erfcinv(x: 0.0)") == "+Inf");
    CHECK(M("math.abs(x: math.erf(x: math.erfinv(x: 0.22)) - 0.22) < 0.0000000000001") == "true");
    CHECK(M("math.abs(x: math.erfinv(x: 0.22) - 0.19750838337227364) < 0.0000000000001") == "true");
    CHECK(M("math.abs(x: math.erfcinv(x: 0.42345) - 0.5660037715858239) < 0.0000000000001") == "true");
    CHECK(M("math.abs(x: math.erfinv(x: 0.999999) - 3.458910737279500) < 0.000000001") == "true");
    CHECK(M("math.j0(x: 0.0)") == "1.0");
    CHECK(M("math.abs(x: math.j1(x: 1.23) - 0.5058005726280961) < 0.000000000001") == "true");
    CHECK(M("math.y0(x: 0.0)") == "-Inf");
    CHECK(M("math.sqrt(x: \"4\")") == "error: math.sqrt: argument x must be a float, got string");
}

TEST_CASE("math: functions of two floats") {
    CHECK(M("math.atan2(y: 1.0, x: 1.0) == math.pi / 4.0") == "true");
    CHECK(M("math.atan2(x: 3.0, y: 4.0)") == "0.9272952180016122");
    CHECK(M("math.hypot(p: 3.0, q: 4.0)") == "5.0");
    CHECK(M("math.copysign(x: 1.0, y: -2.0)") == "-1.0");
    CHECK(M("math.dim(x: 10.0, y: 5.0)") == "5.0");
    CHECK(M("math.dim(x: 10.0, y: 15.0)") == "0.0");
    CHECK(M("math.dim(x: math.mInf(sign: 1), y: math.mInf(sign: 1))") == "NaN");
    CHECK(M("math.mod(x: 7.0, y: 4.0)") == "3.0");
    CHECK(M("math.mod(x: -7.0, y: 4.0)") == "-3.0");
    CHECK(M("math.mod(x: 1.0, y: 0.0)") == "NaN");
    CHECK(M("math.remainder(x: 21.0, y: 4.0)") == "1.0");
    CHECK(M("math.remainder(x: 23.0, y: 4.0)") == "-1.0");
    CHECK(M("math.pow(x: 2.0, y: 3.0)") == "8.0");
    CHECK(M("math.pow(x: 0.0, y: -1.0)") == "+Inf");
    CHECK(M("math.mMax(x: 1.23, y: 4.56)") == "4.56");
    CHECK(M("math.mMax(x: math.NaN(), y: math.mInf(sign: 1))") == "+Inf");
    CHECK(M("math.mMax(x: math.NaN(), y: 1.0)") == "NaN");
    CHECK(M("math.mMin(x: 1.23, y: 4.56)") == "1.23");
    CHECK(M("math.signbit(x: math.mMin(x: 0.0, y: -0.0))") == "true");
    CHECK(M("math.signbit(x: math.mMax(x: -0.0, y: 0.0))") == "false");
    CHECK(M("math.nextafter(x: 1.0, y: 2.0)") == "1.0000000000000002");
}

TEST_CASE("math: int arguments and record results") {
    CHECK(M("math.ilogb(x: 123.45)") == "6");
    CHECK(M("math.ilogb(x: 0.0)") == "-2147483648");
    CHECK(M("math.ilogb(x: math.NaN())") == "2147483647");
    CHECK(M("math.ldexp(frac: 0.5, exp: 6)") == "32.0");
    CHECK(M("math.pow10(n: 3)") == "1000.0");
    CHECK(M("math.pow10(n: 400)") == "+Inf");
    CHECK(M("math.pow10(n: -400)") == "0.0");
    CHECK(M("math.mInf(sign: 1)") == "+Inf");
    CHECK(M("math.mInf(sign: -1)") == "-Inf");
    CHECK(M("math.isInf(f: 2.12, sign: 3)") == "false");
    CHECK(M("math.isInf(f: math.mInf(sign: -1), sign: 0)") == "true");
    CHECK(M("math.isInf(f: math.mInf(sign: -1), sign: 1)") == "false");
    CHECK(M("math.isNaN(f: math.NaN())") == "true");
    CHECK(M("math.isNaN(f: 12.345)") == "false");
    CHECK(M("math.signbit(x: -1.2)") == "true");
    CHECK(M("math.float64bits(f: 1.0)") == "4607182418800017408");
    CHECK(M("math.float64frombits(b: uint(v: 4607182418800017408))") == "1.0");
    CHECK(M("math.float64frombits(b: 4)") == "error: float64frombits: argument b must be of type uint, got int");
    CHECK(M("math.frexp(f: 22.0)") == "{frac: 0.6875, exp: 5}");
    CHECK(M("math.frexp(f: 0.0)") == "{frac: 0.0, exp: 0}");
    CHECK(M("math.frexp(f: math.mInf(sign: 1))") == "{frac: +Inf, exp: 0}");
    CHECK(M("math.modf(f: 3.25)") == "{int: 3.0, frac: 0.25}");
    CHECK(M("math.modf(f: -3.25)") == "{int: -3.0, frac: -0.25}");
    CHECK(M("math.modf(f: math.mInf(sign: -1))") == "{int: -Inf, frac: NaN}");
    CHECK(M("math.lgamma(x: 3.14)") == "{lgamma: 0.8261387047770286, sign: 1}");
    CHECK(M("math.lgamma(x: -0.5).sign") == "-1");
    CHECK(M("math.sincos(x: 0.0)") == "{sin: 0.0, cos: 1.0}");
    CHECK(M("math.jn(n: 2, x: 1.23)") == "0.16636938378681407");
    CHECK(M("math.yn(n: 1, x: 0.0)") == "-Inf");
    CHECK(M("math.jn(n: 2.0, x: 1.0)") == "error: math.jn: argument n must be an int, got float");
}

TEST_CASE("math: functions are values") {
    CHECK(M("f = math.atan2\nf(y: 0.0, x: 1.0)") == "0.0");
    CHECK(M("apply = (fn, v) => fn(x: v)\napply(fn: math.sqrt, v: 9.0)") == "3.0");
}
