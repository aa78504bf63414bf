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
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    const std::string& p = ctx.require(a, "prefix", Kind::String).asString();
    return Value::boolean(v.size() >= p.size() && v.compare(0, p.size(), p) == 0);
}
Value hasSuffix(CallContext& ctx, const Args& a) {
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    const std::string& s = ctx.require(a, "suffix", Kind::String).asString();
    return Value::boolean(v.size() >= s.size() && v.compare(v.size() - s.size(), s.size(), s) == 0);
}
Value containsStr(CallContext& ctx, const Args& a) {
    return Value::boolean(ctx.require(a, "v", Kind::String).asString().find(ctx.require(a, "substr", Kind::String).asString()) != std::string::npos);
}
Value containsAny(CallContext& ctx, const Args& a) {
    return Value::boolean(indexAny(ctx.require(a, "v", Kind::String).asString(), ctx.require(a, "chars", Kind::String).asString()) >= 0);
}
Value equalFold(CallContext& ctx, const Args& a) {
    return Value::boolean(unicode::equalFold(ctx.require(a, "v", Kind::String).asString(), ctx.require(a, "t", Kind::String).asString()));
}
Value compare(CallContext& ctx, const Args& a) {
    int c = ctx.require(a, "v", Kind::String).asString().compare(ctx.require(a, "t", Kind::String).asString());
    return Value::integer(c < 0 ? -1 : (c > 0 ? 1 : 0));
}
Value countStr(CallContext& ctx, const Args& a) {
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    const std::string& sub = ctx.require(a, "substr", Kind::String).asString();
    if (sub.empty()) return Value::integer(static_cast<int64_t>(unicode::runeCount(v)) + 1);
    int64_t n = 0;
    for (size_t pos = v.find(sub); pos != std::string::npos; pos = v.find(sub, pos + sub.size())) n++;
    return Value::integer(n);
}
Value index(CallContext& ctx, const Args& a) {
    size_t p = ctx.require(a, "v", Kind::String).asString().find(ctx.require(a, "substr", Kind::String).asString());
    return Value::integer(p == std::string::npos ? -1 : static_cast<int64_t>(p));
}
Value lastIndex(CallContext& ctx, const Args& a) {
    size_t p = ctx.require(a, "v", Kind::String).asString().rfind(ctx.require(a, "substr", Kind::String).asString());
    return Value::integer(p == std::string::npos ? -1 : static_cast<int64_t>(p));
}
Value indexAnyFn(CallContext& ctx, const Args& a) {
    return Value::integer(indexAny(ctx.require(a, "v", Kind::String).asString(), ctx.require(a, "chars", Kind::String).asString()));
}
Value lastIndexAnyFn(CallContext& ctx, const Args& a) {
    return Value::integer(lastIndexAny(ctx.require(a, "v", Kind::String).asString(), ctx.require(a, "chars", Kind::String).asString()));
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
