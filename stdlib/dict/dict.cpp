// Package dict: fromList(pairs), get(dict, key, default), insert(dict, key, value), remove(dict,
// key). Dictionaries are immutable: insert and remove return new ones. Keys share one type and are
// kept sorted (eval/compare.h totalOrder), the same way dictionary literals are built.
#include <algorithm>

#include "eval/builtin.h"
#include "eval/compare.h"

namespace fluxi {
namespace {

using Entries = std::vector<std::pair<Value, Value>>;

Entries::const_iterator findKey(const Entries& e, const Value& key) {
    auto it = std::lower_bound(e.begin(), e.end(), key,
                               [](const auto& p, const Value& k) { return totalOrder(p.first, k) < 0; });
    return (it != e.end() && totalOrder(it->first, key) == 0) ? it : e.end();
}

// Inserts or replaces key in sorted entries; checks that keys keep one type.
void put(CallContext& ctx, const char* fn, Entries& e, Value key, Value value) {
    if (key.isNull()) ctx.fail(std::string(fn) + ": a dictionary key cannot be null");
    if (!e.empty() && e.front().first.kind() != key.kind())
        ctx.fail(std::string(fn) + ": dictionary keys must have one type: the dictionary has " +
                 kindName(e.front().first.kind()) + " keys, got a " + kindName(key.kind()) + " key");
    auto it = std::lower_bound(e.begin(), e.end(), key,
                               [](const auto& p, const Value& k) { return totalOrder(p.first, k) < 0; });
    if (it != e.end() && totalOrder(it->first, key) == 0) it->second = std::move(value);
    else e.insert(it, {std::move(key), std::move(value)});
}

Value fromList(CallContext& ctx, const Args& a) {
    const Value& pairs = ctx.require(a, "pairs", Kind::Array);
    auto d = make<DictObj>();
    size_t i = 0;
    for (const Value& p : pairs.asArray().elems) {
        const Value* key = p.is(Kind::Record) ? p.asRecord().find("key") : nullptr;
        const Value* value = p.is(Kind::Record) ? p.asRecord().find("value") : nullptr;
        if (!key || !value)
            ctx.fail("dict.fromList: element " + std::to_string(i) + " of pairs must be a record {key, value}");
        put(ctx, "dict.fromList", d->entries, *key, *value);
        i++;
    }
    d->noteSize();
    return Value::dict(d);
}

Value get(CallContext& ctx, const Args& a) {
    const Value& d = ctx.require(a, "dict", Kind::Dict);
    const Value* key = a.get("key");
    const Value* dflt = a.get("default");
    if (!key) ctx.fail("dict.get: missing required argument key");
    if (!dflt) ctx.fail("dict.get: missing required argument default");
    const Entries& e = d.asDict().entries;
    auto it = findKey(e, *key);
    return it == e.end() ? *dflt : it->second;
}

Value insert(CallContext& ctx, const Args& a) {
    const Value& d = ctx.require(a, "dict", Kind::Dict);
    const Value* key = a.get("key");
    const Value* value = a.get("value");
    if (!key) ctx.fail("dict.insert: missing required argument key");
    if (!value) ctx.fail("dict.insert: missing required argument value");
    auto out = make<DictObj>(d.asDict().entries);
    put(ctx, "dict.insert", out->entries, *key, *value);
    out->noteSize();
    return Value::dict(out);
}

Value remove(CallContext& ctx, const Args& a) {
    const Value& d = ctx.require(a, "dict", Kind::Dict);
    const Value* key = a.get("key");
    if (!key) ctx.fail("dict.remove: missing required argument key");
    const Entries& e = d.asDict().entries;
    auto it = findKey(e, *key);
    if (it == e.end()) return d;
    auto out = make<DictObj>();
    out->entries.reserve(e.size() - 1);
    for (auto j = e.begin(); j != e.end(); ++j)
        if (j != it) out->entries.push_back(*j);
    out->noteSize();
    return Value::dict(out);
}

}  // namespace

FLUXI_BUILTIN("dict", "fromList", "pairs", fromList);
FLUXI_BUILTIN("dict", "get", "dict, key, default", get);
FLUXI_BUILTIN("dict", "insert", "dict, key, value", insert);
FLUXI_BUILTIN("dict", "remove", "dict, key", remove);

}  // namespace fluxi
