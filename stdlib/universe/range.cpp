// universe.range(start, stop): keeps the rows whose _time lies in [start, stop) and records the
// bounds in _start and _stop columns that join the group key. Bounds are times, durations relative
// to now(), or ints (Unix seconds). A source stream that can apply the range itself (withRange) is
// asked first.
#include <limits>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/time.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

using tableops::Selection;

struct Bounds {
    int64_t start, stop;
};

// One bound argument as a time.
int64_t boundArg(const CallContext& ctx, const Value& v, const char* name, const int64_t* now) {
    switch (v.kind()) {
        case Kind::Time: return v.asTime();
        case Kind::Duration:
            try {
                return addDuration(*now, v.asDuration());
            } catch (const TimeError& e) {
                ctx.fail(std::string("range: argument ") + name + ": " + e.what());
            }
        case Kind::Int: {
            int64_t ns = 0;
            if (__builtin_mul_overflow(v.asInt(), int64_t{1000000000}, &ns))
                ctx.fail(std::string("range: argument ") + name + " (" + std::to_string(v.asInt()) +
                         " Unix seconds) is outside the representable time range");
            return ns;
        }
        default:
            ctx.fail(std::string("range: argument ") + name +
                     " must be a time, a duration (relative to now()) or an int (Unix seconds), got " +
                     kindName(v.kind()));
    }
}

bool overlaps(const Bounds& a, int64_t start, int64_t stop) { return a.start < stop && start < a.stop; }

TablePtr rangeTable(const CallContext& ctx, const TablePtr& t, Bounds b) {
    int ti = t->columnIndex("_time");
    if (ti < 0) ctx.fail(ErrorCode::FailedPrecondition, "range: input table has no _time column");
    if (t->meta[ti].type != ColType::Time)
        ctx.fail(ErrorCode::FailedPrecondition, std::string("range: column _time has type ") + colTypeName(t->meta[ti].type) + ", expected time");
    int si = t->columnIndex("_start"), pi = t->columnIndex("_stop");
    if (si >= 0 && t->meta[si].type != ColType::Time)
        ctx.fail(ErrorCode::FailedPrecondition, std::string("range: column _start has type ") + colTypeName(t->meta[si].type) + ", expected time");
    if (pi >= 0 && t->meta[pi].type != ColType::Time)
        ctx.fail(ErrorCode::FailedPrecondition, std::string("range: column _stop has type ") + colTypeName(t->meta[pi].type) + ", expected time");

    // The output key: existing _start/_stop key values narrowed to the bounds, or the bounds added.
    GroupKey key = t->key;
    int sk = key.indexOf("_start"), pk = key.indexOf("_stop");
    if (sk >= 0 && pk >= 0) {
        Bounds use = b;
        const Value &ks = key.values[sk], &kp = key.values[pk];
        if (!ks.isNull() && !kp.isNull() && overlaps(b, ks.asTime(), kp.asTime()))
            use = {std::max(b.start, ks.asTime()), std::min(b.stop, kp.asTime())};
        key.values[sk] = Value::time(use.start);
        key.values[pk] = Value::time(use.stop);
    } else {
        if (sk < 0) {
            key.cols.push_back({"_start", ColType::Time});
            key.values.push_back(Value::time(b.start));
        }
        if (pk < 0) {
            key.cols.push_back({"_stop", ColType::Time});
            key.values.push_back(Value::time(b.stop));
        }
    }
    const Value startV = key.values[key.indexOf("_start")];
    const Value stopV = key.values[key.indexOf("_stop")];

    // Rows with a non-null _time in [start, stop).
    const Column& tc = t->column(static_cast<size_t>(ti));
    const int64_t* times = tc.ints();
    const bool nulls = tc.nullCount() > 0;
    Selection sel;
    sel.reserve(t->nrows);
    for (size_t r = 0; r < t->nrows; r++) {
        if (nulls && tc.isNull(r)) continue;
        int64_t x = times[r];
        if (x >= b.start && x < b.stop) sel.push_back(static_cast<uint32_t>(r));
    }
    const bool all = sel.size() == t->nrows;
    const size_t n = sel.size();

    TableBuilder out(std::move(key));
    if (si < 0) out.addColumn("_start", tableops::constantColumn(ColType::Time, startV, n));
    if (pi < 0) out.addColumn("_stop", tableops::constantColumn(ColType::Time, stopV, n));
    for (size_t c = 0; c < t->numColumns(); c++) {
        const std::string& name = t->meta[c].name;
        if (static_cast<int>(c) == si) out.addColumn(name, tableops::constantColumn(ColType::Time, startV, n));
        else if (static_cast<int>(c) == pi) out.addColumn(name, tableops::constantColumn(ColType::Time, stopV, n));
        else out.addColumn(name, all ? t->cols[c] : tableops::gatherColumn(t->column(c), sel));
    }
    return out.finish();
}

Value range(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    const Value* startV = args.get("start");
    if (!startV || startV->isNull()) ctx.fail("range: missing required argument start");
    const Value* stopV = args.get("stop");
    const bool stopGiven = stopV && !stopV->isNull();

    int64_t nowValue = 0;
    const int64_t* now = nullptr;
    if (startV->is(Kind::Duration) || !stopGiven || stopV->is(Kind::Duration)) {
        nowValue = ctx.now();
        now = &nowValue;
    }
    Bounds b{boundArg(ctx, *startV, "start", now), stopGiven ? boundArg(ctx, *stopV, "stop", now) : nowValue};
    if (b.start >= b.stop)
        ctx.fail("range: cannot query an empty range: start (" + formatTime(b.start) + ") must be before stop (" +
                 formatTime(b.stop) + ")");

    // The query bounds window() and aggregateWindow() clip to: these, narrowed by an earlier range.
    TimeBounds bounds{b.start, b.stop};
    if (in->bounds) bounds = {std::max(b.start, in->bounds->start), std::min(b.stop, in->bounds->stop)};
    if (StreamRef pushed = in->withRange(b.start, b.stop)) {
        pushed->bounds = bounds;
        return Value::stream(pushed);
    }

    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, b](const TablePtr& t) {
            return tableops::atCallSite(site, "range", [&] { return rangeTable(site, t, b); });
        },
        "range");
    out->bounds = bounds;
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "range", "<-tables, start, ?stop", range);

}  // namespace fluxi
