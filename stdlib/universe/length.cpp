// universe.length(<-arr): the number of elements of an array.
#include "eval/builtin.h"

namespace fluxi {
namespace {

Value arrayLength(CallContext& ctx, const Args& args) {
    const Value* v = args.get("arr");
    if (!v) ctx.fail("length: missing the array (pipe it in or pass arr)");
    if (!v->is(Kind::Array)) ctx.fail(std::string("length: argument arr must be an array, got ") + kindName(v->kind()));
    return Value::integer(static_cast<int64_t>(v->asArray().elems.size()));
}

}  // namespace

FLUXI_BUILTIN("universe", "length", "<-arr", arrayLength);

}  // namespace fluxi
