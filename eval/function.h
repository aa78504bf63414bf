// Function values: Flux closures and native builtins share one shape (a name and a parameter list),
// so calls, named-argument matching and error messages do not care which kind they call.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
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

    // The position of parameter `n`, or -1. A function with many parameters looks names up in a hash
    // index built at the first lookup (its params are complete by then): a call with 100k named
    // arguments must not take quadratic time.
    int paramIndex(std::string_view n) const {
        if (params.size() > kScannedParams) return indexedParamIndex(n);
        for (size_t i = 0; i < params.size(); i++)
            if (params[i].name == n) return static_cast<int>(i);
        return -1;
    }

protected:
    explicit FunctionObj(Type t) : type(t) {}

private:
    static constexpr size_t kScannedParams = 16;
    int indexedParamIndex(std::string_view n) const {
        std::call_once(indexOnce_, [this] {
            index_ = std::make_unique<std::unordered_map<std::string_view, int>>();
            index_->reserve(params.size());
            for (size_t i = 0; i < params.size(); i++) index_->emplace(params[i].name, static_cast<int>(i));
        });
        auto it = index_->find(n);
        return it == index_->end() ? -1 : it->second;
    }
    mutable std::once_flag indexOnce_;
    mutable std::unique_ptr<std::unordered_map<std::string_view, int>> index_;
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
