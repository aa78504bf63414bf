// Analysis of a filter closure's AST for push-down into the store (see pushdown.h).
#include "store/pushdown.h"

#include <cstdlib>

#include "eval/function.h"
#include "eval/interpreter.h"
#include "eval/regex.h"

namespace fluxi::store {

// The value of a literal or of a variable captured by / global to the closure.
bool closureConstant(const Closure& c, const ast::Expr* e, Value& out) {
    switch (e->kind) {
        case ast::NodeKind::StringLit: {
            auto* s = static_cast<const ast::StringLit*>(e);
            if (!s->isPlain()) return false;
            out = Value::string(s->plainText());
            return true;
        }
        case ast::NodeKind::RegexLit:
            out = Value::regexp(compileRegex(static_cast<const ast::RegexLit*>(e)->pattern));
            return true;
        case ast::NodeKind::Identifier: {
            auto* id = static_cast<const ast::Identifier*>(e);
            if (id->res.where == ast::Resolution::Where::Capture && id->res.index < c.captured.size()) {
                out = c.captured[id->res.index];
                return true;
            }
            if (id->res.where == ast::Resolution::Where::Global && c.module && id->res.index < c.module->globals.size() &&
                c.module->defined[id->res.index]) {
                out = c.module->globals[id->res.index];
                return true;
            }
            return false;
        }
        default: return false;
    }
}

namespace {

using Op = SeriesPredicate::Op;

class Analyzer {
public:
    Analyzer(const Closure& c, std::string& why) : c_(c), why_(why) {}

    std::unique_ptr<SeriesPredicate> run() {
        const ast::FunctionExpr* fe = c_.expr;
        if (!fe) return decline("not a Flux function");
        if (fe->params.size() != 1) return decline("the function must take exactly one parameter");
        param_ = fe->params[0].name;
        const ast::Expr* body = fe->bodyExpr.get();
        if (!body && fe->block && fe->block->body.size() == 1 &&
            fe->block->body[0]->kind == ast::NodeKind::ReturnStmt)
            body = static_cast<const ast::ReturnStmt*>(fe->block->body[0].get())->argument.get();
        if (!body) return decline("the function body is not a single expression");
        return expr(body);
    }

private:
    std::unique_ptr<SeriesPredicate> decline(std::string why) {
        if (why_.empty()) why_ = std::move(why);
        return nullptr;
    }

    std::unique_ptr<SeriesPredicate> expr(const ast::Expr* e) {
        switch (e->kind) {
            case ast::NodeKind::LogicalExpr: {
                auto* l = static_cast<const ast::LogicalExpr*>(e);
                auto a = expr(l->left.get());
                if (!a) return nullptr;
                auto b = expr(l->right.get());
                if (!b) return nullptr;
                return SeriesPredicate::logical(l->op == ast::LogicalOp::And ? Op::And : Op::Or, std::move(a),
                                                std::move(b));
            }
            case ast::NodeKind::BinaryExpr: return comparison(static_cast<const ast::BinaryExpr*>(e));
            default: return decline("only ==, !=, =~, !~, and, or are pushed down");
        }
    }

    // The column name when `e` is `r.C` / `r["C"]` for a series-level column C; "" otherwise.
    std::string column(const ast::Expr* e) {
        if (e->kind != ast::NodeKind::MemberExpr) return {};
        auto* m = static_cast<const ast::MemberExpr*>(e);
        if (m->object->kind != ast::NodeKind::Identifier) return {};
        auto* id = static_cast<const ast::Identifier*>(m->object.get());
        if (id->name != param_ || id->res.where != ast::Resolution::Where::Local) return {};
        const std::string& c = m->property;
        if (c == "_time" || c == "_value" || c == "_start" || c == "_stop" || c.empty()) return {};
        return c;
    }

    bool constant(const ast::Expr* e, Value& out) { return closureConstant(c_, e, out); }

    std::unique_ptr<SeriesPredicate> comparison(const ast::BinaryExpr* b) {
        bool isRegex = b->op == ast::BinaryOp::RegexMatch || b->op == ast::BinaryOp::RegexNotMatch;
        if (!isRegex && b->op != ast::BinaryOp::Eq && b->op != ast::BinaryOp::Neq)
            return decline("only ==, !=, =~ and !~ comparisons are pushed down");
        std::string col = column(b->left.get());
        const ast::Expr* other = b->right.get();
        if (col.empty() && !isRegex) {  // `"cpu" == r._measurement`
            col = column(b->right.get());
            other = b->left.get();
        }
        if (col.empty()) return decline("a comparison does not read _measurement, _field or a tag of the row");
        Value v;
        if (!constant(other, v)) return decline("a comparison is not with a string or regex constant");
        if (isRegex) {
            if (!v.is(Kind::Regexp)) return decline("=~ and !~ need a regex constant");
            auto re = std::make_shared<const re2::RE2>(v.asRegexp().pattern);
            if (!re->ok()) return decline("invalid regex");
            return SeriesPredicate::match(b->op == ast::BinaryOp::RegexMatch ? Op::Match : Op::NotMatch, col,
                                          std::move(re));
        }
        if (!v.is(Kind::String)) return decline("== and != are pushed down only with strings");
        return SeriesPredicate::compare(b->op == ast::BinaryOp::Eq ? Op::Eq : Op::Neq, col, v.asString());
    }

    const Closure& c_;
    std::string& why_;
    std::string param_;
};

}  // namespace

std::unique_ptr<SeriesPredicate> pushDownFilter(const Value& fn, std::string* why) {
    std::string reason;
    std::unique_ptr<SeriesPredicate> p;
    if (!fn.is(Kind::Function) || fn.asFunction().type != FunctionObj::Type::Closure) {
        reason = "not a Flux function";
    } else {
        try {
            p = Analyzer(static_cast<const Closure&>(fn.asFunction()), reason).run();
        } catch (const std::exception& e) {  // e.g. a regex literal that does not compile
            reason = e.what();
            p = nullptr;
        }
    }
    if (!p && why) *why = reason;
    return p;
}

bool pushdownEnabledByEnvironment() {
    const char* v = std::getenv("FLUXI_NO_PUSHDOWN");
    return !v || !*v || std::string_view(v) == "0";
}

}  // namespace fluxi::store
