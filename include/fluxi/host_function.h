// What a builtin function receives -- its named arguments (Args) and the call site with the running
// interpreter (CallContext) -- for the builtins of fluxi's standard library and those an embedder
// registers (Engine::registerBuiltin, include/fluxi/fluxi.h). Registration macros: eval/builtin.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fluxi/error_code.h"
#include "fluxi/value.h"

namespace fluxi {

class Interpreter;  // eval/interpreter.h
struct Execution;   // eval/execution.h
struct FunctionObj; // eval/function.h
namespace ast {
struct Node;        // ast/ast.h
}

// Named arguments of one call, aligned with the callee's parameter list.
class Args {
public:
    Args(const FunctionObj& fn, const Value* values, const bool* present)
        : fn_(fn), values_(values), present_(present) {}

    // The argument, or nullptr when it was not given (and has no default). Out of line: it looks
    // the name up in the callee's parameters (eval/function.h).
    const Value* get(std::string_view name) const;
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

}  // namespace fluxi
