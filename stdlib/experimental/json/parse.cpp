// experimental/json.parse(data): decodes JSON bytes into a Flux value (see json_value.h for the
// mapping: objects -> records, arrays -> arrays, numbers -> floats, null -> null).
#include "stdlib/experimental/json/json_value.h"

namespace fluxi {
namespace {

Value parse(CallContext& ctx, const Args& args) { return parseJsonArgument(ctx, args, "json.parse"); }

}  // namespace

FLUXI_BUILTIN("experimental/json", "parse", "data", parse);

}  // namespace fluxi
