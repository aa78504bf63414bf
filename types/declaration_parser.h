// A fast reader of package declaration files (`package NAME`, comments and `builtin NAME : TYPE`
// statements) into the same ast::TypeExpr trees the Flux parser builds. The type checker reads
// the universe's declarations on every first check of a process; this avoids the general parser's
// set-up there. Anything it does not recognise makes it give up (the caller then uses the Flux
// parser, which also reports errors properly).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ast/ast.h"

namespace fluxi::types {

struct Declaration {
    std::string name;
    std::unique_ptr<ast::TypeExpr> type;
};

// False when the text is not a plain declaration file.
bool readDeclarations(std::string_view source, std::vector<Declaration>& out);

}  // namespace fluxi::types
