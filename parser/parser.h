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

// One token of a Flux source, for tools that need more than the AST (the formatter keeps comments
// and the exact text of literals). `text` is the token as written; inside a string literal the
// text pieces have `inString` set (their text is not a symbol). Positions are those of the AST.
struct LexedToken {
    std::string text;
    ast::SourceLoc start, end;  // end is just past the last character
    size_t startByte = 0, endByte = 0;  // byte offsets into the source, end exclusive
    bool inString = false;
};

// The tokens of `source` in order (comments and white space are not tokens: they are what lies
// between two tokens' byte ranges). A final token with empty text marks the end of the input. Input
// from the first byte that is not UTF-8 on is not tokenized (parseFlux reports that byte).
std::vector<LexedToken> lexFlux(const std::string& source);

// "FILE:LINE:COL: error: MESSAGE" followed by the source line and a caret under the column.
std::string formatDiagnostic(const std::string& fileName, const std::string& source, ast::SourceLoc loc,
                             const std::string& message);

}  // namespace fluxi
