// Type inference over the AST (see types/infer.h): constraints are solved as they are generated
// (unification in place), let-bound names are generalized by level, and every problem is recorded
// with the position the reference reports it at.
#include "types/infer.h"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>

#include "parser/parser.h"
#include "types/declaration_parser.h"

namespace fluxi::types {

namespace {

struct Package {
    std::string path;
    std::unordered_map<std::string, Scheme> members;
    std::vector<std::string> pending;  // Flux sources not inferred yet
    bool loading = false;
};

using Scope = std::unordered_map<std::string, Scheme>;

constexpr Kinds kind(Kind k) { return static_cast<Kinds>(k); }

}  // namespace

struct Checker::Impl {
    PackageProvider provider;
    Store s;
    uint32_t level = 1;
    std::map<std::string, std::unique_ptr<Package>> packages;
    std::vector<std::string> problems;
    Package* universe = nullptr;

    // The environment of the file being checked.
    std::vector<Scope> scopes;                        // [0]: universe, [1]: the file, then nested
    std::unordered_map<std::string, Package*> imports;
    std::vector<std::pair<std::string, Scheme>> topBindings;
    std::vector<TypeError>* errs = nullptr;
    std::vector<TypeId> returnTypes;  // of the enclosing function blocks
    bool reportUndefined = false;     // else left to the names check of `fluxi check`

    // A copy with its own store and packages (pointers remapped), for a new check.
    Impl(const Impl& o)
        : provider(o.provider), s(o.s), level(o.level), problems(o.problems), scopes(o.scopes),
          topBindings(o.topBindings) {
        for (const auto& [path, pkg] : o.packages) {
            auto copy = std::make_unique<Package>(*pkg);
            if (pkg.get() == o.universe) universe = copy.get();
            packages.emplace(path, std::move(copy));
        }
        for (const auto& [alias, pkg] : o.imports) imports[alias] = pkg ? packages.at(pkg->path).get() : nullptr;
    }

    explicit Impl(PackageProvider p) : provider(std::move(p)) {
        universe = load("universe");
        scopes.push_back(universe ? universe->members : Scope{});
        scopes.emplace_back();
    }

    // ------------------------------------------------------------------ errors
    void error(ast::SourceLoc loc, std::string msg) {
        if (errs) errs->push_back({loc, std::move(msg)});
    }
    void report(ast::SourceLoc loc, std::vector<std::string>& msgs, const std::string& suffix = "") {
        for (std::string& m : msgs) error(loc, m + suffix);
        msgs.clear();
    }
    bool unifyAt(TypeId exp, TypeId act, ast::SourceLoc loc) {
        std::vector<std::string> m;
        bool ok = s.unify(exp, act, m);
        report(loc, m);
        return ok;
    }
    void constrainAt(TypeId t, Kinds k, ast::SourceLoc loc) {
        std::vector<std::string> m;
        s.constrain(t, k, m);
        report(loc, m);
    }

    // ------------------------------------------------------------------ packages
    bool memberExists(const std::string& path, const std::string& name) {
        return provider.exists && provider.exists(path + "." + name);
    }

    Package* load(const std::string& path) {
        auto it = packages.find(path);
        if (it != packages.end()) {
            if (it->second->loading) {
                problems.push_back("package " + path + " imports itself (through its Flux sources)");
                return nullptr;
            }
            return it->second.get();
        }
        auto pkg = std::make_unique<Package>();
        pkg->path = path;
        pkg->loading = true;
        Package* p = pkg.get();
        packages.emplace(path, std::move(pkg));

        std::string fileName, source;
        if (provider.declarations && provider.declarations(path, fileName, source)) {
            auto declare = [&](const std::string& name, const ast::TypeExpr& type) {
                Scheme sc;
                TypeExprError te;
                if (!schemeFromTypeExpr(s, type, level + 1, sc, te)) {
                    problems.push_back(fileName + ":" + std::to_string(te.loc.line) + ":" +
                                       std::to_string(te.loc.col) + ": " + te.message);
                    return;
                }
                p->members[name] = sc;
            };
            std::vector<Declaration> decls;
            if (readDeclarations(source, decls)) {
                for (const Declaration& d : decls) declare(d.name, *d.type);
            } else {
                ParseResult r = parseFlux(source, fileName);
                for (const SyntaxError& e : r.errors)
                    problems.push_back(fileName + ":" + std::to_string(e.loc.line) + ":" +
                                       std::to_string(e.loc.col) + ": " + e.message);
                for (const ast::StmtPtr& st : r.file->body) {
                    if (st->kind != ast::NodeKind::BuiltinStmt) continue;
                    const auto& b = static_cast<const ast::BuiltinStmt&>(*st);
                    if (b.type && b.id) declare(b.id->name, *b.type);
                }
            }
        }
        // The Flux sources are inferred when a member is first missed (most checks use only
        // declared builtins, and parsing the sources is the expensive part of a first check).
        p->pending = provider.fluxSources ? provider.fluxSources(path) : std::vector<std::string>{};
        p->loading = false;
        return p;
    }

    // Infers the package's Flux sources (once); false when there were none left to infer.
    bool complete(Package* p) {
        if (!p || p->pending.empty()) return false;
        std::vector<std::string> sources = std::move(p->pending);
        p->pending.clear();
        bool wasLoading = p->loading;
        p->loading = true;
        if (!sources.empty()) {
            // Check the sources in an environment of their own: the universe (unless this is the
            // universe), the declared members of this package, and the sources' own imports.
            std::vector<Scope> savedScopes = std::move(scopes);
            auto savedImports = std::move(imports);
            auto savedTop = std::move(topBindings);
            std::vector<TypeError>* savedErrs = errs;
            std::vector<TypeError> pkgErrs;
            errs = &pkgErrs;
            scopes.clear();
            imports.clear();
            topBindings.clear();
            scopes.push_back(universe && universe != p ? universe->members : Scope{});
            scopes.push_back(p->members);
            for (size_t i = 0; i < sources.size(); ++i) {
                std::string name = "<" + p->path + " source " + std::to_string(i + 1) + ">";
                ParseResult r = parseFlux(sources[i], name);
                for (const SyntaxError& e : r.errors)
                    problems.push_back(name + ":" + std::to_string(e.loc.line) + ": " + e.message);
                if (!r.ok()) continue;
                checkFile(*r.file);
                for (const TypeError& e : pkgErrs)
                    problems.push_back(name + ":" + std::to_string(e.loc.line) + ":" + std::to_string(e.loc.col) +
                                       ": " + e.message);
                pkgErrs.clear();
            }
            // A declared type takes precedence over the inferred one: the declaration is the
            // reference's API (e.g. a pass-through written in Flux whose declared output type is
            // deliberately unrelated to its input).
            for (auto& [n, sc] : scopes[1]) p->members.emplace(n, sc);
            scopes = std::move(savedScopes);
            imports = std::move(savedImports);
            topBindings = std::move(savedTop);
            errs = savedErrs;
        }
        p->loading = wasLoading;
        if (p == universe && !scopes.empty()) scopes[0] = universe->members;
        return true;
    }

    // ------------------------------------------------------------------ environment
    // `completeUniverse`: infer the universe's Flux sources when the name is not declared (not
    // for option names, which those sources never define).
    const Scheme* lookup(const std::string& name, bool completeUniverse = true) {
        for (size_t i = scopes.size(); i-- > 1;) {
            auto it = scopes[i].find(name);
            if (it != scopes[i].end()) return &it->second;
        }
        if (imports.count(name)) return nullptr;
        auto it = scopes[0].find(name);
        if (it == scopes[0].end() && completeUniverse && universe && !universe->pending.empty() && complete(universe))
            it = scopes[0].find(name);
        return it != scopes[0].end() ? &it->second : nullptr;
    }
    bool isLocal(const std::string& name) {
        for (size_t i = scopes.size(); i-- > 1;)
            if (scopes[i].count(name)) return true;
        return false;
    }
    TypeId inst(const Scheme& sc) { return s.instantiate(sc.type, sc.generic, level); }
    Scheme generalize(TypeId t) {
        Scheme sc{t, {}};
        std::vector<TypeId> fv;
        s.freeVars(t, fv);
        for (TypeId v : fv)
            if (s.node(v).level > level) sc.generic.push_back(v);
        return sc;
    }
    void bind(const std::string& name, Scheme sc) { scopes.back()[name] = std::move(sc); }

    TypeId identifier(const std::string& name, ast::SourceLoc loc) {
        if (const Scheme* sc = lookup(name)) return inst(*sc);
        if (!imports.count(name) && memberExists("universe", name))
            error(loc, "no type declared for builtin " + name);
        else if (reportUndefined && !imports.count(name))
            error(loc, "undefined identifier " + name);
        return s.error();  // undefined names are reported by the names check
    }

    // ------------------------------------------------------------------ expressions
    TypeId infer(const ast::Expr& e) {
        using NK = ast::NodeKind;
        switch (e.kind) {
            case NK::Identifier: return identifier(static_cast<const ast::Identifier&>(e).name, e.span.start);
            case NK::IntegerLit: return s.basic(Basic::Int);
            case NK::FloatLit: return s.basic(Basic::Float);
            case NK::StringLit: {
                for (const ast::StringPart& p : static_cast<const ast::StringLit&>(e).parts)
                    if (p.expr) constrainAt(infer(*p.expr), kind(Kind::Stringable), p.expr->span.start);
                return s.basic(Basic::String);
            }
            case NK::DurationLit: return s.basic(Basic::Duration);
            case NK::DateTimeLit: return s.basic(Basic::Time);
            case NK::RegexLit: return s.basic(Basic::Regexp);
            case NK::LabelLit: return s.basic(Basic::String);
            case NK::PipeLit: return s.fresh(level);
            case NK::ArrayExpr: {
                TypeId elem = s.fresh(level);
                for (const ast::ExprPtr& x : static_cast<const ast::ArrayExpr&>(e).elements)
                    unifyAt(elem, infer(*x), x->span.start);
                return s.array(elem);
            }
            case NK::DictExpr: {
                TypeId k = s.fresh(level, kind(Kind::Comparable)), v = s.fresh(level);
                for (const ast::DictEntry& en : static_cast<const ast::DictExpr&>(e).entries) {
                    unifyAt(k, infer(*en.key), en.key->span.start);
                    unifyAt(v, infer(*en.value), en.value->span.start);
                }
                return s.dict(k, v);
            }
            case NK::RecordExpr: return record(static_cast<const ast::RecordExpr&>(e));
            case NK::FunctionExpr: return function(static_cast<const ast::FunctionExpr&>(e));
            case NK::CallExpr: return call(static_cast<const ast::CallExpr&>(e), nullptr, e.span.start);
            case NK::PipeExpr: {
                const auto& p = static_cast<const ast::PipeExpr&>(e);
                return call(*p.call, p.argument.get(), p.call->span.start);
            }
            case NK::MemberExpr: return member(static_cast<const ast::MemberExpr&>(e));
            case NK::IndexExpr: {
                const auto& x = static_cast<const ast::IndexExpr&>(e);
                TypeId elem = s.fresh(level);
                unifyAt(s.array(elem), infer(*x.object), x.object->span.start);
                unifyAt(s.basic(Basic::Int), infer(*x.index), x.index->span.start);
                return elem;
            }
            case NK::UnaryExpr: {
                const auto& u = static_cast<const ast::UnaryExpr&>(e);
                TypeId t = infer(*u.argument);
                switch (u.op) {
                    case ast::UnaryOp::Neg:
                    case ast::UnaryOp::Pos: constrainAt(t, kind(Kind::Negatable), e.span.start); return t;
                    case ast::UnaryOp::Not: unifyAt(s.basic(Basic::Bool), t, u.argument->span.start); break;
                    case ast::UnaryOp::Exists: break;
                }
                return s.basic(Basic::Bool);
            }
            case NK::BinaryExpr: return binary(static_cast<const ast::BinaryExpr&>(e));
            case NK::LogicalExpr: {
                const auto& l = static_cast<const ast::LogicalExpr&>(e);
                unifyAt(s.basic(Basic::Bool), infer(*l.left), l.left->span.start);
                unifyAt(s.basic(Basic::Bool), infer(*l.right), l.right->span.start);
                return s.basic(Basic::Bool);
            }
            case NK::ConditionalExpr: {
                const auto& c = static_cast<const ast::ConditionalExpr&>(e);
                unifyAt(s.basic(Basic::Bool), infer(*c.test), c.test->span.start);
                TypeId t = infer(*c.consequent);
                unifyAt(t, infer(*c.alternate), c.alternate->span.start);
                return t;
            }
            default: return s.error();
        }
    }

    TypeId binary(const ast::BinaryExpr& b) {
        TypeId l = infer(*b.left), r = infer(*b.right);
        using Op = ast::BinaryOp;
        auto arith = [&](Kind k) {
            unifyAt(l, r, b.right->span.start);
            constrainAt(l, kind(k), b.span.start);
            return l;
        };
        switch (b.op) {
            case Op::Add: return arith(Kind::Addable);
            case Op::Sub: return arith(Kind::Subtractable);
            case Op::Mul:
            case Op::Div:
            case Op::Mod:
            case Op::Pow: return arith(Kind::Divisible);
            case Op::Eq:
            case Op::Neq:
                constrainAt(l, kind(Kind::Equatable), b.left->span.start);
                constrainAt(r, kind(Kind::Equatable), b.right->span.start);
                break;
            case Op::Lt:
            case Op::Gt:
                constrainAt(l, kind(Kind::Comparable), b.left->span.start);
                constrainAt(r, kind(Kind::Comparable), b.right->span.start);
                break;
            case Op::Lte:
            case Op::Gte:
                constrainAt(l, kind(Kind::Equatable) | kind(Kind::Comparable), b.left->span.start);
                constrainAt(r, kind(Kind::Equatable) | kind(Kind::Comparable), b.right->span.start);
                break;
            case Op::RegexMatch:
            case Op::RegexNotMatch:
                unifyAt(s.basic(Basic::String), l, b.left->span.start);
                unifyAt(s.basic(Basic::Regexp), r, b.right->span.start);
                break;
        }
        return s.basic(Basic::Bool);
    }

    TypeId record(const ast::RecordExpr& r) {
        TypeId tail = s.emptyRecord();
        if (r.with) {
            tail = infer(*r.with);
            constrainAt(tail, kind(Kind::Record), r.with->span.start);
        }
        std::vector<TypeId> types;
        types.reserve(r.properties.size());
        for (const ast::Property& p : r.properties)
            types.push_back(p.value ? infer(*p.value) : identifier(p.key, p.span.start));
        for (size_t i = r.properties.size(); i-- > 0;) tail = s.extend(r.properties[i].key, types[i], tail);
        return tail;
    }

    TypeId function(const ast::FunctionExpr& f) {
        std::vector<Param> ps;
        Scope params;
        for (const ast::Parameter& p : f.params) {
            Param q;
            q.name = p.name;
            q.type = s.fresh(level);
            if (p.isPipe()) {
                q.pipe = true;
            } else if (p.defaultValue) {
                q.optional = true;
                unifyAt(q.type, infer(*p.defaultValue), p.defaultValue->span.start);
            }
            params[p.name] = Scheme{q.type, {}};
            ps.push_back(std::move(q));
        }
        scopes.push_back(std::move(params));
        TypeId ret;
        if (f.bodyExpr) {
            ret = infer(*f.bodyExpr);
        } else {
            ret = s.fresh(level);
            returnTypes.push_back(ret);
            if (f.block) statements(f.block->body);
            returnTypes.pop_back();
        }
        scopes.pop_back();
        return s.function(std::move(ps), ret);
    }

    struct Arg {
        std::string name;
        TypeId type;
        ast::SourceLoc loc;
    };

    TypeId call(const ast::CallExpr& c, const ast::Expr* pipeArg, ast::SourceLoc loc) {
        TypeId callee = infer(*c.callee);
        std::vector<Arg> args;
        if (c.args)
            for (const ast::Property& p : c.args->properties)
                args.push_back({p.key, p.value ? infer(*p.value) : identifier(p.key, p.span.start),
                                p.value ? p.value->span.start : p.span.start});
        std::optional<Arg> pipe;
        if (pipeArg) pipe = Arg{"<-", infer(*pipeArg), pipeArg->span.start};
        TypeId ret = s.fresh(level);
        TypeId f = s.find(callee);
        if (s.node(f).tag == Tag::Function) {
            matchCall(f, args, pipe, ret, loc);
            return ret;
        }
        std::vector<Param> ps;
        for (const Arg& a : args) ps.push_back({a.name, a.type, false, false});
        if (pipe) ps.push_back({"<-", pipe->type, false, true});
        unifyAt(callee, s.function(std::move(ps), ret), loc);
        return ret;
    }

    // A call of a known function type: each argument is checked against its parameter and any
    // problem is reported at the argument (missing ones at the call).
    void matchCall(TypeId f, const std::vector<Arg>& args, const std::optional<Arg>& pipe, TypeId ret,
                   ast::SourceLoc loc) {
        const std::vector<Param> ps = s.params(f);
        const TypeId fret = s.node(f).a;
        std::vector<bool> given(ps.size(), false);
        auto unifyArg = [&](const Param& p, const Arg& a) {
            std::vector<std::string> m;
            s.unify(p.type, a.type, m);
            report(a.loc, m, " (argument " + p.name + ")");
        };
        if (pipe) {
            size_t i = 0;
            while (i < ps.size() && !ps[i].pipe) ++i;
            if (i == ps.size()) {
                error(pipe->loc, "missing pipe argument");
            } else {
                given[i] = true;
                unifyArg(ps[i], *pipe);
            }
        }
        // Parameters by name once there are many (100k arguments must not take quadratic time).
        std::unordered_map<std::string_view, size_t> byName;
        if (ps.size() > 16)
            for (size_t i = 0; i < ps.size(); ++i)
                if (!(ps[i].pipe && ps[i].name == "<-")) byName.try_emplace(ps[i].name, i);
        for (const Arg& a : args) {
            size_t i = 0;
            if (ps.size() > 16) {
                auto it = byName.find(a.name);
                i = it == byName.end() ? ps.size() : it->second;
            } else {
                while (i < ps.size() && (ps[i].name != a.name || (ps[i].pipe && ps[i].name == "<-"))) ++i;
            }
            if (i == ps.size()) {
                error(a.loc, "found unexpected argument " + a.name);
                continue;
            }
            given[i] = true;
            unifyArg(ps[i], a);
        }
        std::vector<std::string> missing;
        for (size_t i = 0; i < ps.size(); ++i)
            if (!given[i] && !ps[i].optional) missing.push_back(ps[i].pipe && ps[i].name == "<-" ? "" : ps[i].name);
        std::sort(missing.begin(), missing.end());
        for (const std::string& m : missing)
            error(loc, m.empty() ? std::string("missing pipe argument") : "missing required argument " + m);
        std::vector<std::string> m;
        s.unify(fret, ret, m);
        report(loc, m);
    }

    TypeId member(const ast::MemberExpr& m) {
        if (m.object->kind == ast::NodeKind::Identifier) {
            const std::string& name = static_cast<const ast::Identifier&>(*m.object).name;
            auto it = imports.find(name);
            if (it != imports.end() && !isLocal(name)) {
                Package* p = it->second;
                if (!p) return s.error();
                auto mem = p->members.find(m.property);
                if (mem == p->members.end() && complete(p)) mem = p->members.find(m.property);
                if (mem != p->members.end()) return inst(mem->second);
                if (memberExists(p->path, m.property))
                    error(m.span.start, "no type declared for " + p->path + "." + m.property);
                return s.error();
            }
        }
        TypeId obj = infer(*m.object);
        TypeId t = s.fresh(level);
        unifyAt(s.extend(m.property, t, s.fresh(level)), obj, m.object->span.start);
        return t;
    }

    // ------------------------------------------------------------------ statements
    void assign(const std::string& name, const ast::Expr& init, bool top) {
        ++level;
        TypeId t = infer(init);
        --level;
        Scheme sc = generalize(t);
        bind(name, sc);
        if (top) topBindings.emplace_back(name, sc);
    }

    void option(const ast::OptionStmt& o) {
        if (!o.assignment) return;
        if (o.assignment->kind == ast::NodeKind::VariableAssignment) {
            const auto& va = static_cast<const ast::VariableAssignment&>(*o.assignment);
            if (const Scheme* sc = lookup(va.id->name, false)) {
                TypeId declared = inst(*sc);
                unifyAt(declared, infer(*va.init), va.init->span.start);
                return;
            }
            assign(va.id->name, *va.init, false);
            return;
        }
        const auto& ma = static_cast<const ast::MemberAssignment&>(*o.assignment);
        TypeId declared = s.error();
        if (ma.member && ma.member->object->kind == ast::NodeKind::Identifier) declared = member(*ma.member);
        unifyAt(declared, infer(*ma.init), ma.init->span.start);
    }

    void statement(const ast::Stmt& st, bool top) {
        using NK = ast::NodeKind;
        switch (st.kind) {
            case NK::VariableAssignment: {
                const auto& va = static_cast<const ast::VariableAssignment&>(st);
                assign(va.id->name, *va.init, top);
                return;
            }
            case NK::OptionStmt: option(static_cast<const ast::OptionStmt&>(st)); return;
            case NK::ExpressionStmt: infer(*static_cast<const ast::ExpressionStmt&>(st).expression); return;
            case NK::ReturnStmt: {
                const auto& r = static_cast<const ast::ReturnStmt&>(st);
                TypeId t = r.argument ? infer(*r.argument) : s.error();
                if (!returnTypes.empty()) unifyAt(returnTypes.back(), t, r.argument ? r.argument->span.start : st.span.start);
                return;
            }
            case NK::BuiltinStmt: {
                const auto& b = static_cast<const ast::BuiltinStmt&>(st);
                if (!b.type || !b.id) return;
                Scheme sc;
                TypeExprError te;
                if (!schemeFromTypeExpr(s, *b.type, level + 1, sc, te)) {
                    error(te.loc, te.message);
                    return;
                }
                bind(b.id->name, sc);
                if (top) topBindings.emplace_back(b.id->name, sc);
                return;
            }
            case NK::TestCaseStmt: {
                const auto& tc = static_cast<const ast::TestCaseStmt&>(st);
                scopes.emplace_back();
                if (tc.block) statements(tc.block->body);
                scopes.pop_back();
                return;
            }
            case NK::Block:
                scopes.emplace_back();
                statements(static_cast<const ast::Block&>(st).body);
                scopes.pop_back();
                return;
            default: return;
        }
    }

    void statements(const std::vector<ast::StmtPtr>& body) {
        for (const ast::StmtPtr& st : body) statement(*st, false);
    }

    void checkFile(const ast::File& file) {
        for (const ast::ImportDecl& imp : file.imports) {
            std::string alias = imp.alias;
            if (alias.empty()) {
                size_t slash = imp.path.rfind('/');
                alias = slash == std::string::npos ? imp.path : imp.path.substr(slash + 1);
            }
            imports[alias] = load(imp.path);
        }
        for (const ast::StmtPtr& st : file.body) statement(*st, true);
    }
};

Checker::Checker(PackageProvider provider) : impl_(std::make_unique<Impl>(std::move(provider))) {}

Checker::Checker() {
    static const Impl base(builtinPackages());  // thread-safe, once per process
    impl_ = std::make_unique<Impl>(base);
}
Checker::~Checker() = default;

std::vector<TypeError> Checker::check(const ast::File& file) {
    std::vector<TypeError> errors;
    // A file with errors leaves no bindings behind (a REPL entry that is refused defines nothing).
    Scope savedFile = impl_->scopes[1];
    auto savedImports = impl_->imports;
    size_t savedTop = impl_->topBindings.size();
    impl_->errs = &errors;
    impl_->checkFile(file);
    impl_->errs = nullptr;
    if (!errors.empty()) {
        impl_->scopes[1] = std::move(savedFile);
        impl_->imports = std::move(savedImports);
        impl_->topBindings.resize(savedTop);
    }
    std::stable_sort(errors.begin(), errors.end(), [](const TypeError& a, const TypeError& b) {
        return a.loc.line != b.loc.line ? a.loc.line < b.loc.line : a.loc.col < b.loc.col;
    });
    return errors;
}

std::vector<std::pair<std::string, std::string>> Checker::bindingTypes() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& [name, sc] : impl_->topBindings) {
        Printer p(impl_->s);
        out.emplace_back(name, p.printScheme(sc.type));
    }
    return out;
}

std::string Checker::typeOf(const ast::Expr& expr, std::vector<TypeError>& errors) {
    impl_->errs = &errors;
    impl_->reportUndefined = true;
    ++impl_->level;
    TypeId t = impl_->infer(expr);
    --impl_->level;
    impl_->reportUndefined = false;
    impl_->errs = nullptr;
    Printer p(impl_->s);
    return p.printScheme(t);
}

std::string Checker::memberType(const std::string& importPath, const std::string& name) {
    Package* p = impl_->load(importPath);
    if (!p) return "";
    auto it = p->members.find(name);
    if (it == p->members.end() && impl_->complete(p)) it = p->members.find(name);
    if (it == p->members.end()) return "";
    Printer printer(impl_->s);
    return printer.printScheme(it->second.type);
}

const std::vector<std::string>& Checker::packageProblems() const { return impl_->problems; }

}  // namespace fluxi::types
