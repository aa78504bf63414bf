// Converts the type expression of a `builtin` declaration (ast::TypeExpr, e.g.
// `(<-tables: stream[A], ?column: string) => stream[A] where A: Record`) into a type of the store,
// with its type variables made generic (a type scheme).
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"
#include "types/types.h"

namespace fluxi::types {

struct Scheme {
    TypeId type = kNoType;
    std::vector<TypeId> generic;  // variables instantiated afresh at each use
};

struct TypeExprError {
    ast::SourceLoc loc;
    std::string message;
};

// Returns false (and fills `error`) for an unknown type name or kind, or a constraint on a
// variable the type does not mention.
bool schemeFromTypeExpr(Store& store, const ast::TypeExpr& expr, uint32_t level, Scheme& out, TypeExprError& error);

}  // namespace fluxi::types
