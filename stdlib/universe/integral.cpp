// universe.integral: the area under the curve of `column` (default "_value") against
// `timeColumn` (default "_time") per `unit` (default 1s), by the trapezoid rule over the non-null
// points, computed as the reference computes it; one float row per table (group key + column).
// Tables need _start and _stop in their group key; times must be ascending and non-null, and a row
// whose time repeats the previous row's is skipped (even when that row's value was null). No point
// gives 0. interpolate: "linear" also covers the stretches from _start to the first point and from
// the last point to _stop, extending the line through the nearest two points (one point: a
// constant; without interpolation one point gives 0).
#include <algorithm>

#include "eval/time.h"
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

using agg::CallSite;

// The running trapezoid sum, in the reference's order of operations.
struct Trapezoids {
    bool linear;
    int64_t start, stop;
    double unit;
    int64_t ts[2] = {0, 0};
    double vs[2] = {0, 0};
    int points = 0;
    double sum = 0;

    void add(int64_t t, double v) {
        if (points == 0) {
            ts[0] = t;
            vs[0] = v;
            points = 1;
        } else if (points == 1) {
            sum += 0.5 * (v + vs[0]) * static_cast<double>(t - ts[0]) / unit;
            ts[1] = t;
            vs[1] = v;
            points = 2;
            if (linear && start < ts[0]) {  // from _start to the first point
                double m = (vs[1] - vs[0]) / static_cast<double>(ts[1] - ts[0]);
                double y = vs[0] - m * static_cast<double>(ts[0] - start);
                sum += 0.5 * (y + vs[0]) * static_cast<double>(ts[0] - start) / unit;
            }
        } else {
            sum += 0.5 * (v + vs[1]) * static_cast<double>(t - ts[1]) / unit;
            ts[0] = ts[1];
            ts[1] = t;
            vs[0] = vs[1];
            vs[1] = v;
        }
    }
    double result() const {
        if (points == 0) return 0.0;
        if (points == 1) return linear ? vs[0] * static_cast<double>(stop - start) / unit : 0.0;
        double total = sum;
        if (linear) {  // from the last point to _stop
            double m = (vs[1] - vs[0]) / static_cast<double>(ts[1] - ts[0]);
            double y = vs[1] + m * static_cast<double>(stop - ts[1]);
            total += 0.5 * (y + vs[1]) * static_cast<double>(stop - ts[1]) / unit;
        }
        return total;
    }
};

TablePtr integralTable(const CallSite& site, const Table& t, const std::string& column, const std::string& timeCol,
                       double unit, bool linear) {
    int s = t.key.indexOf("_start"), e = t.key.indexOf("_stop");
    if (s < 0 || !t.key.values[s].is(Kind::Time))
        site.fail("integral function needs _start column to be part of group key (use range() first)");
    if (e < 0 || !t.key.values[e].is(Kind::Time))
        site.fail("integral function needs _stop column to be part of group key (use range() first)");
    int vi = t.columnIndex(column);
    if (vi < 0) site.fail(ErrorCode::FailedPrecondition, "column \"" + column + "\" does not exist");
    if (t.key.has(column)) site.fail(ErrorCode::FailedPrecondition, "cannot aggregate columns that are part of the group key");
    const Column& vals = t.column(vi);
    if (vals.type() != ColType::Int && vals.type() != ColType::UInt && vals.type() != ColType::Float)
        site.fail(ErrorCode::FailedPrecondition, std::string("cannot perform integral over ") + colTypeName(vals.type()));
    int ti = t.columnIndex(timeCol);
    if (ti < 0) site.fail(ErrorCode::FailedPrecondition, "no column \"" + timeCol + "\" exists");
    const Column& times = t.column(ti);
    if (times.type() != ColType::Time)
        site.fail(ErrorCode::FailedPrecondition,
                  "time column \"" + timeCol + "\" has type " + colTypeName(times.type()) + ", expected time");
    Trapezoids area{linear, t.key.values[s].asTime(), t.key.values[e].asTime(), unit};
    int64_t prev = 0;
    for (size_t r = 0; r < t.nrows; r++) {
        if (times.isNull(r)) site.fail(ErrorCode::FailedPrecondition, "integral found null time in time column");
        const int64_t tm = times.ints()[r];
        if (r > 0 && tm < prev)
            site.fail(ErrorCode::FailedPrecondition, "integral found out-of-order times in time column (row " +
                                                         std::to_string(r + 1) + ")");
        if (r > 0 && tm == prev) continue;  // a repeated time: only its first row counts
        prev = tm;
        if (vals.isNull(r)) continue;
        double v = vals.type() == ColType::Float  ? vals.floats()[r]
                   : vals.type() == ColType::Int ? static_cast<double>(vals.ints()[r])
                                                 : static_cast<double>(vals.uints()[r]);
        area.add(tm, v);
    }
    auto out = std::make_shared<Column>(ColType::Float);
    out->appendFloat(area.result());
    return tableops::keyedTable(t.key, 1, {{column, out}});
}

Value integralFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    const Value* unitV = ctx.optional(args, "unit", Kind::Duration);
    Duration unit = unitV ? unitV->asDuration() : Duration{0, kNanosPerSecond};
    if (unit.months != 0 || unit.nanos <= 0) ctx.fail("integral: unit must be a positive duration without months");
    std::string column = ctx.stringOr(args, "column", "_value");
    std::string timeCol = ctx.stringOr(args, "timeColumn", "_time");
    std::string interpolate = ctx.stringOr(args, "interpolate", "");
    if (interpolate != "" && interpolate != "linear")
        ctx.fail("integral: interpolate must be \"\" or \"linear\", got \"" + interpolate + "\"");
    CallSite site(ctx, "integral");
    double u = static_cast<double>(unit.nanos);
    bool linear = interpolate == "linear";
    return Value::stream(makeMapTablesStream(
        in,
        [site, column, timeCol, u, linear](const TablePtr& t) {
            return site.guard([&] { return integralTable(site, *t, column, timeCol, u, linear); });
        },
        "integral"));
}

}  // namespace

FLUXI_BUILTIN("universe", "integral", "<-tables, ?unit, ?timeColumn, ?column, ?interpolate", integralFn);

}  // namespace fluxi
