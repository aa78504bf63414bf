// experimental.alignTime(alignTo): shifts the _time values of each table so that its first row is at
// alignTo (default 1970-01-01T00:00:00Z), keeping the spacing between rows: _time becomes
// alignTo + (_time - first _time of the table). Null times stay null.
#include "eval/time.h"
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

Value alignTimeFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    const Value* to = ctx.optional(args, "alignTo", Kind::Time);
    int64_t alignTo = to ? to->asTime() : 0;
    agg::CallSite site(ctx, "experimental.alignTime");
    return Value::stream(makeMapTablesStream(
        in,
        [site, alignTo](const TablePtr& t) -> TablePtr {
            return site.guard([&] {
                int ci = agg::requireColumn(site, *t, "_time");
                const Column& src = t->column(static_cast<size_t>(ci));
                if (src.type() != ColType::Time)
                    site.fail(std::string("column \"_time\" has type ") + colTypeName(src.type()) + ", expected time");
                if (t->key.has("_time")) site.fail("_time is part of the group key " + tableops::describeKey(t->key));
                size_t first = 0;
                while (first < t->nrows && src.isNull(first)) first++;
                if (first == t->nrows) return t;
                int64_t t0 = src.ints()[first];
                auto out = std::make_shared<Column>(ColType::Time);
                out->reserve(t->nrows);
                for (size_t r = 0; r < t->nrows; r++) {
                    if (src.isNull(r)) {
                        out->appendNull();
                        continue;
                    }
                    int64_t shifted;
                    if (__builtin_sub_overflow(src.ints()[r], t0, &shifted) ||
                        __builtin_add_overflow(shifted, alignTo, &shifted))
                        site.fail("aligned time of row " + std::to_string(r) + " is out of the time range");
                    out->appendInt(shifted);
                }
                TableBuilder b(t->key);
                for (size_t c = 0; c < t->numColumns(); c++)
                    b.addColumn(t->meta[c].name, static_cast<int>(c) == ci ? ColumnPtr(out) : t->cols[c]);
                return b.finish();
            });
        },
        "experimental.alignTime"));
}

}  // namespace

FLUXI_BUILTIN("experimental", "alignTime", "<-tables, ?alignTo", alignTimeFn);

}  // namespace fluxi
