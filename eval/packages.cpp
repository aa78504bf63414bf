// Packages, the universe and options. Registered builtins (eval/builtin.h) are turned into
// function values once per process; each interpreter builds the packages it imports from them
// (plus the package's Flux sources, parsed and resolved once per process) so that `option`
// statements in one run never leak into another.
#include <cctype>
#include <chrono>
#include <mutex>
#include <set>

#include "eval/interpreter.h"
#include "eval/resolver.h"
#include "eval/service_packages.h"
#include "parser/parser.h"

namespace fluxi {

namespace {

struct PackageTemplate {
    std::vector<std::pair<std::string, Value>> natives;  // builtin function values
    std::vector<const ValueRegistration*> values;        // constants and options, made per interpreter
    std::vector<const char*> sourceTexts;                // Flux parts of the package
    std::vector<std::shared_ptr<ast::File>> sources;     // the same, parsed on first import
    // Resolution of the Flux sources happens once (it writes slots into the shared AST); the
    // order of the globals it created is replayed by later interpreters.
    std::once_flag resolvedOnce;
    std::vector<std::string> globalOrder;
    std::string resolveError;
    // Universe only: each source is parsed when a script first uses a name it defines. The names
    // come from a scan of the source's top-level assignments (see topLevelNames).
    struct LazySource {
        std::vector<std::string> names;
        std::once_flag once;
        std::shared_ptr<ast::File> file;
        std::string error;
    };
    std::vector<std::unique_ptr<LazySource>> lazy;
};

// Names assigned at the top level of a package source: lines that start (in column 1) with an
// identifier followed by `=` (not `==`). Package sources are written in that style; a name the
// scan misses is caught when the source is resolved (see loadUniverseSource).
std::vector<std::string> topLevelNames(const char* text) {
    std::vector<std::string> out;
    const char* p = text;
    while (*p) {
        const char* line = p;
        while (*p && *p != '\n') p++;
        const char* end = p;
        if (*p) p++;
        const char* q = line;
        if (!(std::isalpha(static_cast<unsigned char>(*q)) || *q == '_')) continue;
        while (q < end && (std::isalnum(static_cast<unsigned char>(*q)) || *q == '_')) q++;
        std::string name(line, q);
        while (q < end && (*q == ' ' || *q == '\t')) q++;
        if (q < end && *q == '=' && (q + 1 >= end || q[1] != '=') && name != "option" && name != "builtin" &&
            name != "import" && name != "package")
            out.push_back(std::move(name));
    }
    return out;
}

std::map<std::string, PackageTemplate, std::less<>>& templates() {
    static std::map<std::string, PackageTemplate, std::less<>> t = [] {
        std::map<std::string, PackageTemplate, std::less<>> m;
        auto& reg = Registry::instance();
        for (auto& b : reg.builtins) {
            auto fn = make<BuiltinFunction>();
            fn->name = b.name;
            fn->package = b.package;
            fn->params = parseSignature(b.signature);
            for (size_t i = 0; i < fn->params.size(); i++)
                if (fn->params[i].pipe) fn->pipeIndex = static_cast<int>(i);
            fn->impl = b.impl;
            m[b.package].natives.emplace_back(b.name, Value::function(fn));
        }
        for (auto& v : reg.values) m[v.package].values.push_back(&v);
        for (auto& s : reg.sources) m[s.package].sourceTexts.push_back(s.source);
        auto u = m.find("universe");
        if (u != m.end())
            for (const char* text : u->second.sourceTexts) {
                auto l = std::make_unique<PackageTemplate::LazySource>();
                l->names = topLevelNames(text);
                u->second.lazy.push_back(std::move(l));
            }
        return m;
    }();
    return t;
}

std::mutex& resolveMutex() {
    static std::mutex m;
    return m;
}

}  // namespace

void Interpreter::ensureUniverse() {
    if (universe_) return;
    universe_ = buildPackage("universe");
}

void Interpreter::addHostBuiltin(const std::string& package, Ref<BuiltinFunction> fn) {
    hostBuiltins_[package].push_back(std::move(fn));
}

std::shared_ptr<Module> Interpreter::buildPackage(const std::string& path) {
    auto& all = templates();
    auto tIt = all.find(path);
    auto hIt = hostBuiltins_.find(path);
    if (tIt == all.end() && hIt == hostBuiltins_.end()) return nullptr;
    auto m = newModule(path);
    packages_[path] = m;
    if (path == "universe") universe_ = m;
    if (tIt != all.end()) {
        PackageTemplate& t = tIt->second;
        for (auto& [name, v] : t.natives) m->set(m->slotFor(name), v);
        for (auto* v : t.values) m->set(m->slotFor(v->name), v->make());
        if (path == "universe") {
            // Declared now, defined when first used (loadUniverseSource).
            for (size_t i = 0; i < t.lazy.size(); i++)
                for (auto& n : t.lazy[i]->names) {
                    uint32_t slot = m->slotFor(n);
                    if (lazyUniverseSource_.size() <= slot) lazyUniverseSource_.resize(slot + 1, -1);
                    lazyUniverseSource_[slot] = static_cast<int>(i);
                }
            universeSourceLoaded_.assign(t.lazy.size(), false);
        } else if (!t.sourceTexts.empty()) {
            const Module* uni = path == "universe" ? nullptr : universe_.get();
            {
                // Parsed and resolved once per process, on the first import (a script pays only for
                // the packages it uses).
                std::lock_guard<std::mutex> lock(resolveMutex());
                std::call_once(t.resolvedOnce, [&] {
                    for (const char* text : t.sourceTexts) {
                        auto parsed = parseFlux(text, "<builtin " + path + ">");
                        if (!parsed.ok()) {
                            auto& e = parsed.errors.front();
                            t.resolveError = formatDiagnostic(parsed.file->name, text, e.loc, e.message);
                            return;
                        }
                        t.sources.push_back(std::shared_ptr<ast::File>(std::move(parsed.file)));
                    }
                    for (auto& f : t.sources) {
                        auto errs = resolveFile(*f, {}, *m, uni);
                        if (!errs.empty() && t.resolveError.empty())
                            t.resolveError = f->name + ":" + std::to_string(errs[0].loc.line) + ":" +
                                             std::to_string(errs[0].loc.col) + ": " + errs[0].message;
                    }
                    t.globalOrder = m->globalNames;
                });
            }
            if (!t.resolveError.empty()) throw FluxError(ErrorCode::Internal, "internal error in package " + path + ": " + t.resolveError);
            for (auto& n : t.globalOrder) m->slotFor(n);
            for (auto& f : t.sources) evalFileWith(f, {}, m, /*resolve=*/false);
        }
    }
    if (hIt != hostBuiltins_.end())
        for (auto& fn : hIt->second) m->set(m->slotFor(fn->name), Value::function(fn));
    return m;
}

bool Interpreter::loadUniverseSource(uint32_t slot) {
    if (slot >= lazyUniverseSource_.size() || lazyUniverseSource_[slot] < 0) return false;
    size_t i = static_cast<size_t>(lazyUniverseSource_[slot]);
    if (universeSourceLoaded_[i]) return false;
    universeSourceLoaded_[i] = true;
    PackageTemplate& t = templates().find("universe")->second;
    PackageTemplate::LazySource& l = *t.lazy[i];
    {
        std::lock_guard<std::mutex> lock(resolveMutex());
        std::call_once(l.once, [&] {
            const char* text = t.sourceTexts[i];
            auto parsed = parseFlux(text, "<builtin universe>");
            if (!parsed.ok()) {
                auto& e = parsed.errors.front();
                l.error = formatDiagnostic(parsed.file->name, text, e.loc, e.message);
                return;
            }
            l.file = std::shared_ptr<ast::File>(std::move(parsed.file));
            size_t before = universe_->globals.size();
            auto errs = resolveFile(*l.file, {}, *universe_, nullptr);
            if (!errs.empty())
                l.error = l.file->name + ":" + std::to_string(errs[0].loc.line) + ":" + std::to_string(errs[0].loc.col) +
                          ": " + errs[0].message;
            else if (universe_->globals.size() != before)
                l.error = "defines " + universe_->globalNames[before] + " in a way the name scan does not see";
        });
    }
    if (!l.error.empty()) throw FluxError(ErrorCode::Internal, "internal error in the universe package: " + l.error);
    evalFileWith(l.file, {}, universe_, /*resolve=*/false);
    return true;
}

Value Interpreter::packageRecord(const Module& m) {
    auto rec = make<RecordObj>();
    rec->packagePath = m.name;
    for (uint32_t slot : m.exported) rec->fields.emplace_back(m.globalNames[slot], m.globals[slot]);
    return Value::record(rec);
}

Value Interpreter::importPackage(const std::string& path, const std::string* file, const ast::Node* site) {
    auto cached = packageValues_.find(path);
    if (cached != packageValues_.end()) return cached->second;
    ensureUniverse();
    static thread_local std::set<std::string> building;
    if (building.count(path))
        throw FluxError("import cycle through package \"" + path + "\"", file ? *file : "", site ? site->span.start : ast::SourceLoc{});
    building.insert(path);
    std::shared_ptr<Module> m;
    try {
        m = buildPackage(path);
    } catch (...) {
        building.erase(path);
        throw;
    }
    building.erase(path);
    if (!m) {
        // A package the host created with setOption (Engine::setOption("myapp", ...)): its options
        // are its members.
        auto hostOptions = options_.find(path);
        if (hostOptions != options_.end() && !path.empty()) {
            m = newModule(path);
            for (auto& [name, v] : hostOptions->second) {
                const uint32_t slot = m->slotFor(name);
                m->set(slot, v);
                m->exported.push_back(slot);
            }
            Value rec = packageRecord(*m);
            packageValues_[path] = rec;
            return rec;
        }
    }
    if (!m)
        throw FluxError(outsideServiceOf(path) ? ErrorCode::Unimplemented : ErrorCode::NotFound, missingPackageMessage(path),
                        file ? *file : "",
                        site ? site->span.start : ast::SourceLoc{});
    // Options the host set before the import apply to the package's own globals too.
    auto o = options_.find(path);
    if (o != options_.end())
        for (auto& [name, v] : o->second) m->set(m->slotFor(name), v);
    Value rec = packageRecord(*m);
    packageValues_[path] = rec;
    return rec;
}

Value Interpreter::option(std::string_view package, std::string_view name) {
    auto o = options_.find(package);
    if (o != options_.end()) {
        auto v = o->second.find(name);
        if (v != o->second.end()) return v->second;
    }
    ensureUniverse();
    auto p = packages_.find(package);
    if (p == packages_.end()) {
        if (package.empty()) return Value::null();
        buildPackage(std::string(package));
        p = packages_.find(package);
        if (p == packages_.end()) return Value::null();
    }
    const Value* v = p->second->lookup(name);
    return v ? *v : Value::null();
}

void Interpreter::setOption(const std::string& package, const std::string& name, Value v) {
    options_[package][name] = v;
    if (package == "universe") {
        ensureUniverse();
        universe_->set(universe_->slotFor(name), std::move(v));
    }
}

int64_t Interpreter::now() {
    Value fn = option("universe", "now");
    if (fn.is(Kind::Function)) {
        Value t = callNamed(fn, {}, nullptr, nullptr);
        if (t.is(Kind::Time)) return t.asTime();
        throw FluxError(std::string("option now must return a time, got ") + kindName(t.kind()));
    }
    if (!exec_.now) {
        exec_.now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                        std::chrono::system_clock::now().time_since_epoch())
                        .count();
    }
    return *exec_.now;
}

namespace {

// Calls `visit` on every expression under `e` (and `e` itself).
template <class F>
void walkExpr(const ast::Expr* e, F& visit) {
    if (!e) return;
    visit(e);
    using K = ast::NodeKind;
    switch (e->kind) {
        case K::StringLit:
            for (auto& p : static_cast<const ast::StringLit*>(e)->parts) walkExpr(p.expr.get(), visit);
            break;
        case K::ArrayExpr:
            for (auto& x : static_cast<const ast::ArrayExpr*>(e)->elements) walkExpr(x.get(), visit);
            break;
        case K::RecordExpr: {
            auto* r = static_cast<const ast::RecordExpr*>(e);
            walkExpr(r->with.get(), visit);
            for (auto& p : r->properties) walkExpr(p.value.get(), visit);
            break;
        }
        case K::DictExpr:
            for (auto& en : static_cast<const ast::DictExpr*>(e)->entries) {
                walkExpr(en.key.get(), visit);
                walkExpr(en.value.get(), visit);
            }
            break;
        case K::FunctionExpr: {
            auto* f = static_cast<const ast::FunctionExpr*>(e);
            for (auto& p : f->params) walkExpr(p.defaultValue.get(), visit);
            walkExpr(f->bodyExpr.get(), visit);
            if (f->block)
                for (auto& st : f->block->body) {
                    if (st->kind == K::VariableAssignment)
                        walkExpr(static_cast<const ast::VariableAssignment*>(st.get())->init.get(), visit);
                    else if (st->kind == K::ReturnStmt)
                        walkExpr(static_cast<const ast::ReturnStmt*>(st.get())->argument.get(), visit);
                    else if (st->kind == K::ExpressionStmt)
                        walkExpr(static_cast<const ast::ExpressionStmt*>(st.get())->expression.get(), visit);
                }
            break;
        }
        case K::CallExpr: {
            auto* c = static_cast<const ast::CallExpr*>(e);
            walkExpr(c->callee.get(), visit);
            if (c->args) walkExpr(c->args.get(), visit);
            break;
        }
        case K::PipeExpr: {
            auto* p = static_cast<const ast::PipeExpr*>(e);
            walkExpr(p->argument.get(), visit);
            walkExpr(p->call.get(), visit);
            break;
        }
        case K::MemberExpr: walkExpr(static_cast<const ast::MemberExpr*>(e)->object.get(), visit); break;
        case K::IndexExpr:
            walkExpr(static_cast<const ast::IndexExpr*>(e)->object.get(), visit);
            walkExpr(static_cast<const ast::IndexExpr*>(e)->index.get(), visit);
            break;
        case K::UnaryExpr: walkExpr(static_cast<const ast::UnaryExpr*>(e)->argument.get(), visit); break;
        case K::BinaryExpr:
            walkExpr(static_cast<const ast::BinaryExpr*>(e)->left.get(), visit);
            walkExpr(static_cast<const ast::BinaryExpr*>(e)->right.get(), visit);
            break;
        case K::LogicalExpr:
            walkExpr(static_cast<const ast::LogicalExpr*>(e)->left.get(), visit);
            walkExpr(static_cast<const ast::LogicalExpr*>(e)->right.get(), visit);
            break;
        case K::ConditionalExpr: {
            auto* c = static_cast<const ast::ConditionalExpr*>(e);
            walkExpr(c->test.get(), visit);
            walkExpr(c->consequent.get(), visit);
            walkExpr(c->alternate.get(), visit);
            break;
        }
        default: break;
    }
}

}  // namespace

std::vector<Interpreter::Problem> Interpreter::check(ast::File& file) {
    ensureUniverse();
    auto m = newModule(file.name);
    std::vector<Problem> out;
    std::map<std::string, const ast::ImportDecl*> imports;  // bound name -> import
    for (auto& imp : file.imports) {
        if (templates().count(imp.path) || hostBuiltins_.count(imp.path))
            imports[importName(imp)] = &imp;
        else
            out.push_back({imp.span.start, missingPackageMessage(imp.path)});
    }
    std::vector<const ast::Stmt*> tests;  // testcase bodies are checked too
    for (auto& s : file.body)
        if (s->kind == ast::NodeKind::TestCaseStmt)
            for (auto& st : static_cast<const ast::TestCaseStmt*>(s.get())->block->body) tests.push_back(st.get());
    for (auto& e : resolveFile(file, tests, *m, universe_.get())) out.push_back({e.loc, e.message});
    // `pkg.member` where pkg names an import: the package must have that member.
    auto visit = [&](const ast::Expr* e) {
        if (e->kind != ast::NodeKind::MemberExpr) return;
        auto* me = static_cast<const ast::MemberExpr*>(e);
        if (me->object->kind != ast::NodeKind::Identifier) return;
        auto* id = static_cast<const ast::Identifier*>(me->object.get());
        if (id->res.where != ast::Resolution::Where::Global) return;
        auto it = imports.find(id->name);
        if (it == imports.end()) return;
        try {
            Value pkg = importPackage(it->second->path, &file.name, nullptr);
            if (!pkg.asRecord().find(me->property))
                out.push_back({me->span.start, "package " + it->second->path + " has no member " + me->property});
        } catch (const FluxError& err) {
            out.push_back({it->second->span.start, err.message()});
        }
    };
    std::vector<const ast::Stmt*> all;
    for (auto& s : file.body) all.push_back(s.get());
    all.insert(all.end(), tests.begin(), tests.end());
    for (const ast::Stmt* s : all) {
        switch (s->kind) {
            case ast::NodeKind::VariableAssignment:
                walkExpr(static_cast<const ast::VariableAssignment*>(s)->init.get(), visit);
                break;
            case ast::NodeKind::ExpressionStmt:
                walkExpr(static_cast<const ast::ExpressionStmt*>(s)->expression.get(), visit);
                break;
            case ast::NodeKind::OptionStmt: {
                auto* o = static_cast<const ast::OptionStmt*>(s);
                if (o->assignment->kind == ast::NodeKind::VariableAssignment)
                    walkExpr(static_cast<const ast::VariableAssignment*>(o->assignment.get())->init.get(), visit);
                else
                    walkExpr(static_cast<const ast::MemberAssignment*>(o->assignment.get())->init.get(), visit);
                break;
            }
            default: break;
        }
    }
    return out;
}

}  // namespace fluxi
