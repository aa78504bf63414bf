// universe.timeShift(duration, columns) and universe.truncateTimeColumn(unit, timeColumn): rewrite
// time columns cell by cell. timeShift adds `duration` (calendar-aware, see eval/time.h) to each of
// `columns` that the table has (default _start, _stop, _time), group key values included; null
// times stay null. truncateTimeColumn truncates `timeColumn` (default _time) to `unit` in the
// `location` option's zone, as date.truncate does. When a rewritten column is in the group key,
// tables whose new keys coincide are merged (one table per key, as the reference's map() does).
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/time.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/stream_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

// Rewrites the time columns of t named in `cols` with f(t), keys included. Missing columns are
// skipped; a named column that is not of type time is an error.
template <class F>
TablePtr rewriteTimes(const CallContext& ctx, const char* fname, const TablePtr& t,
                      const std::vector<std::string>& cols, F&& f) {
    std::vector<ColumnPtr> data = t->cols;
    GroupKey key = t->key;
    bool changed = false;
    for (auto& name : cols) {
        int ci = t->columnIndex(name);
        if (ci < 0) continue;
        if (t->meta[ci].type != ColType::Time)
            ctx.fail(std::string(fname) + ": column \"" + name + "\" must be of type time, got " +
                     colTypeName(t->meta[ci].type));
        const Column& in = t->column(ci);
        auto out = std::make_shared<Column>(ColType::Time);
        out->reserve(t->nrows);
        const int64_t* v = in.ints();
        const bool nulls = in.nullCount() > 0;
        for (size_t r = 0; r < t->nrows; r++) {
            if (nulls && in.isNull(r)) out->appendNull();
            else out->appendInt(f(v[r]));
        }
        data[ci] = out;
        int k = key.indexOf(name);
        if (k >= 0 && !key.values[k].isNull()) key.values[k] = Value::time(f(key.values[k].asTime()));
        changed = true;
    }
    if (!changed) return t;
    TableBuilder b(std::move(key));
    for (size_t c = 0; c < t->numColumns(); c++) b.addColumn(t->meta[c].name, data[c]);
    return b.finish();
}

Value timeShift(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    Duration d = ctx.require(args, "duration", Kind::Duration).asDuration();
    std::vector<std::string> cols = {"_start", "_stop", "_time"};
    tableops::stringListArg(ctx, args, "timeShift", "columns", cols);
    CallContext site = ctx;
    StreamRef out = tableops::makeRegroupStream(
        in,
        [site, d, cols](const TablePtr& t) -> std::vector<TablePtr> {
            return {tableops::atCallSite(site, "timeShift", [&] {
                return rewriteTimes(site, "timeShift", t, cols, [&](int64_t v) { return addDuration(v, d); });
            })};
        },
        "timeShift");
    if (in->bounds) {
        // The query bounds move with the data (an unbounded side stays unbounded).
        TimeBounds b = *in->bounds;
        try {
            if (b.start != INT64_MIN) b.start = addDuration(b.start, d);
            if (b.stop != INT64_MAX) b.stop = addDuration(b.stop, d);
            out->bounds = b;
        } catch (const TimeError&) {
            out->bounds.reset();
        }
    }
    return Value::stream(out);
}

Value truncateTimeColumn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    Duration unit = ctx.require(args, "unit", Kind::Duration).asDuration();
    std::string err = checkWindowEvery(unit);
    if (!err.empty()) ctx.fail("truncateTimeColumn: unit " + err);
    std::string column = ctx.stringOr(args, "timeColumn", "_time");
    Location loc;
    try {
        Value opt = ctx.option("universe", "location");
        if (!opt.isNull()) loc = locationFromValue(opt);
    } catch (const TimeError& e) {
        ctx.fail(std::string("truncateTimeColumn: option location: ") + e.what());
    }
    CallContext site = ctx;
    StreamRef out = tableops::makeRegroupStream(
        in,
        [site, unit, column, loc](const TablePtr& t) -> std::vector<TablePtr> {
            return {tableops::atCallSite(site, "truncateTimeColumn", [&] {
                Location l = loc;  // caches zone rules: one per table
                return rewriteTimes(site, "truncateTimeColumn", t, {column},
                                    [&](int64_t v) { return truncateTime(v, unit, l); });
            })};
        },
        "truncateTimeColumn");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "timeShift", "<-tables, duration, ?columns", timeShift);
FLUXI_BUILTIN("universe", "truncateTimeColumn", "<-tables, unit, ?timeColumn", truncateTimeColumn);

}  // namespace fluxi
