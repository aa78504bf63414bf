// Reading the push-down subset out of a filter closure's AST, and rendering it as Flux (see
// remote_predicate.h).
#include "stdlib/influxdata/influxdb/remote_predicate.h"

#include "eval/function.h"
#include "eval/interpreter.h"
#include "eval/regex.h"
#include "store/pushdown.h"

namespace fluxi::remote {

namespace {

using Op = Predicate::Op;

class Reader {
public:
    explicit Reader(const Closure& c) : c_(c) {}

    std::shared_ptr<const Predicate> run() {
        const ast::FunctionExpr* fe = c_.expr;
        if (!fe || fe->params.size() != 1) return nullptr;
        param_ = fe->params[0].name;
        const ast::Expr* body = fe->bodyExpr.get();
        if (!body && fe->block && fe->block->body.size() == 1 && fe->block->body[0]->kind == ast::NodeKind::ReturnStmt)
            body = static_cast<const ast::ReturnStmt*>(fe->block->body[0].get())->argument.get();
        return body ? expr(body) : nullptr;
    }

private:
    std::shared_ptr<const Predicate> expr(const ast::Expr* e) {
        if (e->kind == ast::NodeKind::LogicalExpr) {
            auto* l = static_cast<const ast::LogicalExpr*>(e);
            auto a = expr(l->left.get());
            auto b = a ? expr(l->right.get()) : nullptr;
            if (!b) return nullptr;
            auto p = std::make_shared<Predicate>();
            p->op = l->op == ast::LogicalOp::And ? Op::And : Op::Or;
            p->left = a;
            p->right = b;
            return p;
        }
        if (e->kind == ast::NodeKind::BinaryExpr) return comparison(static_cast<const ast::BinaryExpr*>(e));
        return nullptr;
    }

    std::string column(const ast::Expr* e) const {
        if (e->kind != ast::NodeKind::MemberExpr) return {};
        auto* m = static_cast<const ast::MemberExpr*>(e);
        if (m->object->kind != ast::NodeKind::Identifier) return {};
        auto* id = static_cast<const ast::Identifier*>(m->object.get());
        if (id->name != param_ || id->res.where != ast::Resolution::Where::Local) return {};
        const std::string& c = m->property;
        if (c.empty() || c == "_time" || c == "_value" || c == "_start" || c == "_stop") return {};
        return c;
    }

    bool constant(const ast::Expr* e, Value& out) const { return store::closureConstant(c_, e, out); }

    std::shared_ptr<const Predicate> comparison(const ast::BinaryExpr* b) const {
        const bool isRegex = b->op == ast::BinaryOp::RegexMatch || b->op == ast::BinaryOp::RegexNotMatch;
        if (!isRegex && b->op != ast::BinaryOp::Eq && b->op != ast::BinaryOp::Neq) return nullptr;
        std::string col = column(b->left.get());
        const ast::Expr* other = b->right.get();
        if (col.empty() && !isRegex) {
            col = column(b->right.get());
            other = b->left.get();
        }
        Value v;
        if (col.empty() || !constant(other, v)) return nullptr;
        auto p = std::make_shared<Predicate>();
        p->column = col;
        if (isRegex) {
            if (!v.is(Kind::Regexp)) return nullptr;
            p->op = b->op == ast::BinaryOp::RegexMatch ? Op::Match : Op::NotMatch;
            p->value = v.asRegexp().pattern;
        } else {
            if (!v.is(Kind::String)) return nullptr;
            p->op = b->op == ast::BinaryOp::Eq ? Op::Eq : Op::Neq;
            p->value = v.asString();
        }
        return p;
    }

    const Closure& c_;
    std::string param_;
};

}  // namespace

std::shared_ptr<const Predicate> predicateOf(const Value& fn) {
    if (!fn.is(Kind::Function) || fn.asFunction().type != FunctionObj::Type::Closure) return nullptr;
    try {
        return Reader(static_cast<const Closure&>(fn.asFunction())).run();
    } catch (const std::exception&) {  // a regex that does not compile: the filter reports it
        return nullptr;
    }
}

std::string regexLiteral(const std::string& pattern) {
    std::string out = "/";
    for (size_t i = 0; i < pattern.size(); i++) {
        char c = pattern[i];
        if (c == '\\' && i + 1 < pattern.size()) {  // keep escapes as they are
            out.push_back(c);
            out.push_back(pattern[++i]);
            continue;
        }
        if (c == '/') out.push_back('\\');
        out.push_back(c);
    }
    return out + "/";
}

std::string fluxString(const std::string& s) {
    std::string out = "\"";
    for (size_t i = 0; i < s.size(); i++) {
        char c = s[i];
        if (c == '"' || c == '\\') out.push_back('\\');
        if (c == '$' && i + 1 < s.size() && s[i + 1] == '{') out.push_back('\\');
        out.push_back(c);
    }
    return out + "\"";
}

std::string toFlux(const Predicate& p) {
    switch (p.op) {
        case Op::And: return "(" + toFlux(*p.left) + " and " + toFlux(*p.right) + ")";
        case Op::Or: return "(" + toFlux(*p.left) + " or " + toFlux(*p.right) + ")";
        case Op::Eq: return "r[" + fluxString(p.column) + "] == " + fluxString(p.value);
        case Op::Neq: return "r[" + fluxString(p.column) + "] != " + fluxString(p.value);
        case Op::Match: return "r[" + fluxString(p.column) + "] =~ " + regexLiteral(p.value);
        case Op::NotMatch: return "r[" + fluxString(p.column) + "] !~ " + regexLiteral(p.value);
    }
    return "true";
}

}  // namespace fluxi::remote
