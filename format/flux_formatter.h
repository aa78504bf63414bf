// The canonical Flux source formatter behind `fluxi fmt`: lays a parsed file out the way the
// reference implementation's formatter does (4-space indentation, lines of at most 100 columns,
// records, arrays, calls and pipe chains broken one item per line with trailing commas when they do
// not fit or were written on several lines, redundant parentheses dropped, comments kept before the
// token they precede). Formatting never changes the program: parsing the output gives the same AST.
#pragma once

#include <string>

#include "ast/ast.h"

namespace fluxi::format {

struct FormatResult {
    bool ok = false;
    std::string text;   // the formatted source (ends with a newline), when ok
    std::string error;  // what went wrong (syntax errors as diagnostics), when not ok
};

// Formats a file parsed without errors; `file.source` must be the text it was parsed from.
FormatResult formatFile(const ast::File& file);

// Parses `source` (named `fileName` in messages) and formats it.
FormatResult formatSource(const std::string& source, const std::string& fileName);

}  // namespace fluxi::format
