// debug.null(type:): a null value. With `type` ("bool", "int", "uint", "float", "string", "time",
// "duration", "bytes" or "regexp") the null remembers that type (Value::typedNull), so a table
// column built only from such nulls -- array.from(rows: [{v: debug.null(type: "float")}]) -- gets
// that type, as in the reference where the type checker knows it.
#include <string_view>
#include <utility>

#include "eval/builtin.h"

namespace fluxi {
namespace {

Value nullFn(CallContext& ctx, const Args& args) {
    const Value* type = ctx.optional(args, "type", Kind::String);
    if (!type) return Value::null();
    static constexpr std::pair<std::string_view, Kind> kinds[] = {
        {"bool", Kind::Bool},         {"int", Kind::Int},     {"uint", Kind::UInt},
        {"float", Kind::Float},       {"string", Kind::String}, {"time", Kind::Time},
        {"duration", Kind::Duration}, {"bytes", Kind::Bytes}, {"regexp", Kind::Regexp},
    };
    for (auto& [name, kind] : kinds)
        if (type->asString() == name) return Value::typedNull(kind);
    ctx.fail("debug.null: type must be one of bool, int, uint, float, string, time, duration, bytes or regexp, got \"" +
             type->asString() + "\"");
}

}  // namespace

FLUXI_BUILTIN("internal/debug", "null", "?type", nullFn);

}  // namespace fluxi
