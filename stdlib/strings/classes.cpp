// strings character tests on a one-character string: isDigit, isLetter, isLower, isUpper
// (Unicode classes). Any other length is an error.
#include "eval/builtin.h"
#include "eval/value_text.h"
#include "stdlib/strings/unicode.h"

namespace fluxi {
namespace {

char32_t singleChar(CallContext& ctx, const Args& a, const char* fn) {
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    size_t w = 0;
    char32_t c = v.empty() ? 0 : unicode::decode(v, 0, w);
    if (v.empty() || w != v.size())
        ctx.fail(std::string(fn) + ": argument v must be a single character, got " + quoteString(v));
    return c;
}

Value isDigit(CallContext& ctx, const Args& a) { return Value::boolean(unicode::isDigit(singleChar(ctx, a, "strings.isDigit"))); }
Value isLetter(CallContext& ctx, const Args& a) { return Value::boolean(unicode::isLetter(singleChar(ctx, a, "strings.isLetter"))); }
Value isLower(CallContext& ctx, const Args& a) { return Value::boolean(unicode::isLower(singleChar(ctx, a, "strings.isLower"))); }
Value isUpper(CallContext& ctx, const Args& a) { return Value::boolean(unicode::isUpper(singleChar(ctx, a, "strings.isUpper"))); }

}  // namespace

FLUXI_BUILTIN("strings", "isDigit", "v", isDigit);
FLUXI_BUILTIN("strings", "isLetter", "v", isLetter);
FLUXI_BUILTIN("strings", "isLower", "v", isLower);
FLUXI_BUILTIN("strings", "isUpper", "v", isUpper);

}  // namespace fluxi
