// strings.strlen (number of characters, not bytes) and strings.substring (by character positions,
// start inclusive, end exclusive; positions past either end are clamped, end <= start gives "").
#include <algorithm>

#include "eval/builtin.h"
#include "stdlib/strings/unicode.h"

namespace fluxi {
namespace {

Value strlen(CallContext& ctx, const Args& a) {
    return Value::integer(static_cast<int64_t>(unicode::runeCount(ctx.require(a, "v", Kind::String).asString())));
}

Value substring(CallContext& ctx, const Args& a) {
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    int64_t start = std::max<int64_t>(0, ctx.require(a, "start", Kind::Int).asInt());
    int64_t end = ctx.require(a, "end", Kind::Int).asInt();
    if (end <= start) return Value::string("");
    size_t byteStart = v.size(), byteEnd = v.size();
    int64_t idx = 0;
    for (size_t i = 0; i < v.size(); idx++) {
        if (idx == start) byteStart = i;
        if (idx == end) {
            byteEnd = i;
            break;
        }
        size_t w;
        unicode::decode(v, i, w);
        i += w;
    }
    if (byteStart >= byteEnd) return Value::string("");
    return Value::string(v.substr(byteStart, byteEnd - byteStart));
}

}  // namespace

FLUXI_BUILTIN("strings", "strlen", "v", strlen);
FLUXI_BUILTIN("strings", "substring", "v, start, end", substring);

}  // namespace fluxi
