// What builtins use at run time: Args::get, CallContext (errors at the call site, options, calling Flux
// functions, typed argument access), RepeatedCall (frame reuse for per-row calls) and RowRecord.
#include "eval/builtin.h"
#include "eval/interpreter.h"
#include "eval/stream.h"

namespace fluxi {

const Value* Args::get(std::string_view name) const {
    int i = fn_.paramIndex(name);
    return (i >= 0 && present_[i]) ? &values_[i] : nullptr;
}

const std::string& CallContext::fileName() const {
    static const std::string none;
    return file_ ? *file_ : none;
}

void CallContext::fail(std::string message) const { fail(ErrorCode::Invalid, std::move(message)); }

void CallContext::fail(ErrorCode code, std::string message) const {
    throw FluxError(code, std::move(message), fileName(), site_ ? site_->span.start : ast::SourceLoc{});
}

int64_t CallContext::now() const { return interp_.now(); }

Value CallContext::option(std::string_view package, std::string_view name) const {
    return interp_.option(package, name);
}

Value CallContext::call(const Value& fn, std::vector<std::pair<std::string, Value>> args) const {
    return interp_.callNamed(fn, std::move(args), file_, site_);
}

Execution& CallContext::execution() const { return interp_.execution(); }

namespace {
std::string fnName(const Args& a) {
    return a.function().name.empty() ? std::string("function") : a.function().name;
}
}  // namespace

const Value& CallContext::require(const Args& a, std::string_view name, Kind kind) const {
    const Value* v = a.get(name);
    if (!v || v->isNull()) fail(fnName(a) + ": missing required argument " + std::string(name));
    if (!v->is(kind))
        fail(fnName(a) + ": argument " + std::string(name) + " must be of type " + kindName(kind) + ", got " +
             kindName(v->kind()));
    return *v;
}

const Value* CallContext::optional(const Args& a, std::string_view name, Kind kind) const {
    const Value* v = a.get(name);
    if (!v || v->isNull()) return nullptr;
    if (!v->is(kind))
        fail(fnName(a) + ": argument " + std::string(name) + " must be of type " + kindName(kind) + ", got " +
             kindName(v->kind()));
    return v;
}

std::string CallContext::requireString(const Args& a, std::string_view name) const {
    return require(a, name, Kind::String).asString();
}

std::string CallContext::stringOr(const Args& a, std::string_view name, std::string_view dflt) const {
    const Value* v = optional(a, name, Kind::String);
    return v ? v->asString() : std::string(dflt);
}

int64_t CallContext::intOr(const Args& a, std::string_view name, int64_t dflt) const {
    const Value* v = optional(a, name, Kind::Int);
    return v ? v->asInt() : dflt;
}

double CallContext::floatOr(const Args& a, std::string_view name, double dflt) const {
    const Value* v = a.get(name);
    if (!v || v->isNull()) return dflt;
    if (v->is(Kind::Int)) return static_cast<double>(v->asInt());
    return optional(a, name, Kind::Float)->asFloat();
}

bool CallContext::boolOr(const Args& a, std::string_view name, bool dflt) const {
    const Value* v = optional(a, name, Kind::Bool);
    return v ? v->asBool() : dflt;
}

std::vector<std::string> CallContext::stringListOr(const Args& a, std::string_view name,
                                                   std::vector<std::string> dflt) const {
    const Value* v = optional(a, name, Kind::Array);
    if (!v) return dflt;
    std::vector<std::string> out;
    for (auto& e : v->asArray().elems) {
        if (!e.is(Kind::String))
            fail(fnName(a) + ": argument " + std::string(name) + " must be an array of strings, found " +
                 kindName(e.kind()));
        out.push_back(e.asString());
    }
    return out;
}

StreamRef CallContext::requireStream(const Args& a, std::string_view name) const {
    const Value* v = a.get(name);
    if (!v || v->isNull()) fail(fnName(a) + ": missing input tables (pipe a stream into it or pass " + std::string(name) + ")");
    if (!v->is(Kind::Stream))
        fail(fnName(a) + ": argument " + std::string(name) + " must be a stream of tables, got " + kindName(v->kind()));
    return v->objRef<StreamObj>();
}

// ---------------------------------------------------------------------------------------------

struct RepeatedCall::State {
    Interpreter* interp;
    Value fn;
    const std::string* file;
    const ast::Node* site;
    std::vector<int> argIndex;  // argNames[i] -> parameter index
    std::vector<Value> args;    // per parameter
    std::unique_ptr<bool[]> present;
};

RepeatedCall::RepeatedCall(const CallContext& ctx, const Value& fn, std::initializer_list<std::string_view> argNames)
    : st_(std::make_unique<State>()) {
    if (!fn.is(Kind::Function)) ctx.fail(std::string("expected a function, got ") + kindName(fn.kind()));
    st_->interp = &ctx.interpreter();
    st_->fn = fn;
    st_->file = &ctx.fileName();
    st_->site = ctx.site();
    const FunctionObj& f = fn.asFunction();
    st_->args.resize(f.params.size());
    st_->present = std::make_unique<bool[]>(f.params.size() + 1);
    for (auto n : argNames) {
        int i = f.paramIndex(n);
        st_->argIndex.push_back(i);
    }
    // Every required parameter must be among the names we pass.
    for (size_t p = 0; p < f.params.size(); p++) {
        bool given = false;
        for (int i : st_->argIndex) given = given || i == static_cast<int>(p);
        if (f.params[p].required && !given)
            ctx.fail("the function passed to " + (ctx.site() ? std::string("this call") : std::string("it")) +
                     " has a required parameter " + f.params[p].name + " that will not be given");
    }
}

RepeatedCall::~RepeatedCall() = default;

Value RepeatedCall::operator()(const Value* args) {
    State& s = *st_;
    size_t n = s.args.size();
    for (size_t p = 0; p < n; p++) s.present[p] = false;
    for (size_t i = 0; i < s.argIndex.size(); i++) {
        int p = s.argIndex[i];
        if (p < 0) continue;  // the function does not take that argument: Flux ignores it
        s.args[p] = args[i];
        s.present[p] = true;
    }
    return s.interp->call(s.fn, s.args.data(), s.present.get(), s.file, s.site);
}

// ---------------------------------------------------------------------------------------------

RowRecord::RowRecord(std::vector<std::string> names) : rec_(make<RecordObj>()) {
    rec_->fields.reserve(names.size());
    for (auto& n : names) rec_->fields.emplace_back(std::move(n), Value());
    rec_->noteSize();
}

std::vector<std::pair<std::string, Value>>& RowRecord::beginRow() {
    if (rec_->refs.load(std::memory_order_acquire) != 1) {
        // Someone kept the previous row (e.g. a closure stored it): start a fresh record.
        auto fresh = make<RecordObj>();
        fresh->fields.reserve(rec_->fields.size());
        for (auto& [k, v] : rec_->fields) fresh->fields.emplace_back(k, Value());
        fresh->noteSize();
        rec_ = fresh;
    }
    return rec_->fields;
}

}  // namespace fluxi
