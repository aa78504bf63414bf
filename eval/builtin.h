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
#include "fluxi/host_function.h"

namespace fluxi {

class Interpreter;
struct Execution;

// Args and CallContext (what a builtin receives): include/fluxi/host_function.h, public because
// embedders register builtins of their own (Engine::registerBuiltin).

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
