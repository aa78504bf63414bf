// Public entry point of the front end: Flux source text in, an ast::File (or syntax errors) out.
// The grammar lives in grammar/*.g4; this wraps the generated ANTLR parser, collects every syntax
// error with its position, and builds the AST (parser/ast_builder).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ast/ast.h"

namespace fluxi {

struct SyntaxError {
    ast::SourceLoc loc;
    std::string message;  // "expected ..., found ..."
};

struct ParseResult {
    std::unique_ptr<ast::File> file;  // set even when there are errors (best effort), never null
    std::vector<SyntaxError> errors;
    bool ok() const { return errors.empty(); }
};

// Parses one file. `fileName` is used in messages only. Never throws on bad input; throws
// LimitExceeded when the run's time limit passes or the run is canceled meanwhile (eval/limits.h).
ParseResult parseFlux(std::string source, std::string fileName);

// "FILE:LINE:COL: error: MESSAGE" followed by the source line and a caret under the column.
std::string formatDiagnostic(const std::string& fileName, const std::string& source, ast::SourceLoc loc,
                             const std::string& message);

}  // namespace fluxi
