// experimental/table.fill(): gives each empty table one row -- its group key values in the key
// columns, null in the others; tables with rows pass through unchanged.
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

Value fillFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    return Value::stream(makeMapTablesStream(
        in, [](const TablePtr& t) { return t->nrows > 0 ? t : tableops::nullRowTable(*t); }, "table.fill"));
}

}  // namespace

FLUXI_BUILTIN("experimental/table", "fill", "<-tables", fillFn);

}  // namespace fluxi
