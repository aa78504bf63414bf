// universe type conversions: string(), int(), uint(), float(), bool(), time(), duration(), bytes().
// Each takes `v`; a null `v` converts to null (so conversions of columns with missing values keep
// them missing). Numeric conversions give what the reference's (Go, amd64) conversions give:
// int <-> uint, uint -> time and uint -> duration wrap (two's complement: int(v: uint(v:
// "18446744073709551615")) = -1, uint(v: -100) = 18446744073709551516); a float is truncated toward
// zero, and a float int() cannot hold (NaN, +-Inf, out of range) gives the minimum int, one uint()
// cannot hold gives 2^63 (a negative float in the int range wraps: uint(v: -1.0) = 2^64 - 1).
// Strings are parsed as base-10 integers: int() accepts a leading + or -, uint() no sign at all.
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>
#include <limits>

#include "eval/builtin.h"
#include "eval/operators.h"
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
    if constexpr (std::is_unsigned_v<T>) {
        if (b != e && (*b == '+' || *b == '-')) return false;
    } else {
        if (b != e && *b == '+') b++;
        if (b == e || *b == '+' || (b != s.data() && *b == '-')) return false;
    }
    auto r = std::from_chars(b, e, out, 10);
    if (r.ec == std::errc::result_out_of_range) {
        overflow = true;
        return false;
    }
    return r.ec == std::errc() && r.ptr == e;
}

constexpr double kTwo63 = 9223372036854775808.0;  // 2^63

// Go's int64(f) on amd64 (eval/operators.h, shared with vectorized map).
int64_t goFloatToInt(double f) { return floatToIntLikeGo(f); }

// Go's uint64(f) on amd64: below 2^63 through int64 (so negative values wrap), else through
// int64(f - 2^63) with the top bit set (NaN, +Inf and values from 2^64 up give 2^63).
uint64_t goFloatToUInt(double f) {
    constexpr uint64_t top = uint64_t{1} << 63;
    if (f < kTwo63) return static_cast<uint64_t>(goFloatToInt(f));
    return static_cast<uint64_t>(goFloatToInt(f - kTwo63)) | top;
}

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
        case Kind::UInt: return Value::integer(static_cast<int64_t>(v.asUInt()));  // wraps
        case Kind::Float: return Value::integer(goFloatToInt(v.asFloat()));
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
        case Kind::Float: return Value::uinteger(goFloatToUInt(v.asFloat()));
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
            // As Go's ParseFloat: hexadecimal mantissas need a 'p' exponent ("0x1.8p3"); too small a
            // magnitude rounds to 0 (only too large a one is out of range).
            const bool hex = e - b > 2 && b[0] == '0' && (b[1] == 'x' || b[1] == 'X');
            std::from_chars_result r{b, std::errc::invalid_argument};
            if (hex) {
                if (std::string_view(b, static_cast<size_t>(e - b)).find_first_of("pP") != std::string_view::npos &&
                    b[2] != '+' && b[2] != '-')
                    r = std::from_chars(b + 2, e, out, std::chars_format::hex);
            } else if (b != e && *b != '+' && *b != '-') {
                r = std::from_chars(b, e, out);
            }
            if (r.ec == std::errc::result_out_of_range) {
                // from_chars does not say which way it fell out: strtod does (HUGE_VAL or ~0).
                std::string text(b, e);
                double approx = std::strtod(text.c_str(), nullptr);
                if (std::fabs(approx) < 1.0) return Value::floating(neg ? -approx : approx);
                ctx.fail("float: cannot convert string " + quoteString(s) + " to float: out of the float range");
            }
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
        case Kind::UInt: return Value::time(static_cast<int64_t>(v.asUInt()));  // wraps, as in the reference
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
        case Kind::UInt: return Value::duration({0, static_cast<int64_t>(v.asUInt())});  // wraps, as in the reference
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
