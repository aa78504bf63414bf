// strings case conversion: toUpper, toLower, toTitle (every character), title (first letter of each
// word). Unicode-aware: strings.toUpper(v: "ǳ") = "Ǳ", strings.toTitle(v: "ǳ") = "ǲ".
#include "eval/builtin.h"
#include "stdlib/strings/unicode.h"

namespace fluxi {
namespace {

Value toUpper(CallContext& ctx, const Args& a) { return Value::string(unicode::upper(ctx.require(a, "v", Kind::String).asString())); }
Value toLower(CallContext& ctx, const Args& a) { return Value::string(unicode::lower(ctx.require(a, "v", Kind::String).asString())); }
Value toTitle(CallContext& ctx, const Args& a) { return Value::string(unicode::title(ctx.require(a, "v", Kind::String).asString())); }
Value title(CallContext& ctx, const Args& a) { return Value::string(unicode::titleWords(ctx.require(a, "v", Kind::String).asString())); }

}  // namespace

FLUXI_BUILTIN("strings", "toUpper", "v", toUpper);
FLUXI_BUILTIN("strings", "toLower", "v", toLower);
FLUXI_BUILTIN("strings", "toTitle", "v", toTitle);
FLUXI_BUILTIN("strings", "title", "v", title);

}  // namespace fluxi
