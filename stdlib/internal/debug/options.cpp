// internal/debug options and option reflection:
//   option vectorize -- the reference asks its compiler to vectorize map() functions. fluxi has no
//     vectorizer (map runs its closure row by row, or a column loop for simple filter predicates
//     regardless of this option), so the option is accepted, readable and has no effect.
//   getOption(pkg, name) -- the current value of option `name` of package `pkg` (as the script or
//     the host set it, else the package default); an error when the package has no such option.
#include "eval/builtin.h"

namespace fluxi {
namespace {

Value getOption(CallContext& ctx, const Args& args) {
    std::string pkg = ctx.requireString(args, "pkg");
    std::string name = ctx.requireString(args, "name");
    Value v = ctx.option(pkg, name);
    if (v.isNull()) ctx.fail("debug.getOption: package \"" + pkg + "\" has no option \"" + name + "\"");
    return v;
}

}  // namespace

FLUXI_OPTION("internal/debug", "vectorize", [] { return Value::boolean(false); });
FLUXI_BUILTIN("internal/debug", "getOption", "pkg, name", getOption);

}  // namespace fluxi
