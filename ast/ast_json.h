// JSON and text dumps of the AST, for `fluxi parse [--json]` and for tools.
#pragma once

#include <string>

#include "ast/ast.h"

namespace fluxi::ast {

// The whole file as JSON: every node as an object with "type" (the node kind name), "loc"
// ({"start":{"line","column"},"end":{...}}) and its fields.
std::string toJson(const File& file);

// An indented, human-readable tree.
std::string toText(const File& file);

}  // namespace fluxi::ast
