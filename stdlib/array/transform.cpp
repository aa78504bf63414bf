// array.concat, array.filter and array.map: building new arrays from arrays.
#include "eval/builtin.h"
#include "eval/value.h"
#include "stdlib/array/array_functions.h"

namespace fluxi::array_pkg {
namespace {

// The kind of an array's elements (its first non-null element), Kind::Null when unknown.
Kind elementKind(const std::vector<Value>& elems) {
    for (auto& e : elems)
        if (!e.isNull()) return e.kind();
    return Kind::Null;
}

}  // namespace

Value concat(CallContext& ctx, const Args& args) {
    const Value& arr = ctx.require(args, "arr", Kind::Array);
    const Value& v = ctx.require(args, "v", Kind::Array);
    const auto& a = arr.asArray().elems;
    const auto& b = v.asArray().elems;
    if (b.empty()) return arr;
    if (a.empty()) return v;
    Kind ka = elementKind(a), kb = elementKind(b);
    if (ka != Kind::Null && kb != Kind::Null && ka != kb)
        ctx.fail(std::string("array.concat: cannot append an array of ") + kindName(kb) + " to an array of " +
                 kindName(ka));
    std::vector<Value> out;
    out.reserve(a.size() + b.size());
    out.insert(out.end(), a.begin(), a.end());
    out.insert(out.end(), b.begin(), b.end());
    return makeArray(std::move(out));
}

Value filter(CallContext& ctx, const Args& args) {
    const Value& arr = ctx.require(args, "arr", Kind::Array);
    const Value& fn = ctx.require(args, "fn", Kind::Function);
    const auto& elems = arr.asArray().elems;
    std::vector<Value> out;
    RepeatedCall call(ctx, fn, {"x"});
    for (const Value& e : elems) {
        Value keep = call(e);
        if (!keep.is(Kind::Bool))
            ctx.fail(std::string("array.filter: fn must return a bool, got ") + kindName(keep.kind()));
        if (keep.asBool()) out.push_back(e);
    }
    if (out.size() == elems.size()) return arr;
    return makeArray(std::move(out));
}

Value map(CallContext& ctx, const Args& args) {
    const Value& arr = ctx.require(args, "arr", Kind::Array);
    const Value& fn = ctx.require(args, "fn", Kind::Function);
    const auto& elems = arr.asArray().elems;
    std::vector<Value> out;
    out.reserve(elems.size());
    RepeatedCall call(ctx, fn, {"x"});
    for (const Value& e : elems) out.push_back(call(e));
    return makeArray(std::move(out));
}

}  // namespace fluxi::array_pkg

FLUXI_BUILTIN("array", "concat", "<-arr, v", fluxi::array_pkg::concat);
FLUXI_BUILTIN("array", "filter", "<-arr, fn", fluxi::array_pkg::filter);
FLUXI_BUILTIN("array", "map", "<-arr, fn", fluxi::array_pkg::map);

