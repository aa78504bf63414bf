// experimental/dynamic: values of a type known only at run time. fluxi checks types at run time
// anyway, so a dynamic value is the wrapped value itself (see README, "Differences"):
//   dynamic(v)             v
//   asArray(<-v)           v when it is an array; an error for null or any other type
//   isType(v, type)        whether v's type is `type` ("string", "bytes", "int", "uint", "float",
//                          "bool", "time", "duration", "regexp", "array", "object", "function",
//                          "dictionary"); false for null
//   jsonParse(data)        JSON bytes -> value (objects -> records, numbers -> floats, ...)
//   jsonEncode(v)          value -> JSON bytes (as json.encode; dictionary keys of any type)
#include "stdlib/experimental/json/json_value.h"
#include "stdlib/json/encode.h"

namespace fluxi {
namespace {

Value dynamicOf(CallContext& ctx, const Args& args) {
    const Value* v = args.get("v");
    if (!v) ctx.fail("dynamic.dynamic: missing required argument v");
    return *v;
}

Value asArray(CallContext& ctx, const Args& args) {
    const Value* v = args.get("v");
    if (!v || v->isNull()) ctx.fail("dynamic.asArray: unable to convert <null> to array");
    if (!v->is(Kind::Array))
        ctx.fail(std::string("dynamic.asArray: unable to convert ") + kindName(v->kind()) + " to array");
    return *v;
}

const char* dynamicTypeName(Kind k) {
    switch (k) {
        case Kind::String: return "string";
        case Kind::Bytes: return "bytes";
        case Kind::Int: return "int";
        case Kind::UInt: return "uint";
        case Kind::Float: return "float";
        case Kind::Bool: return "bool";
        case Kind::Time: return "time";
        case Kind::Duration: return "duration";
        case Kind::Regexp: return "regexp";
        case Kind::Array: return "array";
        case Kind::Record: return "object";
        case Kind::Function: return "function";
        case Kind::Dict: return "dictionary";
        case Kind::Null:
        case Kind::Stream: return nullptr;
    }
    return nullptr;
}

Value isType(CallContext& ctx, const Args& args) {
    const Value* v = args.get("v");
    if (!v || v->isNull()) return Value::boolean(false);
    std::string type = ctx.requireString(args, "type");
    const char* name = dynamicTypeName(v->kind());
    return Value::boolean(name && type == name);
}

Value jsonParse(CallContext& ctx, const Args& args) { return parseJsonArgument(ctx, args, "dynamic.jsonParse"); }

Value jsonEncode(CallContext& ctx, const Args& args) {
    const Value* v = args.get("v");
    if (!v) ctx.fail("dynamic.jsonEncode: missing required argument v");
    return Value::bytes(make<BytesObj>(encodeJson(ctx, *v, {"dynamic.jsonEncode", true})));
}

}  // namespace

FLUXI_BUILTIN("experimental/dynamic", "dynamic", "v", dynamicOf);
FLUXI_BUILTIN("experimental/dynamic", "asArray", "<-v", asArray);
FLUXI_BUILTIN("experimental/dynamic", "isType", "v, type", isType);
FLUXI_BUILTIN("experimental/dynamic", "jsonParse", "data", jsonParse);
FLUXI_BUILTIN("experimental/dynamic", "jsonEncode", "v", jsonEncode);

// Whether two values print the same way (the reference's own helper for comparing dynamic values).
FLUXI_FLUX_SOURCE("experimental/dynamic", R"flux(
_isNotDistinct = (a, b) => display(v: a) == display(v: b)
)flux");

}  // namespace fluxi
