// What a builtin sees and how it is registered.
//
// A builtin is a C++ function `Value fn(CallContext& ctx, const Args& args)` registered with one
// line in its own file:
//
//     FLUXI_BUILTIN("strings", "toUpper", "v", toUpper);
//
// The signature string lists the parameters, comma separated: `name` is required, `?name` is
// optional, `<-name` is the pipe parameter (optional; it receives the `|>` input). Arguments arrive
// matched by name and checked for presence (missing/unknown-argument errors are raised before the
// builtin runs). Package constants and options register the same way (FLUXI_VALUE, FLUXI_OPTION),
// and a package may also be partly written in Flux (FLUXI_FLUX_SOURCE): that source is evaluated
// when the package is first imported and its top-level assignments become package members.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eval/error.h"
#include "eval/function.h"
#include "eval/value.h"

namespace fluxi {

class Interpreter;
struct Execution;

// Named arguments of one call, aligned with the callee's parameter list.
class Args {
public:
    Args(const FunctionObj& fn, const Value* values, const bool* present)
        : fn_(fn), values_(values), present_(present) {}

    // The argument, or nullptr when it was not given (and has no default).
    const Value* get(std::string_view name) const {
        int i = fn_.paramIndex(name);
        return (i >= 0 && present_[i]) ? &values_[i] : nullptr;
    }
    bool has(std::string_view name) const { return get(name) != nullptr; }
    const Value& at(size_t i) const { return values_[i]; }
    bool present(size_t i) const { return present_[i]; }
    const FunctionObj& function() const { return fn_; }

private:
    const FunctionObj& fn_;
    const Value* values_;
    const bool* present_;
};

// The call site and the running interpreter, for a builtin.
class CallContext {
public:
    CallContext(Interpreter& interp, const std::string* file, const ast::Node* site)
        : interp_(interp), file_(file), site_(site) {}

    Interpreter& interpreter() const { return interp_; }
    const ast::Node* site() const { return site_; }
    const std::string& fileName() const;

    // Throws a FluxError positioned at the call site (code "invalid", or the one given).
    [[noreturn]] void fail(std::string message) const;
    [[noreturn]] void fail(ErrorCode code, std::string message) const;

    // The current time as `now()` gives it (honours `option now`), in ns since the epoch.
    int64_t now() const;
    // The value of an option, e.g. option("universe", "now"), option("testing", "tags").
    // Returns null when the package has no such option.
    Value option(std::string_view package, std::string_view name) const;

    // Calls a Flux function (closure or builtin) with named arguments.
    Value call(const Value& fn, std::vector<std::pair<std::string, Value>> args) const;

    // Side effects and services of this run (results, store, pending writes).
    Execution& execution() const;

    // ---- typed argument access: each fails with a message naming the argument ----
    // Required argument of the given kind.
    const Value& require(const Args& a, std::string_view name, Kind kind) const;
    // Optional argument: nullptr when absent or null; fails on a wrong kind.
    const Value* optional(const Args& a, std::string_view name, Kind kind) const;
    std::string requireString(const Args& a, std::string_view name) const;
    std::string stringOr(const Args& a, std::string_view name, std::string_view dflt) const;
    int64_t intOr(const Args& a, std::string_view name, int64_t dflt) const;
    double floatOr(const Args& a, std::string_view name, double dflt) const;
    bool boolOr(const Args& a, std::string_view name, bool dflt) const;
    std::vector<std::string> stringListOr(const Args& a, std::string_view name,
                                          std::vector<std::string> dflt) const;
    // The pipe (or `tables`) argument as a stream.
    StreamRef requireStream(const Args& a, std::string_view name = "tables") const;

private:
    Interpreter& interp_;
    const std::string* file_;
    const ast::Node* site_;
};

// Calls one Flux function many times with the same argument names, reusing its call frame
// (no per-call environment allocation). Used by per-row functions such as map and filter.
class RepeatedCall {
public:
    RepeatedCall(const CallContext& ctx, const Value& fn, std::initializer_list<std::string_view> argNames);
    ~RepeatedCall();
    RepeatedCall(const RepeatedCall&) = delete;
    RepeatedCall& operator=(const RepeatedCall&) = delete;
    // Arguments in the order of argNames.
    Value operator()(const Value* args);
    Value operator()(const Value& a0) { return (*this)(&a0); }

    struct State;

private:
    std::unique_ptr<State> st_;
};

// A record whose field names are fixed (e.g. one per column of a table) and whose values change row
// by row. Reuses its RecordObj when nobody else kept a reference to the previous row, so a per-row
// call allocates nothing.
class RowRecord {
public:
    explicit RowRecord(std::vector<std::string> names);
    // Starts a new row: returns the values to fill (same order as names).
    std::vector<std::pair<std::string, Value>>& beginRow();
    Value value() const { return Value::record(rec_); }

private:
    Ref<RecordObj> rec_;
};

// ---------------------------------------------------------------------------------------------
// Registration

struct BuiltinRegistration {
    const char* package;
    const char* name;
    const char* signature;
    BuiltinImpl impl;
};
struct ValueRegistration {
    const char* package;
    const char* name;
    Value (*make)();
    bool isOption;
};
struct FluxSourceRegistration {
    const char* package;
    const char* source;
};

class Registry {
public:
    static Registry& instance();
    void add(const BuiltinRegistration& r) { builtins.push_back(r); }
    void add(const ValueRegistration& r) { values.push_back(r); }
    void add(const FluxSourceRegistration& r) { sources.push_back(r); }
    std::vector<BuiltinRegistration> builtins;
    std::vector<ValueRegistration> values;
    std::vector<FluxSourceRegistration> sources;
};

struct Registrar {
    explicit Registrar(const BuiltinRegistration& r) { Registry::instance().add(r); }
    explicit Registrar(const ValueRegistration& r) { Registry::instance().add(r); }
    explicit Registrar(const FluxSourceRegistration& r) { Registry::instance().add(r); }
};

// Parses a signature string ("<-tables, every, ?period") into parameters.
std::vector<Param> parseSignature(std::string_view sig);

// A builtin function value made directly (for option defaults such as `now`, or host builtins).
Value makeBuiltin(std::string package, std::string name, std::string_view signature,
                  std::function<Value(CallContext&, const Args&)> impl);

#define FLUXI_CONCAT_(a, b) a##b
#define FLUXI_CONCAT(a, b) FLUXI_CONCAT_(a, b)
#define FLUXI_BUILTIN(pkg, name, sig, fn)                                          \
    static const ::fluxi::Registrar FLUXI_CONCAT(fluxi_reg_, __COUNTER__)( \
        ::fluxi::BuiltinRegistration{pkg, name, sig, fn})
// `maker` is a `Value()` function (or captureless lambda) called once per interpreter.
#define FLUXI_VALUE(pkg, name, maker)                                              \
    static const ::fluxi::Registrar FLUXI_CONCAT(fluxi_reg_, __COUNTER__)( \
        ::fluxi::ValueRegistration{pkg, name, maker, false})
#define FLUXI_OPTION(pkg, name, maker)                                             \
    static const ::fluxi::Registrar FLUXI_CONCAT(fluxi_reg_, __COUNTER__)( \
        ::fluxi::ValueRegistration{pkg, name, maker, true})
#define FLUXI_FLUX_SOURCE(pkg, src)                                                \
    static const ::fluxi::Registrar FLUXI_CONCAT(fluxi_reg_, __COUNTER__)( \
        ::fluxi::FluxSourceRegistration{pkg, src})

}  // namespace fluxi
