// universe.duplicate(column, as): copies a column under a new name (sharing its data). An existing
// `as` column is replaced in place; if `as` is a group key column it takes the key value of `column`
// when that is a key column too, and otherwise leaves the key.
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/stream_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

TablePtr duplicateTable(const CallContext& ctx, const TablePtr& t, const std::string& from, const std::string& as) {
    int fi = t->columnIndex(from);
    if (fi < 0) ctx.fail(ErrorCode::FailedPrecondition, "duplicate: column \"" + from + "\" doesn't exist");
    if (from == as) return t;
    const ColumnMeta fromMeta = t->meta[fi];
    int ai = t->columnIndex(as);

    GroupKey key = t->key;
    int ak = key.indexOf(as);
    if (ak >= 0) {
        int fk = key.indexOf(from);
        if (fk >= 0) {
            key.cols[ak].type = fromMeta.type;
            key.values[ak] = key.values[fk];
        } else {
            key.cols.erase(key.cols.begin() + ak);
            key.values.erase(key.values.begin() + ak);
        }
    }
    TableBuilder b(std::move(key));
    for (size_t c = 0; c < t->numColumns(); c++) {
        if (static_cast<int>(c) == ai) b.addColumn(as, t->cols[fi]);
        else b.addColumn(t->meta[c].name, t->cols[c]);
    }
    if (ai < 0) b.addColumn(as, t->cols[fi]);
    return b.finish();
}

Value duplicate(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::string from = ctx.requireString(args, "column");
    std::string as = ctx.requireString(args, "as");
    CallContext site = ctx;
    StreamRef out = tableops::makeRegroupStream(
        in,
        [site, from, as](const TablePtr& t) -> std::vector<TablePtr> {
            return {tableops::atCallSite(site, "duplicate", [&] { return duplicateTable(site, t, from, as); })};
        },
        "duplicate");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "duplicate", "<-tables, column, as", duplicate);

}  // namespace fluxi
