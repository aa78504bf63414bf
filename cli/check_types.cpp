// The `types` pass of `fluxi check`: static type inference (types/infer.h) against the stdlib's
// declared types; reports each type error at its position, in the reference's wording.
#include "cli/check_passes.h"
#include "types/infer.h"

namespace fluxi::cli {
namespace {

void checkTypes(const ast::File& file, std::vector<SyntaxError>& diagnostics) {
    types::Checker checker;
    for (types::TypeError& e : checker.check(file)) diagnostics.push_back({e.loc, std::move(e.message)});
}

const bool registered = (addCheckPass("types", checkTypes), true);

}  // namespace
}  // namespace fluxi::cli
