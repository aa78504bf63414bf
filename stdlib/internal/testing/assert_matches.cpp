// internal/testing.assertMatches(got, want): true when string `got` matches regular expression
// `want`; otherwise an error "Regex `WANT` does not match `GOT`".
#include "eval/builtin.h"
#include "eval/regex.h"

namespace fluxi {
namespace {

Value assertMatchesFn(CallContext& ctx, const Args& args) {
    std::string got = ctx.requireString(args, "got");
    const Value& want = ctx.require(args, "want", Kind::Regexp);
    const RegexObj& re = want.asRegexp();
    if (!re2::RE2::PartialMatch(got, *re.re))
        ctx.fail("Regex `" + re.pattern + "` does not match `" + got + "`");
    return Value::boolean(true);
}

}  // namespace

FLUXI_BUILTIN("internal/testing", "assertMatches", "got, want", assertMatchesFn);

}  // namespace fluxi
