// promql.labelReplace(source, destination, regex, replacement) -- PromQL's label_replace(). For each
// table, the group key value of `source` ("" when the key has no such column) is matched against
// the whole of `regex`; on a match, `destination` is set in the group key to `replacement` with
// $1 / ${name} references expanded (and removed from the key when that expansion is empty). The
// output holds the key columns and _value (float), one row per input row; other columns are
// dropped. Two tables that end up with the same key are an error.
#include <memory>
#include <re2/re2.h>
#include <unordered_set>

#include "eval/value_text.h"
#include "stdlib/internal/promql/promql_tables.h"

namespace fluxi {
namespace {

bool nameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Expands $n, ${n}, $name, ${name} and $$ in `tmpl` with the submatches of a successful match (the
// template language of Go's Regexp.Expand: a name runs as far as letters, digits and _ go; an
// unknown name or number, or an unmatched group, expands to nothing; a malformed $ stays as is).
std::string expand(const re2::RE2& re, const std::string& tmpl, const std::vector<re2::StringPiece>& groups) {
    std::string out;
    const auto& named = re.NamedCapturingGroups();
    for (size_t i = 0; i < tmpl.size();) {
        if (tmpl[i] != '$') {
            out += tmpl[i++];
            continue;
        }
        if (i + 1 < tmpl.size() && tmpl[i + 1] == '$') {
            out += '$';
            i += 2;
            continue;
        }
        size_t start = i + 1, end;
        bool braced = start < tmpl.size() && tmpl[start] == '{';
        if (braced) start++;
        end = start;
        while (end < tmpl.size() && nameChar(tmpl[end])) end++;
        if (end == start || (braced && (end >= tmpl.size() || tmpl[end] != '}'))) {
            out += '$';  // malformed reference: the $ is literal text
            i++;
            continue;
        }
        std::string name = tmpl.substr(start, end - start);
        i = braced ? end + 1 : end;
        int index = -1;
        if (name.find_first_not_of("0123456789") == std::string::npos) {
            if (name.size() <= 9) index = std::stoi(name);
        } else if (auto it = named.find(name); it != named.end()) {
            index = it->second;
        }
        if (index >= 0 && static_cast<size_t>(index) < groups.size() && groups[static_cast<size_t>(index)].data())
            out.append(groups[static_cast<size_t>(index)].data(), groups[static_cast<size_t>(index)].size());
    }
    return out;
}

std::string keyText(const GroupKey& key) {
    std::string s = "{";
    for (size_t k = 0; k < key.cols.size(); k++)
        s += (k ? ", " : "") + key.cols[k].name + "=" + (key.values[k].isNull() ? "null" : formatValue(key.values[k]));
    return s + "}";
}

struct KeyHash {
    size_t operator()(const GroupKey& k) const { return k.hash(); }
};
struct KeyEq {
    bool operator()(const GroupKey& a, const GroupKey& b) const { return a.equals(b); }
};

Value labelReplace(CallContext& ctx, const Args& args) {
    static const char* fname = "promql.labelReplace";
    StreamRef in = ctx.requireStream(args);
    const std::string source = ctx.requireString(args, "source");
    const std::string destination = ctx.requireString(args, "destination");
    const std::string regex = ctx.requireString(args, "regex");
    const std::string replacement = ctx.requireString(args, "replacement");
    auto re = std::make_shared<re2::RE2>("^(?:" + regex + ")$", re2::RE2::Quiet);
    if (!re->ok()) ctx.fail(std::string(fname) + ": invalid regular expression in label_replace(): " + regex);
    CallContext site = ctx;
    auto fn = [site, re, source, destination, replacement](std::vector<TablePtr> tables) {
        std::vector<TablePtr> out;
        std::unordered_set<GroupKey, KeyHash, KeyEq> seen;
        std::vector<re2::StringPiece> groups(static_cast<size_t>(re->NumberOfCapturingGroups()) + 1);
        for (const TablePtr& t : tables) {
            promql::requireColumn(site, *t, fname, "_value", ColType::Float);
            std::string src;
            if (int si = t->key.indexOf(source); si >= 0 && t->key.values[static_cast<size_t>(si)].is(Kind::String))
                src = t->key.values[static_cast<size_t>(si)].asString();
            GroupKey key = t->key;
            if (re->Match(src, 0, src.size(), re2::RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size()))) {
                std::string value = expand(*re, replacement, groups);
                GroupKey next;
                for (size_t k = 0; k < key.cols.size(); k++) {
                    if (key.cols[k].name == destination) continue;
                    next.cols.push_back(key.cols[k]);
                    next.values.push_back(key.values[k]);
                }
                if (!value.empty()) {
                    next.cols.push_back({destination, ColType::String});
                    next.values.push_back(Value::string(std::move(value)));
                }
                key = std::move(next);
            }
            if (key.has("_value")) site.fail(std::string(fname) + ": _value is part of the group key");
            if (!seen.insert(key).second) site.fail(std::string(fname) + ": found duplicate table with key " + keyText(key));
            TableBuilder b(key);
            for (size_t k = 0; k < key.cols.size(); k++)
                b.column(static_cast<size_t>(b.addColumn(key.cols[k].name, key.cols[k].type)))
                    .appendRepeated(key.values[k], t->nrows);
            b.addColumn("_value", t->cols[static_cast<size_t>(t->columnIndex("_value"))]);  // shared, not copied
            out.push_back(b.finish());
        }
        return out;
    };
    return Value::stream(makeBlockingStream(in, fn, fname));
}

}  // namespace

FLUXI_BUILTIN("internal/promql", "labelReplace", "<-tables, source, destination, regex, replacement", labelReplace);

}  // namespace fluxi
