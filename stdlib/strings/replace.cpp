// strings replacing and repeating: replace (first i matches; i < 0 means all), replaceAll, repeat.
// An empty `t` matches before every character and at the end, as in the reference.
#include "eval/builtin.h"
#include "stdlib/strings/unicode.h"

namespace fluxi {
namespace {

// Up to the resulting string length we allow (guards against repeat()/replace() blowing up memory).
constexpr size_t kMaxResult = size_t(1) << 30;

std::string replaceN(CallContext& ctx, const char* fn, const std::string& s, const std::string& old,
                     const std::string& with, int64_t n) {
    if (old == with || n == 0) return s;
    // number of matches
    int64_t m = 0;
    if (old.empty()) m = static_cast<int64_t>(unicode::runeCount(s)) + 1;
    else
        for (size_t p = s.find(old); p != std::string::npos; p = s.find(old, p + old.size())) m++;
    if (m == 0) return s;
    if (n < 0 || m < n) n = m;
    if (with.size() > old.size() &&
        static_cast<double>(s.size()) + static_cast<double>(n) * (with.size() - old.size()) > kMaxResult)
        ctx.fail(std::string(fn) + ": the result would be larger than 1 GiB");
    std::string out;
    out.reserve(s.size() + static_cast<size_t>(n) * with.size());
    size_t start = 0;
    for (int64_t i = 0; i < n; i++) {
        size_t j = start;
        if (old.empty()) {
            if (i > 0) {
                size_t w;
                unicode::decode(s, start, w);
                j += w;
            }
        } else {
            j = s.find(old, start);
        }
        out.append(s, start, j - start);
        out += with;
        start = j + old.size();
    }
    out.append(s, start, std::string::npos);
    return out;
}

Value replace(CallContext& ctx, const Args& a) {
    return Value::string(replaceN(ctx, "strings.replace", ctx.require(a, "v", Kind::String).asString(), ctx.require(a, "t", Kind::String).asString(),
                                  ctx.require(a, "u", Kind::String).asString(), ctx.require(a, "i", Kind::Int).asInt()));
}

Value replaceAll(CallContext& ctx, const Args& a) {
    return Value::string(replaceN(ctx, "strings.replaceAll", ctx.require(a, "v", Kind::String).asString(), ctx.require(a, "t", Kind::String).asString(),
                                  ctx.require(a, "u", Kind::String).asString(), -1));
}

Value repeat(CallContext& ctx, const Args& a) {
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    int64_t i = ctx.require(a, "i", Kind::Int).asInt();
    if (i < 0) ctx.fail("strings.repeat: argument i must not be negative, got " + std::to_string(i));
    if (!v.empty() && static_cast<uint64_t>(i) > kMaxResult / v.size())
        ctx.fail("strings.repeat: the result would be larger than 1 GiB");
    std::string out;
    out.reserve(v.size() * static_cast<size_t>(i));
    for (int64_t k = 0; k < i; k++) out += v;
    return Value::string(std::move(out));
}

}  // namespace

FLUXI_BUILTIN("strings", "replace", "v, t, u, i", replace);
FLUXI_BUILTIN("strings", "replaceAll", "v, t, u", replaceAll);
FLUXI_BUILTIN("strings", "repeat", "v, i", repeat);

}  // namespace fluxi
