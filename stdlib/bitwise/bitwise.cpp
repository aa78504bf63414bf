// Package bitwise (also importable as experimental/bitwise): and, or, xor, not, clear (a AND NOT b)
// and shifts on uints (u*) and ints (s*). Shifting by 64 or more gives 0 (or -1 for a negative int
// shifted right); a negative shift count is an error.
#include "eval/builtin.h"

namespace fluxi {
namespace {

uint64_t ua(CallContext& ctx, const Args& a, const char* n) { return ctx.require(a, n, Kind::UInt).asUInt(); }
int64_t sa(CallContext& ctx, const Args& a, const char* n) { return ctx.require(a, n, Kind::Int).asInt(); }

int64_t shiftCount(CallContext& ctx, const Args& a, int64_t b) {
    if (b < 0)
        ctx.fail("bitwise." + a.function().name + ": shift count b must not be negative, got " + std::to_string(b));
    return b;
}

Value uand(CallContext& c, const Args& a) { return Value::uinteger(ua(c, a, "a") & ua(c, a, "b")); }
Value uor(CallContext& c, const Args& a) { return Value::uinteger(ua(c, a, "a") | ua(c, a, "b")); }
Value uxor(CallContext& c, const Args& a) { return Value::uinteger(ua(c, a, "a") ^ ua(c, a, "b")); }
Value unot(CallContext& c, const Args& a) { return Value::uinteger(~ua(c, a, "a")); }
Value uclear(CallContext& c, const Args& a) { return Value::uinteger(ua(c, a, "a") & ~ua(c, a, "b")); }
Value ulshift(CallContext& c, const Args& a) {
    uint64_t x = ua(c, a, "a"), b = ua(c, a, "b");
    return Value::uinteger(b >= 64 ? 0 : x << b);
}
Value urshift(CallContext& c, const Args& a) {
    uint64_t x = ua(c, a, "a"), b = ua(c, a, "b");
    return Value::uinteger(b >= 64 ? 0 : x >> b);
}

Value sand(CallContext& c, const Args& a) { return Value::integer(sa(c, a, "a") & sa(c, a, "b")); }
Value sor(CallContext& c, const Args& a) { return Value::integer(sa(c, a, "a") | sa(c, a, "b")); }
Value sxor(CallContext& c, const Args& a) { return Value::integer(sa(c, a, "a") ^ sa(c, a, "b")); }
Value snot(CallContext& c, const Args& a) { return Value::integer(~sa(c, a, "a")); }
Value sclear(CallContext& c, const Args& a) { return Value::integer(sa(c, a, "a") & ~sa(c, a, "b")); }
Value slshift(CallContext& c, const Args& a) {
    int64_t x = sa(c, a, "a"), b = shiftCount(c, a, sa(c, a, "b"));
    return Value::integer(b >= 64 ? 0 : static_cast<int64_t>(static_cast<uint64_t>(x) << b));
}
Value srshift(CallContext& c, const Args& a) {
    int64_t x = sa(c, a, "a"), b = shiftCount(c, a, sa(c, a, "b"));
    return Value::integer(b >= 64 ? (x < 0 ? -1 : 0) : x >> b);
}

}  // namespace

#define FLUXI_BITWISE(name, sig, fn)              \
    FLUXI_BUILTIN("bitwise", name, sig, fn); \
    FLUXI_BUILTIN("experimental/bitwise", name, sig, fn)

FLUXI_BITWISE("uand", "a, b", uand);
FLUXI_BITWISE("uor", "a, b", uor);
FLUXI_BITWISE("uxor", "a, b", uxor);
FLUXI_BITWISE("unot", "a", unot);
FLUXI_BITWISE("uclear", "a, b", uclear);
FLUXI_BITWISE("ulshift", "a, b", ulshift);
FLUXI_BITWISE("urshift", "a, b", urshift);
FLUXI_BITWISE("sand", "a, b", sand);
FLUXI_BITWISE("sor", "a, b", sor);
FLUXI_BITWISE("sxor", "a, b", sxor);
FLUXI_BITWISE("snot", "a", snot);
FLUXI_BITWISE("sclear", "a, b", sclear);
FLUXI_BITWISE("slshift", "a, b", slshift);
FLUXI_BITWISE("srshift", "a, b", srshift);

#undef FLUXI_BITWISE

}  // namespace fluxi
