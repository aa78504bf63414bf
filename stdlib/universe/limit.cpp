// universe.limit(n, offset) and universe.tail(n, offset): keep at most n rows of each table, the
// first ones after skipping `offset` rows (limit) or the last ones before the final `offset` rows
// (tail). Tables keep their key and columns, even when no row is left. A source that can read only
// the rows limit() keeps (the store) is asked first.
#include <algorithm>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/stream_pushdown.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

Value limitOrTail(CallContext& ctx, const Args& args, bool fromEnd) {
    const char* fname = fromEnd ? "tail" : "limit";
    StreamRef in = ctx.requireStream(args);
    int64_t n = ctx.require(args, "n", Kind::Int).asInt();
    int64_t offset = ctx.intOr(args, "offset", 0);
    if (n < 0) ctx.fail(std::string(fname) + ": n must not be negative, got " + std::to_string(n));
    if (offset < 0) ctx.fail(std::string(fname) + ": offset must not be negative, got " + std::to_string(offset));
    const size_t un = static_cast<size_t>(n), uoff = static_cast<size_t>(offset);
    if (!fromEnd)
        if (const PushdownSource* src = asPushdownSource(*in))
            if (StreamRef pushed = src->withLimit(un, uoff)) return Value::stream(pushed);
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, un, uoff, fromEnd, fname](const TablePtr& t) {
            return tableops::atCallSite(site, fname, [&] {
                size_t begin, end;
                if (fromEnd) {
                    end = t->nrows > uoff ? t->nrows - uoff : 0;
                    begin = end > un ? end - un : 0;
                } else {
                    begin = std::min(uoff, t->nrows);
                    end = begin + std::min(un, t->nrows - begin);
                }
                return tableops::sliceRows(t, begin, end);
            });
        },
        fname);
    return Value::stream(out);
}

Value limit(CallContext& ctx, const Args& args) { return limitOrTail(ctx, args, false); }
Value tail(CallContext& ctx, const Args& args) { return limitOrTail(ctx, args, true); }

}  // namespace

FLUXI_BUILTIN("universe", "limit", "<-tables, n, ?offset", limit);
FLUXI_BUILTIN("universe", "tail", "<-tables, n, ?offset", tail);

}  // namespace fluxi
