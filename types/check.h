// One call for the places that refuse an ill-typed script before running it (`fluxi run`,
// `fluxi test`, the task verbs, Engine::check): the type errors of a parsed file, formatted as
// diagnostics (FILE:LINE:COL: error: ..., the source line and a caret).
#pragma once

#include <string>

#include "ast/ast.h"

namespace fluxi::types {

// "" when the file type-checks.
std::string formatTypeErrors(const ast::File& file);

}  // namespace fluxi::types
