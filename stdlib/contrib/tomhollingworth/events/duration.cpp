// events.duration(unit, timeColumn, columnName, stopColumn, stop): for each row, the time until the
// next row's time (the last row: until `stop`, or the stopColumn value of the last row), in whole
// `unit`s (truncated), in a new int column `columnName` (default "duration") after the input
// columns. Computed in float64 as in the reference; a null time counts as the epoch, as it does
// there. experimental/oee builds on it.
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/time.h"

namespace fluxi {
namespace {

struct DurationSpec {
    double unit = 1e9;
    std::string timeColumn = "_time", columnName = "duration", stopColumn = "_stop";
    bool hasStop = false;
    int64_t stop = 0;
};

TablePtr durationTable(const CallContext& ctx, const DurationSpec& s, const Table& t) {
    int ti = t.columnIndex(s.timeColumn);
    if (ti < 0) ctx.fail(ErrorCode::FailedPrecondition, "events.duration: column \"" + s.timeColumn + "\" does not exist");
    int si = -1;
    if (!s.hasStop) {
        si = t.columnIndex(s.stopColumn);
        if (si < 0) ctx.fail(ErrorCode::FailedPrecondition, "events.duration: column \"" + s.stopColumn + "\" does not exist");
        if (t.meta[static_cast<size_t>(si)].type != ColType::Time)
            ctx.fail(ErrorCode::FailedPrecondition, "events.duration: stop column \"" + s.stopColumn + "\" must be of type time, got " +
                     colTypeName(t.meta[static_cast<size_t>(si)].type));
    }
    if (t.meta[static_cast<size_t>(ti)].type != ColType::Time)
        ctx.fail(ErrorCode::FailedPrecondition, "events.duration: time column \"" + s.timeColumn + "\" must be of type time, got " +
                 colTypeName(t.meta[static_cast<size_t>(ti)].type));
    if (t.columnIndex(s.columnName) >= 0)
        ctx.fail("events.duration: the table already has a column \"" + s.columnName + "\"");
    const Column& tc = t.column(static_cast<size_t>(ti));
    auto out = std::make_shared<Column>(ColType::Int);
    out->reserve(t.nrows);
    auto at = [&](size_t r) { return tc.isValid(r) ? tc.ints()[r] : int64_t{0}; };
    for (size_t r = 0; r + 1 < t.nrows; r++)
        out->appendInt(static_cast<int64_t>((static_cast<double>(at(r + 1)) - static_cast<double>(at(r))) / s.unit));
    if (t.nrows > 0) {
        int64_t stop = s.stop;
        if (!s.hasStop) {
            const Column& sc = t.column(static_cast<size_t>(si));
            stop = sc.isValid(t.nrows - 1) ? sc.ints()[t.nrows - 1] : 0;
        }
        out->appendInt(static_cast<int64_t>((static_cast<double>(stop) - static_cast<double>(at(t.nrows - 1))) / s.unit));
    }
    TableBuilder b(t.key);
    for (size_t c = 0; c < t.numColumns(); c++) b.addColumn(t.meta[c].name, t.cols[c]);
    b.addColumn(s.columnName, ColumnPtr(out));
    return b.finish();
}

Value duration(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    DurationSpec s;
    if (const Value* u = ctx.optional(args, "unit", Kind::Duration)) {
        Duration d = u->asDuration();
        if (d.months != 0) ctx.fail("events.duration: unit must be a fixed-length duration (no months or years), got " + formatDuration(d));
        if (d.nanos <= 0) ctx.fail("events.duration: unit must be positive, got " + formatDuration(d));
        s.unit = static_cast<double>(d.nanos);
    }
    s.timeColumn = ctx.stringOr(args, "timeColumn", "_time");
    s.columnName = ctx.stringOr(args, "columnName", "duration");
    s.stopColumn = ctx.stringOr(args, "stopColumn", "_stop");
    if (const Value* st = ctx.optional(args, "stop", Kind::Time)) {
        s.hasStop = true;
        s.stop = st->asTime();
    }
    CallContext site = ctx;
    return Value::stream(makeMapTablesStream(
        in, [site, s](const TablePtr& t) { return durationTable(site, s, *t); },
        "events.duration"));
}

}  // namespace

FLUXI_BUILTIN("contrib/tomhollingworth/events", "duration",
              "<-tables, ?unit, ?timeColumn, ?columnName, ?stopColumn, ?stop", duration);

}  // namespace fluxi
