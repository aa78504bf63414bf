// strings trimming: trim, trimLeft, trimRight (characters of a cutset), trimPrefix, trimSuffix (one
// exact affix), trimSpace (Unicode white space).
#include "eval/builtin.h"
#include "stdlib/strings/unicode.h"

namespace fluxi {
namespace {

bool inCutset(char32_t c, std::string_view cutset) {
    for (size_t i = 0; i < cutset.size();) {
        size_t w;
        if (unicode::decode(cutset, i, w) == c) return true;
        i += w;
    }
    return false;
}

// Byte offset of the first character not matched by `drop`.
template <class P>
size_t skipLeft(std::string_view s, P drop) {
    size_t i = 0;
    while (i < s.size()) {
        size_t w;
        char32_t c = unicode::decode(s, i, w);
        if (!drop(c)) break;
        i += w;
    }
    return i;
}

// Byte offset just past the last character not matched by `drop`.
template <class P>
size_t skipRight(std::string_view s, P drop) {
    size_t end = s.size();
    while (end > 0) {
        size_t start = end - 1;  // back up to the first byte of the last character
        while (start > 0 && end - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) start--;
        size_t w;
        char32_t c = unicode::decode(s, start, w);
        if (start + w != end) {  // not a well-formed character ending here: one bad byte
            start = end - 1;
            c = unicode::kReplacement;
        }
        if (!drop(c)) break;
        end = start;
    }
    return end;
}

Value trim(CallContext& ctx, const Args& a) {
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    const std::string& cut = ctx.require(a, "cutset", Kind::String).asString();
    auto drop = [&](char32_t c) { return inCutset(c, cut); };
    size_t b = skipLeft(v, drop);
    size_t e = b + skipRight(std::string_view(v).substr(b), drop);
    return Value::string(v.substr(b, e - b));
}

Value trimLeft(CallContext& ctx, const Args& a) {
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    const std::string& cut = ctx.require(a, "cutset", Kind::String).asString();
    return Value::string(v.substr(skipLeft(v, [&](char32_t c) { return inCutset(c, cut); })));
}

Value trimRight(CallContext& ctx, const Args& a) {
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    const std::string& cut = ctx.require(a, "cutset", Kind::String).asString();
    return Value::string(v.substr(0, skipRight(v, [&](char32_t c) { return inCutset(c, cut); })));
}

Value trimSpace(CallContext& ctx, const Args& a) {
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    size_t b = skipLeft(v, unicode::isSpace);
    size_t e = b + skipRight(std::string_view(v).substr(b), unicode::isSpace);
    return Value::string(v.substr(b, e - b));
}

Value trimPrefix(CallContext& ctx, const Args& a) {
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    const std::string& p = ctx.require(a, "prefix", Kind::String).asString();
    if (v.compare(0, p.size(), p) == 0 && v.size() >= p.size()) return Value::string(v.substr(p.size()));
    return Value::string(v);
}

Value trimSuffix(CallContext& ctx, const Args& a) {
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    const std::string& s = ctx.require(a, "suffix", Kind::String).asString();
    if (v.size() >= s.size() && v.compare(v.size() - s.size(), s.size(), s) == 0)
        return Value::string(v.substr(0, v.size() - s.size()));
    return Value::string(v);
}

}  // namespace

FLUXI_BUILTIN("strings", "trim", "v, cutset", trim);
FLUXI_BUILTIN("strings", "trimLeft", "v, cutset", trimLeft);
FLUXI_BUILTIN("strings", "trimRight", "v, cutset", trimRight);
FLUXI_BUILTIN("strings", "trimSpace", "v", trimSpace);
FLUXI_BUILTIN("strings", "trimPrefix", "v, prefix", trimPrefix);
FLUXI_BUILTIN("strings", "trimSuffix", "v, suffix", trimSuffix);

}  // namespace fluxi
