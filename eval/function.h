// Function values: Flux closures and native builtins share one shape (a name and a parameter list),
// so calls, named-argument matching and error messages do not care which kind they call.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "eval/value.h"

namespace fluxi {

class CallContext;
class Args;

struct Param {
    std::string name;
    bool required = true;
    bool pipe = false;  // receives the `|>` input when not given by name
};

using BuiltinImpl = Value (*)(CallContext& ctx, const Args& args);

struct FunctionObj : HeapObject {
    enum class Type : uint8_t { Closure, Builtin };
    Type type;
    std::string name;  // for stack traces and messages; "" for an anonymous closure
    std::vector<Param> params;
    int pipeIndex = -1;  // index in params of the pipe parameter, -1 if none

    int paramIndex(std::string_view n) const {
        for (size_t i = 0; i < params.size(); i++)
            if (params[i].name == n) return static_cast<int>(i);
        return -1;
    }

protected:
    explicit FunctionObj(Type t) : type(t) {}
};

struct BuiltinFunction final : FunctionObj {
    std::string package;  // Flux import path, "universe" for the prelude
    std::function<Value(CallContext&, const Args&)> impl;
    BuiltinFunction() : FunctionObj(Type::Builtin) {}
};

struct Module;  // eval/interpreter.h: the globals of one evaluated file or package

// A Flux function literal evaluated in some scope: its captured values are copied at creation
// (Flux variables are immutable), so call frames never escape and can be reused.
struct Closure final : FunctionObj {
    const ast::FunctionExpr* expr = nullptr;
    std::shared_ptr<Module> module;  // keeps the AST and the globals it reads alive
    std::vector<Value> captured;     // in the order of expr->captures
    // Name of the file the function was written in (owned by an ast::File the module keeps): a
    // module built from several files (a REPL session) reports errors in the right one.
    const std::string* file = nullptr;
    Closure() : FunctionObj(Type::Closure) {}
};

inline Value Value::function(Ref<FunctionObj> f) { return fromObj(Kind::Function, f.get()); }
inline const FunctionObj& Value::asFunction() const { return *static_cast<const FunctionObj*>(u_.obj); }

}  // namespace fluxi
