// The `names` pass of `fluxi check`: every identifier must be defined, every import must exist and
// every `pkg.member` must be a member of that package (eval's Interpreter::check).
#include "cli/check_passes.h"
#include "eval/interpreter.h"

namespace fluxi::cli {
namespace {

void checkNames(const ast::File& file, std::vector<SyntaxError>& diagnostics) {
    Execution exec;
    Interpreter interp(exec);
    // The resolver annotates the tree; the file belongs to this check run only.
    for (auto& p : interp.check(const_cast<ast::File&>(file))) diagnostics.push_back({p.loc, p.message});
}

const bool registered = (addCheckPass("names", checkNames), true);

}  // namespace
}  // namespace fluxi::cli
