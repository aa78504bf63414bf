// Vectorized column expressions (see column_expr.h). Each node computes its values one block of
// rows at a time into buffers of its own; the semantics of every operator mirror eval/operators.cpp
// and the interpreter's logical and conditional expressions for the operand kinds compiled.
#include "eval/column_expr.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>

#include "eval/error.h"
#include "eval/function.h"
#include "eval/interpreter.h"
#include "eval/kernels/constant_divisor.h"
#include "eval/limits.h"
#include "eval/operators.h"
#include "eval/value_text.h"

namespace fluxi {

using ast::BinaryOp;
using ast::NodeKind;
using Where = ast::Resolution::Where;

namespace {
struct BlockVec;
struct NodeScratch;
}

struct ColumnExpr::Node {
    enum class Op {
        Column, Const, Param, Let, Arith, Compare, And, Or, Not, Exists, Neg, Cond, ToFloat, ToInt, ToString, Builtin
    };
    Op op = Op::Const;
    Kind kind = Kind::Null;  // kind of the non-null results
    int col = -1;            // Column
    Value constant;          // Const
    size_t env = 0;          // Param: the environment slot read
    BinaryOp bop = BinaryOp::Add;
    std::shared_ptr<Node> a, b, c;
    // Let: the parameters of an inlined call and the variables of a block body, evaluated in order
    // into env[argEnv[i]], then `a`.
    // Builtin: `constant` is the function, args[i] gives parameter argEnv[i]; called row by row.
    std::vector<std::shared_ptr<Node>> args;
    std::vector<size_t> argEnv;
    Interpreter* interp = nullptr;         // Builtin: the interpreter that calls it
    const std::string* file = nullptr;     // Builtin: the call's position, for the builtin's own use
    const ast::Node* site = nullptr;
    size_t id = 0;  // index of the node's scratch buffers while evaluating

    // The values of rows [off, off + len) (len <= kBlockRows); false when some row would raise an error.
    bool evalBlock(const Table& t, size_t off, size_t len, EvalState& st, BlockVec& out) const;
    bool callBuiltin(const Table& t, size_t off, size_t len, EvalState& st, NodeScratch& s, BlockVec& out) const;
};

ColumnExpr::~ColumnExpr() = default;

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

bool columnLoopsDisabled() {
    const char* v = std::getenv("FLUXI_MAP_INTERPRETED");
    return v && *v && std::string_view(v) != "0";
}

const ast::Expr* functionResult(const ast::FunctionExpr& fe) {
    if (fe.bodyExpr) return fe.bodyExpr.get();
    if (!fe.block || fe.block->body.empty()) return nullptr;
    const auto& body = fe.block->body;
    for (size_t k = 0; k + 1 < body.size(); k++)
        if (body[k]->kind != NodeKind::VariableAssignment) return nullptr;
    if (body.back()->kind != NodeKind::ReturnStmt) return nullptr;
    return static_cast<const ast::ReturnStmt*>(body.back().get())->argument.get();
}

bool isRowConstant(const ast::Expr* e) {
    switch (e->kind) {
        case NodeKind::IntegerLit:
        case NodeKind::FloatLit:
        case NodeKind::DurationLit:
        case NodeKind::DateTimeLit:
        case NodeKind::RegexLit: return true;
        case NodeKind::StringLit: return static_cast<const ast::StringLit*>(e)->isPlain();
        case NodeKind::Identifier: return static_cast<const ast::Identifier*>(e)->res.where != Where::Local;
        case NodeKind::MemberExpr: return isRowConstant(static_cast<const ast::MemberExpr*>(e)->object.get());
        case NodeKind::UnaryExpr: {
            auto* u = static_cast<const ast::UnaryExpr*>(e);
            return u->op == ast::UnaryOp::Neg && isRowConstant(u->argument.get());
        }
        default: return false;
    }
}

bool evalRowConstant(Interpreter& interp, const Closure& fn, std::vector<Value>& frame, const ast::Expr* e, Value& out) {
    Interpreter::Frame f{frame.data(), &fn, fn.module.get(),
                         fn.module && !fn.module->files.empty() ? &fn.module->files.front()->name : nullptr};
    try {
        out = interp.eval(e, f);
    } catch (const LimitExceeded&) {
        throw;
    } catch (const FluxError&) {
        return false;
    }
    return true;
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

// Builtins that are pure functions of their arguments (no side effects, no clock, no state), with
// the kind of their non-null results. With compiled arguments they are called row by row through
// Interpreter::call (so their results and errors are the interpreter's); a row whose call fails or
// returns another kind sends the table to the interpreter. Kind::Null: not such a builtin.
Kind pureBuiltinResult(const BuiltinFunction& b) {
    struct Entry {
        const char* package;
        const char* name;
        Kind result;
    };
    static const Entry kPure[] = {
        {"universe", "uint", Kind::UInt}, {"universe", "bool", Kind::Bool}, {"universe", "time", Kind::Time},
        {"math", "abs", Kind::Float}, {"math", "acos", Kind::Float}, {"math", "acosh", Kind::Float},
        {"math", "asin", Kind::Float}, {"math", "asinh", Kind::Float}, {"math", "atan", Kind::Float},
        {"math", "atanh", Kind::Float}, {"math", "cbrt", Kind::Float}, {"math", "ceil", Kind::Float},
        {"math", "cos", Kind::Float}, {"math", "cosh", Kind::Float}, {"math", "erf", Kind::Float},
        {"math", "erfc", Kind::Float}, {"math", "erfinv", Kind::Float}, {"math", "erfcinv", Kind::Float},
        {"math", "exp", Kind::Float}, {"math", "exp2", Kind::Float}, {"math", "expm1", Kind::Float},
        {"math", "floor", Kind::Float}, {"math", "gamma", Kind::Float}, {"math", "log", Kind::Float},
        {"math", "log10", Kind::Float}, {"math", "log1p", Kind::Float}, {"math", "log2", Kind::Float},
        {"math", "logb", Kind::Float}, {"math", "round", Kind::Float}, {"math", "roundtoeven", Kind::Float},
        {"math", "sin", Kind::Float}, {"math", "sinh", Kind::Float}, {"math", "sqrt", Kind::Float},
        {"math", "tan", Kind::Float}, {"math", "tanh", Kind::Float}, {"math", "trunc", Kind::Float},
        {"math", "atan2", Kind::Float}, {"math", "hypot", Kind::Float}, {"math", "copysign", Kind::Float},
        {"math", "dim", Kind::Float}, {"math", "mod", Kind::Float}, {"math", "remainder", Kind::Float},
        {"math", "pow", Kind::Float}, {"math", "mMax", Kind::Float}, {"math", "mMin", Kind::Float},
        {"strings", "toUpper", Kind::String}, {"strings", "toLower", Kind::String},
        {"strings", "toTitle", Kind::String}, {"strings", "title", Kind::String},
        {"strings", "trim", Kind::String}, {"strings", "trimLeft", Kind::String},
        {"strings", "trimRight", Kind::String}, {"strings", "trimSpace", Kind::String},
        {"strings", "trimPrefix", Kind::String}, {"strings", "trimSuffix", Kind::String},
        {"strings", "replace", Kind::String}, {"strings", "replaceAll", Kind::String},
        {"strings", "substring", Kind::String}, {"strings", "repeat", Kind::String},
        {"strings", "strlen", Kind::Int}, {"strings", "countStr", Kind::Int}, {"strings", "index", Kind::Int},
        {"strings", "lastIndex", Kind::Int}, {"strings", "compare", Kind::Int},
        {"strings", "hasPrefix", Kind::Bool}, {"strings", "hasSuffix", Kind::Bool},
        {"strings", "containsStr", Kind::Bool}, {"strings", "containsAny", Kind::Bool},
        {"strings", "equalFold", Kind::Bool},
    };
    for (const Entry& e : kPure)
        if (b.name == e.name && b.package == e.package) return e.result;
    return Kind::Null;
}

class Compiler {
public:
    Compiler(Interpreter& interp, const Table& schema) : interp_(interp), schema_(schema) {}

    size_t envSize() const { return envSize_; }
    size_t nodeCount() const { return nodeCount_; }

    NodePtr compileIn(const Closure& c, const ast::Expr* e, int rowSlot,
                      const std::vector<std::pair<uint32_t, int>>& columnParams = {}) {
        Scope s{&c, std::vector<Value>(std::max<size_t>(c.expr->frameSize, 1)), rowSlot, {}, {}, {}};
        for (auto& [slot, col] : columnParams) {
            if (slot >= s.paramColumn.size()) s.paramColumn.resize(slot + 1, -1);
            s.paramColumn[slot] = col;
        }
        scopes_.push_back(std::move(s));
        NodePtr n = bodyWithLocals(*c.expr, e, nullptr);
        scopes_.pop_back();
        return n;
    }

private:
    Scope& scope() { return scopes_.back(); }

    NodePtr make(Node::Op op, Kind kind) {
        auto n = std::make_shared<Node>();
        n->id = nodeCount_++;
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
                if (isRowConstant(e)) break;
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
        if (isRowConstant(e)) {
            Value v;
            if (!constant(e, v)) return nullptr;
            return constantNode(v);
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
        if (!isRowConstant(ce->callee.get())) return nullptr;
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
            if (Kind k = pureBuiltinResult(bf); k != Kind::Null) return pureCall(ce, fv, k, props);
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
        // A closure whose body is one expression (or assignments and a return): inlined. Every
        // parameter is given by name or has a constant default.
        const Closure& c = static_cast<const Closure&>(fo);
        const ast::Expr* result = functionResult(*c.expr);
        if (!result || scopes_.size() >= 8) return nullptr;
        std::vector<NodePtr> args(c.params.size());
        for (auto* p : props) {
            int i = c.paramIndex(p->key);
            if (i < 0 || c.params[static_cast<size_t>(i)].pipe) return nullptr;
            args[static_cast<size_t>(i)] = expr(p->value.get());
            if (!args[static_cast<size_t>(i)]) return nullptr;
        }
        Scope s{&c, std::vector<Value>(std::max<size_t>(c.expr->frameSize, 1)), -1, {}, {}, {}};
        for (size_t i = 0; i < args.size(); i++) {
            if (args[i]) continue;
            const ast::Expr* dflt = c.expr->params[i].defaultValue.get();
            if (c.params[i].pipe || !dflt || !isRowConstant(dflt)) return nullptr;
            Value v;
            if (!evalRowConstant(interp_, c, s.scratch, dflt, v) || !(args[i] = constantNode(v))) return nullptr;
        }
        auto let = make(Node::Op::Let, Kind::Null);
        // Parameters occupy the first local slots, in declaration order (as call frames lay them out).
        s.paramEnv.assign(s.scratch.size(), -1);
        s.paramKind.assign(s.scratch.size(), Kind::Null);
        for (size_t i = 0; i < args.size() && i < s.scratch.size(); i++) {
            s.paramEnv[i] = static_cast<int>(envSize_);
            s.paramKind[i] = args[i]->kind;
            let->args.push_back(std::move(args[i]));
            let->argEnv.push_back(envSize_++);
        }
        scopes_.push_back(std::move(s));
        NodePtr body = bodyWithLocals(*c.expr, result, let);
        scopes_.pop_back();
        return body;
    }

    // A pure builtin (see pureBuiltinResult) called with compiled arguments, row by row.
    NodePtr pureCall(const ast::CallExpr* ce, const Value& fn, Kind result, const std::vector<const ast::Property*>& props) {
        const FunctionObj& fo = fn.asFunction();
        auto n = make(Node::Op::Builtin, result);
        n->constant = fn;
        n->interp = &interp_;
        const Closure& c = *scope().closure;
        n->file = c.file ? c.file : (c.module && !c.module->files.empty() ? &c.module->files.front()->name : nullptr);
        n->site = ce;
        for (auto* p : props) {
            int i = fo.paramIndex(p->key);
            if (i < 0 || fo.params[static_cast<size_t>(i)].pipe) return nullptr;  // the interpreter reports it
            NodePtr a = expr(p->value.get());
            if (!a) return nullptr;
            n->args.push_back(std::move(a));
            n->argEnv.push_back(static_cast<size_t>(i));
        }
        return n;
    }

    // `e`, an expression of the function whose scope is on top, with the variables its block body
    // assigns bound first, in order (arguments of a Let around it: each is evaluated, used or not,
    // as the interpreter does). `let` holds the bound parameters of an inlined call, or is null.
    NodePtr bodyWithLocals(const ast::FunctionExpr& fe, const ast::Expr* e, NodePtr let) {
        if (fe.block) {
            const ast::Expr* result = functionResult(fe);
            if (!result) return nullptr;
            const auto& body = fe.block->body;
            for (size_t k = 0; k + 1 < body.size(); k++) {
                auto* a = static_cast<const ast::VariableAssignment*>(body[k].get());
                NodePtr init = expr(a->init.get());
                if (!init) return nullptr;
                Scope& s = scope();
                const uint32_t slot = a->id->res.index;
                if (a->id->res.where != Where::Local || slot >= s.scratch.size()) return nullptr;
                if (s.paramEnv.size() < s.scratch.size()) {
                    s.paramEnv.resize(s.scratch.size(), -1);
                    s.paramKind.resize(s.scratch.size(), Kind::Null);
                }
                s.paramEnv[slot] = static_cast<int>(envSize_);
                s.paramKind[slot] = init->kind;
                if (!let) let = make(Node::Op::Let, Kind::Null);
                let->args.push_back(std::move(init));
                let->argEnv.push_back(envSize_++);
            }
        }
        NodePtr n = expr(e);
        if (!n || !let) return n;
        let->kind = n->kind;
        let->a = n;
        return let;
    }

    // A constant of a kind columns hold, as a node; null for any other kind.
    NodePtr constantNode(const Value& v) {
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

    bool constant(const ast::Expr* e, Value& out) { return evalRowConstant(interp_, *scope().closure, scope().scratch, e, out); }

    Interpreter& interp_;
    const Table& schema_;
    std::vector<Scope> scopes_;
    size_t envSize_ = 0;
    size_t nodeCount_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Evaluation, one block of kBlockRows rows at a time: every node writes its block into scratch
// buffers of its own (reused from block to block), column references and parameters point at the
// data they read, and constants are filled once. Nothing grows with the table but the result.

constexpr size_t kBlockRows = 1024;

// A node's values for the rows [off, off + len) of the current block: `data` holds len cells of the
// node's kind (int64_t for Int and Time, uint64_t, double, uint8_t for Bool, StrRef); `valid` one
// byte per row (1 valid, 0 null), or null when every row is valid.
struct BlockVec {
    const void* data = nullptr;
    const uint8_t* valid = nullptr;
    template <class T>
    const T* as() const {
        return static_cast<const T*>(data);
    }
    bool isValid(size_t i) const { return !valid || valid[i]; }
};

// A node's buffers, allocated on first use (only the kind it produces).
struct NodeScratch {
    std::vector<int64_t> ints;
    std::vector<uint64_t> uints;
    std::vector<double> floats;
    std::vector<uint8_t> bools;
    std::vector<StrRef> strings;
    std::vector<uint8_t> valid;
    bool constantFilled = false;
    // Builtin: the arguments' blocks, and one call's arguments by parameter
    std::vector<BlockVec> argBlocks;
    std::vector<Value> callArgs;
    std::unique_ptr<bool[]> present;
};

template <class T>
T* scratchOf(std::vector<T>& v) {
    if (v.empty()) v.resize(kBlockRows);
    return v.data();
}

// Validity of a result from its operands': null when both are all valid.
const uint8_t* combineValid(const BlockVec& a, const BlockVec& b, size_t len, NodeScratch& s) {
    if (!a.valid) return b.valid;
    if (!b.valid) return a.valid;
    uint8_t* v = scratchOf(s.valid);
    for (size_t i = 0; i < len; i++) v[i] = a.valid[i] & b.valid[i];
    return v;
}

// r[i] = op(x[i], y[i]) for the valid rows (0 for the others); false when op failed for some row
// (overflow, division by zero).
template <class T, class F>
bool checkedLoop(const T* x, const T* y, const uint8_t* valid, size_t len, T* r, F op) {
    bool ok = true;
    if (!valid) {
        for (size_t i = 0; i < len; i++) ok &= op(x[i], y[i], r[i]);
        return ok;
    }
    for (size_t i = 0; i < len; i++) {
        if (!valid[i]) {
            r[i] = T{};
            continue;
        }
        ok &= op(x[i], y[i], r[i]);
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
bool intArith(BinaryOp op, const T* x, const T* y, const uint8_t* valid, size_t len, T* r) {
    switch (op) {
        case BinaryOp::Add: return checkedLoop(x, y, valid, len, r, [](T p, T q, T& o) { return !__builtin_add_overflow(p, q, &o); });
        case BinaryOp::Sub: return checkedLoop(x, y, valid, len, r, [](T p, T q, T& o) { return !__builtin_sub_overflow(p, q, &o); });
        case BinaryOp::Mul: return checkedLoop(x, y, valid, len, r, [](T p, T q, T& o) { return !__builtin_mul_overflow(p, q, &o); });
        case BinaryOp::Div:
            return checkedLoop(x, y, valid, len, r, [](T p, T q, T& o) {
                if (q == 0) return false;
                if constexpr (std::is_signed_v<T>)
                    if (p == std::numeric_limits<T>::min() && q == -1) return false;
                o = p / q;
                return true;
            });
        case BinaryOp::Mod:
            return checkedLoop(x, y, valid, len, r, [](T p, T q, T& o) {
                if (q == 0) return false;
                if constexpr (std::is_signed_v<T>) o = q == -1 ? 0 : p % q;
                else o = p % q;
                return true;
            });
        case BinaryOp::Pow: return checkedLoop(x, y, valid, len, r, [](T p, T q, T& o) { return intPow(p, q, o); });
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

double numberAt(Kind k, const BlockVec& v, size_t i) {
    switch (k) {
        case Kind::Int: return static_cast<double>(v.as<int64_t>()[i]);
        case Kind::UInt: return static_cast<double>(v.as<uint64_t>()[i]);
        default: return v.as<double>()[i];
    }
}

template <class Cmp>
void compareLoop(const uint8_t* valid, size_t len, uint8_t* r, Cmp cmp) {
    if (!valid) {
        for (size_t i = 0; i < len; i++) r[i] = cmp(i) ? 1 : 0;
        return;
    }
    for (size_t i = 0; i < len; i++) r[i] = valid[i] && cmp(i) ? 1 : 0;
}

}  // namespace

// Cell i of a block as the interpreter's row record holds it (a null keeps its column's kind).
Value cellValue(Kind kind, const BlockVec& b, size_t i) {
    if (!b.isValid(i)) return Value::typedNull(kind);
    switch (kind) {
        case Kind::Int: return Value::integer(b.as<int64_t>()[i]);
        case Kind::Time: return Value::time(b.as<int64_t>()[i]);
        case Kind::UInt: return Value::uinteger(b.as<uint64_t>()[i]);
        case Kind::Float: return Value::floating(b.as<double>()[i]);
        case Kind::Bool: return Value::boolean(b.as<uint8_t>()[i] != 0);
        default: return Value::string(b.as<StrRef>()[i]);
    }
}

struct ColumnExpr::EvalState {
    std::vector<NodeScratch> scratch;  // by node id
    std::vector<BlockVec> env;         // the arguments of inlined calls, for the current block
};

bool ColumnExpr::Node::evalBlock(const Table& t, size_t off, size_t len, EvalState& st, BlockVec& out) const {
    NodeScratch& s = st.scratch[id];
    out.valid = nullptr;
    switch (op) {
        case Op::Column: {
            const Column& c = t.column(static_cast<size_t>(col));
            switch (kind) {
                case Kind::Int:
                case Kind::Time: out.data = c.ints() + off; break;
                case Kind::UInt: out.data = c.uints() + off; break;
                case Kind::Float: out.data = c.floats() + off; break;
                case Kind::Bool: out.data = c.bools() + off; break;
                case Kind::String: out.data = c.strings() + off; break;
                default: return false;
            }
            if (c.nullCount() != 0) {
                uint8_t* v = scratchOf(s.valid);
                for (size_t i = 0; i < len; i++) v[i] = c.isValid(off + i) ? 1 : 0;
                out.valid = v;
            }
            return true;
        }
        case Op::Const:
            switch (kind) {
                case Kind::Int:
                case Kind::Time: {
                    int64_t* d = scratchOf(s.ints);
                    if (!s.constantFilled) std::fill(d, d + kBlockRows, kind == Kind::Int ? constant.asInt() : constant.asTime());
                    out.data = d;
                    break;
                }
                case Kind::UInt: {
                    uint64_t* d = scratchOf(s.uints);
                    if (!s.constantFilled) std::fill(d, d + kBlockRows, constant.asUInt());
                    out.data = d;
                    break;
                }
                case Kind::Float: {
                    double* d = scratchOf(s.floats);
                    if (!s.constantFilled) std::fill(d, d + kBlockRows, constant.asFloat());
                    out.data = d;
                    break;
                }
                case Kind::Bool: {
                    uint8_t* d = scratchOf(s.bools);
                    if (!s.constantFilled) std::fill(d, d + kBlockRows, constant.asBool() ? 1 : 0);
                    out.data = d;
                    break;
                }
                case Kind::String: {
                    StrRef* d = scratchOf(s.strings);
                    if (!s.constantFilled) std::fill(d, d + kBlockRows, constant.asStrRef());
                    out.data = d;
                    break;
                }
                default: return false;
            }
            s.constantFilled = true;
            return true;
        case Op::Param: out = st.env[env]; return true;
        case Op::Builtin: return callBuiltin(t, off, len, st, s, out);
        case Op::Let:
            // Every argument is evaluated (its errors count even when the body does not use it).
            for (size_t i = 0; i < args.size(); i++)
                if (!args[i]->evalBlock(t, off, len, st, st.env[argEnv[i]])) return false;
            return a->evalBlock(t, off, len, st, out);
        default: break;
    }
    BlockVec va, vb;
    if (a && !a->evalBlock(t, off, len, st, va)) return false;
    if (b && op != Op::Cond && !b->evalBlock(t, off, len, st, vb)) return false;
    switch (op) {
        case Op::Arith: {
            const uint8_t* valid = combineValid(va, vb, len, s);
            out.valid = valid;
            switch (kind) {
                case Kind::Int: {
                    int64_t* r = scratchOf(s.ints);
                    out.data = r;
                    if ((bop == BinaryOp::Div || bop == BinaryOp::Mod) && b->op == Op::Const &&
                        ConstantDivisor::supports(b->constant.asInt())) {
                        // by a constant: a multiply and shifts per row, and no row can fail
                        const ConstantDivisor d(b->constant.asInt());
                        const int64_t* x = va.as<int64_t>();
                        if (bop == BinaryOp::Div)
                            for (size_t i = 0; i < len; i++) r[i] = d.divide(x[i]);
                        else
                            for (size_t i = 0; i < len; i++) r[i] = d.remainder(x[i]);
                        if (valid)
                            for (size_t i = 0; i < len; i++)
                                if (!valid[i]) r[i] = 0;
                        return true;
                    }
                    return intArith<int64_t>(bop, va.as<int64_t>(), vb.as<int64_t>(), valid, len, r);
                }
                case Kind::UInt: {
                    uint64_t* r = scratchOf(s.uints);
                    out.data = r;
                    return intArith<uint64_t>(bop, va.as<uint64_t>(), vb.as<uint64_t>(), valid, len, r);
                }
                case Kind::Float: {
                    const double* x = va.as<double>();
                    const double* y = vb.as<double>();
                    double* r = scratchOf(s.floats);
                    out.data = r;
                    switch (bop) {
                        case BinaryOp::Add: for (size_t i = 0; i < len; i++) r[i] = x[i] + y[i]; break;
                        case BinaryOp::Sub: for (size_t i = 0; i < len; i++) r[i] = x[i] - y[i]; break;
                        case BinaryOp::Mul: for (size_t i = 0; i < len; i++) r[i] = x[i] * y[i]; break;
                        case BinaryOp::Div: for (size_t i = 0; i < len; i++) r[i] = x[i] / y[i]; break;
                        case BinaryOp::Mod: for (size_t i = 0; i < len; i++) r[i] = std::fmod(x[i], y[i]); break;
                        default: for (size_t i = 0; i < len; i++) r[i] = std::pow(x[i], y[i]); break;
                    }
                    return true;
                }
                case Kind::String: {
                    const StrRef* x = va.as<StrRef>();
                    const StrRef* y = vb.as<StrRef>();
                    StrRef* r = scratchOf(s.strings);
                    out.data = r;
                    for (size_t i = 0; i < len; i++) {
                        if (valid && !valid[i]) r[i] = StrRef();
                        else r[i] = make<StringObj>(x[i]->s + y[i]->s);
                    }
                    return true;
                }
                default: return false;
            }
        }
        case Op::Compare: {
            const uint8_t* valid = combineValid(va, vb, len, s);
            uint8_t* r = scratchOf(s.bools);
            out.data = r;
            out.valid = valid;
            Kind ka = a->kind, kb = b->kind;
            if (ka != kb) {
                compareLoop(valid, len, r, [&](size_t i) { return orderResult(bop, threeWay(numberAt(ka, va, i), numberAt(kb, vb, i))); });
                return true;
            }
            switch (ka) {
                case Kind::Int:
                case Kind::Time: {
                    const int64_t* x = va.as<int64_t>();
                    const int64_t* y = vb.as<int64_t>();
                    compareLoop(valid, len, r, [&](size_t i) { return orderResult(bop, threeWayOf(x[i], y[i])); });
                    return true;
                }
                case Kind::UInt: {
                    const uint64_t* x = va.as<uint64_t>();
                    const uint64_t* y = vb.as<uint64_t>();
                    compareLoop(valid, len, r, [&](size_t i) { return orderResult(bop, threeWayOf(x[i], y[i])); });
                    return true;
                }
                case Kind::Float: {
                    const double* x = va.as<double>();
                    const double* y = vb.as<double>();
                    // Equality as IEEE (NaN equals nothing); ordering as compareValues (NaN neither
                    // less nor greater).
                    if (bop == BinaryOp::Eq)
                        compareLoop(valid, len, r, [&](size_t i) { return x[i] == y[i]; });
                    else if (bop == BinaryOp::Neq)
                        compareLoop(valid, len, r, [&](size_t i) { return !(x[i] == y[i]); });
                    else
                        compareLoop(valid, len, r, [&](size_t i) { return orderResult(bop, threeWay(x[i], y[i])); });
                    return true;
                }
                case Kind::Bool: {
                    const uint8_t* x = va.as<uint8_t>();
                    const uint8_t* y = vb.as<uint8_t>();
                    compareLoop(valid, len, r, [&](size_t i) { return orderResult(bop, (x[i] != 0) == (y[i] != 0) ? 0 : 1); });
                    return true;
                }
                case Kind::String: {
                    const StrRef* x = va.as<StrRef>();
                    const StrRef* y = vb.as<StrRef>();
                    compareLoop(valid, len, r, [&](size_t i) {
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
            const uint8_t* x = va.as<uint8_t>();
            const uint8_t* y = vb.as<uint8_t>();
            uint8_t* r = scratchOf(s.bools);
            out.data = r;
            if (!va.valid && !vb.valid) {
                for (size_t i = 0; i < len; i++) r[i] = isAnd ? ((x[i] != 0) & (y[i] != 0)) : ((x[i] != 0) | (y[i] != 0));
                return true;
            }
            uint8_t* v = scratchOf(s.valid);
            out.valid = v;
            for (size_t i = 0; i < len; i++) {
                bool av = va.isValid(i), bv = vb.isValid(i);
                bool ad = av && (x[i] != 0) != isAnd;  // decisive: false for and, true for or
                bool bd = bv && (y[i] != 0) != isAnd;
                v[i] = 1;
                if (ad || bd) {
                    r[i] = isAnd ? 0 : 1;
                } else if (!av || !bv) {
                    r[i] = 0;
                    v[i] = 0;
                } else {
                    r[i] = isAnd ? 1 : 0;
                }
            }
            return true;
        }
        case Op::Not: {
            const uint8_t* x = va.as<uint8_t>();
            uint8_t* r = scratchOf(s.bools);
            for (size_t i = 0; i < len; i++) r[i] = x[i] ? 0 : 1;
            out.data = r;
            out.valid = va.valid;
            return true;
        }
        case Op::Exists: {
            uint8_t* r = scratchOf(s.bools);
            for (size_t i = 0; i < len; i++) r[i] = va.isValid(i) ? 1 : 0;
            out.data = r;
            return true;
        }
        case Op::Neg: {
            out.valid = va.valid;
            if (kind == Kind::Float) {
                const double* x = va.as<double>();
                double* r = scratchOf(s.floats);
                for (size_t i = 0; i < len; i++) r[i] = -x[i];
                out.data = r;
                return true;
            }
            const int64_t* x = va.as<int64_t>();
            int64_t* r = scratchOf(s.ints);
            out.data = r;
            for (size_t i = 0; i < len; i++) {
                if (!va.isValid(i)) {
                    r[i] = 0;
                    continue;
                }
                if (x[i] == INT64_MIN) return false;
                r[i] = -x[i];
            }
            return true;
        }
        case Op::Cond: {
            BlockVec vc;
            if (!b->evalBlock(t, off, len, st, vb) || !c->evalBlock(t, off, len, st, vc)) return false;
            const uint8_t* test = va.as<uint8_t>();
            auto pick = [&](size_t i) -> const BlockVec& { return va.isValid(i) && test[i] ? vb : vc; };
            if (vb.valid || vc.valid) {
                uint8_t* v = scratchOf(s.valid);
                for (size_t i = 0; i < len; i++) v[i] = pick(i).isValid(i) ? 1 : 0;
                out.valid = v;
            }
            switch (kind) {
                case Kind::Int:
                case Kind::Time: {
                    int64_t* r = scratchOf(s.ints);
                    for (size_t i = 0; i < len; i++) r[i] = pick(i).as<int64_t>()[i];
                    out.data = r;
                    break;
                }
                case Kind::UInt: {
                    uint64_t* r = scratchOf(s.uints);
                    for (size_t i = 0; i < len; i++) r[i] = pick(i).as<uint64_t>()[i];
                    out.data = r;
                    break;
                }
                case Kind::Float: {
                    double* r = scratchOf(s.floats);
                    for (size_t i = 0; i < len; i++) r[i] = pick(i).as<double>()[i];
                    out.data = r;
                    break;
                }
                case Kind::Bool: {
                    uint8_t* r = scratchOf(s.bools);
                    for (size_t i = 0; i < len; i++) r[i] = pick(i).as<uint8_t>()[i];
                    out.data = r;
                    break;
                }
                case Kind::String: {
                    StrRef* r = scratchOf(s.strings);
                    for (size_t i = 0; i < len; i++) r[i] = pick(i).isValid(i) ? pick(i).as<StrRef>()[i] : StrRef();
                    out.data = r;
                    break;
                }
                default: return false;
            }
            return true;
        }
        case Op::ToFloat:
        case Op::ToInt:
        case Op::ToString: {
            out.valid = va.valid;
            const Kind from = a->kind;
            if (op == Op::ToString) {
                StrRef* r = scratchOf(s.strings);
                out.data = r;
                const StrRef* x = from == Kind::String ? va.as<StrRef>() : nullptr;
                for (size_t i = 0; i < len; i++) {
                    if (!va.isValid(i)) {
                        r[i] = StrRef();
                        continue;
                    }
                    if (x) {
                        r[i] = x[i];
                        continue;
                    }
                    Value v;
                    switch (from) {
                        case Kind::Int: v = Value::integer(va.as<int64_t>()[i]); break;
                        case Kind::Time: v = Value::time(va.as<int64_t>()[i]); break;
                        case Kind::UInt: v = Value::uinteger(va.as<uint64_t>()[i]); break;
                        case Kind::Float: v = Value::floating(va.as<double>()[i]); break;
                        default: v = Value::boolean(va.as<uint8_t>()[i] != 0); break;
                    }
                    r[i] = make<StringObj>(valueToString(v));
                }
                return true;
            }
            if (op == Op::ToFloat) {
                double* r = scratchOf(s.floats);
                out.data = r;
                switch (from) {
                    case Kind::Int: { const int64_t* x = va.as<int64_t>(); for (size_t i = 0; i < len; i++) r[i] = static_cast<double>(x[i]); break; }
                    case Kind::UInt: { const uint64_t* x = va.as<uint64_t>(); for (size_t i = 0; i < len; i++) r[i] = static_cast<double>(x[i]); break; }
                    case Kind::Float: { const double* x = va.as<double>(); for (size_t i = 0; i < len; i++) r[i] = x[i]; break; }
                    default: { const uint8_t* x = va.as<uint8_t>(); for (size_t i = 0; i < len; i++) r[i] = x[i] ? 1.0 : 0.0; break; }
                }
                return true;
            }
            int64_t* r = scratchOf(s.ints);
            out.data = r;
            switch (from) {
                case Kind::Int:
                case Kind::Time: { const int64_t* x = va.as<int64_t>(); for (size_t i = 0; i < len; i++) r[i] = x[i]; break; }
                case Kind::UInt: { const uint64_t* x = va.as<uint64_t>(); for (size_t i = 0; i < len; i++) r[i] = static_cast<int64_t>(x[i]); break; }
                case Kind::Float: { const double* x = va.as<double>(); for (size_t i = 0; i < len; i++) r[i] = floatToIntLikeGo(x[i]); break; }
                default: { const uint8_t* x = va.as<uint8_t>(); for (size_t i = 0; i < len; i++) r[i] = x[i] ? 1 : 0; break; }
            }
            return true;
        }
        default: return false;
    }
}

bool ColumnExpr::Node::callBuiltin(const Table& t, size_t off, size_t len, EvalState& st, NodeScratch& s,
                                   BlockVec& out) const {
    const size_t np = constant.asFunction().params.size();
    if (s.argBlocks.size() != args.size()) s.argBlocks.resize(args.size());
    if (s.callArgs.size() != np) {
        s.callArgs.assign(np, Value());
        s.present = std::make_unique<bool[]>(np + 1);
    }
    for (size_t k = 0; k < args.size(); k++)
        if (!args[k]->evalBlock(t, off, len, st, s.argBlocks[k])) return false;
    uint8_t* valid = scratchOf(s.valid);
    bool anyNull = false;
    for (size_t i = 0; i < len; i++) {
        for (size_t p = 0; p < np; p++) {
            s.callArgs[p] = Value();
            s.present[p] = false;
        }
        for (size_t k = 0; k < args.size(); k++) {
            s.callArgs[argEnv[k]] = cellValue(args[k]->kind, s.argBlocks[k], i);
            s.present[argEnv[k]] = true;
        }
        Value r;
        try {
            r = interp->call(constant, s.callArgs.data(), s.present.get(), file, site);
        } catch (const FluxError&) {
            return false;  // the interpreter raises it (a run limit too), with its usual position
        }
        valid[i] = r.isNull() ? 0 : 1;
        if (r.isNull()) {
            anyNull = true;
        } else if (!r.is(kind)) {
            return false;
        }
        switch (kind) {
            case Kind::Int:
            case Kind::Time: scratchOf(s.ints)[i] = r.isNull() ? 0 : r.asInt(); break;
            case Kind::UInt: scratchOf(s.uints)[i] = r.isNull() ? 0 : r.asUInt(); break;
            case Kind::Float: scratchOf(s.floats)[i] = r.isNull() ? 0.0 : r.asFloat(); break;
            case Kind::Bool: scratchOf(s.bools)[i] = !r.isNull() && r.asBool() ? 1 : 0; break;
            case Kind::String: scratchOf(s.strings)[i] = r.isNull() ? StrRef() : r.asStrRef(); break;
            default: return false;
        }
    }
    switch (kind) {
        case Kind::Int:
        case Kind::Time: out.data = s.ints.data(); break;
        case Kind::UInt: out.data = s.uints.data(); break;
        case Kind::Float: out.data = s.floats.data(); break;
        case Kind::Bool: out.data = s.bools.data(); break;
        default: out.data = s.strings.data(); break;
    }
    out.valid = anyNull ? valid : nullptr;
    return true;
}

std::unique_ptr<ColumnExpr> ColumnExpr::compile(Interpreter& interp, const Closure& fn, const ast::Expr* e,
                                                const Table& schema, uint32_t paramSlot) {
    Compiler comp(interp, schema);
    NodePtr root = comp.compileIn(fn, e, static_cast<int>(paramSlot));
    if (!root) return nullptr;
    std::unique_ptr<ColumnExpr> x(new ColumnExpr());
    x->root_ = std::move(root);
    x->envSize_ = comp.envSize();
    x->nodeCount_ = comp.nodeCount();
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
    x->nodeCount_ = comp.nodeCount();
    return x;
}

Kind ColumnExpr::kind() const { return root_->kind; }

int ColumnExpr::columnIndex() const { return root_->op == Node::Op::Column ? root_->col : -1; }

template <class Sink>
bool ColumnExpr::forEachBlock(const Table& t, Sink sink) const {
    EvalState st;
    st.scratch.resize(nodeCount_);
    st.env.resize(envSize_);
    for (size_t off = 0; off < t.nrows; off += kBlockRows) {
        const size_t len = std::min(kBlockRows, t.nrows - off);
        BlockVec b;
        if (!root_->evalBlock(t, off, len, st, b)) return false;
        sink(b, len);
    }
    return true;
}

bool ColumnExpr::eval(const Table& t, ColumnVector& out) const {
    out = ColumnVector();
    out.kind = root_->kind;
    if (root_->op == Node::Op::Column) {
        out.column = &t.column(static_cast<size_t>(root_->col));
        return true;
    }
    const size_t n = t.nrows;
    size_t done = 0;
    return forEachBlock(t, [&](const BlockVec& b, size_t len) {
        if (b.valid) {
            if (out.valid.empty()) out.valid.assign(done, 1);
            out.valid.insert(out.valid.end(), b.valid, b.valid + len);
        } else if (!out.valid.empty()) {
            out.valid.insert(out.valid.end(), len, 1);
        }
        switch (out.kind) {
            case Kind::Int:
            case Kind::Time:
                if (out.ints.empty()) out.ints.reserve(n);
                out.ints.insert(out.ints.end(), b.as<int64_t>(), b.as<int64_t>() + len);
                break;
            case Kind::UInt:
                if (out.uints.empty()) out.uints.reserve(n);
                out.uints.insert(out.uints.end(), b.as<uint64_t>(), b.as<uint64_t>() + len);
                break;
            case Kind::Float:
                if (out.floats.empty()) out.floats.reserve(n);
                out.floats.insert(out.floats.end(), b.as<double>(), b.as<double>() + len);
                break;
            case Kind::Bool:
                if (out.bools.empty()) out.bools.reserve(n);
                out.bools.insert(out.bools.end(), b.as<uint8_t>(), b.as<uint8_t>() + len);
                break;
            case Kind::String:
                if (out.strings.empty()) out.strings.reserve(n);
                out.strings.insert(out.strings.end(), b.as<StrRef>(), b.as<StrRef>() + len);
                break;
            default: break;
        }
        done += len;
    });
}

ColumnPtr ColumnExpr::evalColumn(const TablePtr& t) const {
    if (root_->op == Node::Op::Column) return t->cols[static_cast<size_t>(root_->col)];
    ColType type;
    if (!kindToColType(root_->kind, type)) return nullptr;
    auto c = std::make_shared<Column>(type);
    c->reserve(t->nrows);
    const Kind kind = root_->kind;
    bool ok = forEachBlock(*t, [&](const BlockVec& b, size_t len) {
        if (!b.valid && kind != Kind::Bool) {
            switch (kind) {
                case Kind::Int:
                case Kind::Time: c->appendInts(b.as<int64_t>(), len); break;
                case Kind::UInt: c->appendUInts(b.as<uint64_t>(), len); break;
                case Kind::Float: c->appendFloats(b.as<double>(), len); break;
                default: c->appendStrings(b.as<StrRef>(), len); break;
            }
            return;
        }
        for (size_t i = 0; i < len; i++) {
            if (!b.isValid(i)) {
                c->appendNull();
                continue;
            }
            switch (kind) {
                case Kind::Int:
                case Kind::Time: c->appendInt(b.as<int64_t>()[i]); break;
                case Kind::UInt: c->appendUInt(b.as<uint64_t>()[i]); break;
                case Kind::Float: c->appendFloat(b.as<double>()[i]); break;
                case Kind::Bool: c->appendBool(b.as<uint8_t>()[i] != 0); break;
                default: c->appendString(b.as<StrRef>()[i]); break;
            }
        }
    });
    if (!ok) return nullptr;
    return c;
}

}  // namespace fluxi
