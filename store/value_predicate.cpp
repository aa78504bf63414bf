// Push-down of `r._value OP K` filters into block scans (see value_predicate.h).
#include "store/value_predicate.h"

#include <limits>

#include "eval/function.h"
#include "store/pushdown.h"

namespace fluxi::store {

namespace {

using ast::BinaryOp;

bool isOrdering(BinaryOp op) {
    return op == BinaryOp::Eq || op == BinaryOp::Neq || op == BinaryOp::Lt || op == BinaryOp::Lte ||
           op == BinaryOp::Gt || op == BinaryOp::Gte;
}

// `K op x` as `x flip(op) K`.
BinaryOp flip(BinaryOp op) {
    switch (op) {
        case BinaryOp::Lt: return BinaryOp::Gt;
        case BinaryOp::Lte: return BinaryOp::Gte;
        case BinaryOp::Gt: return BinaryOp::Lt;
        case BinaryOp::Gte: return BinaryOp::Lte;
        default: return op;
    }
}

bool isValueOf(const ast::Expr* e, const std::string& param) {
    if (e->kind != ast::NodeKind::MemberExpr) return false;
    auto* m = static_cast<const ast::MemberExpr*>(e);
    if (m->object->kind != ast::NodeKind::Identifier || m->property != "_value") return false;
    auto* id = static_cast<const ast::Identifier*>(m->object.get());
    return id->name == param && id->res.where == ast::Resolution::Where::Local;
}

// A numeric constant: literal, negated literal, or a captured / global variable holding a number.
bool numericConstant(const Closure& c, const ast::Expr* e, Value& out) {
    switch (e->kind) {
        case ast::NodeKind::IntegerLit: out = Value::integer(static_cast<const ast::IntegerLit*>(e)->value); return true;
        case ast::NodeKind::FloatLit: out = Value::floating(static_cast<const ast::FloatLit*>(e)->value); return true;
        case ast::NodeKind::UnaryExpr: {
            auto* u = static_cast<const ast::UnaryExpr*>(e);
            if (u->op != ast::UnaryOp::Neg) return false;
            const ast::Expr* a = u->argument.get();
            if (a->kind == ast::NodeKind::FloatLit) {
                out = Value::floating(-static_cast<const ast::FloatLit*>(a)->value);
                return true;
            }
            if (a->kind == ast::NodeKind::IntegerLit) {
                int64_t v = static_cast<const ast::IntegerLit*>(a)->value;
                if (v == std::numeric_limits<int64_t>::min()) return false;
                out = Value::integer(-v);
                return true;
            }
            return false;
        }
        case ast::NodeKind::Identifier:
            return closureConstant(c, e, out) && (out.is(Kind::Float) || out.is(Kind::Int) || out.is(Kind::UInt));
        default: return false;
    }
}

// `x op k` with the ordering of eval/row_predicate (Lte is !(x > k), Gte !(x < k)).
template <class T>
inline bool holds(BinaryOp op, T x, T k) {
    switch (op) {
        case BinaryOp::Eq: return x == k;
        case BinaryOp::Neq: return x != k;
        case BinaryOp::Lt: return x < k;
        case BinaryOp::Lte: return !(x > k);
        case BinaryOp::Gt: return x > k;
        default: return !(x < k);
    }
}

// Coverage of values in [lo, hi] (no NaN among them).
template <class T>
ValuePredicate::Coverage cover(BinaryOp op, T lo, T hi, T k) {
    using C = ValuePredicate::Coverage;
    bool all = false, none = false;
    switch (op) {
        case BinaryOp::Eq:
            all = lo == k && hi == k;
            none = k < lo || k > hi;
            break;
        case BinaryOp::Neq:
            none = lo == k && hi == k;
            all = k < lo || k > hi;
            break;
        case BinaryOp::Lt:
            all = hi < k;
            none = !(lo < k);
            break;
        case BinaryOp::Lte:
            all = !(hi > k);
            none = lo > k;
            break;
        case BinaryOp::Gt:
            all = lo > k;
            none = !(hi > k);
            break;
        default:  // Gte
            all = !(lo < k);
            none = hi < k;
            break;
    }
    return all ? C::All : (none ? C::None : C::Some);
}

template <class T>
void selectLoop(BinaryOp op, const T* v, size_t n, T k, std::vector<uint32_t>& rows) {
    switch (op) {
#define FLUXI_SELECT_CASE(OP)                                                                   \
    case BinaryOp::OP:                                                                          \
        for (size_t i = 0; i < n; i++)                                                          \
            if (holds(BinaryOp::OP, v[i], k)) rows.push_back(static_cast<uint32_t>(i));         \
        break;
        FLUXI_SELECT_CASE(Eq)
        FLUXI_SELECT_CASE(Neq)
        FLUXI_SELECT_CASE(Lt)
        FLUXI_SELECT_CASE(Lte)
        FLUXI_SELECT_CASE(Gt)
        FLUXI_SELECT_CASE(Gte)
#undef FLUXI_SELECT_CASE
        default: break;
    }
}

}  // namespace

std::optional<ValuePredicate> ValuePredicate::fromFilter(const Value& fn) {
    if (!fn.is(Kind::Function) || fn.asFunction().type != FunctionObj::Type::Closure) return std::nullopt;
    const Closure& c = static_cast<const Closure&>(fn.asFunction());
    const ast::FunctionExpr* fe = c.expr;
    if (!fe || fe->params.size() != 1) return std::nullopt;
    const ast::Expr* body = fe->bodyExpr.get();
    if (!body && fe->block && fe->block->body.size() == 1 && fe->block->body[0]->kind == ast::NodeKind::ReturnStmt)
        body = static_cast<const ast::ReturnStmt*>(fe->block->body[0].get())->argument.get();
    if (!body || body->kind != ast::NodeKind::BinaryExpr) return std::nullopt;
    auto* b = static_cast<const ast::BinaryExpr*>(body);
    if (!isOrdering(b->op)) return std::nullopt;
    const std::string& param = fe->params[0].name;
    ValuePredicate p;
    Value k;
    if (isValueOf(b->left.get(), param) && numericConstant(c, b->right.get(), k)) {
        p.op_ = b->op;
    } else if (isValueOf(b->right.get(), param) && numericConstant(c, b->left.get(), k)) {
        p.op_ = flip(b->op);
    } else {
        return std::nullopt;
    }
    p.kind_ = k.kind();
    if (k.is(Kind::Float)) p.f_ = k.asFloat();
    else if (k.is(Kind::Int)) p.i_ = k.asInt();
    else p.u_ = k.asUInt();
    return p;
}

bool ValuePredicate::appliesTo(ValueType t) const {
    return (t == ValueType::Float && kind_ == Kind::Float) || (t == ValueType::Int && kind_ == Kind::Int) ||
           (t == ValueType::UInt && kind_ == Kind::UInt);
}

ValuePredicate::Coverage ValuePredicate::coverage(ValueType t, const BlockStats& s) const {
    if (!s.numeric) return Coverage::Some;
    switch (t) {
        case ValueType::Float: return cover(op_, s.fmin, s.fmax, f_);
        case ValueType::Int: return cover(op_, s.imin, s.imax, i_);
        case ValueType::UInt: return cover(op_, s.umin, s.umax, u_);
        default: return Coverage::Some;
    }
}

void ValuePredicate::select(ValueType t, const SeriesColumns& cols, std::vector<uint32_t>& rows) const {
    const size_t n = cols.size();
    switch (t) {
        case ValueType::Float: selectLoop(op_, cols.floats.data(), n, f_, rows); break;
        case ValueType::Int: selectLoop(op_, cols.ints.data(), n, i_, rows); break;
        case ValueType::UInt: selectLoop(op_, cols.uints.data(), n, u_, rows); break;
        default: break;
    }
}

}  // namespace fluxi::store
