// The tree-walking evaluator. A script (or package source) is first resolved (eval/resolver.h:
// every identifier gets a slot), then its statements run against a Module holding its globals.
// Function calls use frames of Value slots sized by the resolver; closures copy what they capture,
// so frames never escape and per-row calls allocate nothing.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "eval/builtin.h"
#include "eval/error.h"
#include "eval/execution.h"
#include "eval/function.h"
#include "eval/value.h"

namespace fluxi {

// The globals of one evaluated file, REPL session or package.
struct Module : std::enable_shared_from_this<Module> {
    std::string name;  // package path ("universe", "strings") or file name
    std::string packageName;  // the Flux package clause name, if any
    std::vector<std::shared_ptr<ast::File>> files;  // the ASTs its closures point into
    std::vector<Value> globals;
    std::vector<uint8_t> defined;  // per global: assigned yet?
    std::vector<std::string> globalNames;
    std::unordered_map<std::string, uint32_t> globalIndex;
    std::vector<uint32_t> exported;  // globals that are package members, in definition order

    uint32_t slotFor(const std::string& n);  // existing or new slot
    void set(uint32_t slot, Value v);
    const Value* lookup(std::string_view n) const;
};

class Interpreter {
public:
    explicit Interpreter(Execution& exec);
    ~Interpreter();

    Execution& execution() { return exec_; }

    // Evaluates a parsed file in `module` (a fresh one per script; the same one for every REPL
    // line). Returns the values of its top-level expression statements. Throws FluxError.
    std::vector<Value> evalFile(std::shared_ptr<ast::File> file, const std::shared_ptr<Module>& module);

    // Same, but appends the statements of `extra` (a testcase body) after the file's own ones, in
    // the same scope.
    std::vector<Value> evalFileWith(std::shared_ptr<ast::File> file, const std::vector<const ast::Stmt*>& extra,
                                    const std::shared_ptr<Module>& module, bool resolve = true);

    // Static checks without running (for `fluxi check`): unknown imports, undefined names, and
    // members that an imported package does not have.
    struct Problem {
        ast::SourceLoc loc;
        std::string message;
    };
    std::vector<Problem> check(ast::File& file);

    // Creates an empty module for a script.
    std::shared_ptr<Module> newModule(std::string name);

    // Calls a function value with arguments aligned to its parameters (`present[i]` tells whether
    // argument i was given). `site` positions errors.
    Value call(const Value& fn, Value* args, bool* present, const std::string* file, const ast::Node* site);
    Value callNamed(const Value& fn, std::vector<std::pair<std::string, Value>> args, const std::string* file,
                    const ast::Node* site);

    // Options: package path -> option name -> value. The script's `option` statements write here.
    Value option(std::string_view package, std::string_view name);
    void setOption(const std::string& package, const std::string& name, Value v);
    int64_t now();

    // The package record for an import path (built once per interpreter). Throws when unknown.
    Value importPackage(const std::string& path, const std::string* file, const ast::Node* site);

    // Host builtins registered through the embedding API (package -> builtins).
    void addHostBuiltin(const std::string& package, Ref<BuiltinFunction> fn);

    struct Frame {
        Value* slots;
        const Closure* closure;  // null at top level
        Module* module;
        const std::string* file;
    };

    Value eval(const ast::Expr* e, Frame& f);

private:
    friend class RepeatedCall;
    void execStatements(const std::vector<const ast::Stmt*>& stmts, Frame& f, std::vector<Value>* out);
    void execStatement(const ast::Stmt* s, Frame& f, std::vector<Value>* out);
    void execOption(const ast::OptionStmt& s, Frame& f);
    Value evalCall(const ast::CallExpr& c, Frame& f, const Value* pipe);
    Value evalIdentifier(const ast::Identifier& id, Frame& f);
    Value evalFunction(const ast::FunctionExpr& fe, Frame& f);
    Value evalRecord(const ast::RecordExpr& r, Frame& f);
    Value evalMember(const ast::MemberExpr& m, Frame& f);
    Value evalString(const ast::StringLit& s, Frame& f);
    Value evalDuration(const ast::DurationLit& d, Frame& f);
    Value evalRegex(const ast::RegexLit& r, Frame& f);
    Value evalArray(const ast::ArrayExpr& a, Frame& f);
    Value evalDict(const ast::DictExpr& d, Frame& f);
    Value evalIndex(const ast::IndexExpr& ix, Frame& f);
    Value evalUnary(const ast::UnaryExpr& u, Frame& f);
    Value evalBinary(const ast::BinaryExpr& b, Frame& f);
    Value evalLogical(const ast::LogicalExpr& l, Frame& f);
    Value evalConditional(const ast::ConditionalExpr& c, Frame& f);
    Value callClosure(const Closure& c, Value* args, bool* present, const std::string* file, const ast::Node* site);
    Value runBody(const Closure& c, Value* slots);
    std::shared_ptr<Module> buildPackage(const std::string& path);
    // Defines the universe names of the Flux source that declares `slot` (parsing it on first use
    // in the process). False when the slot has no such source or it is loaded already.
    bool loadUniverseSource(uint32_t slot);
    Value packageRecord(const Module& m);
    void ensureUniverse();

    Execution& exec_;
    std::shared_ptr<Module> universe_;
    std::map<std::string, std::shared_ptr<Module>, std::less<>> packages_;
    std::map<std::string, Value, std::less<>> packageValues_;
    std::map<std::string, std::vector<Ref<BuiltinFunction>>, std::less<>> hostBuiltins_;
    // option overrides set by the script or the host: "pkg" -> name -> value
    std::map<std::string, std::map<std::string, Value, std::less<>>, std::less<>> options_;
    std::vector<int> lazyUniverseSource_;       // universe slot -> index of its Flux source, -1 none
    std::vector<bool> universeSourceLoaded_;
    int depth_ = 0;  // call depth, to turn runaway recursion into an error
    // Every module this interpreter created. A closure owns its module and the module's globals own
    // the closure (a reference cycle); the destructor empties the globals of those still alive.
    std::vector<std::weak_ptr<Module>> modules_;
};

}  // namespace fluxi
