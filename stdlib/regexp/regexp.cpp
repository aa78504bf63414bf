// Package regexp (RE2 syntax): compile, quoteMeta, findString, findStringIndex, matchRegexpString,
// replaceAllString ($1, ${name} and $$ in the replacement expand as in Go), splitRegexp, getString.
// Successive matches follow Go's rules: an empty match right after a previous match is skipped.
#include <vector>

#include "eval/builtin.h"
#include "eval/regex.h"
#include "stdlib/strings/unicode.h"

namespace fluxi {
namespace {

const re2::RE2& requireRegex(CallContext& ctx, const Args& a) {
    return *ctx.require(a, "r", Kind::Regexp).asRegexp().re;
}

// Finds the leftmost match at or after `pos` (anchors see the whole text). Fills `groups` (group 0
// is the whole match) and returns false when there is none.
bool findAt(const re2::RE2& re, std::string_view s, size_t pos, std::vector<re2::StringPiece>& groups) {
    groups.resize(static_cast<size_t>(re.NumberOfCapturingGroups()) + 1);
    if (pos > s.size()) return false;
    return re.Match(s, pos, s.size(), re2::RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size()));
}

size_t offsetIn(std::string_view s, re2::StringPiece part) { return static_cast<size_t>(part.data() - s.data()); }

// All match spans [start, end) of `re` in `s`, at most `limit` of them (limit < 0: all).
std::vector<std::pair<size_t, size_t>> allMatches(const re2::RE2& re, std::string_view s, int64_t limit) {
    std::vector<std::pair<size_t, size_t>> out;
    std::vector<re2::StringPiece> g;
    size_t pos = 0;
    int64_t prevEnd = -1;
    while ((limit < 0 || static_cast<int64_t>(out.size()) < limit) && pos <= s.size()) {
        if (!findAt(re, s, pos, g)) break;
        size_t b = offsetIn(s, g[0]), e = b + g[0].size();
        bool accept = true;
        if (e == b && b == pos) {  // empty match at the search position
            if (static_cast<int64_t>(b) == prevEnd) accept = false;
            size_t w = 1;
            if (pos < s.size()) unicode::decode(s, pos, w);
            pos += w;
        } else {
            pos = e > pos ? e : pos + 1;
        }
        prevEnd = static_cast<int64_t>(e);
        if (accept) out.emplace_back(b, e);
    }
    return out;
}

// Go-style template expansion: $1, ${1}, $name, ${name}; $$ is a literal $.
void expand(std::string& out, std::string_view tmpl, const re2::RE2& re, const std::vector<re2::StringPiece>& g) {
    const auto& names = re.NamedCapturingGroups();
    auto isNameChar = [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    };
    for (size_t i = 0; i < tmpl.size(); i++) {
        char c = tmpl[i];
        if (c != '$' || i + 1 >= tmpl.size()) {
            out.push_back(c);
            continue;
        }
        if (tmpl[i + 1] == '$') {
            out.push_back('$');
            i++;
            continue;
        }
        std::string_view name;
        size_t next;
        if (tmpl[i + 1] == '{') {
            size_t close = tmpl.find('}', i + 2);
            if (close == std::string_view::npos) {
                out.push_back(c);
                continue;
            }
            name = tmpl.substr(i + 2, close - i - 2);
            bool ok = !name.empty();
            for (char n : name) ok = ok && isNameChar(n);
            if (!ok) {
                out.push_back(c);
                continue;
            }
            next = close + 1;
        } else {
            size_t j = i + 1;
            while (j < tmpl.size() && isNameChar(tmpl[j])) j++;
            if (j == i + 1) {
                out.push_back(c);
                continue;
            }
            name = tmpl.substr(i + 1, j - i - 1);
            next = j;
        }
        bool numeric = true;
        for (char n : name) numeric = numeric && n >= '0' && n <= '9';
        int idx = -1;
        if (numeric) {
            if (name.size() < 10) idx = std::stoi(std::string(name));
        } else {
            auto it = names.find(std::string(name));
            if (it != names.end()) idx = it->second;
        }
        if (idx >= 0 && static_cast<size_t>(idx) < g.size() && g[static_cast<size_t>(idx)].data())
            out.append(g[static_cast<size_t>(idx)].data(), g[static_cast<size_t>(idx)].size());
        i = next - 1;
    }
}

Value compile(CallContext& ctx, const Args& a) {
    const std::string& pattern = ctx.require(a, "v", Kind::String).asString();
    try {
        return Value::regexp(compileRegex(pattern));
    } catch (const FluxError& e) {
        ctx.fail("regexp.compile: " + e.message());
    }
}

Value quoteMeta(CallContext& ctx, const Args& a) {
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    std::string out;
    out.reserve(v.size() * 2);
    for (char c : v) {
        if (std::string_view("\\.+*?()|[]{}^$").find(c) != std::string_view::npos) out.push_back('\\');
        out.push_back(c);
    }
    return Value::string(std::move(out));
}

Value findString(CallContext& ctx, const Args& a) {
    const re2::RE2& re = requireRegex(ctx, a);
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    std::vector<re2::StringPiece> g;
    if (!findAt(re, v, 0, g)) return Value::string("");
    return Value::string(std::string(g[0].data(), g[0].size()));
}

Value findStringIndex(CallContext& ctx, const Args& a) {
    const re2::RE2& re = requireRegex(ctx, a);
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    std::vector<re2::StringPiece> g;
    if (!findAt(re, v, 0, g)) return makeArray({});
    int64_t b = static_cast<int64_t>(offsetIn(v, g[0]));
    return makeArray({Value::integer(b), Value::integer(b + static_cast<int64_t>(g[0].size()))});
}

Value matchRegexpString(CallContext& ctx, const Args& a) {
    const re2::RE2& re = requireRegex(ctx, a);
    return Value::boolean(re2::RE2::PartialMatch(ctx.require(a, "v", Kind::String).asString(), re));
}

Value replaceAllString(CallContext& ctx, const Args& a) {
    const re2::RE2& re = requireRegex(ctx, a);
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    const std::string& t = ctx.require(a, "t", Kind::String).asString();
    std::string out;
    std::vector<re2::StringPiece> g;
    size_t lastEnd = 0, search = 0;
    while (search <= v.size()) {
        if (!findAt(re, v, search, g)) break;
        size_t b = offsetIn(v, g[0]), e = b + g[0].size();
        out.append(v, lastEnd, b - lastEnd);
        // no replacement for an empty match right after the previous match
        if (e > lastEnd || b == 0) expand(out, t, re, g);
        lastEnd = e;
        size_t w = 1;
        if (search < v.size()) unicode::decode(v, search, w);
        if (search + w > e) search += w;
        else if (search + 1 > e) search++;
        else search = e;
    }
    out.append(v, lastEnd, std::string::npos);
    return Value::string(std::move(out));
}

Value splitRegexp(CallContext& ctx, const Args& a) {
    const re2::RE2& re = requireRegex(ctx, a);
    const std::string& v = ctx.require(a, "v", Kind::String).asString();
    int64_t n = ctx.require(a, "i", Kind::Int).asInt();
    std::vector<Value> out;
    if (n == 0) return makeArray({});
    if (!re.pattern().empty() && v.empty()) return makeArray({Value::string("")});
    auto matches = allMatches(re, v, n);
    size_t beg = 0, end = 0;
    for (auto [mb, me] : matches) {
        if (n > 0 && static_cast<int64_t>(out.size()) == n - 1) break;
        end = mb;
        if (me != 0) out.push_back(Value::string(v.substr(beg, end - beg)));
        beg = me;
    }
    if (end != v.size()) out.push_back(Value::string(v.substr(beg)));
    return makeArray(std::move(out));
}

Value getString(CallContext& ctx, const Args& a) {
    return Value::string(ctx.require(a, "r", Kind::Regexp).asRegexp().pattern);
}

}  // namespace

FLUXI_BUILTIN("regexp", "compile", "v", compile);
FLUXI_BUILTIN("regexp", "quoteMeta", "v", quoteMeta);
FLUXI_BUILTIN("regexp", "findString", "r, v", findString);
FLUXI_BUILTIN("regexp", "findStringIndex", "r, v", findStringIndex);
FLUXI_BUILTIN("regexp", "matchRegexpString", "r, v", matchRegexpString);
FLUXI_BUILTIN("regexp", "replaceAllString", "r, v, t", replaceAllString);
FLUXI_BUILTIN("regexp", "splitRegexp", "r, v, i", splitRegexp);
FLUXI_BUILTIN("regexp", "getString", "r", getString);

}  // namespace fluxi
