// Vectorized row predicates (see row_predicate.h). Each node writes one byte per row: 0 false,
// 1 true, 2 null -- the same three outcomes the interpreter's operators give. Column-vs-constant
// comparisons, regex matches and and/or/not have nodes of their own (string runs are compared
// once); every other bool expression goes to the shared column-expression compiler
// (eval/column_expr.h).
#include "eval/row_predicate.h"

#include <re2/re2.h>

#include "eval/column_expr.h"
#include "eval/function.h"
#include "eval/interpreter.h"
#include "eval/regex.h"

namespace fluxi {

using ast::BinaryOp;
using ast::NodeKind;
using Where = ast::Resolution::Where;

struct CompiledPredicate::Node {
    enum class Op { Compare, Regex, Exists, BoolColumn, Const, And, Or, Not, Expr } op = Op::Const;
    int col = -1;  // column index, -1 when the table has no such column (every cell null)
    BinaryOp cmp = BinaryOp::Eq;
    Value constant;
    bool negate = false;  // Regex: !~
    std::unique_ptr<Node> a, b;
    std::unique_ptr<ColumnExpr> expr;  // Expr: a bool expression of the shared column compiler

    // False when some row would raise an error (the interpreter must evaluate the table).
    bool eval(const Table& t, uint8_t* out) const;
};

CompiledPredicate::~CompiledPredicate() = default;

namespace {

// Comparison outcome for a three-way result c (<0, 0, >0).
inline bool cmpResult(BinaryOp op, int c) {
    switch (op) {
        case BinaryOp::Eq: return c == 0;
        case BinaryOp::Neq: return c != 0;
        case BinaryOp::Lt: return c < 0;
        case BinaryOp::Lte: return c <= 0;
        case BinaryOp::Gt: return c > 0;
        default: return c >= 0;
    }
}

template <class T>
inline int threeWay(T x, T y) {
    return x < y ? -1 : (x > y ? 1 : 0);
}

// Loops over `n` cells with `value(i)` giving the cell's comparison key against `k`.
template <class T, class Get>
void compareLoop(const Column& c, size_t n, BinaryOp op, T k, Get value, uint8_t* out) {
    const bool allValid = c.nullCount() == 0;
    switch (op) {
#define FLUXI_CMP_CASE(OP, EXPR)                                                     \
    case BinaryOp::OP:                                                               \
        for (size_t i = 0; i < n; i++) {                                             \
            if (!allValid && !c.isValid(i)) {                                        \
                out[i] = 2;                                                          \
                continue;                                                            \
            }                                                                        \
            T x = value(i);                                                          \
            out[i] = (EXPR) ? 1 : 0;                                                 \
        }                                                                            \
        break;
        // Ordering as compareValues: a NaN is neither less nor greater than anything.
        FLUXI_CMP_CASE(Eq, x == k)
        FLUXI_CMP_CASE(Neq, x != k)
        FLUXI_CMP_CASE(Lt, x < k)
        FLUXI_CMP_CASE(Lte, !(x > k))
        FLUXI_CMP_CASE(Gt, x > k)
        FLUXI_CMP_CASE(Gte, !(x < k))
#undef FLUXI_CMP_CASE
        default: break;
    }
}

BinaryOp flip(BinaryOp op) {
    switch (op) {
        case BinaryOp::Lt: return BinaryOp::Gt;
        case BinaryOp::Lte: return BinaryOp::Gte;
        case BinaryOp::Gt: return BinaryOp::Lt;
        case BinaryOp::Gte: return BinaryOp::Lte;
        default: return op;
    }
}

bool isComparison(BinaryOp op) {
    return op == BinaryOp::Eq || op == BinaryOp::Neq || op == BinaryOp::Lt || op == BinaryOp::Lte ||
           op == BinaryOp::Gt || op == BinaryOp::Gte;
}

// Can `column type` vs `constant kind` be compared exactly like applyBinary would?
bool comparable(ColType t, Kind k, BinaryOp op) {
    switch (t) {
        case ColType::Float: return k == Kind::Float || k == Kind::Int || k == Kind::UInt;
        case ColType::Int: return k == Kind::Int || k == Kind::Float;
        case ColType::UInt: return k == Kind::UInt || k == Kind::Float;
        case ColType::String: return k == Kind::String;
        case ColType::Time: return k == Kind::Time;
        case ColType::Bool: return k == Kind::Bool && (op == BinaryOp::Eq || op == BinaryOp::Neq);
    }
    return false;
}

double toDouble(const Value& v) {
    switch (v.kind()) {
        case Kind::Int: return static_cast<double>(v.asInt());
        case Kind::UInt: return static_cast<double>(v.asUInt());
        default: return v.asFloat();
    }
}

class Compiler {
public:
    Compiler(Interpreter& interp, const Closure& c, const Table& schema, uint32_t paramSlot)
        : interp_(interp), closure_(c), schema_(schema), slot_(paramSlot),
          scratch_(std::max<size_t>(c.expr->frameSize, 1)) {}

    std::unique_ptr<CompiledPredicate::Node> predicate(const ast::Expr* e) {
        using Op = CompiledPredicate::Node::Op;
        switch (e->kind) {
            case NodeKind::LogicalExpr: {
                auto* l = static_cast<const ast::LogicalExpr*>(e);
                auto a = predicate(l->left.get());
                if (!a) return general(e);
                auto b = predicate(l->right.get());
                if (!b) return general(e);
                auto n = std::make_unique<CompiledPredicate::Node>();
                n->op = l->op == ast::LogicalOp::And ? Op::And : Op::Or;
                n->a = std::move(a);
                n->b = std::move(b);
                return n;
            }
            case NodeKind::UnaryExpr: {
                auto* u = static_cast<const ast::UnaryExpr*>(e);
                if (u->op == ast::UnaryOp::Not) {
                    auto a = predicate(u->argument.get());
                    if (!a) return nullptr;
                    auto n = std::make_unique<CompiledPredicate::Node>();
                    n->op = Op::Not;
                    n->a = std::move(a);
                    return n;
                }
                if (u->op == ast::UnaryOp::Exists) {
                    int col;
                    if (!columnRef(u->argument.get(), col)) return nullptr;
                    auto n = std::make_unique<CompiledPredicate::Node>();
                    n->op = Op::Exists;
                    n->col = col;
                    return n;
                }
                break;
            }
            case NodeKind::BinaryExpr: {
                auto n = comparison(static_cast<const ast::BinaryExpr*>(e));
                return n ? std::move(n) : general(e);
            }
            case NodeKind::MemberExpr:
            case NodeKind::IndexExpr: {
                int col;
                if (!columnRef(e, col)) break;
                if (col >= 0 && schema_.meta[static_cast<size_t>(col)].type != ColType::Bool) return nullptr;
                auto n = std::make_unique<CompiledPredicate::Node>();
                n->op = col < 0 ? Op::Const : Op::BoolColumn;
                n->col = col;
                return n;
            }
            default: break;
        }
        if (isRowConstant(e)) {
            Value v;
            if (!constant(e, v) || !(v.isNull() || v.is(Kind::Bool))) return nullptr;
            auto n = std::make_unique<CompiledPredicate::Node>();
            n->op = Op::Const;
            n->constant = v;
            return n;
        }
        return general(e);
    }

private:
    // Anything else: a bool expression of the shared column-expression compiler (arithmetic,
    // column-vs-column comparisons, conversions, conditionals, inlined calls).
    std::unique_ptr<CompiledPredicate::Node> general(const ast::Expr* e) {
        auto x = ColumnExpr::compile(interp_, closure_, e, schema_, slot_);
        if (!x || x->kind() != Kind::Bool) return nullptr;
        auto n = std::make_unique<CompiledPredicate::Node>();
        n->op = CompiledPredicate::Node::Op::Expr;
        n->expr = std::move(x);
        return n;
    }

    std::unique_ptr<CompiledPredicate::Node> comparison(const ast::BinaryExpr* b) {
        using Op = CompiledPredicate::Node::Op;
        int col = -1;
        const ast::Expr* other = nullptr;
        BinaryOp op = b->op;
        if (columnRef(b->left.get(), col)) {
            other = b->right.get();
        } else if (columnRef(b->right.get(), col)) {
            other = b->left.get();
            if (op == BinaryOp::RegexMatch || op == BinaryOp::RegexNotMatch) return nullptr;
            op = flip(op);
        } else {
            return nullptr;
        }
        if (!isRowConstant(other)) return nullptr;
        Value k;
        if (!constant(other, k)) return nullptr;
        auto n = std::make_unique<CompiledPredicate::Node>();
        n->col = col;
        n->constant = k;
        if (op == BinaryOp::RegexMatch || op == BinaryOp::RegexNotMatch) {
            if (!k.is(Kind::Regexp)) return nullptr;
            if (col >= 0 && schema_.meta[static_cast<size_t>(col)].type != ColType::String) return nullptr;
            n->op = Op::Regex;
            n->negate = op == BinaryOp::RegexNotMatch;
            return n;
        }
        if (!isComparison(op)) return nullptr;
        n->op = Op::Compare;
        n->cmp = op;
        if (col < 0 || k.isNull()) {  // a null side makes every comparison null
            n->op = Op::Const;
            n->constant = Value();
            return n;
        }
        if (!comparable(schema_.meta[static_cast<size_t>(col)].type, k.kind(), op)) return nullptr;
        return n;
    }

    // `r.name` or `r["name"]` where r is the predicate's parameter.
    bool columnRef(const ast::Expr* e, int& col) {
        std::string name;
        if (!rowFieldRef(e, slot_, name)) return false;
        col = schema_.columnIndex(name);
        return true;
    }

    bool constant(const ast::Expr* e, Value& out) { return evalRowConstant(interp_, closure_, scratch_, e, out); }

    Interpreter& interp_;
    const Closure& closure_;
    const Table& schema_;
    uint32_t slot_;
    std::vector<Value> scratch_;
};

}  // namespace

bool CompiledPredicate::Node::eval(const Table& t, uint8_t* out) const {
    const size_t n = t.nrows;
    switch (op) {
        case Op::Expr: {
            ColumnVector v;
            if (!expr->eval(t, v)) return false;
            const uint8_t* d = v.boolData();
            for (size_t i = 0; i < n; i++) out[i] = v.isValid(i) ? (d[i] ? 1 : 0) : 2;
            return true;
        }
        case Op::Const: {
            uint8_t v = constant.isNull() ? 2 : (constant.asBool() ? 1 : 0);
            std::fill(out, out + n, v);
            return true;
        }
        case Op::Exists: {
            if (col < 0) {
                std::fill(out, out + n, 0);
                return true;
            }
            const Column& c = t.column(static_cast<size_t>(col));
            for (size_t i = 0; i < n; i++) out[i] = c.isValid(i) ? 1 : 0;
            return true;
        }
        case Op::BoolColumn: {
            const Column& c = t.column(static_cast<size_t>(col));
            const uint8_t* d = c.bools();
            for (size_t i = 0; i < n; i++) out[i] = c.isValid(i) ? (d[i] ? 1 : 0) : 2;
            return true;
        }
        case Op::Not: {
            if (!a->eval(t, out)) return false;
            for (size_t i = 0; i < n; i++) out[i] = out[i] == 2 ? 2 : static_cast<uint8_t>(1 - out[i]);
            return true;
        }
        case Op::And:
        case Op::Or: {
            if (!a->eval(t, out)) return false;
            std::vector<uint8_t> rhs(n);
            if (!b->eval(t, rhs.data())) return false;
            // Three-valued, as the interpreter: a decisive side wins, else null wins.
            if (op == Op::And)
                for (size_t i = 0; i < n; i++)
                    out[i] = (out[i] == 0 || rhs[i] == 0) ? 0 : ((out[i] == 2 || rhs[i] == 2) ? 2 : 1);
            else
                for (size_t i = 0; i < n; i++)
                    out[i] = (out[i] == 1 || rhs[i] == 1) ? 1 : ((out[i] == 2 || rhs[i] == 2) ? 2 : 0);
            return true;
        }
        case Op::Regex: {
            if (col < 0) {
                std::fill(out, out + n, 2);
                return true;
            }
            const Column& c = t.column(static_cast<size_t>(col));
            const StrRef* s = c.strings();
            const re2::RE2& re = *constant.asRegexp().re;
            const StringObj* last = nullptr;
            uint8_t lastResult = 0;
            for (size_t i = 0; i < n; i++) {
                if (!c.isValid(i)) {
                    out[i] = 2;
                    continue;
                }
                // Repeated values share one string object: match each distinct run once.
                if (s[i].get() != last) {
                    last = s[i].get();
                    lastResult = re2::RE2::PartialMatch(last->s, re) != negate ? 1 : 0;
                }
                out[i] = lastResult;
            }
            return true;
        }
        case Op::Compare: {
            const Column& c = t.column(static_cast<size_t>(col));
            switch (c.type()) {
                case ColType::Float: {
                    const double* d = c.floats();
                    compareLoop<double>(c, n, cmp, toDouble(constant), [d](size_t i) { return d[i]; }, out);
                    return true;
                }
                case ColType::Int: {
                    const int64_t* d = c.ints();
                    if (constant.is(Kind::Int))
                        compareLoop<int64_t>(c, n, cmp, constant.asInt(), [d](size_t i) { return d[i]; }, out);
                    else
                        compareLoop<double>(c, n, cmp, constant.asFloat(),
                                            [d](size_t i) { return static_cast<double>(d[i]); }, out);
                    return true;
                }
                case ColType::UInt: {
                    const uint64_t* d = c.uints();
                    if (constant.is(Kind::UInt))
                        compareLoop<uint64_t>(c, n, cmp, constant.asUInt(), [d](size_t i) { return d[i]; }, out);
                    else
                        compareLoop<double>(c, n, cmp, constant.asFloat(),
                                            [d](size_t i) { return static_cast<double>(d[i]); }, out);
                    return true;
                }
                case ColType::Time: {
                    const int64_t* d = c.ints();
                    compareLoop<int64_t>(c, n, cmp, constant.asTime(), [d](size_t i) { return d[i]; }, out);
                    return true;
                }
                case ColType::Bool: {
                    const uint8_t* d = c.bools();
                    compareLoop<bool>(c, n, cmp, constant.asBool(), [d](size_t i) { return d[i] != 0; }, out);
                    return true;
                }
                case ColType::String: {
                    const StrRef* s = c.strings();
                    const std::string& k = constant.asString();
                    const StringObj* last = nullptr;
                    uint8_t lastResult = 0;
                    for (size_t i = 0; i < n; i++) {
                        if (!c.isValid(i)) {
                            out[i] = 2;
                            continue;
                        }
                        if (s[i].get() != last) {
                            last = s[i].get();
                            lastResult = cmpResult(cmp, threeWay(last->s.compare(k), 0)) ? 1 : 0;
                        }
                        out[i] = lastResult;
                    }
                    return true;
                }
            }
            return true;
        }
    }
    return true;
}

std::unique_ptr<CompiledPredicate> CompiledPredicate::compile(Interpreter& interp, const Value& fn, const Table& schema,
                                                              std::string_view param) {
    if (!fn.is(Kind::Function) || fn.asFunction().type != FunctionObj::Type::Closure) return nullptr;
    const Closure& c = static_cast<const Closure&>(fn.asFunction());
    if (!c.expr->bodyExpr) return nullptr;
    int slot = c.paramIndex(param);
    if (slot < 0) return nullptr;
    // Other parameters must have defaults we would have to evaluate: keep it simple and exact.
    if (c.params.size() != 1) return nullptr;
    Compiler comp(interp, c, schema, static_cast<uint32_t>(slot));
    auto root = comp.predicate(c.expr->bodyExpr.get());
    if (!root) return nullptr;
    std::unique_ptr<CompiledPredicate> p(new CompiledPredicate());
    p->root_ = std::move(root);
    return p;
}

bool CompiledPredicate::select(const Table& t, std::vector<uint32_t>& out) const {
    std::vector<uint8_t> v(t.nrows);
    if (!root_->eval(t, v.data())) return false;
    for (size_t i = 0; i < t.nrows; i++)
        if (v[i] == 1) out.push_back(static_cast<uint32_t>(i));
    return true;
}

}  // namespace fluxi
