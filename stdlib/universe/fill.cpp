// universe.fill(column, value, usePrevious): replaces the nulls of one column (default "_value")
// with a constant of the column's type, or with the previous non-null value of the column (leading
// nulls then stay null). A null group key value is replaced too, which may merge tables. A table
// without the column gets it, full of `value`, as its last column (with usePrevious it passes through
// unchanged), as in the reference.
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/stream_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

TablePtr fillTable(const CallContext& ctx, const TablePtr& t, const std::string& column, const Value& value,
                   bool usePrevious) {
    int c = t->columnIndex(column);
    if (c < 0) {
        if (usePrevious) return t;  // nothing to take a previous value from
        ColType type = ColType::Float;
        if (!kindToColType(value.kind(), type))
            ctx.fail(std::string("fill: value of type ") + kindName(value.kind()) + " cannot fill a column");
        TableBuilder b(t->key);
        for (size_t i = 0; i < t->numColumns(); i++) b.addColumn(t->meta[i].name, t->cols[i]);
        b.addColumn(column, tableops::constantColumn(type, value, t->nrows));
        return b.finish();
    }
    const Column& src = t->column(static_cast<size_t>(c));
    if (!usePrevious && value.kind() != colTypeKind(src.type()))
        ctx.fail(ErrorCode::FailedPrecondition, "fill: column \"" + column + "\" has type " + colTypeName(src.type()) + " but value has type " +
                 kindName(value.kind()));
    if (src.nullCount() == 0) return t;

    GroupKey key = t->key;
    int k = key.indexOf(column);
    if (k >= 0 && !usePrevious && key.values[k].isNull()) key.values[k] = value;

    auto out = std::make_shared<Column>(src.type());
    out->reserve(src.size());
    Value prev;  // last non-null value (usePrevious)
    for (size_t r = 0; r < src.size(); r++) {
        if (src.isValid(r)) {
            out->appendFrom(src, r);
            if (usePrevious) prev = src.get(r);
        } else {
            out->appendValue(usePrevious ? prev : value);
        }
    }
    TableBuilder b(std::move(key));
    for (size_t i = 0; i < t->numColumns(); i++)
        b.addColumn(t->meta[i].name, static_cast<int>(i) == c ? ColumnPtr(out) : t->cols[i]);
    return b.finish();
}

Value fill(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::string column = ctx.stringOr(args, "column", "_value");
    const Value* v = args.get("value");
    const bool hasValue = v && !v->isNull();
    const bool usePrevious = ctx.boolOr(args, "usePrevious", false);
    if (hasValue && usePrevious) ctx.fail("fill: give either value or usePrevious: true, not both");
    if (!hasValue && !usePrevious) ctx.fail("fill: missing argument value (or usePrevious: true)");
    Value value;
    if (hasValue) {
        tableops::columnTypeFor(ctx, v->kind(), "fill: argument value");
        value = *v;
    }
    CallContext site = ctx;
    StreamRef out = tableops::makeRegroupStream(
        in,
        [site, column, value, usePrevious](const TablePtr& t) -> std::vector<TablePtr> {
            return {tableops::atCallSite(site, "fill", [&] { return fillTable(site, t, column, value, usePrevious); })};
        },
        "fill");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "fill", "<-tables, ?column, ?value, ?usePrevious", fill);

}  // namespace fluxi
