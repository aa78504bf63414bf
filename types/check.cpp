// formatTypeErrors (see types/check.h).
#include "types/check.h"

#include "parser/parser.h"
#include "types/infer.h"

namespace fluxi::types {

std::string formatTypeErrors(const ast::File& file) {
    Checker checker;
    std::string out;
    for (const TypeError& e : checker.check(file)) out += formatDiagnostic(file.name, file.source, e.loc, e.message);
    return out;
}

}  // namespace fluxi::types
