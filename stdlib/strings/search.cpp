// strings searching and comparing: hasPrefix, hasSuffix, containsStr, containsAny, equalFold,
// compare, countStr, index, lastIndex, indexAny, lastIndexAny. Indexes are byte offsets into the
// UTF-8 text (-1 when absent), as in the reference implementation.
#include "eval/builtin.h"
#include "stdlib/strings/unicode.h"

namespace fluxi {
namespace {

bool hasRune(std::string_view chars, char32_t c) {
    for (size_t i = 0; i < chars.size();) {
        size_t w;
        if (unicode::decode(chars, i, w) == c) return true;
        i += w;
    }
    return false;
}

int64_t indexAny(std::string_view s, std::string_view chars) {
    if (chars.empty()) return -1;
    for (size_t i = 0; i < s.size();) {
        size_t w;
        char32_t c = unicode::decode(s, i, w);
        if (hasRune(chars, c)) return static_cast<int64_t>(i);
        i += w;
    }
    return -1;
}

int64_t lastIndexAny(std::string_view s, std::string_view chars) {
    if (chars.empty()) return -1;
    int64_t last = -1;
    for (size_t i = 0; i < s.size();) {
        size_t w;
        char32_t c = unicode::decode(s, i, w);
        if (hasRune(chars, c)) last = static_cast<int64_t>(i);
        i += w;
    }
    return last;
}

Value hasPrefix(CallContext& ctx, const Args& a) {
    std::string v = ctx.requireString(a, "v"), p = ctx.requireString(a, "prefix");
    return Value::boolean(v.size() >= p.size() && v.compare(0, p.size(), p) == 0);
}
Value hasSuffix(CallContext& ctx, const Args& a) {
    std::string v = ctx.requireString(a, "v"), s = ctx.requireString(a, "suffix");
    return Value::boolean(v.size() >= s.size() && v.compare(v.size() - s.size(), s.size(), s) == 0);
}
Value containsStr(CallContext& ctx, const Args& a) {
    return Value::boolean(ctx.requireString(a, "v").find(ctx.requireString(a, "substr")) != std::string::npos);
}
Value containsAny(CallContext& ctx, const Args& a) {
    return Value::boolean(indexAny(ctx.requireString(a, "v"), ctx.requireString(a, "chars")) >= 0);
}
Value equalFold(CallContext& ctx, const Args& a) {
    return Value::boolean(unicode::equalFold(ctx.requireString(a, "v"), ctx.requireString(a, "t")));
}
Value compare(CallContext& ctx, const Args& a) {
    int c = ctx.requireString(a, "v").compare(ctx.requireString(a, "t"));
    return Value::integer(c < 0 ? -1 : (c > 0 ? 1 : 0));
}
Value countStr(CallContext& ctx, const Args& a) {
    std::string v = ctx.requireString(a, "v"), sub = ctx.requireString(a, "substr");
    if (sub.empty()) return Value::integer(static_cast<int64_t>(unicode::runeCount(v)) + 1);
    int64_t n = 0;
    for (size_t pos = v.find(sub); pos != std::string::npos; pos = v.find(sub, pos + sub.size())) n++;
    return Value::integer(n);
}
Value index(CallContext& ctx, const Args& a) {
    size_t p = ctx.requireString(a, "v").find(ctx.requireString(a, "substr"));
    return Value::integer(p == std::string::npos ? -1 : static_cast<int64_t>(p));
}
Value lastIndex(CallContext& ctx, const Args& a) {
    size_t p = ctx.requireString(a, "v").rfind(ctx.requireString(a, "substr"));
    return Value::integer(p == std::string::npos ? -1 : static_cast<int64_t>(p));
}
Value indexAnyFn(CallContext& ctx, const Args& a) {
    return Value::integer(indexAny(ctx.requireString(a, "v"), ctx.requireString(a, "chars")));
}
Value lastIndexAnyFn(CallContext& ctx, const Args& a) {
    return Value::integer(lastIndexAny(ctx.requireString(a, "v"), ctx.requireString(a, "chars")));
}

}  // namespace

FLUXI_BUILTIN("strings", "hasPrefix", "v, prefix", hasPrefix);
FLUXI_BUILTIN("strings", "hasSuffix", "v, suffix", hasSuffix);
FLUXI_BUILTIN("strings", "containsStr", "v, substr", containsStr);
FLUXI_BUILTIN("strings", "containsAny", "v, chars", containsAny);
FLUXI_BUILTIN("strings", "equalFold", "v, t", equalFold);
FLUXI_BUILTIN("strings", "compare", "v, t", compare);
FLUXI_BUILTIN("strings", "countStr", "v, substr", countStr);
FLUXI_BUILTIN("strings", "index", "v, substr", index);
FLUXI_BUILTIN("strings", "lastIndex", "v, substr", lastIndex);
FLUXI_BUILTIN("strings", "indexAny", "v, chars", indexAnyFn);
FLUXI_BUILTIN("strings", "lastIndexAny", "v, chars", lastIndexAnyFn);

}  // namespace fluxi
