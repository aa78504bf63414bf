// Fuzz target "parse": the Flux parser alone (parser/parser.h) on any bytes. It must never crash or
// throw, must return a tree even with errors, every syntax error must carry a message and a position
// inside the input, and the tree must dump (JSON and text). The lexer's tokens must lie in order
// inside the input.
#include <algorithm>
#include <string>

#include "ast/ast_json.h"
#include "fuzz/fuzz_target.h"
#include "parser/parser.h"

FLUXI_FUZZ_TARGET("parse") {
    using namespace fluxi;
    const std::string source(reinterpret_cast<const char*>(data), size);
    ParseResult r = parseFlux(source, "fuzz.flux");
    fuzz::require(r.file != nullptr, "parseFlux returned no tree");
    const uint32_t lines = 1 + static_cast<uint32_t>(std::count(source.begin(), source.end(), '\n'));
    for (const SyntaxError& e : r.errors) {
        fuzz::require(e.loc.line >= 1 && e.loc.line <= lines, "syntax error on a line outside the input");
        fuzz::require(e.loc.col >= 1, "syntax error without a column");
        fuzz::require(!e.message.empty(), "syntax error without a message");
        fuzz::require(!formatDiagnostic("fuzz.flux", source, e.loc, e.message).empty(), "empty diagnostic");
    }
    fuzz::require(!ast::toJson(*r.file).empty(), "empty JSON dump of the tree");
    (void)ast::toText(*r.file);

    size_t previousEnd = 0;
    for (const LexedToken& t : lexFlux(source)) {
        fuzz::require(t.startByte <= t.endByte && t.endByte <= source.size(), "token outside the input");
        fuzz::require(t.startByte >= previousEnd || t.inString, "tokens out of order");
        previousEnd = std::max(previousEnd, t.endByte);
    }
}
