// universe.filter(fn, onEmpty): keeps the rows for which the predicate fn(r) is true (false and null
// drop the row). Tables left empty are dropped unless onEmpty is "keep". A source stream that can
// evaluate the predicate itself (withFilter, then withRowFilter) is asked first.
#include "eval/builtin.h"
#include "eval/row_predicate.h"
#include "eval/stream.h"
#include "eval/stream_pushdown.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

using tableops::Selection;

TablePtr filterTable(const CallContext& ctx, const TablePtr& t, const Value& fn, bool keepEmpty) {
    // Fast path: the predicate compiled into loops over the column arrays.
    if (t->nrows > 0) {
        if (auto compiled = CompiledPredicate::compile(ctx.interpreter(), fn, *t)) {
            Selection sel;
            if (compiled->select(*t, sel)) {
                if (sel.empty() && !keepEmpty) return nullptr;
                return tableops::gatherRows(t, sel);
            }
        }
    }
    tableops::RowFiller rows(*t);
    RepeatedCall call(ctx, fn, {"r"});

    Selection sel;
    sel.reserve(t->nrows);
    for (size_t r = 0; r < t->nrows; r++) {
        Value pass;
        {
            Value arg = rows.row(r);
            pass = call(arg);
        }  // our reference to the row record is gone: the next row can reuse it
        if (pass.is(Kind::Bool)) {
            if (pass.asBool()) sel.push_back(static_cast<uint32_t>(r));
        } else if (!pass.isNull()) {
            ctx.fail(std::string("filter: fn must return a bool, got ") + kindName(pass.kind()) + " (row " +
                     std::to_string(r) + ")");
        }
    }
    if (sel.empty() && !keepEmpty) return nullptr;
    return tableops::gatherRows(t, sel);
}

Value filter(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    const Value& fn = ctx.require(args, "fn", Kind::Function);
    std::string onEmpty = ctx.stringOr(args, "onEmpty", "drop");
    if (onEmpty != "keep" && onEmpty != "drop")
        ctx.fail("filter: onEmpty must be \"keep\" or \"drop\", got \"" + onEmpty + "\"");
    const bool keepEmpty = onEmpty == "keep";
    if (fn.asFunction().paramIndex("r") < 0)
        ctx.fail("filter: fn must take a parameter named r (the row record)");

    if (!keepEmpty)
        if (StreamRef pushed = in->withFilter(fn)) return Value::stream(pushed);

    CallContext site = ctx;
    Value fnv = fn;
    auto perTable = [site, fnv, keepEmpty](const TablePtr& t) {
        return tableops::atCallSite(site, "filter", [&] { return filterTable(site, t, fnv, keepEmpty); });
    };
    if (!keepEmpty)
        if (const PushdownSource* src = asPushdownSource(*in))
            if (StreamRef pushed = src->withRowFilter(fn, perTable)) return Value::stream(pushed);
    StreamRef out = makeMapTablesStream(in, perTable, "filter");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "filter", "<-tables, fn, ?onEmpty", filter);

}  // namespace fluxi
