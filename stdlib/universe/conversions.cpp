// universe type conversions: string(), int(), uint(), float(), bool(), time(), duration(), bytes().
// Each takes `v`; a null `v` converts to null (so conversions of columns with missing values keep
// them missing). Anything that cannot be represented in the target type is an error, never a
// silent wrap -- except int -> uint, which the Flux docs define as two's-complement
// (uint(v: -100) = 18446744073709551516).
#include <charconv>
#include <cmath>
#include <limits>

#include "eval/builtin.h"
#include "eval/value_text.h"
#include "eval/time.h"

namespace fluxi {
namespace {

const Value& argV(CallContext& ctx, const Args& args, const char* fn) {
    const Value* v = args.get("v");
    if (!v) ctx.fail(std::string(fn) + ": missing required argument v");
    return *v;
}

[[noreturn]] void cannot(CallContext& ctx, const char* fn, const Value& v, const char* to) {
    ctx.fail(std::string(fn) + ": cannot convert " + kindName(v.kind()) + " to " + to);
}

// Parses a whole string as a base-10 integer with an optional sign.
template <class T>
bool parseInteger(const std::string& s, T& out, bool& overflow) {
    overflow = false;
    const char* b = s.data();
    const char* e = s.data() + s.size();
    if (b != e && *b == '+') b++;
    if (b == e || *b == '+') return false;
    if constexpr (std::is_unsigned_v<T>) {
        if (*b == '-') return false;
    }
    auto r = std::from_chars(b, e, out, 10);
    if (r.ec == std::errc::result_out_of_range) {
        overflow = true;
        return false;
    }
    return r.ec == std::errc() && r.ptr == e;
}

constexpr double kTwo63 = 9223372036854775808.0;   // 2^63
constexpr double kTwo64 = 18446744073709551616.0;  // 2^64

Value toStringValue(CallContext& ctx, const Args& args) {
    const Value& v = argV(ctx, args, "string");
    if (v.isNull()) return v;
    if (v.is(Kind::String)) return v;
    if (!isStringable(v.kind())) cannot(ctx, "string", v, "string");
    return Value::string(valueToString(v));
}

Value toInt(CallContext& ctx, const Args& args) {
    const Value& v = argV(ctx, args, "int");
    switch (v.kind()) {
        case Kind::Null:
        case Kind::Int: return v;
        case Kind::String: {
            int64_t out;
            bool overflow;
            if (!parseInteger(v.asString(), out, overflow))
                ctx.fail("int: cannot convert string " + quoteString(v.asString()) + " to int: " +
                         (overflow ? "out of the int range" : "not a base-10 integer"));
            return Value::integer(out);
        }
        case Kind::Bool: return Value::integer(v.asBool() ? 1 : 0);
        case Kind::UInt:
            if (v.asUInt() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                ctx.fail("int: uint " + std::to_string(v.asUInt()) + " is out of the int range");
            return Value::integer(static_cast<int64_t>(v.asUInt()));
        case Kind::Float: {
            double f = v.asFloat();
            if (std::isnan(f)) ctx.fail("int: cannot convert NaN to int");
            double t = std::trunc(f);
            if (!(t >= -kTwo63 && t < kTwo63))
                ctx.fail("int: float " + formatFloatLiteral(f) + " is out of the int range");
            return Value::integer(static_cast<int64_t>(t));
        }
        case Kind::Time: return Value::integer(v.asTime());
        case Kind::Duration: {
            Duration d = v.asDuration();
            if (d.months != 0)
                ctx.fail("int: cannot convert " + formatDuration(d) +
                         " to nanoseconds: months and years have no fixed length");
            return Value::integer(d.nanos);
        }
        default: cannot(ctx, "int", v, "int");
    }
}

Value toUInt(CallContext& ctx, const Args& args) {
    const Value& v = argV(ctx, args, "uint");
    switch (v.kind()) {
        case Kind::Null:
        case Kind::UInt: return v;
        case Kind::String: {
            uint64_t out;
            bool overflow;
            if (!parseInteger(v.asString(), out, overflow))
                ctx.fail("uint: cannot convert string " + quoteString(v.asString()) + " to uint: " +
                         (overflow ? "out of the uint range" : "not a base-10 unsigned integer"));
            return Value::uinteger(out);
        }
        case Kind::Bool: return Value::uinteger(v.asBool() ? 1 : 0);
        case Kind::Int: return Value::uinteger(static_cast<uint64_t>(v.asInt()));  // two's complement, as documented
        case Kind::Float: {
            double f = v.asFloat();
            if (std::isnan(f)) ctx.fail("uint: cannot convert NaN to uint");
            double t = std::trunc(f);
            if (t >= 0 && t < kTwo64) return Value::uinteger(static_cast<uint64_t>(t));
            if (t < 0 && t >= -kTwo63) return Value::uinteger(static_cast<uint64_t>(static_cast<int64_t>(t)));
            ctx.fail("uint: float " + formatFloatLiteral(f) + " is out of the uint range");
        }
        case Kind::Time: return Value::uinteger(static_cast<uint64_t>(v.asTime()));
        case Kind::Duration: {
            Duration d = v.asDuration();
            if (d.months != 0)
                ctx.fail("uint: cannot convert " + formatDuration(d) +
                         " to nanoseconds: months and years have no fixed length");
            return Value::uinteger(static_cast<uint64_t>(d.nanos));
        }
        default: cannot(ctx, "uint", v, "uint");
    }
}

Value toFloat(CallContext& ctx, const Args& args) {
    const Value& v = argV(ctx, args, "float");
    switch (v.kind()) {
        case Kind::Null:
        case Kind::Float: return v;
        case Kind::String: {
            const std::string& s = v.asString();
            const char* b = s.data();
            const char* e = s.data() + s.size();
            bool neg = false;
            if (b != e && (*b == '+' || *b == '-')) {
                neg = *b == '-';
                b++;
            }
            double out = 0;
            auto r = (b == e || *b == '+' || *b == '-') ? std::from_chars_result{b, std::errc::invalid_argument}
                                                          : std::from_chars(b, e, out);
            if (r.ec == std::errc::result_out_of_range)
                ctx.fail("float: cannot convert string " + quoteString(s) + " to float: out of the float range");
            if (r.ec != std::errc() || r.ptr != e)
                ctx.fail("float: cannot convert string " + quoteString(s) + " to float: not a number");
            return Value::floating(neg ? -out : out);
        }
        case Kind::Bool: return Value::floating(v.asBool() ? 1.0 : 0.0);
        case Kind::Int: return Value::floating(static_cast<double>(v.asInt()));
        case Kind::UInt: return Value::floating(static_cast<double>(v.asUInt()));
        default: cannot(ctx, "float", v, "float");
    }
}

Value toBool(CallContext& ctx, const Args& args) {
    const Value& v = argV(ctx, args, "bool");
    switch (v.kind()) {
        case Kind::Null:
        case Kind::Bool: return v;
        case Kind::String:
            if (v.asString() == "true") return Value::boolean(true);
            if (v.asString() == "false") return Value::boolean(false);
            ctx.fail("bool: cannot convert string " + quoteString(v.asString()) +
                     " to bool: expected \"true\" or \"false\"");
        case Kind::Int:
            if (v.asInt() == 0 || v.asInt() == 1) return Value::boolean(v.asInt() == 1);
            ctx.fail("bool: cannot convert int " + std::to_string(v.asInt()) + " to bool: expected 0 or 1");
        case Kind::UInt:
            if (v.asUInt() <= 1) return Value::boolean(v.asUInt() == 1);
            ctx.fail("bool: cannot convert uint " + std::to_string(v.asUInt()) + " to bool: expected 0 or 1");
        case Kind::Float:
            if (v.asFloat() == 0.0 || v.asFloat() == 1.0) return Value::boolean(v.asFloat() == 1.0);
            ctx.fail("bool: cannot convert float " + formatFloatLiteral(v.asFloat()) +
                     " to bool: expected 0.0 or 1.0");
        default: cannot(ctx, "bool", v, "bool");
    }
}

Value toTime(CallContext& ctx, const Args& args) {
    const Value& v = argV(ctx, args, "time");
    switch (v.kind()) {
        case Kind::Null:
        case Kind::Time: return v;
        case Kind::String: {
            int64_t t;
            std::string err;
            if (!tryParseTime(v.asString(), t, &err)) ctx.fail("time: " + err);
            return Value::time(t);
        }
        case Kind::Int: return Value::time(v.asInt());
        case Kind::UInt:
            if (v.asUInt() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                ctx.fail("time: uint " + std::to_string(v.asUInt()) + " is past the latest representable time");
            return Value::time(static_cast<int64_t>(v.asUInt()));
        default: cannot(ctx, "time", v, "time");
    }
}

Value toDuration(CallContext& ctx, const Args& args) {
    const Value& v = argV(ctx, args, "duration");
    switch (v.kind()) {
        case Kind::Null:
        case Kind::Duration: return v;
        case Kind::String:
            try {
                return Value::duration(parseDuration(v.asString()));
            } catch (const TimeError& e) {
                ctx.fail(std::string("duration: ") + e.what());
            }
        case Kind::Int: return Value::duration({0, v.asInt()});
        case Kind::UInt:
            if (v.asUInt() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
                ctx.fail("duration: uint " + std::to_string(v.asUInt()) + " is out of the duration range");
            return Value::duration({0, static_cast<int64_t>(v.asUInt())});
        default: cannot(ctx, "duration", v, "duration");
    }
}

Value toBytes(CallContext& ctx, const Args& args) {
    const Value& v = argV(ctx, args, "bytes");
    switch (v.kind()) {
        case Kind::Null:
        case Kind::Bytes: return v;
        case Kind::String: return Value::bytes(make<BytesObj>(v.asString()));
        default: cannot(ctx, "bytes", v, "bytes");
    }
}

}  // namespace

FLUXI_BUILTIN("universe", "string", "v", toStringValue);
FLUXI_BUILTIN("universe", "int", "v", toInt);
FLUXI_BUILTIN("universe", "uint", "v", toUInt);
FLUXI_BUILTIN("universe", "float", "v", toFloat);
FLUXI_BUILTIN("universe", "bool", "v", toBool);
FLUXI_BUILTIN("universe", "time", "v", toTime);
FLUXI_BUILTIN("universe", "duration", "v", toDuration);
FLUXI_BUILTIN("universe", "bytes", "v", toBytes);

}  // namespace fluxi
