// Checks that `fluxi check` runs on each file after it parses without syntax errors. The parser
// finds syntax errors; a pass added here finds more (undefined names, type errors, ...) and reports
// each as a diagnostic with its position. Passes run in the order they were added.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "parser/parser.h"

namespace fluxi::cli {

// A pass appends what it finds in `file` to `diagnostics` (message as "expected ..., found ..."
// or a plain description; the position is required).
using CheckPass = std::function<void(const ast::File& file, std::vector<SyntaxError>& diagnostics)>;

// Adds a pass (call it before the command line is parsed, e.g. next to registerCheck in main.cpp).
void addCheckPass(std::string name, CheckPass pass);

// Parses `source` and, when it parses, runs every pass. Returns all diagnostics, ordered by
// position.
std::vector<SyntaxError> checkSource(const std::string& source, const std::string& fileName);

}  // namespace fluxi::cli
