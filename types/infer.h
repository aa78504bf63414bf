// Static type inference for Flux programs (Hindley-Milner with let-polymorphism, kind constraints
// and row-polymorphic records, as the reference's SPEC describes under "Types"). A Checker holds
// the universe and the packages it loaded, and the top-level bindings of what it checked so far
// (so a REPL session checks entry after entry). Package types come from the packages' declaration
// files (`builtin name : type`) and from the Flux sources fluxi defines packages in.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "types/type_expr.h"
#include "types/types.h"

namespace fluxi::types {

struct TypeError {
    ast::SourceLoc loc;
    std::string message;
};

// Where the checker finds the types of packages.
struct PackageProvider {
    // The declaration file of an import path (file name, source), false when there is none.
    std::function<bool(const std::string& path, std::string& fileName, std::string& source)> declarations;
    // Flux sources defining members of the package (may be empty).
    std::function<std::vector<std::string>(const std::string& path)> fluxSources;
    // Whether the package exists at run time (then a member without a type is reported as such).
    std::function<bool(const std::string& path)> exists;
};

// The declaration files embedded in the library and the registered Flux sources.
PackageProvider builtinPackages();

class Checker {
public:
    // With the standard library (builtinPackages()); the universe is loaded once per process and
    // each Checker starts from a copy of it.
    Checker();
    explicit Checker(PackageProvider provider);
    ~Checker();

    // Infers the types of a whole file; returns the type errors, ordered by position. Top-level
    // bindings stay visible to later calls.
    std::vector<TypeError> check(const ast::File& file);

    // `name : type` of each top-level binding of the files checked, in order of definition.
    std::vector<std::pair<std::string, std::string>> bindingTypes();

    // The type of an expression (checked in the scope of what was checked so far), generalized
    // and printed; errors go to `errors`.
    std::string typeOf(const ast::Expr& expr, std::vector<TypeError>& errors);

    // The printed type scheme of a package member, "" when the package or member has no type.
    std::string memberType(const std::string& importPath, const std::string& name);

    // Problems found in the declaration files / package sources loaded so far (wrong type syntax,
    // sources that do not type-check).
    const std::vector<std::string>& packageProblems() const;

    struct Impl;

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace fluxi::types
