// universe.integral: the area under the curve of `column` (default "_value") against
// `timeColumn` (default "_time") per `unit` (default 1s), by the trapezoid rule over the non-null
// points in time order; one float row per table (group key + column). interpolate: "linear"
// also covers the stretches from the table's _start to the first point and from the last point to
// _stop, extending the line through the nearest two points (one point: a constant).
#include <algorithm>

#include "eval/time.h"
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

using agg::CallSite;

struct Point {
    int64_t t;
    double v;
};

TablePtr integralTable(const CallSite& site, const Table& t, const std::string& column, const std::string& timeCol,
                       double unit, bool linear) {
    int ti = agg::requireColumn(site, t, timeCol);
    const Column& times = t.column(ti);
    if (times.type() != ColType::Time)
        site.fail("time column \"" + timeCol + "\" has type " + colTypeName(times.type()) + ", expected time");
    int vi = agg::requireValueColumn(site, t, column);
    const Column& vals = t.column(vi);
    if (vals.type() != ColType::Int && vals.type() != ColType::UInt && vals.type() != ColType::Float)
        site.fail("column \"" + column + "\" has type " + colTypeName(vals.type()) + ", expected int, uint or float");
    std::vector<Point> pts;
    pts.reserve(t.nrows);
    for (size_t r = 0; r < t.nrows; r++) {
        if (times.isNull(r) || vals.isNull(r)) continue;
        double v = vals.type() == ColType::Float  ? vals.floats()[r]
                   : vals.type() == ColType::Int ? static_cast<double>(vals.ints()[r])
                                                 : static_cast<double>(vals.uints()[r]);
        pts.push_back({times.ints()[r], v});
    }
    if (!std::is_sorted(pts.begin(), pts.end(), [](const Point& a, const Point& b) { return a.t < b.t; }))
        std::stable_sort(pts.begin(), pts.end(), [](const Point& a, const Point& b) { return a.t < b.t; });
    auto area = [unit](int64_t t0, double v0, int64_t t1, double v1) {
        return 0.5 * (v0 + v1) * (static_cast<double>(t1 - t0) / unit);
    };
    double sum = 0;
    for (size_t i = 1; i < pts.size(); i++) sum += area(pts[i - 1].t, pts[i - 1].v, pts[i].t, pts[i].v);
    if (linear && !pts.empty()) {
        int s = t.key.indexOf("_start"), e = t.key.indexOf("_stop");
        if (s < 0 || e < 0 || !t.key.values[s].is(Kind::Time) || !t.key.values[e].is(Kind::Time))
            site.fail("interpolate: \"linear\" needs the table's _start and _stop group key columns; use range() first");
        int64_t start = t.key.values[s].asTime(), stop = t.key.values[e].asTime();
        const Point& a = pts.front();
        const Point& z = pts.back();
        if (pts.size() == 1) {
            sum = a.v * (static_cast<double>(stop - start) / unit);
        } else {
            auto slope = [](const Point& p, const Point& q) {
                return q.t == p.t ? 0.0 : (q.v - p.v) / static_cast<double>(q.t - p.t);
            };
            if (a.t > start) {
                double vs = a.v - slope(a, pts[1]) * static_cast<double>(a.t - start);
                sum += area(start, vs, a.t, a.v);
            }
            if (z.t < stop) {
                double ve = z.v + slope(pts[pts.size() - 2], z) * static_cast<double>(stop - z.t);
                sum += area(z.t, z.v, stop, ve);
            }
        }
    }
    auto out = std::make_shared<Column>(ColType::Float);
    out->appendFloat(sum);
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
