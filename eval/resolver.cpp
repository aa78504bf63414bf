// Static resolution of identifiers to slots (see resolver.h).
#include "eval/resolver.h"

#include <unordered_map>

namespace fluxi {
namespace {

using ast::NodeKind;
using Where = ast::Resolution::Where;

struct FnScope {
    ast::FunctionExpr* fn;
    FnScope* parent;
    std::unordered_map<std::string, uint32_t> locals;
    uint32_t next = 0;
};

class Resolver {
public:
    Resolver(Module& m, const Module* uni) : m_(m), uni_(uni) {}

    std::vector<ResolveError> errors;

    void declareGlobals(const std::vector<const ast::Stmt*>& stmts) {
        for (const ast::Stmt* s : stmts) {
            switch (s->kind) {
                case NodeKind::VariableAssignment:
                    m_.slotFor(static_cast<const ast::VariableAssignment*>(s)->id->name);
                    break;
                case NodeKind::BuiltinStmt: m_.slotFor(static_cast<const ast::BuiltinStmt*>(s)->id->name); break;
                case NodeKind::OptionStmt: {
                    auto* o = static_cast<const ast::OptionStmt*>(s);
                    if (o->assignment->kind == NodeKind::VariableAssignment) {
                        auto& name = static_cast<const ast::VariableAssignment*>(o->assignment.get())->id->name;
                        // `option now = ...` overrides the universe option; anything else is an
                        // option of this script's own package, visible as a global.
                        bool universeOption = uni_ && uni_->globalIndex.count(name) && !m_.globalIndex.count(name);
                        if (!universeOption) m_.slotFor(name);
                    }
                    break;
                }
                default: break;
            }
        }
    }

    void statement(ast::Stmt* s) {
        switch (s->kind) {
            case NodeKind::VariableAssignment: {
                auto* a = static_cast<ast::VariableAssignment*>(s);
                expr(a->init.get());
                declare(*a->id);
                break;
            }
            case NodeKind::OptionStmt: {
                auto* o = static_cast<ast::OptionStmt*>(s);
                if (scope_) error(s->span.start, "an option can only be set at the top level of a file");
                if (o->assignment->kind == NodeKind::VariableAssignment) {
                    auto* a = static_cast<ast::VariableAssignment*>(o->assignment.get());
                    expr(a->init.get());
                    auto it = m_.globalIndex.find(a->id->name);
                    if (it != m_.globalIndex.end()) {
                        a->id->res = {Where::Global, it->second};
                    } else if (uni_) {
                        auto u = uni_->globalIndex.find(a->id->name);
                        if (u != uni_->globalIndex.end()) a->id->res = {Where::Universe, u->second};
                    }
                } else {
                    auto* ma = static_cast<ast::MemberAssignment*>(o->assignment.get());
                    expr(ma->init.get());
                    expr(ma->member->object.get());
                }
                break;
            }
            case NodeKind::BuiltinStmt: {
                auto* b = static_cast<ast::BuiltinStmt*>(s);
                declare(*b->id);
                break;
            }
            case NodeKind::ReturnStmt: expr(static_cast<ast::ReturnStmt*>(s)->argument.get()); break;
            case NodeKind::ExpressionStmt: expr(static_cast<ast::ExpressionStmt*>(s)->expression.get()); break;
            case NodeKind::TestCaseStmt: break;  // resolved when the test runner runs it
            case NodeKind::Block:
                for (auto& st : static_cast<ast::Block*>(s)->body) statement(st.get());
                break;
            default: break;
        }
    }

    void expr(ast::Expr* e) {
        if (!e) return;
        switch (e->kind) {
            case NodeKind::Identifier: {
                auto* id = static_cast<ast::Identifier*>(e);
                id->res = lookup(id->name, scope_);
                if (id->res.where == Where::Unresolved) error(id->span.start, "undefined identifier " + id->name);
                break;
            }
            case NodeKind::StringLit:
                for (auto& p : static_cast<ast::StringLit*>(e)->parts) expr(p.expr.get());
                break;
            case NodeKind::ArrayExpr:
                for (auto& x : static_cast<ast::ArrayExpr*>(e)->elements) expr(x.get());
                break;
            case NodeKind::RecordExpr: record(static_cast<ast::RecordExpr*>(e)); break;
            case NodeKind::DictExpr:
                for (auto& en : static_cast<ast::DictExpr*>(e)->entries) {
                    expr(en.key.get());
                    expr(en.value.get());
                }
                break;
            case NodeKind::FunctionExpr: function(static_cast<ast::FunctionExpr*>(e)); break;
            case NodeKind::CallExpr: {
                auto* c = static_cast<ast::CallExpr*>(e);
                expr(c->callee.get());
                if (c->args) record(c->args.get());
                break;
            }
            case NodeKind::PipeExpr: {
                auto* p = static_cast<ast::PipeExpr*>(e);
                expr(p->argument.get());
                expr(p->call.get());
                break;
            }
            case NodeKind::MemberExpr: expr(static_cast<ast::MemberExpr*>(e)->object.get()); break;
            case NodeKind::IndexExpr: {
                auto* i = static_cast<ast::IndexExpr*>(e);
                expr(i->object.get());
                expr(i->index.get());
                break;
            }
            case NodeKind::UnaryExpr: expr(static_cast<ast::UnaryExpr*>(e)->argument.get()); break;
            case NodeKind::BinaryExpr: {
                auto* b = static_cast<ast::BinaryExpr*>(e);
                expr(b->left.get());
                expr(b->right.get());
                break;
            }
            case NodeKind::LogicalExpr: {
                auto* b = static_cast<ast::LogicalExpr*>(e);
                expr(b->left.get());
                expr(b->right.get());
                break;
            }
            case NodeKind::ConditionalExpr: {
                auto* c = static_cast<ast::ConditionalExpr*>(e);
                expr(c->test.get());
                expr(c->consequent.get());
                expr(c->alternate.get());
                break;
            }
            default: break;  // literals
        }
    }

private:
    void error(ast::SourceLoc loc, std::string msg) { errors.push_back({loc, std::move(msg)}); }

    void declare(ast::Identifier& id) {
        if (!scope_) {
            id.res = {Where::Global, m_.slotFor(id.name)};
            return;
        }
        uint32_t slot = scope_->next++;
        scope_->locals[id.name] = slot;
        id.res = {Where::Local, slot};
    }

    void record(ast::RecordExpr* r) {
        expr(r->with.get());
        for (auto& p : r->properties) {
            if (!p.value) {  // shorthand `{a}` means `{a: a}`
                auto id = std::make_unique<ast::Identifier>();
                id->name = p.key;
                id->span = p.span;
                p.value = std::move(id);
            }
            expr(p.value.get());
        }
    }

    void function(ast::FunctionExpr* fe) {
        FnScope s{fe, scope_, {}, 0};
        fe->captures.clear();
        for (auto& p : fe->params) s.locals[p.name] = s.next++;
        scope_ = &s;
        for (auto& p : fe->params)
            if (p.defaultValue && !p.isPipe()) {
                // A default does not see its own parameter: `units=units` names the outer `units`
                // (the reference's experimental/geo relies on it).
                auto self = s.locals.extract(p.name);
                expr(p.defaultValue.get());
                s.locals.insert(std::move(self));
            }
        if (fe->bodyExpr) {
            expr(fe->bodyExpr.get());
        } else if (fe->block) {
            for (auto& st : fe->block->body) {
                if (st->kind == NodeKind::OptionStmt || st->kind == NodeKind::TestCaseStmt ||
                    st->kind == NodeKind::BuiltinStmt)
                    error(st->span.start, "this statement is not allowed inside a function body");
                else
                    statement(st.get());
            }
        }
        fe->frameSize = s.next;
        scope_ = s.parent;
    }

    ast::Resolution lookup(const std::string& name, FnScope* s) {
        if (!s) {
            auto g = m_.globalIndex.find(name);
            if (g != m_.globalIndex.end()) return {Where::Global, g->second};
            if (uni_) {
                auto u = uni_->globalIndex.find(name);
                if (u != uni_->globalIndex.end()) return {Where::Universe, u->second};
            }
            return {};
        }
        auto it = s->locals.find(name);
        if (it != s->locals.end()) return {Where::Local, it->second};
        ast::Resolution outer = lookup(name, s->parent);
        if (outer.where != Where::Local && outer.where != Where::Capture) return outer;
        auto& caps = s->fn->captures;
        for (uint32_t i = 0; i < caps.size(); i++)
            if (caps[i].where == outer.where && caps[i].index == outer.index) return {Where::Capture, i};
        caps.push_back(outer);
        return {Where::Capture, static_cast<uint32_t>(caps.size() - 1)};
    }

    Module& m_;
    const Module* uni_;
    FnScope* scope_ = nullptr;
};

}  // namespace

std::string importName(const ast::ImportDecl& imp) {
    if (!imp.alias.empty()) return imp.alias;
    auto slash = imp.path.rfind('/');
    return slash == std::string::npos ? imp.path : imp.path.substr(slash + 1);
}

std::vector<ResolveError> resolveFile(ast::File& file, const std::vector<const ast::Stmt*>& extra, Module& module,
                                      const Module* universe) {
    Resolver r(module, universe);
    for (auto& imp : file.imports) module.slotFor(importName(imp));
    std::vector<const ast::Stmt*> all;
    for (auto& s : file.body) all.push_back(s.get());
    all.insert(all.end(), extra.begin(), extra.end());
    r.declareGlobals(all);
    for (const ast::Stmt* s : all) r.statement(const_cast<ast::Stmt*>(s));
    return std::move(r.errors);
}

}  // namespace fluxi
