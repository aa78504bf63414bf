// universe.unique(column): keeps, in each table, the rows whose value in `column` (default "_value")
// has not appeared in an earlier row of that table (null counts as one value). Keys and columns are
// unchanged.
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/row_hash.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

Value unique(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::string column = ctx.stringOr(args, "column", "_value");
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, column](const TablePtr& t) {
            return tableops::atCallSite(site, "unique", [&] {
                int c = t->columnIndex(column);
                if (c < 0) site.fail(ErrorCode::FailedPrecondition, "unique: no column \"" + column + "\" exists");
                return tableops::gatherRows(t, tableops::firstOccurrences(t->column(static_cast<size_t>(c))));
            });
        },
        "unique");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "unique", "<-tables, ?column", unique);

}  // namespace fluxi
