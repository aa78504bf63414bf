// Vectorized column expressions (see column_expr.h). Each node fills a ColumnVector for all rows;
// the semantics of every operator mirror eval/operators.cpp and the interpreter's logical and
// conditional expressions for the operand kinds compiled.
#include "eval/column_expr.h"

#include <cmath>
#include <string>

#include "eval/error.h"
#include "eval/function.h"
#include "eval/interpreter.h"
#include "eval/operators.h"
#include "eval/value_text.h"

namespace fluxi {

using ast::BinaryOp;
using ast::NodeKind;
using Where = ast::Resolution::Where;

struct ColumnExpr::Node {
    enum class Op { Column, Const, Param, Let, Arith, Compare, And, Or, Not, Exists, Neg, Cond, ToFloat, ToInt, ToString };
    Op op = Op::Const;
    Kind kind = Kind::Null;  // kind of the non-null results
    int col = -1;            // Column
    Value constant;          // Const
    size_t env = 0;          // Param: the environment slot read; Let: the first slot written
    BinaryOp bop = BinaryOp::Add;
    std::shared_ptr<Node> a, b, c;
    std::vector<std::shared_ptr<Node>> args;  // Let: arguments, evaluated into env[env + i]

    bool eval(const Table& t, std::vector<ColumnVector>& envs, ColumnVector& out) const;
};

ColumnExpr::~ColumnExpr() = default;

ColumnPtr ColumnVector::toColumn(const ColumnPtr& source, size_t n) const {
    if (column && source.get() == column) return source;
    ColType type;
    kindToColType(kind, type);
    auto c = std::make_shared<Column>(type);
    c->reserve(n);
    const bool all = allValid();
    switch (kind) {
        case Kind::Int:
        case Kind::Time: {
            const int64_t* d = intData();
            if (all) c->appendInts(d, n);
            else
                for (size_t i = 0; i < n; i++) isValid(i) ? c->appendInt(d[i]) : c->appendNull();
            break;
        }
        case Kind::UInt: {
            const uint64_t* d = uintData();
            if (all) c->appendUInts(d, n);
            else
                for (size_t i = 0; i < n; i++) isValid(i) ? c->appendUInt(d[i]) : c->appendNull();
            break;
        }
        case Kind::Float: {
            const double* d = floatData();
            if (all) c->appendFloats(d, n);
            else
                for (size_t i = 0; i < n; i++) isValid(i) ? c->appendFloat(d[i]) : c->appendNull();
            break;
        }
        case Kind::Bool: {
            const uint8_t* d = boolData();
            for (size_t i = 0; i < n; i++) isValid(i) ? c->appendBool(d[i] != 0) : c->appendNull();
            break;
        }
        case Kind::String: {
            const StrRef* d = stringData();
            if (all) c->appendStrings(d, n);
            else
                for (size_t i = 0; i < n; i++) isValid(i) ? c->appendString(d[i]) : c->appendNull();
            break;
        }
        default: break;
    }
    return c;
}

bool rowFieldRef(const ast::Expr* e, uint32_t paramSlot, std::string& name) {
    const ast::Expr* obj = nullptr;
    if (e->kind == NodeKind::MemberExpr) {
        auto* m = static_cast<const ast::MemberExpr*>(e);
        obj = m->object.get();
        name = m->property;
    } else if (e->kind == NodeKind::IndexExpr) {
        auto* ix = static_cast<const ast::IndexExpr*>(e);
        if (ix->index->kind != NodeKind::StringLit) return false;
        auto* s = static_cast<const ast::StringLit*>(ix->index.get());
        if (!s->isPlain()) return false;
        obj = ix->object.get();
        name = s->plainText();
    } else {
        return false;
    }
    if (obj->kind != NodeKind::Identifier) return false;
    auto* id = static_cast<const ast::Identifier*>(obj);
    return id->res.where == Where::Local && id->res.index == paramSlot;
}

namespace {

using Node = ColumnExpr::Node;
using NodePtr = std::shared_ptr<Node>;

bool isNumeric(Kind k) { return k == Kind::Int || k == Kind::UInt || k == Kind::Float; }

// One function body being compiled: the closure (for its captures, globals and constants), and what
// its local slots hold: the row record (the outermost function) or an argument of an inlined call.
struct Scope {
    const Closure* closure;
    std::vector<Value> scratch;
    int rowSlot = -1;
    std::vector<int> paramEnv;  // local slot -> environment slot, -1 when not a bound parameter
    std::vector<Kind> paramKind;
    std::vector<int> paramColumn;  // local slot -> table column holding its value, -1 when none
};

class Compiler {
public:
    Compiler(Interpreter& interp, const Table& schema) : interp_(interp), schema_(schema) {}

    size_t envSize() const { return envSize_; }

    NodePtr compileIn(const Closure& c, const ast::Expr* e, int rowSlot,
                      const std::vector<std::pair<uint32_t, int>>& columnParams = {}) {
        Scope s{&c, std::vector<Value>(std::max<size_t>(c.expr->frameSize, 1)), rowSlot, {}, {}, {}};
        for (auto& [slot, col] : columnParams) {
            if (slot >= s.paramColumn.size()) s.paramColumn.resize(slot + 1, -1);
            s.paramColumn[slot] = col;
        }
        scopes_.push_back(std::move(s));
        NodePtr n = expr(e);
        scopes_.pop_back();
        return n;
    }

private:
    Scope& scope() { return scopes_.back(); }

    NodePtr make(Node::Op op, Kind kind) {
        auto n = std::make_shared<Node>();
        n->op = op;
        n->kind = kind;
        return n;
    }

    NodePtr expr(const ast::Expr* e) {
        std::string name;
        if (scope().rowSlot >= 0 && rowFieldRef(e, static_cast<uint32_t>(scope().rowSlot), name)) {
            int col = schema_.columnIndex(name);
            if (col < 0) return nullptr;  // the interpreter decides what a missing column gives
            auto n = make(Node::Op::Column, colTypeKind(schema_.meta[static_cast<size_t>(col)].type));
            n->col = col;
            return n;
        }
        switch (e->kind) {
            case NodeKind::Identifier: {
                auto* id = static_cast<const ast::Identifier*>(e);
                if (id->res.where == Where::Local) {
                    const Scope& s = scope();
                    if (id->res.index < s.paramColumn.size() && s.paramColumn[id->res.index] >= 0) {
                        int col = s.paramColumn[id->res.index];
                        auto n = make(Node::Op::Column, colTypeKind(schema_.meta[static_cast<size_t>(col)].type));
                        n->col = col;
                        return n;
                    }
                    if (id->res.index >= s.paramEnv.size() || s.paramEnv[id->res.index] < 0) return nullptr;
                    auto n = make(Node::Op::Param, s.paramKind[id->res.index]);
                    n->env = static_cast<size_t>(s.paramEnv[id->res.index]);
                    return n;
                }
                break;
            }
            case NodeKind::BinaryExpr: return binary(static_cast<const ast::BinaryExpr*>(e));
            case NodeKind::LogicalExpr: {
                auto* l = static_cast<const ast::LogicalExpr*>(e);
                NodePtr a = expr(l->left.get());
                if (!a || a->kind != Kind::Bool) return nullptr;
                NodePtr b = expr(l->right.get());
                if (!b || b->kind != Kind::Bool) return nullptr;
                auto n = make(l->op == ast::LogicalOp::And ? Node::Op::And : Node::Op::Or, Kind::Bool);
                n->a = a;
                n->b = b;
                return n;
            }
            case NodeKind::UnaryExpr: {
                auto* u = static_cast<const ast::UnaryExpr*>(e);
                if (u->op == ast::UnaryOp::Exists) {
                    std::string field;
                    if (scope().rowSlot >= 0 &&
                        rowFieldRef(u->argument.get(), static_cast<uint32_t>(scope().rowSlot), field) &&
                        schema_.columnIndex(field) < 0) {
                        auto n = make(Node::Op::Const, Kind::Bool);
                        n->constant = Value::boolean(false);
                        return n;
                    }
                    NodePtr a = expr(u->argument.get());
                    if (!a) return nullptr;
                    auto n = make(Node::Op::Exists, Kind::Bool);
                    n->a = a;
                    return n;
                }
                if (isConstant(e)) break;
                NodePtr a = expr(u->argument.get());
                if (!a) return nullptr;
                if (u->op == ast::UnaryOp::Not) {
                    if (a->kind != Kind::Bool) return nullptr;
                    auto n = make(Node::Op::Not, Kind::Bool);
                    n->a = a;
                    return n;
                }
                if (a->kind != Kind::Int && a->kind != Kind::Float) return nullptr;
                if (u->op == ast::UnaryOp::Pos) return a;
                auto n = make(Node::Op::Neg, a->kind);
                n->a = a;
                return n;
            }
            case NodeKind::ConditionalExpr: {
                auto* c = static_cast<const ast::ConditionalExpr*>(e);
                NodePtr test = expr(c->test.get());
                if (!test || test->kind != Kind::Bool) return nullptr;
                NodePtr a = expr(c->consequent.get());
                if (!a) return nullptr;
                NodePtr b = expr(c->alternate.get());
                if (!b || b->kind != a->kind) return nullptr;
                auto n = make(Node::Op::Cond, a->kind);
                n->a = test;
                n->b = a;
                n->c = b;
                return n;
            }
            case NodeKind::CallExpr: return call(static_cast<const ast::CallExpr*>(e));
            default: break;
        }
        if (isConstant(e)) {
            Value v;
            if (!constant(e, v)) return nullptr;
            switch (v.kind()) {
                case Kind::Int:
                case Kind::UInt:
                case Kind::Float:
                case Kind::Bool:
                case Kind::String:
                case Kind::Time: break;
                default: return nullptr;
            }
            auto n = make(Node::Op::Const, v.kind());
            n->constant = v;
            return n;
        }
        return nullptr;
    }

    NodePtr binary(const ast::BinaryExpr* be) {
        BinaryOp op = be->op;
        if (op == BinaryOp::RegexMatch || op == BinaryOp::RegexNotMatch) return nullptr;
        NodePtr a = expr(be->left.get());
        if (!a) return nullptr;
        NodePtr b = expr(be->right.get());
        if (!b) return nullptr;
        Kind ka = a->kind, kb = b->kind;
        NodePtr n;
        switch (op) {
            case BinaryOp::Add:
            case BinaryOp::Sub:
            case BinaryOp::Mul:
            case BinaryOp::Div:
            case BinaryOp::Mod:
            case BinaryOp::Pow:
                if (ka != kb) return nullptr;
                if (!isNumeric(ka) && !(ka == Kind::String && op == BinaryOp::Add)) return nullptr;
                n = make(Node::Op::Arith, ka);
                break;
            case BinaryOp::Eq:
            case BinaryOp::Neq:
                if (ka != kb || !(isNumeric(ka) || ka == Kind::String || ka == Kind::Time || ka == Kind::Bool))
                    return nullptr;
                n = make(Node::Op::Compare, Kind::Bool);
                break;
            default:  // ordering
                if (ka == kb) {
                    if (!(isNumeric(ka) || ka == Kind::String || ka == Kind::Time)) return nullptr;
                } else if (!((ka == Kind::Float && (kb == Kind::Int || kb == Kind::UInt)) ||
                             (kb == Kind::Float && (ka == Kind::Int || ka == Kind::UInt)))) {
                    return nullptr;
                }
                n = make(Node::Op::Compare, Kind::Bool);
                break;
        }
        n->bop = op;
        n->a = a;
        n->b = b;
        return n;
    }

    NodePtr call(const ast::CallExpr* ce) {
        if (!isConstant(ce->callee.get())) return nullptr;
        Value fv;
        if (!constant(ce->callee.get(), fv) || !fv.is(Kind::Function)) return nullptr;
        const FunctionObj& fo = fv.asFunction();
        std::vector<const ast::Property*> props;
        if (ce->args)
            for (auto& p : ce->args->properties) {
                if (!p.value) return nullptr;
                for (auto* q : props)
                    if (q->key == p.key) return nullptr;
                props.push_back(&p);
            }
        if (ce->args && ce->args->with) return nullptr;
        if (fo.type == FunctionObj::Type::Builtin) {
            auto& bf = static_cast<const BuiltinFunction&>(fo);
            if (bf.package != "universe" || props.size() != 1 || props[0]->key != "v") return nullptr;
            NodePtr a = expr(props[0]->value.get());
            if (!a) return nullptr;
            NodePtr n;
            if (bf.name == "float") {
                if (!isNumeric(a->kind) && a->kind != Kind::Bool) return nullptr;
                n = make(Node::Op::ToFloat, Kind::Float);
            } else if (bf.name == "int") {
                if (!isNumeric(a->kind) && a->kind != Kind::Bool && a->kind != Kind::Time) return nullptr;
                n = make(Node::Op::ToInt, Kind::Int);
            } else if (bf.name == "string") {
                if (!isNumeric(a->kind) && a->kind != Kind::Bool && a->kind != Kind::Time && a->kind != Kind::String)
                    return nullptr;
                n = make(Node::Op::ToString, Kind::String);
            } else {
                return nullptr;
            }
            n->a = a;
            return n;
        }
        // A closure whose body is one expression: inlined, every parameter given by name.
        const Closure& c = static_cast<const Closure&>(fo);
        if (!c.expr->bodyExpr || scopes_.size() >= 8 || props.size() != c.params.size()) return nullptr;
        std::vector<NodePtr> args(c.params.size());
        for (auto* p : props) {
            int i = c.paramIndex(p->key);
            if (i < 0 || c.params[static_cast<size_t>(i)].pipe) return nullptr;
            args[static_cast<size_t>(i)] = expr(p->value.get());
            if (!args[static_cast<size_t>(i)]) return nullptr;
        }
        auto let = make(Node::Op::Let, Kind::Null);
        let->env = envSize_;
        envSize_ += args.size();
        Scope s{&c, std::vector<Value>(std::max<size_t>(c.expr->frameSize, 1)), -1, {}, {}, {}};
        // Parameters occupy the first local slots, in declaration order (as call frames lay them out).
        s.paramEnv.assign(s.scratch.size(), -1);
        s.paramKind.assign(s.scratch.size(), Kind::Null);
        for (size_t i = 0; i < args.size() && i < s.scratch.size(); i++) {
            s.paramEnv[i] = static_cast<int>(let->env + i);
            s.paramKind[i] = args[i]->kind;
        }
        scopes_.push_back(std::move(s));
        NodePtr body = expr(c.expr->bodyExpr.get());
        scopes_.pop_back();
        if (!body) return nullptr;
        let->kind = body->kind;
        let->args = std::move(args);
        let->a = body;
        return let;
    }

    // True when `e` does not depend on the row and evaluating it cannot call anything.
    bool isConstant(const ast::Expr* e) const {
        switch (e->kind) {
            case NodeKind::IntegerLit:
            case NodeKind::FloatLit:
            case NodeKind::DateTimeLit: return true;
            case NodeKind::StringLit: return static_cast<const ast::StringLit*>(e)->isPlain();
            case NodeKind::Identifier: return static_cast<const ast::Identifier*>(e)->res.where != Where::Local;
            case NodeKind::MemberExpr: return isConstant(static_cast<const ast::MemberExpr*>(e)->object.get());
            case NodeKind::UnaryExpr: {
                auto* u = static_cast<const ast::UnaryExpr*>(e);
                return u->op == ast::UnaryOp::Neg && isConstant(u->argument.get());
            }
            default: return false;
        }
    }

    bool constant(const ast::Expr* e, Value& out) {
        Scope& s = scope();
        const Closure& c = *s.closure;
        Interpreter::Frame f{s.scratch.data(), &c, c.module.get(),
                             c.module && !c.module->files.empty() ? &c.module->files.front()->name : nullptr};
        try {
            out = interp_.eval(e, f);
        } catch (const FluxError&) {
            return false;  // let the per-row path raise it, with its usual position
        }
        return true;
    }

    Interpreter& interp_;
    const Table& schema_;
    std::vector<Scope> scopes_;
    size_t envSize_ = 0;
};

// Validity of a result from its operands': empty when both are all valid.
void combineValid(const ColumnVector& a, const ColumnVector& b, size_t n, std::vector<uint8_t>& out) {
    out.clear();
    if (a.allValid() && b.allValid()) return;
    out.resize(n);
    for (size_t i = 0; i < n; i++) out[i] = a.isValid(i) && b.isValid(i);
}

template <class T, class F>
bool checkedLoop(const ColumnVector& a, const ColumnVector& b, const T* x, const T* y, size_t n, std::vector<T>& out,
                 F op) {
    out.resize(n);
    const bool all = a.allValid() && b.allValid();
    bool ok = true;
    for (size_t i = 0; i < n; i++) {
        if (!all && !(a.isValid(i) && b.isValid(i))) {
            out[i] = T{};
            continue;
        }
        ok = op(x[i], y[i], out[i]) && ok;
    }
    return ok;
}

template <class T>
bool intPow(T x, T y, T& r) {
    if constexpr (std::is_signed_v<T>)
        if (y < 0) return false;
    r = 1;
    T base = x;
    bool overflow = false;
    while (y > 0 && !overflow) {
        if (y & 1) overflow = __builtin_mul_overflow(r, base, &r);
        y >>= 1;
        if (y > 0 && !overflow) overflow = __builtin_mul_overflow(base, base, &base);
    }
    return !overflow;
}

template <class T>
bool intArith(BinaryOp op, const ColumnVector& a, const ColumnVector& b, const T* x, const T* y, size_t n,
              std::vector<T>& out) {
    switch (op) {
        case BinaryOp::Add: return checkedLoop(a, b, x, y, n, out, [](T p, T q, T& r) { return !__builtin_add_overflow(p, q, &r); });
        case BinaryOp::Sub: return checkedLoop(a, b, x, y, n, out, [](T p, T q, T& r) { return !__builtin_sub_overflow(p, q, &r); });
        case BinaryOp::Mul: return checkedLoop(a, b, x, y, n, out, [](T p, T q, T& r) { return !__builtin_mul_overflow(p, q, &r); });
        case BinaryOp::Div:
            return checkedLoop(a, b, x, y, n, out, [](T p, T q, T& r) {
                if (q == 0) return false;
                if constexpr (std::is_signed_v<T>)
                    if (p == INT64_MIN && q == -1) return false;
                r = p / q;
                return true;
            });
        case BinaryOp::Mod:
            return checkedLoop(a, b, x, y, n, out, [](T p, T q, T& r) {
                if (q == 0) return false;
                if constexpr (std::is_signed_v<T>) r = q == -1 ? 0 : p % q;
                else r = p % q;
                return true;
            });
        case BinaryOp::Pow: return checkedLoop(a, b, x, y, n, out, [](T p, T q, T& r) { return intPow(p, q, r); });
        default: return false;
    }
}

inline int threeWay(double x, double y) { return x < y ? -1 : (x > y ? 1 : 0); }
template <class T>
inline int threeWayOf(T x, T y) {
    return x < y ? -1 : (x > y ? 1 : 0);
}

inline bool orderResult(BinaryOp op, int c) {
    switch (op) {
        case BinaryOp::Eq: return c == 0;
        case BinaryOp::Neq: return c != 0;
        case BinaryOp::Lt: return c < 0;
        case BinaryOp::Lte: return c <= 0;
        case BinaryOp::Gt: return c > 0;
        default: return c >= 0;
    }
}

double numberAt(const ColumnVector& v, size_t i) {
    switch (v.kind) {
        case Kind::Int: return static_cast<double>(v.intData()[i]);
        case Kind::UInt: return static_cast<double>(v.uintData()[i]);
        default: return v.floatData()[i];
    }
}

template <class Cmp>
void compareLoop(const ColumnVector& a, const ColumnVector& b, size_t n, ColumnVector& out, Cmp cmp) {
    out.bools.resize(n);
    combineValid(a, b, n, out.valid);
    const bool all = out.valid.empty();
    for (size_t i = 0; i < n; i++) out.bools[i] = (all || out.valid[i]) ? cmp(i) : 0;
}

}  // namespace

bool ColumnExpr::Node::eval(const Table& t, std::vector<ColumnVector>& envs, ColumnVector& out) const {
    const size_t n = t.nrows;
    out = ColumnVector();
    out.kind = kind;
    switch (op) {
        case Op::Column: out.column = &t.column(static_cast<size_t>(col)); return true;
        case Op::Const:
            switch (kind) {
                case Kind::Int: out.ints.assign(n, constant.asInt()); break;
                case Kind::Time: out.ints.assign(n, constant.asTime()); break;
                case Kind::UInt: out.uints.assign(n, constant.asUInt()); break;
                case Kind::Float: out.floats.assign(n, constant.asFloat()); break;
                case Kind::Bool: out.bools.assign(n, constant.asBool() ? 1 : 0); break;
                case Kind::String: out.strings.assign(n, constant.asStrRef()); break;
                default: break;
            }
            return true;
        case Op::Param: {
            const ColumnVector& v = envs[env];
            out.column = v.column;
            out.ints = v.ints;
            out.uints = v.uints;
            out.floats = v.floats;
            out.bools = v.bools;
            out.strings = v.strings;
            out.valid = v.valid;
            return true;
        }
        case Op::Let: {
            // Every argument is evaluated (its errors count even when the body does not use it).
            for (size_t i = 0; i < args.size(); i++)
                if (!args[i]->eval(t, envs, envs[env + i])) return false;
            bool ok = a->eval(t, envs, out);
            for (size_t i = 0; i < args.size(); i++) envs[env + i] = ColumnVector();
            return ok;
        }
        default: break;
    }
    ColumnVector va, vb;
    if (a && !a->eval(t, envs, va)) return false;
    if (b && op != Op::Cond && !b->eval(t, envs, vb)) return false;
    switch (op) {
        case Op::Arith: {
            combineValid(va, vb, n, out.valid);
            switch (kind) {
                case Kind::Int: return intArith<int64_t>(bop, va, vb, va.intData(), vb.intData(), n, out.ints);
                case Kind::UInt: return intArith<uint64_t>(bop, va, vb, va.uintData(), vb.uintData(), n, out.uints);
                case Kind::Float: {
                    const double* x = va.floatData();
                    const double* y = vb.floatData();
                    out.floats.resize(n);
                    double* r = out.floats.data();
                    switch (bop) {
                        case BinaryOp::Add: for (size_t i = 0; i < n; i++) r[i] = x[i] + y[i]; break;
                        case BinaryOp::Sub: for (size_t i = 0; i < n; i++) r[i] = x[i] - y[i]; break;
                        case BinaryOp::Mul: for (size_t i = 0; i < n; i++) r[i] = x[i] * y[i]; break;
                        case BinaryOp::Div: for (size_t i = 0; i < n; i++) r[i] = x[i] / y[i]; break;
                        case BinaryOp::Mod: for (size_t i = 0; i < n; i++) r[i] = std::fmod(x[i], y[i]); break;
                        default: for (size_t i = 0; i < n; i++) r[i] = std::pow(x[i], y[i]); break;
                    }
                    return true;
                }
                case Kind::String: {
                    const StrRef* x = va.stringData();
                    const StrRef* y = vb.stringData();
                    out.strings.resize(n);
                    for (size_t i = 0; i < n; i++)
                        if (out.valid.empty() || out.valid[i]) out.strings[i] = make<StringObj>(x[i]->s + y[i]->s);
                    return true;
                }
                default: return false;
            }
        }
        case Op::Compare: {
            Kind ka = va.kind, kb = vb.kind;
            if (ka != kb) {
                compareLoop(va, vb, n, out, [&](size_t i) { return orderResult(bop, threeWay(numberAt(va, i), numberAt(vb, i))); });
                return true;
            }
            switch (ka) {
                case Kind::Int:
                case Kind::Time: {
                    const int64_t* x = va.intData();
                    const int64_t* y = vb.intData();
                    compareLoop(va, vb, n, out, [&](size_t i) { return orderResult(bop, threeWayOf(x[i], y[i])); });
                    return true;
                }
                case Kind::UInt: {
                    const uint64_t* x = va.uintData();
                    const uint64_t* y = vb.uintData();
                    compareLoop(va, vb, n, out, [&](size_t i) { return orderResult(bop, threeWayOf(x[i], y[i])); });
                    return true;
                }
                case Kind::Float: {
                    const double* x = va.floatData();
                    const double* y = vb.floatData();
                    // Equality as IEEE (NaN equals nothing); ordering as compareValues (NaN neither
                    // less nor greater).
                    if (bop == BinaryOp::Eq)
                        compareLoop(va, vb, n, out, [&](size_t i) { return x[i] == y[i]; });
                    else if (bop == BinaryOp::Neq)
                        compareLoop(va, vb, n, out, [&](size_t i) { return !(x[i] == y[i]); });
                    else
                        compareLoop(va, vb, n, out, [&](size_t i) { return orderResult(bop, threeWay(x[i], y[i])); });
                    return true;
                }
                case Kind::Bool: {
                    const uint8_t* x = va.boolData();
                    const uint8_t* y = vb.boolData();
                    compareLoop(va, vb, n, out, [&](size_t i) { return orderResult(bop, (x[i] != 0) == (y[i] != 0) ? 0 : 1); });
                    return true;
                }
                case Kind::String: {
                    const StrRef* x = va.stringData();
                    const StrRef* y = vb.stringData();
                    compareLoop(va, vb, n, out, [&](size_t i) {
                        if (x[i].get() == y[i].get()) return orderResult(bop, 0);
                        return orderResult(bop, threeWayOf(x[i]->s.compare(y[i]->s), 0));
                    });
                    return true;
                }
                default: return false;
            }
        }
        case Op::And:
        case Op::Or: {
            // Three-valued: a decisive operand wins, else a null operand makes the result null.
            const bool isAnd = op == Op::And;
            const uint8_t* x = va.boolData();
            const uint8_t* y = vb.boolData();
            out.bools.resize(n);
            const bool all = va.allValid() && vb.allValid();
            if (!all) out.valid.assign(n, 1);
            for (size_t i = 0; i < n; i++) {
                bool av = va.isValid(i), bv = vb.isValid(i);
                bool ad = av && (x[i] != 0) != isAnd;  // decisive: false for and, true for or
                bool bd = bv && (y[i] != 0) != isAnd;
                if (ad || bd) {
                    out.bools[i] = isAnd ? 0 : 1;
                } else if (!av || !bv) {
                    out.bools[i] = 0;
                    out.valid[i] = 0;
                } else {
                    out.bools[i] = isAnd ? 1 : 0;
                }
            }
            return true;
        }
        case Op::Not: {
            const uint8_t* x = va.boolData();
            out.bools.resize(n);
            for (size_t i = 0; i < n; i++) out.bools[i] = x[i] ? 0 : 1;
            if (!va.allValid()) {
                out.valid.resize(n);
                for (size_t i = 0; i < n; i++) out.valid[i] = va.isValid(i);
            }
            return true;
        }
        case Op::Exists: {
            out.bools.resize(n);
            for (size_t i = 0; i < n; i++) out.bools[i] = va.isValid(i) ? 1 : 0;
            return true;
        }
        case Op::Neg: {
            if (!va.allValid()) {
                out.valid.resize(n);
                for (size_t i = 0; i < n; i++) out.valid[i] = va.isValid(i);
            }
            if (kind == Kind::Float) {
                const double* x = va.floatData();
                out.floats.resize(n);
                for (size_t i = 0; i < n; i++) out.floats[i] = -x[i];
                return true;
            }
            const int64_t* x = va.intData();
            out.ints.resize(n);
            for (size_t i = 0; i < n; i++) {
                if (!va.isValid(i)) continue;
                if (x[i] == INT64_MIN) return false;
                out.ints[i] = -x[i];
            }
            return true;
        }
        case Op::Cond: {
            ColumnVector vc;
            if (!b->eval(t, envs, vb) || !c->eval(t, envs, vc)) return false;
            const uint8_t* test = va.boolData();
            auto pick = [&](size_t i) -> const ColumnVector& {
                return va.isValid(i) && test[i] ? vb : vc;
            };
            bool anyNull = false;
            for (size_t i = 0; i < n && !anyNull; i++) anyNull = !pick(i).isValid(i);
            if (anyNull) {
                out.valid.resize(n);
                for (size_t i = 0; i < n; i++) out.valid[i] = pick(i).isValid(i);
            }
            switch (kind) {
                case Kind::Int:
                case Kind::Time:
                    out.ints.resize(n);
                    for (size_t i = 0; i < n; i++) out.ints[i] = pick(i).intData()[i];
                    break;
                case Kind::UInt:
                    out.uints.resize(n);
                    for (size_t i = 0; i < n; i++) out.uints[i] = pick(i).uintData()[i];
                    break;
                case Kind::Float:
                    out.floats.resize(n);
                    for (size_t i = 0; i < n; i++) out.floats[i] = pick(i).floatData()[i];
                    break;
                case Kind::Bool:
                    out.bools.resize(n);
                    for (size_t i = 0; i < n; i++) out.bools[i] = pick(i).boolData()[i];
                    break;
                case Kind::String:
                    out.strings.resize(n);
                    for (size_t i = 0; i < n; i++)
                        if (pick(i).isValid(i)) out.strings[i] = pick(i).stringData()[i];
                    break;
                default: return false;
            }
            return true;
        }
        case Op::ToFloat:
        case Op::ToInt:
        case Op::ToString: {
            if (!va.allValid()) {
                out.valid.resize(n);
                for (size_t i = 0; i < n; i++) out.valid[i] = va.isValid(i);
            }
            if (op == Op::ToString) {
                out.strings.resize(n);
                const StrRef* s = va.kind == Kind::String ? va.stringData() : nullptr;
                for (size_t i = 0; i < n; i++) {
                    if (!va.isValid(i)) continue;
                    if (s) {
                        out.strings[i] = s[i];
                        continue;
                    }
                    Value v;
                    switch (va.kind) {
                        case Kind::Int: v = Value::integer(va.intData()[i]); break;
                        case Kind::Time: v = Value::time(va.intData()[i]); break;
                        case Kind::UInt: v = Value::uinteger(va.uintData()[i]); break;
                        case Kind::Float: v = Value::floating(va.floatData()[i]); break;
                        default: v = Value::boolean(va.boolData()[i] != 0); break;
                    }
                    out.strings[i] = make<StringObj>(valueToString(v));
                }
                return true;
            }
            if (op == Op::ToFloat) {
                out.floats.resize(n);
                double* r = out.floats.data();
                switch (va.kind) {
                    case Kind::Int: { const int64_t* x = va.intData(); for (size_t i = 0; i < n; i++) r[i] = static_cast<double>(x[i]); break; }
                    case Kind::UInt: { const uint64_t* x = va.uintData(); for (size_t i = 0; i < n; i++) r[i] = static_cast<double>(x[i]); break; }
                    case Kind::Float: { const double* x = va.floatData(); for (size_t i = 0; i < n; i++) r[i] = x[i]; break; }
                    default: { const uint8_t* x = va.boolData(); for (size_t i = 0; i < n; i++) r[i] = x[i] ? 1.0 : 0.0; break; }
                }
                return true;
            }
            out.ints.resize(n);
            int64_t* r = out.ints.data();
            switch (va.kind) {
                case Kind::Int:
                case Kind::Time: { const int64_t* x = va.intData(); for (size_t i = 0; i < n; i++) r[i] = x[i]; break; }
                case Kind::UInt: { const uint64_t* x = va.uintData(); for (size_t i = 0; i < n; i++) r[i] = static_cast<int64_t>(x[i]); break; }
                case Kind::Float: { const double* x = va.floatData(); for (size_t i = 0; i < n; i++) r[i] = floatToIntLikeGo(x[i]); break; }
                default: { const uint8_t* x = va.boolData(); for (size_t i = 0; i < n; i++) r[i] = x[i] ? 1 : 0; break; }
            }
            return true;
        }
        default: return false;
    }
}

std::unique_ptr<ColumnExpr> ColumnExpr::compile(Interpreter& interp, const Closure& fn, const ast::Expr* e,
                                                const Table& schema, uint32_t paramSlot) {
    Compiler comp(interp, schema);
    NodePtr root = comp.compileIn(fn, e, static_cast<int>(paramSlot));
    if (!root) return nullptr;
    std::unique_ptr<ColumnExpr> x(new ColumnExpr());
    x->root_ = std::move(root);
    x->envSize_ = comp.envSize();
    return x;
}

std::unique_ptr<ColumnExpr> ColumnExpr::compileWithColumnParams(
    Interpreter& interp, const Closure& fn, const ast::Expr* e, const Table& schema,
    const std::vector<std::pair<uint32_t, int>>& columnParams) {
    Compiler comp(interp, schema);
    NodePtr root = comp.compileIn(fn, e, -1, columnParams);
    if (!root) return nullptr;
    std::unique_ptr<ColumnExpr> x(new ColumnExpr());
    x->root_ = std::move(root);
    x->envSize_ = comp.envSize();
    return x;
}

Kind ColumnExpr::kind() const { return root_->kind; }

int ColumnExpr::columnIndex() const { return root_->op == Node::Op::Column ? root_->col : -1; }

bool ColumnExpr::eval(const Table& t, ColumnVector& out) const {
    std::vector<ColumnVector> envs(envSize_);
    return root_->eval(t, envs, out);
}

}  // namespace fluxi
