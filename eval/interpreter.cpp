// The evaluator: statements, expressions, closures and calls (see interpreter.h). Packages, the
// universe and options are in eval/packages.cpp; operators in eval/operators.cpp.
#include "eval/interpreter.h"
#include "eval/time.h"

#include <pthread.h>

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <new>

#include "eval/compare.h"
#include "eval/limits.h"
#include "eval/value_text.h"
#include "eval/operators.h"
#include "eval/regex.h"
#include "eval/resolver.h"
#include "eval/stream.h"

namespace fluxi {

using ast::NodeKind;
using Where = ast::Resolution::Where;

namespace {

constexpr int kMaxCallDepth = 2000;

// The call count alone does not bound the C++ stack: a call costs more stack when its body nests
// expressions deeply or goes through builtins (array.map, ...), and much more in sanitizer builds.
// So calls are also refused when less than a reserve of this thread's stack is left; the reserve
// covers what runs between two calls (expression nesting, a builtin's own work, error unwinding).
const char* lowestUsableStack() {
    size_t size = 0;
    void* low = nullptr;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0) return nullptr;
    if (pthread_attr_getstack(&attr, &low, &size) != 0) low = nullptr;
    pthread_attr_destroy(&attr);
    if (!low) return nullptr;
    size_t reserve = std::max<size_t>(size / 4, 256 * 1024);
    if (reserve >= size) return nullptr;
    return static_cast<const char*>(low) + reserve;
}

bool stackNearlyExhausted() {
    thread_local const char* limit = lowestUsableStack();  // stacks grow down on every supported target
    return limit && static_cast<const char*>(__builtin_frame_address(0)) < limit;
}

// A small array of values on the C++ stack for call frames and argument lists; spills to the
// heap only for unusually large ones.
// Only the n values asked for are constructed (calls are hot: most take one or two arguments).
template <size_t N>
class SlotBuffer {
public:
    explicit SlotBuffer(size_t n) : n_(n) {
        if (n > N) {
            heap_ = std::make_unique<Value[]>(n);
            data_ = heap_.get();
            return;
        }
        data_ = reinterpret_cast<Value*>(inline_);
        for (size_t i = 0; i < n; i++) new (&data_[i]) Value();
    }
    ~SlotBuffer() {
        if (!heap_)
            for (size_t i = 0; i < n_; i++) data_[i].~Value();
    }
    SlotBuffer(const SlotBuffer&) = delete;
    SlotBuffer& operator=(const SlotBuffer&) = delete;
    Value* data() { return data_; }

private:
    alignas(Value) unsigned char inline_[N * sizeof(Value)];
    std::unique_ptr<Value[]> heap_;
    Value* data_;
    size_t n_;
};

[[noreturn]] void failAt(const Interpreter::Frame& f, const ast::Node& n, std::string msg,
                         ErrorCode code = ErrorCode::Invalid) {
    throw FluxError(code, std::move(msg), f.file ? *f.file : std::string(), n.span.start);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Module

uint32_t Module::slotFor(const std::string& n) {
    auto it = globalIndex.find(n);
    if (it != globalIndex.end()) return it->second;
    uint32_t slot = static_cast<uint32_t>(globals.size());
    globals.emplace_back();
    defined.push_back(0);
    globalNames.push_back(n);
    globalIndex.emplace(n, slot);
    return slot;
}

void Module::set(uint32_t slot, Value v) {
    if (!defined[slot]) exported.push_back(slot);
    globals[slot] = std::move(v);
    defined[slot] = 1;
}

const Value* Module::lookup(std::string_view n) const {
    auto it = globalIndex.find(std::string(n));
    if (it == globalIndex.end() || !defined[it->second]) return nullptr;
    return &globals[it->second];
}

// ---------------------------------------------------------------------------------------------
// Files and statements

Interpreter::Interpreter(Execution& exec) : exec_(exec) {}
// A closure keeps its module alive (for the AST and the globals it reads) and the module's globals
// hold its closures, so every module defining a function is a reference cycle. No Flux code runs
// once the interpreter is gone, so its modules' globals are emptied (and marked undefined) here;
// that breaks the cycles. A closure that escaped (a function value handed to the host) keeps its
// module and AST alive, so it can still be printed, but the globals it read are gone: anything that
// looks at them (e.g. store push-down) must do so during the run.
Interpreter::~Interpreter() {
    for (auto& weak : modules_) {
        std::shared_ptr<Module> m = weak.lock();
        if (!m) continue;
        for (size_t i = 0; i < m->globals.size(); ++i) {
            m->defined[i] = 0;
            Value released = std::move(m->globals[i]);  // leaves the slot null; released at the scope end
        }
    }
}

std::shared_ptr<Module> Interpreter::newModule(std::string name) {
    auto m = std::make_shared<Module>();
    m->name = std::move(name);
    modules_.push_back(m);
    return m;
}

std::vector<Value> Interpreter::evalFile(std::shared_ptr<ast::File> file, const std::shared_ptr<Module>& module) {
    return evalFileWith(std::move(file), {}, module);
}

std::vector<Value> Interpreter::evalFileWith(std::shared_ptr<ast::File> file, const std::vector<const ast::Stmt*>& extra,
                                             const std::shared_ptr<Module>& module, bool resolve) {
    ensureUniverse();
    module->files.push_back(file);
    if (file->package) module->packageName = file->package->name;
    if (resolve) {
        auto errors = resolveFile(*file, extra, *module, module.get() == universe_.get() ? nullptr : universe_.get());
        if (!errors.empty()) throw FluxError(errors.front().message, file->name, errors.front().loc);
    }
    Frame top{nullptr, nullptr, module.get(), &file->name};
    for (auto& imp : file->imports) {
        ast::Node site(NodeKind::Identifier);
        site.span = imp.span;
        Value pkg = importPackage(imp.path, &file->name, &site);
        module->set(module->slotFor(importName(imp)), pkg);
    }
    std::vector<const ast::Stmt*> stmts;
    for (auto& s : file->body) stmts.push_back(s.get());
    stmts.insert(stmts.end(), extra.begin(), extra.end());
    std::vector<Value> out;
    execStatements(stmts, top, &out);
    return out;
}

void Interpreter::execStatements(const std::vector<const ast::Stmt*>& stmts, Frame& f, std::vector<Value>* out) {
    for (const ast::Stmt* s : stmts) {
        try {
            execStatement(s, f, out);
        } catch (FluxError& e) {
            // Errors raised where no position is known (limits noticed outside any call) take the
            // statement's.
            e.setLocationIfUnset(f.file ? *f.file : std::string(), s->span.start);
            throw;
        } catch (const std::bad_alloc&) {
            limits::failOutOfMemory("", f.file, s->span.start);
        }
    }
}

void Interpreter::execStatement(const ast::Stmt* s, Frame& f, std::vector<Value>* out) {
    {
        switch (s->kind) {
            case NodeKind::VariableAssignment: {
                auto* a = static_cast<const ast::VariableAssignment*>(s);
                Value v = eval(a->init.get(), f);
                if (v.is(Kind::Function) && v.asFunction().type == FunctionObj::Type::Closure &&
                    v.asFunction().name.empty())
                    const_cast<FunctionObj&>(v.asFunction()).name = a->id->name;
                f.module->set(a->id->res.index, std::move(v));
                break;
            }
            case NodeKind::OptionStmt: execOption(*static_cast<const ast::OptionStmt*>(s), f); break;
            case NodeKind::BuiltinStmt: {
                auto* b = static_cast<const ast::BuiltinStmt*>(s);
                // A builtin declared in a script is bound to the native one of its package, if any.
                const Value* native = nullptr;
                auto pkg = packages_.find(f.module->name);
                if (pkg != packages_.end()) native = pkg->second->lookup(b->id->name);
                if (!native)
                    failAt(f, *b, "builtin " + b->id->name + " has no native implementation in fluxi",
                           ErrorCode::Unimplemented);
                f.module->set(b->id->res.index, *native);
                break;
            }
            case NodeKind::ExpressionStmt: {
                Value v = eval(static_cast<const ast::ExpressionStmt*>(s)->expression.get(), f);
                if (v.is(Kind::Stream)) {
                    bool already = false;
                    for (auto& r : exec_.results)
                        if (r.stream.get() == &v.asStream()) already = true;
                    if (!already) exec_.results.push_back({"_result", v.objRef<StreamObj>()});
                }
                if (out) out->push_back(std::move(v));
                break;
            }
            case NodeKind::TestCaseStmt: break;  // run only by `fluxi test`
            case NodeKind::ReturnStmt: failAt(f, *s, "return is only allowed inside a function body");
            default: failAt(f, *s, std::string("unexpected statement ") + ast::nodeKindName(s->kind));
        }
    }
}

void Interpreter::execOption(const ast::OptionStmt& s, Frame& f) {
    if (s.assignment->kind == NodeKind::VariableAssignment) {
        auto* a = static_cast<const ast::VariableAssignment*>(s.assignment.get());
        Value v = eval(a->init.get(), f);
        if (a->id->res.where == Where::Universe) {
            universe_->set(a->id->res.index, v);
            setOption("universe", a->id->name, std::move(v));
        } else {
            setOption("", a->id->name, v);
            f.module->set(a->id->res.index, std::move(v));
        }
        return;
    }
    auto* ma = static_cast<const ast::MemberAssignment*>(s.assignment.get());
    Value v = eval(ma->init.get(), f);
    const ast::Expr* obj = ma->member->object.get();
    Value pkg = eval(obj, f);
    if (!pkg.is(Kind::Record) || pkg.asRecord().packagePath.empty())
        failAt(f, *ma, "option " + ma->member->property + ": the left side must name an imported package");
    const std::string path = pkg.asRecord().packagePath;
    setOption(path, ma->member->property, v);
    // The package as the script sees it, and the package's own globals, both see the new value.
    auto updated = make<RecordObj>(pkg.asRecord().fields);
    updated->packagePath = path;
    bool found = false;
    for (auto& [k, val] : updated->fields)
        if (k == ma->member->property) {
            val = v;
            found = true;
        }
    if (!found) failAt(f, *ma, "package " + path + " has no option " + ma->member->property);
    if (obj->kind == NodeKind::Identifier) {
        auto* id = static_cast<const ast::Identifier*>(obj);
        if (id->res.where == Where::Global) f.module->set(id->res.index, Value::record(updated));
    }
    packageValues_[path] = Value::record(updated);
    auto pm = packages_.find(path);
    if (pm != packages_.end()) {
        auto it = pm->second->globalIndex.find(ma->member->property);
        if (it != pm->second->globalIndex.end()) pm->second->set(it->second, v);
    }
}

// ---------------------------------------------------------------------------------------------
// Expressions

Value Interpreter::eval(const ast::Expr* e, Frame& f) {
    switch (e->kind) {
        case NodeKind::Identifier: return evalIdentifier(*static_cast<const ast::Identifier*>(e), f);
        case NodeKind::IntegerLit: return Value::integer(static_cast<const ast::IntegerLit*>(e)->value);
        case NodeKind::FloatLit: return Value::floating(static_cast<const ast::FloatLit*>(e)->value);
        case NodeKind::StringLit: return evalString(*static_cast<const ast::StringLit*>(e), f);
        case NodeKind::DurationLit: return evalDuration(*static_cast<const ast::DurationLit*>(e), f);
        case NodeKind::DateTimeLit: return Value::time(static_cast<const ast::DateTimeLit*>(e)->nanos);
        case NodeKind::RegexLit: return evalRegex(*static_cast<const ast::RegexLit*>(e), f);
        case NodeKind::LabelLit: return Value::string(static_cast<const ast::LabelLit*>(e)->name);
        case NodeKind::ArrayExpr: return evalArray(*static_cast<const ast::ArrayExpr*>(e), f);
        case NodeKind::RecordExpr: return evalRecord(*static_cast<const ast::RecordExpr*>(e), f);
        case NodeKind::DictExpr: return evalDict(*static_cast<const ast::DictExpr*>(e), f);
        case NodeKind::FunctionExpr: return evalFunction(*static_cast<const ast::FunctionExpr*>(e), f);
        case NodeKind::CallExpr: return evalCall(*static_cast<const ast::CallExpr*>(e), f, nullptr);
        case NodeKind::PipeExpr: {
            auto* p = static_cast<const ast::PipeExpr*>(e);
            Value in = eval(p->argument.get(), f);
            return evalCall(*p->call, f, &in);
        }
        case NodeKind::MemberExpr: return evalMember(*static_cast<const ast::MemberExpr*>(e), f);
        case NodeKind::IndexExpr: return evalIndex(*static_cast<const ast::IndexExpr*>(e), f);
        case NodeKind::UnaryExpr: return evalUnary(*static_cast<const ast::UnaryExpr*>(e), f);
        case NodeKind::BinaryExpr: return evalBinary(*static_cast<const ast::BinaryExpr*>(e), f);
        case NodeKind::LogicalExpr: return evalLogical(*static_cast<const ast::LogicalExpr*>(e), f);
        case NodeKind::ConditionalExpr: return evalConditional(*static_cast<const ast::ConditionalExpr*>(e), f);
        case NodeKind::PipeLit: failAt(f, *e, "<- can only be the default of a function parameter");
        default: failAt(f, *e, std::string("cannot evaluate ") + ast::nodeKindName(e->kind));
    }
}

Value Interpreter::evalDuration(const ast::DurationLit& lit, Frame& f) {
    Duration d;
    for (auto& p : lit.parts) {
        int64_t mult = 0;
        bool months = false;
        switch (p.unit) {
            case ast::DurationUnit::ns: mult = 1; break;
            case ast::DurationUnit::us: mult = kNanosPerMicro; break;
            case ast::DurationUnit::ms: mult = kNanosPerMilli; break;
            case ast::DurationUnit::s: mult = kNanosPerSecond; break;
            case ast::DurationUnit::m: mult = kNanosPerMinute; break;
            case ast::DurationUnit::h: mult = kNanosPerHour; break;
            case ast::DurationUnit::d: mult = kNanosPerDay; break;
            case ast::DurationUnit::w: mult = kNanosPerWeek; break;
            case ast::DurationUnit::mo: months = true, mult = 1; break;
            case ast::DurationUnit::y: months = true, mult = 12; break;
        }
        int64_t x = 0;
        bool overflow = __builtin_mul_overflow(p.magnitude, mult, &x);
        overflow = overflow || (months ? __builtin_add_overflow(d.months, x, &d.months)
                                       : __builtin_add_overflow(d.nanos, x, &d.nanos));
        if (overflow) failAt(f, lit, "duration literal is too large");
    }
    return Value::duration(d);
}

Value Interpreter::evalRegex(const ast::RegexLit& r, Frame& f) {
    // Compiled once per literal and cached on the AST node (shared by threads running the script).
    void* cached = r.cache.ptr.load(std::memory_order_acquire);
    if (!cached) {
        Ref<RegexObj> re;
        try {
            re = compileRegex(r.pattern);
        } catch (FluxError& err) {
            failAt(f, r, err.message(), err.code());
        }
        retain(re.get());
        r.cache.destroy = [](void* p) { release(static_cast<RegexObj*>(p)); };
        void* expected = nullptr;
        if (!r.cache.ptr.compare_exchange_strong(expected, re.get())) release(re.get());
        cached = r.cache.ptr.load(std::memory_order_acquire);
    }
    return Value::regexp(Ref<RegexObj>(static_cast<RegexObj*>(cached)));
}

Value Interpreter::evalArray(const ast::ArrayExpr& a, Frame& f) {
    auto arr = make<ArrayObj>();
    arr->elems.reserve(a.elements.size());
    for (auto& x : a.elements) arr->elems.push_back(eval(x.get(), f));
    for (size_t i = 1; i < arr->elems.size(); i++)
        if (arr->elems[i].kind() != arr->elems[0].kind() && !arr->elems[i].isNull() && !arr->elems[0].isNull())
            failAt(f, *a.elements[i],
                   std::string("array elements must have one type: found ") + kindName(arr->elems[0].kind()) +
                       " and " + kindName(arr->elems[i].kind()));
    arr->noteSize();
    return Value::array(arr);
}

Value Interpreter::evalDict(const ast::DictExpr& d, Frame& f) {
    auto obj = make<DictObj>();
    obj->entries.reserve(d.entries.size());
    for (auto& en : d.entries) {
        Value k = eval(en.key.get(), f);
        Value v = eval(en.value.get(), f);
        if (!obj->entries.empty() && obj->entries[0].first.kind() != k.kind())
            failAt(f, *en.key, "dictionary keys must have one type");
        obj->entries.emplace_back(std::move(k), std::move(v));
    }
    // Sorted by key (a sort, not an insertion per entry: 200k entries must not take quadratic
    // time); of equal keys the last written wins.
    auto& e = obj->entries;
    std::stable_sort(e.begin(), e.end(), [](const auto& a, const auto& b) { return totalOrder(a.first, b.first) < 0; });
    size_t kept = 0;
    for (size_t i = 0; i < e.size(); i++) {
        if (kept > 0 && totalOrder(e[kept - 1].first, e[i].first) == 0) e[kept - 1] = std::move(e[i]);
        else if (kept != i) e[kept++] = std::move(e[i]);
        else kept++;
    }
    e.erase(e.begin() + static_cast<std::ptrdiff_t>(kept), e.end());
    obj->noteSize();
    return Value::dict(obj);
}

Value Interpreter::evalIndex(const ast::IndexExpr& ix, Frame& f) {
    Value obj = eval(ix.object.get(), f);
    Value idx = eval(ix.index.get(), f);
    if (obj.is(Kind::Array)) {
        if (!idx.is(Kind::Int))
            failAt(f, *ix.index, std::string("array index must be an int, got ") + kindName(idx.kind()));
        auto& el = obj.asArray().elems;
        int64_t i = idx.asInt();
        if (i < 0 || static_cast<size_t>(i) >= el.size())
            failAt(f, ix, "array index " + std::to_string(i) + " out of bounds (length " + std::to_string(el.size()) +
                              ")");
        return el[static_cast<size_t>(i)];
    }
    if (obj.is(Kind::Record) && idx.is(Kind::String)) {
        const Value* v = obj.asRecord().find(idx.asString());
        return v ? *v : Value::null();
    }
    failAt(f, ix, std::string("cannot index a value of type ") + kindName(obj.kind()));
}

Value Interpreter::evalUnary(const ast::UnaryExpr& u, Frame& f) {
    Value a = eval(u.argument.get(), f);
    try {
        return applyUnary(u.op, a);
    } catch (FluxError& err) {
        failAt(f, u, err.message(), err.code());
    }
}

// Int and float operands of the arithmetic and comparison operators, without a call into
// applyBinary; false when the operation needs it (other kinds, overflow, division by zero: its
// errors and messages stay the only ones).
static bool binaryFastPath(ast::BinaryOp op, const Value& l, const Value& r, Value& out) {
    using Op = ast::BinaryOp;
    if (l.is(Kind::Int) && r.is(Kind::Int)) {
        const int64_t x = l.asInt(), y = r.asInt();
        int64_t z = 0;
        switch (op) {
            case Op::Add:
                if (__builtin_add_overflow(x, y, &z)) return false;
                break;
            case Op::Sub:
                if (__builtin_sub_overflow(x, y, &z)) return false;
                break;
            case Op::Mul:
                if (__builtin_mul_overflow(x, y, &z)) return false;
                break;
            case Op::Div:
                if (y == 0 || (x == INT64_MIN && y == -1)) return false;
                z = x / y;
                break;
            case Op::Eq: out = Value::boolean(x == y); return true;
            case Op::Neq: out = Value::boolean(x != y); return true;
            case Op::Lt: out = Value::boolean(x < y); return true;
            case Op::Lte: out = Value::boolean(x <= y); return true;
            case Op::Gt: out = Value::boolean(x > y); return true;
            case Op::Gte: out = Value::boolean(x >= y); return true;
            default: return false;
        }
        out = Value::integer(z);
        return true;
    }
    if (l.is(Kind::Float) && r.is(Kind::Float)) {
        const double x = l.asFloat(), y = r.asFloat();
        switch (op) {
            case Op::Add: out = Value::floating(x + y); return true;
            case Op::Sub: out = Value::floating(x - y); return true;
            case Op::Mul: out = Value::floating(x * y); return true;
            case Op::Div: out = Value::floating(x / y); return true;
            default: return false;  // comparisons: NaN ordering is compareValues' to decide
        }
    }
    return false;
}

Value Interpreter::evalBinary(const ast::BinaryExpr& b, Frame& f) {
    Value l = eval(b.left.get(), f);
    Value r = eval(b.right.get(), f);
    Value fast;
    if (binaryFastPath(b.op, l, r, fast)) return fast;
    try {
        return applyBinary(b.op, l, r);
    } catch (FluxError& err) {
        failAt(f, b, err.message(), err.code());
    } catch (const std::bad_alloc&) {
        limits::failOutOfMemory("", f.file, b.span.start);
    }
}

Value Interpreter::evalLogical(const ast::LogicalExpr& l, Frame& f) {
    // Three-valued logic: null and false = false, null or true = true, otherwise a null operand makes
    // the result null. The right side is evaluated only when needed.
    auto check = [&](const Value& v, const ast::Expr& at) {
        if (!v.isNull() && !v.is(Kind::Bool))
            failAt(f, at, std::string(l.op == ast::LogicalOp::And ? "and" : "or") + " needs bool operands, got " +
                              kindName(v.kind()));
    };
    const bool isAnd = l.op == ast::LogicalOp::And;
    Value left = eval(l.left.get(), f);
    check(left, *l.left);
    if (!left.isNull() && left.asBool() != isAnd) return left;  // false and _, true or _
    Value right = eval(l.right.get(), f);
    check(right, *l.right);
    if (!right.isNull() && right.asBool() != isAnd) return right;
    // The result is the null operand itself, so it keeps its type when it has one (a null bool cell
    // of a row gives a null that map() still makes a bool column of; a missing field's null has none).
    if (left.isNull()) return left;
    if (right.isNull()) return right;
    return Value::boolean(isAnd);
}

Value Interpreter::evalConditional(const ast::ConditionalExpr& c, Frame& f) {
    Value t = eval(c.test.get(), f);
    if (!t.isNull() && !t.is(Kind::Bool))
        failAt(f, *c.test, std::string("if condition must be a bool, got ") + kindName(t.kind()));
    return eval(t.isNull() || !t.asBool() ? c.alternate.get() : c.consequent.get(), f);
}

Value Interpreter::evalIdentifier(const ast::Identifier& id, Frame& f) {
    switch (id.res.where) {
        case Where::Local: return f.slots[id.res.index];
        case Where::Capture: return f.closure->captured[id.res.index];
        case Where::Global:
            if (!f.module->defined[id.res.index] &&
                !(f.module == universe_.get() && loadUniverseSource(id.res.index) && f.module->defined[id.res.index]))
                failAt(f, id, id.name + " is used before it is defined");
            return f.module->globals[id.res.index];
        case Where::Universe:
            if (!universe_->defined[id.res.index]) {
                loadUniverseSource(id.res.index);
                if (!universe_->defined[id.res.index]) failAt(f, id, id.name + " is used before it is defined");
            }
            return universe_->globals[id.res.index];
        case Where::Unresolved: break;
    }
    failAt(f, id, "undefined identifier " + id.name);
}

Value Interpreter::evalString(const ast::StringLit& s, Frame& f) {
    if (s.isPlain()) {
        void* cached = s.cache.ptr.load(std::memory_order_acquire);
        if (!cached) {
            auto* obj = new StringObj(s.plainText());
            retain(obj);
            s.cache.destroy = [](void* p) { release(static_cast<StringObj*>(p)); };
            void* expected = nullptr;
            if (!s.cache.ptr.compare_exchange_strong(expected, obj)) release(obj);
            cached = s.cache.ptr.load(std::memory_order_acquire);
        }
        return Value::string(StrRef(static_cast<StringObj*>(cached)));
    }
    std::string out;
    for (auto& p : s.parts) {
        if (!p.expr) {
            out += p.text;
            continue;
        }
        Value v = eval(p.expr.get(), f);
        if (v.is(Kind::String)) out += v.asString();
        else out += valueToString(v);
    }
    return Value::string(std::move(out));
}

Value Interpreter::evalRecord(const ast::RecordExpr& r, Frame& f) {
    auto rec = make<RecordObj>();
    if (r.with) {
        Value base = eval(r.with.get(), f);
        if (!base.is(Kind::Record))
            failAt(f, *r.with, std::string("with needs a record, got ") + kindName(base.kind()));
        rec->fields.reserve(base.asRecord().fields.size() + r.properties.size());
        rec->fields = base.asRecord().fields;
        // Field positions by name once the record is large (200k keys must not take quadratic time).
        // The views point into rec->fields, reserved above so that it never reallocates, and the AST.
        std::unordered_map<std::string_view, size_t> position;
        const bool indexed = rec->fields.size() * r.properties.size() > 256;
        if (indexed) {
            position.reserve(rec->fields.size() + r.properties.size());
            for (size_t i = 0; i < rec->fields.size(); i++) position.emplace(rec->fields[i].first, i);
        }
        for (auto& p : r.properties) {
            Value v = eval(p.value.get(), f);
            size_t at = rec->fields.size();
            if (indexed) {
                if (auto it = position.find(p.key); it != position.end()) at = it->second;
            } else {
                for (size_t i = 0; i < rec->fields.size(); i++)
                    if (rec->fields[i].first == p.key) {
                        at = i;
                        break;
                    }
            }
            if (at < rec->fields.size()) {
                rec->fields[at].second = std::move(v);
            } else {
                rec->fields.emplace_back(p.key, std::move(v));
                if (indexed) position.emplace(p.key, at);  // the key is the AST's: it outlives the map
            }
        }
        rec->noteSize();
        return Value::record(rec);
    }
    rec->fields.reserve(r.properties.size());
    // Duplicate keys: a scan while the record is small, a set of names once it is large.
    std::unordered_set<std::string_view> seen;
    const bool indexed = r.properties.size() > 16;
    if (indexed) seen.reserve(r.properties.size());
    for (auto& p : r.properties) {
        bool duplicate = false;
        if (indexed) {
            duplicate = !seen.insert(std::string_view(p.key)).second;
        } else {
            for (auto& field : rec->fields) duplicate = duplicate || field.first == p.key;
        }
        if (duplicate) failAt(f, p.value ? static_cast<const ast::Node&>(*p.value) : r, "duplicate record key " + p.key);
        rec->fields.emplace_back(p.key, eval(p.value.get(), f));
    }
    rec->noteSize();
    return Value::record(rec);
}

Value Interpreter::evalMember(const ast::MemberExpr& m, Frame& f) {
    // `r.col` with r a variable: read the record where it lives (no reference-count traffic).
    Value owned;
    const Value* objp = nullptr;
    if (m.object->kind == NodeKind::Identifier) {
        auto& id = static_cast<const ast::Identifier&>(*m.object);
        if (id.res.where == Where::Local) objp = &f.slots[id.res.index];
        else if (id.res.where == Where::Capture) objp = &f.closure->captured[id.res.index];
    }
    if (!objp) {
        owned = eval(m.object.get(), f);
        objp = &owned;
    }
    const Value& obj = *objp;
    if (obj.is(Kind::Record)) {
        const RecordObj& rec = obj.asRecord();
        uint32_t hint = m.fieldHint.load(std::memory_order_relaxed);
        if (hint < rec.fields.size() && rec.fields[hint].first == m.property) return rec.fields[hint].second;
        for (size_t i = 0; i < rec.fields.size(); i++)
            if (rec.fields[i].first == m.property) {
                m.fieldHint.store(static_cast<uint32_t>(i), std::memory_order_relaxed);
                return rec.fields[i].second;
            }
        if (!rec.packagePath.empty()) failAt(f, m, "package " + rec.packagePath + " has no member " + m.property);
        return Value::null();
    }
    if (obj.isNull()) return Value::null();
    failAt(f, m, "cannot access property " + m.property + " of a value of type " + kindName(obj.kind()));
}

Value Interpreter::evalFunction(const ast::FunctionExpr& fe, Frame& f) {
    auto c = make<Closure>();
    c->expr = &fe;
    c->params.reserve(fe.params.size());
    for (size_t i = 0; i < fe.params.size(); i++) {
        auto& p = fe.params[i];
        c->params.push_back(Param{p.name, p.defaultValue == nullptr, p.isPipe()});
        if (p.isPipe()) c->pipeIndex = static_cast<int>(i);
    }
    c->module = f.module->shared_from_this();  // keeps the AST and globals it reads alive
    c->file = f.file;
    c->captured.reserve(fe.captures.size());
    for (auto& cap : fe.captures) {
        if (cap.where == Where::Local) c->captured.push_back(f.slots[cap.index]);
        else c->captured.push_back(f.closure->captured[cap.index]);
    }
    return Value::function(c);
}

// ---------------------------------------------------------------------------------------------
// Calls

Value Interpreter::evalCall(const ast::CallExpr& c, Frame& f, const Value* pipe) {
    // A callee in a local or captured variable is read where it lives (its slot outlives the call).
    Value owned;
    const Value* calleep = nullptr;
    if (c.callee->kind == NodeKind::Identifier) {
        auto& id = static_cast<const ast::Identifier&>(*c.callee);
        if (id.res.where == Where::Local) calleep = &f.slots[id.res.index];
        else if (id.res.where == Where::Capture) calleep = &f.closure->captured[id.res.index];
    }
    if (!calleep) {
        owned = eval(c.callee.get(), f);
        calleep = &owned;
    }
    const Value& callee = *calleep;
    if (!callee.is(Kind::Function))
        failAt(f, *c.callee, std::string("cannot call a value of type ") + kindName(callee.kind()));
    const FunctionObj& fn = callee.asFunction();
    size_t n = fn.params.size();
    SlotBuffer<8> args(n);
    bool presentInline[16] = {};
    std::unique_ptr<bool[]> presentHeap;
    bool* present = presentInline;
    if (n > 16) {
        presentHeap = std::make_unique<bool[]>(n);
        present = presentHeap.get();
    }
    auto fname = [&fn] { return fn.name.empty() ? std::string("function") : fn.name; };
    if (c.args) {
        if (c.args->with) failAt(f, *c.args, "call arguments cannot use `with`");
        for (auto& p : c.args->properties) {
            int i = fn.paramIndex(p.key);
            if (i < 0) {
                std::string msg = fname() + " has no parameter " + p.key;
                if (!fn.params.empty()) {
                    msg += " (parameters:";
                    for (auto& prm : fn.params) msg += " " + prm.name;
                    msg += ")";
                }
                failAt(f, p.value ? static_cast<const ast::Node&>(*p.value) : c, msg);
            }
            if (present[i]) failAt(f, *p.value, "argument " + p.key + " is given twice");
            args.data()[i] = eval(p.value.get(), f);
            present[i] = true;
        }
    }
    if (pipe) {
        if (fn.pipeIndex < 0) failAt(f, c, fname() + " does not accept piped input (it has no <- parameter)");
        if (!present[fn.pipeIndex]) {
            args.data()[fn.pipeIndex] = *pipe;
            present[fn.pipeIndex] = true;
        }
    }
    return call(callee, args.data(), present, f.file, &c);
}

Value Interpreter::call(const Value& fnv, Value* args, bool* present, const std::string* file, const ast::Node* site) {
    const FunctionObj& fn = fnv.asFunction();
    for (size_t i = 0; i < fn.params.size(); i++) {
        if (!present[i] && fn.params[i].required) {
            std::string fname = fn.name.empty() ? std::string("function") : fn.name;
            throw FluxError(fname + ": missing required argument " + fn.params[i].name, file ? *file : std::string(),
                            site ? site->span.start : ast::SourceLoc{});
        }
    }
    if (++depth_ > kMaxCallDepth) {
        depth_ = 0;
        throw FluxError(ErrorCode::ResourceExhausted, "call stack too deep (more than " + std::to_string(kMaxCallDepth) + " nested calls)",
                        file ? *file : std::string(), site ? site->span.start : ast::SourceLoc{});
    }
    if (stackNearlyExhausted()) {
        std::string calls = std::to_string(depth_);
        depth_ = 0;
        throw FluxError(ErrorCode::ResourceExhausted, "call stack too deep (" + calls + " nested calls have nearly used up the stack)",
                        file ? *file : std::string(), site ? site->span.start : ast::SourceLoc{});
    }
    struct DepthGuard {
        int& d;
        ~DepthGuard() {
            if (d > 0) d--;
        }
    } guard{depth_};
    const ast::SourceLoc loc = site ? site->span.start : ast::SourceLoc{};
    if (fn.type == FunctionObj::Type::Builtin) {
        auto& b = static_cast<const BuiltinFunction&>(fn);
        CallContext ctx(*this, file, site);
        limits::CallSiteScope callSite(fn.name, file, loc, b.package);
        try {
            limits::tick();  // time limit, cancellation, memory noted by strings and arrays
            return b.impl(ctx, Args(fn, args, present));
        } catch (FluxError& e) {
            e.setLocationIfUnset(file ? *file : std::string(), loc);
            throw;
        } catch (const std::bad_alloc&) {
            limits::failOutOfMemory(fn.name, file, loc);
        }
    }
    try {
        limits::tick();
    } catch (FluxError& e) {
        e.setLocationIfUnset(file ? *file : std::string(), loc);
        throw;
    }
    return callClosure(static_cast<const Closure&>(fn), args, present, file, site);
}

// The file a closure's body is in: where it was defined, else its module's first file.
static const std::string* closureFile(const Closure& c, const std::string* fallback) {
    if (c.file != nullptr) return c.file;
    return c.module && !c.module->files.empty() ? &c.module->files.front()->name : fallback;
}

Value Interpreter::callClosure(const Closure& c, Value* args, bool* present, const std::string* file,
                               const ast::Node* site) {
    const ast::FunctionExpr& fe = *c.expr;
    SlotBuffer<8> slots(std::max<size_t>(fe.frameSize, 1));
    Value* s = slots.data();
    for (size_t i = 0; i < fe.params.size(); i++)
        if (present[i]) s[i] = std::move(args[i]);
    try {
        if (fe.params.size()) {
            Frame f{s, &c, c.module.get(), closureFile(c, file)};
            for (size_t i = 0; i < fe.params.size(); i++) {
                if (present[i]) continue;
                auto& p = fe.params[i];
                if (p.isPipe()) continue;  // pipe not given: stays null
                s[i] = eval(p.defaultValue.get(), f);
            }
        }
        return runBody(c, s);
    } catch (FluxError& e) {
        e.pushFrame({c.name.empty() ? "<anonymous>" : c.name, file ? *file : std::string(),
                     site ? site->span.start : ast::SourceLoc{}});
        throw;
    }
}

Value Interpreter::runBody(const Closure& c, Value* slots) {
    const ast::FunctionExpr& fe = *c.expr;
    const std::string* file = closureFile(c, nullptr);
    Frame f{slots, &c, c.module.get(), file};
    if (fe.bodyExpr) return eval(fe.bodyExpr.get(), f);
    for (auto& st : fe.block->body) {
        switch (st->kind) {
            case NodeKind::VariableAssignment: {
                auto* a = static_cast<const ast::VariableAssignment*>(st.get());
                slots[a->id->res.index] = eval(a->init.get(), f);
                break;
            }
            case NodeKind::ReturnStmt: return eval(static_cast<const ast::ReturnStmt*>(st.get())->argument.get(), f);
            case NodeKind::ExpressionStmt:
                eval(static_cast<const ast::ExpressionStmt*>(st.get())->expression.get(), f);
                break;
            default: failAt(f, *st, "this statement is not allowed inside a function body");
        }
    }
    failAt(f, fe, "function body ended without a return statement");
}

Value Interpreter::callNamed(const Value& fnv, std::vector<std::pair<std::string, Value>> named,
                             const std::string* file, const ast::Node* site) {
    if (!fnv.is(Kind::Function)) throw FluxError(std::string("cannot call a value of type ") + kindName(fnv.kind()));
    const FunctionObj& fn = fnv.asFunction();
    size_t n = fn.params.size();
    SlotBuffer<8> args(n);
    auto present = std::make_unique<bool[]>(n + 1);
    for (auto& [k, v] : named) {
        int i = fn.paramIndex(k);
        if (i < 0) {
            std::string fname = fn.name.empty() ? std::string("function") : fn.name;
            throw FluxError(fname + " has no parameter " + k, file ? *file : std::string(),
                            site ? site->span.start : ast::SourceLoc{});
        }
        args.data()[i] = std::move(v);
        present[i] = 1;
    }
    return call(fnv, args.data(), present.get(), file, site);
}

}  // namespace fluxi
