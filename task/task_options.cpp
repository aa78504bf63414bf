// Reading and validating `option task` (see task/task_options.h).
#include "task/task_options.h"

#include <set>

#include "eval/error.h"
#include "eval/execution.h"
#include "eval/interpreter.h"
#include "eval/time.h"
#include "parser/parser.h"

namespace fluxi::task {

namespace {

constexpr int64_t kMaxConcurrency = 100;
constexpr int64_t kMaxRetry = 10;

const char* const kFieldNames[] = {"name", "every", "cron", "offset", "concurrency", "retry"};

std::string position(const std::string& file, ast::SourceLoc loc) {
    std::string s = file;
    if (loc.line) s += ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
    return s;
}

class Validator {
public:
    explicit Validator(const OptionSite& site) : site_(site) {}

    [[noreturn]] void fail(const std::string& field, const std::string& why) const {
        ast::SourceLoc loc = site_.statement;
        if (!field.empty()) {
            auto it = site_.fields.find(field);
            if (it != site_.fields.end()) loc = it->second;
        }
        throw TaskOptionError(position(site_.file, loc) + ": error: option task: " + why, loc, "option task: " + why);
    }

    const Value* get(const RecordObj& r, const char* field, Kind kind, const char* expected) const {
        const Value* v = r.find(field);
        if (!v || v->isNull()) return nullptr;
        if (!v->is(kind))
            fail(field, std::string(field) + " must be " + expected + ", got " + kindName(v->kind()));
        return v;
    }

    // A duration without months, in ns.
    int64_t plainDuration(const Value& v, const char* field) const {
        Duration d = v.asDuration();
        if (d.months != 0)
            fail(field, std::string(field) + " must not use months or years (mo, y): their length varies" +
                            (std::string(field) == "every" ? "; use cron instead, e.g. cron: \"0 0 1 * *\" for monthly"
                                                           : ""));
        return d.nanos;
    }

private:
    const OptionSite& site_;
};

// True when evaluating `e` may call a function (a call or a pipe anywhere outside a function body).
bool mayCall(const ast::Expr* e) {
    using ast::NodeKind;
    if (!e) return false;
    switch (e->kind) {
        case NodeKind::CallExpr:
        case NodeKind::PipeExpr: return true;
        case NodeKind::StringLit:
            for (auto& p : static_cast<const ast::StringLit*>(e)->parts)
                if (mayCall(p.expr.get())) return true;
            return false;
        case NodeKind::ArrayExpr:
            for (auto& el : static_cast<const ast::ArrayExpr*>(e)->elements)
                if (mayCall(el.get())) return true;
            return false;
        case NodeKind::RecordExpr: {
            auto* r = static_cast<const ast::RecordExpr*>(e);
            if (mayCall(r->with.get())) return true;
            for (auto& p : r->properties)
                if (mayCall(p.value.get())) return true;
            return false;
        }
        case NodeKind::DictExpr:
            for (auto& en : static_cast<const ast::DictExpr*>(e)->entries)
                if (mayCall(en.key.get()) || mayCall(en.value.get())) return true;
            return false;
        case NodeKind::MemberExpr: return mayCall(static_cast<const ast::MemberExpr*>(e)->object.get());
        case NodeKind::IndexExpr: {
            auto* ix = static_cast<const ast::IndexExpr*>(e);
            return mayCall(ix->object.get()) || mayCall(ix->index.get());
        }
        case NodeKind::UnaryExpr: return mayCall(static_cast<const ast::UnaryExpr*>(e)->argument.get());
        case NodeKind::BinaryExpr: {
            auto* b = static_cast<const ast::BinaryExpr*>(e);
            return mayCall(b->left.get()) || mayCall(b->right.get());
        }
        case NodeKind::LogicalExpr: {
            auto* l = static_cast<const ast::LogicalExpr*>(e);
            return mayCall(l->left.get()) || mayCall(l->right.get());
        }
        case NodeKind::ConditionalExpr: {
            auto* c = static_cast<const ast::ConditionalExpr*>(e);
            return mayCall(c->test.get()) || mayCall(c->consequent.get()) || mayCall(c->alternate.get());
        }
        default: return false;  // literals, identifiers, function definitions (their body does not run)
    }
}

void collectNames(const ast::Stmt* s, std::set<std::string>& out);

// Every identifier name `e` mentions, function bodies included (an over-approximation of what it
// reads: shadowing is ignored).
void collectNames(const ast::Expr* e, std::set<std::string>& out) {
    using ast::NodeKind;
    if (!e) return;
    switch (e->kind) {
        case NodeKind::Identifier: out.insert(static_cast<const ast::Identifier*>(e)->name); return;
        case NodeKind::StringLit:
            for (auto& p : static_cast<const ast::StringLit*>(e)->parts) collectNames(p.expr.get(), out);
            return;
        case NodeKind::ArrayExpr:
            for (auto& el : static_cast<const ast::ArrayExpr*>(e)->elements) collectNames(el.get(), out);
            return;
        case NodeKind::RecordExpr: {
            auto* r = static_cast<const ast::RecordExpr*>(e);
            collectNames(r->with.get(), out);
            for (auto& p : r->properties) {
                if (p.value) collectNames(p.value.get(), out);
                else out.insert(p.key);  // shorthand {a}
            }
            return;
        }
        case NodeKind::DictExpr:
            for (auto& en : static_cast<const ast::DictExpr*>(e)->entries) {
                collectNames(en.key.get(), out);
                collectNames(en.value.get(), out);
            }
            return;
        case NodeKind::FunctionExpr: {
            auto* f = static_cast<const ast::FunctionExpr*>(e);
            for (auto& p : f->params) collectNames(p.defaultValue.get(), out);
            collectNames(f->bodyExpr.get(), out);
            if (f->block) collectNames(f->block.get(), out);
            return;
        }
        case NodeKind::CallExpr: {
            auto* c = static_cast<const ast::CallExpr*>(e);
            collectNames(c->callee.get(), out);
            collectNames(c->args.get(), out);
            return;
        }
        case NodeKind::PipeExpr: {
            auto* p = static_cast<const ast::PipeExpr*>(e);
            collectNames(p->argument.get(), out);
            collectNames(p->call.get(), out);
            return;
        }
        case NodeKind::MemberExpr: collectNames(static_cast<const ast::MemberExpr*>(e)->object.get(), out); return;
        case NodeKind::IndexExpr: {
            auto* ix = static_cast<const ast::IndexExpr*>(e);
            collectNames(ix->object.get(), out);
            collectNames(ix->index.get(), out);
            return;
        }
        case NodeKind::UnaryExpr: collectNames(static_cast<const ast::UnaryExpr*>(e)->argument.get(), out); return;
        case NodeKind::BinaryExpr: {
            auto* b = static_cast<const ast::BinaryExpr*>(e);
            collectNames(b->left.get(), out);
            collectNames(b->right.get(), out);
            return;
        }
        case NodeKind::LogicalExpr: {
            auto* l = static_cast<const ast::LogicalExpr*>(e);
            collectNames(l->left.get(), out);
            collectNames(l->right.get(), out);
            return;
        }
        case NodeKind::ConditionalExpr: {
            auto* c = static_cast<const ast::ConditionalExpr*>(e);
            collectNames(c->test.get(), out);
            collectNames(c->consequent.get(), out);
            collectNames(c->alternate.get(), out);
            return;
        }
        default: return;  // literals
    }
}

void collectNames(const ast::Stmt* s, std::set<std::string>& out) {
    using ast::NodeKind;
    if (!s) return;
    switch (s->kind) {
        case NodeKind::VariableAssignment:
            collectNames(static_cast<const ast::VariableAssignment*>(s)->init.get(), out);
            return;
        case NodeKind::MemberAssignment: {
            auto* m = static_cast<const ast::MemberAssignment*>(s);
            collectNames(m->member.get(), out);
            collectNames(m->init.get(), out);
            return;
        }
        case NodeKind::OptionStmt: collectNames(static_cast<const ast::OptionStmt*>(s)->assignment.get(), out); return;
        case NodeKind::ReturnStmt: collectNames(static_cast<const ast::ReturnStmt*>(s)->argument.get(), out); return;
        case NodeKind::ExpressionStmt:
            collectNames(static_cast<const ast::ExpressionStmt*>(s)->expression.get(), out);
            return;
        case NodeKind::Block:
            for (auto& st : static_cast<const ast::Block*>(s)->body) collectNames(st.get(), out);
            return;
        default: return;
    }
}

// The name an import binds: its alias, else the last element of its path.
std::string importedName(const ast::ImportDecl& imp) {
    if (!imp.alias.empty()) return imp.alias;
    size_t slash = imp.path.rfind('/');
    return slash == std::string::npos ? imp.path : imp.path.substr(slash + 1);
}

// `option task = ...` (not `option pkg.task = ...`).
const ast::VariableAssignment* taskAssignment(const ast::Stmt& s) {
    if (s.kind != ast::NodeKind::OptionStmt) return nullptr;
    auto& opt = static_cast<const ast::OptionStmt&>(s);
    if (!opt.assignment || opt.assignment->kind != ast::NodeKind::VariableAssignment) return nullptr;
    auto* a = static_cast<const ast::VariableAssignment*>(opt.assignment.get());
    return a->id && a->id->name == "task" ? a : nullptr;
}

// The right-hand side of an assignment or option statement, or null for other statements.
const ast::Expr* initOf(const ast::Stmt& s) {
    if (s.kind == ast::NodeKind::VariableAssignment) return static_cast<const ast::VariableAssignment&>(s).init.get();
    if (s.kind == ast::NodeKind::OptionStmt) {
        auto& opt = static_cast<const ast::OptionStmt&>(s);
        if (!opt.assignment) return nullptr;
        if (opt.assignment->kind == ast::NodeKind::VariableAssignment)
            return static_cast<const ast::VariableAssignment*>(opt.assignment.get())->init.get();
        if (opt.assignment->kind == ast::NodeKind::MemberAssignment)
            return static_cast<const ast::MemberAssignment*>(opt.assignment.get())->init.get();
    }
    return nullptr;
}

}  // namespace

TaskOptions taskOptionsFromValue(const Value& v, const OptionSite& site) {
    Validator val(site);
    if (!v.is(Kind::Record))
        val.fail("", std::string("must be a record such as {name: \"my_task\", every: 1h}, got ") + kindName(v.kind()));
    const RecordObj& r = v.asRecord();
    for (auto& [key, _] : r.fields) {
        bool known = false;
        for (const char* n : kFieldNames)
            if (key == n) known = true;
        if (!known)
            val.fail(key, "unknown field " + key + " (valid fields: name, every, cron, offset, concurrency, retry)");
    }

    TaskOptions o;
    const Value* name = val.get(r, "name", Kind::String, "a string");
    if (!name) val.fail("", "name is required, e.g. {name: \"my_task\", every: 1h}");
    o.name = name->asString();
    if (o.name.empty()) val.fail("name", "name must not be empty");

    const Value* every = val.get(r, "every", Kind::Duration, "a duration such as 1h");
    const Value* cron = val.get(r, "cron", Kind::String, "a string such as \"0 * * * *\"");
    if (every && cron) val.fail("cron", "every and cron are mutually exclusive: give only one of them");
    if (!every && !cron) val.fail("", "a schedule is required: every (a duration such as 1h) or cron (a string)");
    if (every) {
        int64_t ns = val.plainDuration(*every, "every");
        if (ns < kNanosPerSecond)
            val.fail("every", "every must be at least 1s, got " + formatDuration(every->asDuration()));
        if (ns % kNanosPerSecond != 0)
            val.fail("every", "every must be a whole number of seconds, got " + formatDuration(every->asDuration()));
        o.every = ns;
    } else {
        try {
            o.cron = CronExpr::parse(cron->asString());
        } catch (const CronError& e) {
            val.fail("cron", e.what());
        }
    }
    if (const Value* off = val.get(r, "offset", Kind::Duration, "a duration such as 5m")) {
        o.offset = val.plainDuration(*off, "offset");
        if (o.offset < 0) val.fail("offset", "offset must not be negative, got " + formatDuration(off->asDuration()));
    }
    if (const Value* c = val.get(r, "concurrency", Kind::Int, "an integer")) {
        o.concurrency = c->asInt();
        if (o.concurrency < 1 || o.concurrency > kMaxConcurrency)
            val.fail("concurrency", "concurrency must be between 1 and " + std::to_string(kMaxConcurrency) + ", got " +
                                        std::to_string(o.concurrency));
    }
    if (const Value* rt = val.get(r, "retry", Kind::Int, "an integer")) {
        o.retry = rt->asInt();
        if (o.retry < 0 || o.retry > kMaxRetry)
            val.fail("retry", "retry must be between 0 and " + std::to_string(kMaxRetry) + ", got " +
                                  std::to_string(o.retry));
    }
    return o;
}

TaskOptions readTaskOptions(const std::string& source, const std::string& fileName) {
    ParseResult parsed = parseFlux(source, fileName);
    if (!parsed.ok()) {
        std::string msg;
        for (auto& e : parsed.errors) msg += formatDiagnostic(fileName, source, e.loc, e.message);
        throw TaskOptionError(msg);
    }
    ast::File& file = *parsed.file;

    // Find the statement; a task has exactly one.
    size_t index = file.body.size();
    for (size_t i = 0; i < file.body.size(); i++) {
        if (!taskAssignment(*file.body[i])) continue;
        if (index != file.body.size()) {
            std::string why = "option task is set twice (first at line " +
                              std::to_string(file.body[index]->span.start.line) + ")";
            throw TaskOptionError(position(fileName, file.body[i]->span.start) + ": error: " + why,
                                  file.body[i]->span.start, why);
        }
        index = i;
    }
    if (index == file.body.size())
        throw TaskOptionError(fileName +
                              ": error: not a task: the script has no `option task = {...}` statement "
                              "(e.g. option task = {name: \"my_task\", every: 1h})");

    OptionSite site;
    site.file = fileName;
    site.statement = file.body[index]->span.start;
    const ast::Expr* init = taskAssignment(*file.body[index])->init.get();
    if (init && init->kind == ast::NodeKind::RecordExpr)
        for (auto& p : static_cast<const ast::RecordExpr*>(init)->properties) site.fields[p.key] = p.span.start;

    // A file of the earlier call-free assignments and options, the task option, and the imports
    // they mention (so packages only the query uses, e.g. a host application's, are not loaded).
    auto slim = std::make_shared<ast::File>();
    slim->name = file.name.empty() ? fileName : file.name;
    slim->source = source;
    slim->package = std::move(file.package);
    for (size_t i = 0; i < index; i++) {
        ast::Stmt& s = *file.body[i];
        if (s.kind != ast::NodeKind::VariableAssignment && s.kind != ast::NodeKind::OptionStmt) continue;
        if (mayCall(initOf(s))) continue;
        slim->body.push_back(std::move(file.body[i]));
    }
    slim->body.push_back(std::move(file.body[index]));
    std::set<std::string> names;
    for (auto& s : slim->body) collectNames(s.get(), names);
    for (auto& imp : file.imports)
        if (names.count(importedName(imp))) slim->imports.push_back(std::move(imp));

    Value v;
    try {
        Execution exec;
        Interpreter interp(exec);
        auto module = interp.newModule(fileName);
        interp.evalFile(slim, module);
        v = interp.option("", "task");
    } catch (const FluxError& e) {
        throw TaskOptionError(e.format(e.file() == fileName ? &source : nullptr),
                              e.hasLocation() && e.file() == fileName ? e.loc() : site.statement,
                              "option task: " + e.message());
    } catch (const std::exception& e) {
        throw TaskOptionError(position(fileName, site.statement) + ": error: option task: " + e.what(),
                              site.statement, std::string("option task: ") + e.what());
    }
    return taskOptionsFromValue(v, site);
}

bool hasTaskOption(const ast::File& file) {
    for (const ast::StmtPtr& s : file.body)
        if (taskAssignment(*s)) return true;
    return false;
}

}  // namespace fluxi::task
