// Unary and binary operators (see operators.h).
#include "eval/operators.h"

#include <cmath>
#include <string>

#include "eval/compare.h"
#include "eval/error.h"
#include "eval/regex.h"

namespace fluxi {
namespace {

[[noreturn]] void typeError(ast::BinaryOp op, const Value& a, const Value& b) {
    throw FluxError(std::string("cannot apply operator ") + ast::binaryOpText(op) + " to " + kindName(a.kind()) +
                    " and " + kindName(b.kind()));
}

int64_t checkedInt(ast::BinaryOp op, int64_t x, int64_t y) {
    int64_t r = 0;
    bool overflow = false;
    switch (op) {
        case ast::BinaryOp::Add: overflow = __builtin_add_overflow(x, y, &r); break;
        case ast::BinaryOp::Sub: overflow = __builtin_sub_overflow(x, y, &r); break;
        case ast::BinaryOp::Mul: overflow = __builtin_mul_overflow(x, y, &r); break;
        case ast::BinaryOp::Div:
            if (y == 0) throw FluxError(ErrorCode::FailedPrecondition, "cannot divide by zero");
            if (x == INT64_MIN && y == -1) overflow = true;
            else r = x / y;
            break;
        case ast::BinaryOp::Mod:
            if (y == 0) throw FluxError(ErrorCode::FailedPrecondition, "cannot take the remainder of a division by zero");
            r = (y == -1) ? 0 : x % y;
            break;
        case ast::BinaryOp::Pow: {
            if (y < 0) throw FluxError("cannot raise an integer to a negative power");
            r = 1;
            int64_t base = x;
            while (y > 0 && !overflow) {
                if (y & 1) overflow = __builtin_mul_overflow(r, base, &r);
                y >>= 1;
                if (y > 0 && !overflow) overflow = __builtin_mul_overflow(base, base, &base);
            }
            break;
        }
        default: break;
    }
    if (overflow) throw FluxError(std::string("integer overflow in ") + ast::binaryOpText(op));
    return r;
}

uint64_t checkedUInt(ast::BinaryOp op, uint64_t x, uint64_t y) {
    uint64_t r = 0;
    bool overflow = false;
    switch (op) {
        case ast::BinaryOp::Add: overflow = __builtin_add_overflow(x, y, &r); break;
        case ast::BinaryOp::Sub: overflow = __builtin_sub_overflow(x, y, &r); break;
        case ast::BinaryOp::Mul: overflow = __builtin_mul_overflow(x, y, &r); break;
        case ast::BinaryOp::Div:
            if (y == 0) throw FluxError(ErrorCode::FailedPrecondition, "cannot divide by zero");
            r = x / y;
            break;
        case ast::BinaryOp::Mod:
            if (y == 0) throw FluxError(ErrorCode::FailedPrecondition, "cannot take the remainder of a division by zero");
            r = x % y;
            break;
        case ast::BinaryOp::Pow: {
            r = 1;
            uint64_t base = x;
            while (y > 0 && !overflow) {
                if (y & 1) overflow = __builtin_mul_overflow(r, base, &r);
                y >>= 1;
                if (y > 0 && !overflow) overflow = __builtin_mul_overflow(base, base, &base);
            }
            break;
        }
        default: break;
    }
    if (overflow) throw FluxError(std::string("unsigned integer overflow in ") + ast::binaryOpText(op));
    return r;
}

double floatOp(ast::BinaryOp op, double x, double y) {
    switch (op) {
        case ast::BinaryOp::Add: return x + y;
        case ast::BinaryOp::Sub: return x - y;
        case ast::BinaryOp::Mul: return x * y;
        case ast::BinaryOp::Div: return x / y;
        case ast::BinaryOp::Mod: return std::fmod(x, y);
        case ast::BinaryOp::Pow: return std::pow(x, y);
        default: return 0;
    }
}

Value arithmetic(ast::BinaryOp op, const Value& a, const Value& b) {
    if (a.kind() != b.kind()) typeError(op, a, b);
    switch (a.kind()) {
        case Kind::Int: return Value::integer(checkedInt(op, a.asInt(), b.asInt()));
        case Kind::UInt: return Value::uinteger(checkedUInt(op, a.asUInt(), b.asUInt()));
        case Kind::Float: return Value::floating(floatOp(op, a.asFloat(), b.asFloat()));
        case Kind::String:
            if (op != ast::BinaryOp::Add) typeError(op, a, b);
            return Value::string(a.asString() + b.asString());
        case Kind::Duration: {
            Duration x = a.asDuration(), y = b.asDuration();
            if (op == ast::BinaryOp::Add || op == ast::BinaryOp::Sub) {
                Duration r;
                bool o1, o2;
                if (op == ast::BinaryOp::Add) {
                    o1 = __builtin_add_overflow(x.months, y.months, &r.months);
                    o2 = __builtin_add_overflow(x.nanos, y.nanos, &r.nanos);
                } else {
                    o1 = __builtin_sub_overflow(x.months, y.months, &r.months);
                    o2 = __builtin_sub_overflow(x.nanos, y.nanos, &r.nanos);
                }
                if (o1 || o2) throw FluxError("duration overflow");
                return Value::duration(r);
            }
            typeError(op, a, b);
        }
        default: typeError(op, a, b);
    }
}

}  // namespace

Value applyBinary(ast::BinaryOp op, const Value& a, const Value& b) {
    using Op = ast::BinaryOp;
    switch (op) {
        case Op::Add:
        case Op::Sub:
        case Op::Mul:
        case Op::Div:
        case Op::Mod:
        case Op::Pow:
            if (a.isNull() || b.isNull()) return Value::null();
            return arithmetic(op, a, b);
        case Op::Eq:
        case Op::Neq: {
            if (a.isNull() || b.isNull()) return Value::null();
            bool eq = valuesEqual(a, b);
            return Value::boolean(op == Op::Eq ? eq : !eq);
        }
        case Op::Lt:
        case Op::Lte:
        case Op::Gt:
        case Op::Gte: {
            if (a.isNull() || b.isNull()) return Value::null();
            bool ok = false;
            int c = compareValues(a, b, ok);
            if (!ok) typeError(op, a, b);
            switch (op) {
                case Op::Lt: return Value::boolean(c < 0);
                case Op::Lte: return Value::boolean(c <= 0);
                case Op::Gt: return Value::boolean(c > 0);
                default: return Value::boolean(c >= 0);
            }
        }
        case Op::RegexMatch:
        case Op::RegexNotMatch: {
            if (a.isNull()) return Value::null();
            if (!a.is(Kind::String) || !b.is(Kind::Regexp)) typeError(op, a, b);
            bool m = re2::RE2::PartialMatch(a.asString(), *b.asRegexp().re);
            return Value::boolean(op == Op::RegexMatch ? m : !m);
        }
    }
    return Value::null();
}

int64_t floatToIntLikeGo(double f) {
    constexpr double kTwo63 = 9223372036854775808.0;  // 2^63
    if (f >= -kTwo63 && f < kTwo63) return static_cast<int64_t>(f);
    return INT64_MIN;
}

Value applyUnary(ast::UnaryOp op, const Value& a) {
    switch (op) {
        case ast::UnaryOp::Exists: return Value::boolean(!a.isNull());
        case ast::UnaryOp::Not:
            if (a.isNull()) return Value::null();
            if (!a.is(Kind::Bool)) throw FluxError(std::string("operator not needs a bool, got ") + kindName(a.kind()));
            return Value::boolean(!a.asBool());
        case ast::UnaryOp::Pos:
        case ast::UnaryOp::Neg: {
            bool neg = op == ast::UnaryOp::Neg;
            switch (a.kind()) {
                case Kind::Null: return a;
                case Kind::Int:
                    if (!neg) return a;
                    if (a.asInt() == INT64_MIN) throw FluxError("integer overflow in unary -");
                    return Value::integer(-a.asInt());
                case Kind::Float: return neg ? Value::floating(-a.asFloat()) : a;
                case Kind::Duration: return neg ? Value::duration(a.asDuration().negated()) : a;
                default:
                    throw FluxError(std::string("unary ") + (neg ? "-" : "+") + " cannot be applied to " +
                                    kindName(a.kind()));
            }
        }
    }
    return Value::null();
}

}  // namespace fluxi
