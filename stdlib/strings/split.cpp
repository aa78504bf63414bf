// strings splitting and joining: split, splitAfter (keeps the separator), splitN, splitAfterN (at
// most i pieces, the last one the unsplit rest; i < 0 means no limit, 0 gives []), joinStr. An empty
// separator splits between characters.
#include "eval/builtin.h"
#include "stdlib/strings/unicode.h"

namespace fluxi {
namespace {

Value strings(std::vector<std::string> parts) {
    std::vector<Value> out;
    out.reserve(parts.size());
    for (auto& p : parts) out.push_back(Value::string(std::move(p)));
    return makeArray(std::move(out));
}

std::vector<std::string> splitImpl(const std::string& s, const std::string& sep, bool keepSep, int64_t n) {
    std::vector<std::string> out;
    if (n == 0) return out;
    if (sep.empty()) {  // one piece per character
        size_t i = 0;
        while (i < s.size()) {
            if (n > 0 && static_cast<int64_t>(out.size()) == n - 1) {
                out.push_back(s.substr(i));
                return out;
            }
            size_t w;
            unicode::decode(s, i, w);
            out.push_back(s.substr(i, w));
            i += w;
        }
        return out;
    }
    size_t start = 0;
    while (n < 0 || static_cast<int64_t>(out.size()) < n - 1) {
        size_t m = s.find(sep, start);
        if (m == std::string::npos) break;
        out.push_back(s.substr(start, m - start + (keepSep ? sep.size() : 0)));
        start = m + sep.size();
    }
    out.push_back(s.substr(start));
    return out;
}

Value split(CallContext& ctx, const Args& a) {
    return strings(splitImpl(ctx.require(a, "v", Kind::String).asString(), ctx.require(a, "t", Kind::String).asString(), false, -1));
}
Value splitAfter(CallContext& ctx, const Args& a) {
    return strings(splitImpl(ctx.require(a, "v", Kind::String).asString(), ctx.require(a, "t", Kind::String).asString(), true, -1));
}
Value splitN(CallContext& ctx, const Args& a) {
    return strings(splitImpl(ctx.require(a, "v", Kind::String).asString(), ctx.require(a, "t", Kind::String).asString(), false,
                             ctx.require(a, "i", Kind::Int).asInt()));
}
Value splitAfterN(CallContext& ctx, const Args& a) {
    return strings(splitImpl(ctx.require(a, "v", Kind::String).asString(), ctx.require(a, "t", Kind::String).asString(), true,
                             ctx.require(a, "i", Kind::Int).asInt()));
}

Value joinStr(CallContext& ctx, const Args& a) {
    const Value& arr = ctx.require(a, "arr", Kind::Array);
    const std::string& sep = ctx.require(a, "v", Kind::String).asString();
    std::string out;
    const auto& elems = arr.asArray().elems;
    for (size_t i = 0; i < elems.size(); i++) {
        if (!elems[i].is(Kind::String))
            ctx.fail(std::string("strings.joinStr: argument arr must be an array of strings, element ") +
                     std::to_string(i) + " is " + kindName(elems[i].kind()));
        if (i) out += sep;
        out += elems[i].asString();
    }
    return Value::string(std::move(out));
}

}  // namespace

FLUXI_BUILTIN("strings", "split", "v, t", split);
FLUXI_BUILTIN("strings", "splitAfter", "v, t", splitAfter);
FLUXI_BUILTIN("strings", "splitN", "v, t, i", splitN);
FLUXI_BUILTIN("strings", "splitAfterN", "v, t, i", splitAfterN);
FLUXI_BUILTIN("strings", "joinStr", "arr, v", joinStr);

}  // namespace fluxi
