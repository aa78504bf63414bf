// universe.display(v): any value as text, composites included (see displayValue in eval/value_text.h).
#include "eval/builtin.h"
#include "eval/value_text.h"

namespace fluxi {
namespace {

Value displayText(CallContext& ctx, const Args& args) {
    const Value* v = args.get("v");
    if (!v) ctx.fail("display: missing required argument v");
    return Value::string(displayValue(*v));
}

}  // namespace

FLUXI_BUILTIN("universe", "display", "v", displayText);

}  // namespace fluxi
