// Static resolution: before a file runs, every identifier is bound to where its value will live
// (a local slot of the enclosing function's frame, a captured value of the closure, a global of the
// module, or a universe value), and every function literal learns its frame size and captures.
// Names that resolve nowhere are reported here, before anything runs.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"
#include "eval/interpreter.h"

namespace fluxi {

struct ResolveError {
    ast::SourceLoc loc;
    std::string message;
};

// Resolves `file` (and `extra` statements that run after it in the same scope) into `module`,
// adding its top-level names as globals. `universe` may be null (when resolving the universe).
// Returns the errors found (empty when everything resolved).
std::vector<ResolveError> resolveFile(ast::File& file, const std::vector<const ast::Stmt*>& extra, Module& module,
                                      const Module* universe);

// The name an import binds: its alias, else the last element of its path.
std::string importName(const ast::ImportDecl& imp);

}  // namespace fluxi
