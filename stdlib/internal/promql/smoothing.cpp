// promql.linearRegression(predict, fromNow) -- PromQL's deriv() and predict_linear() -- and
// promql.holtWinters(smoothingFactor, trendFactor) -- holt_winters(). Per table, over the rows where
// _value (float) and _time are both non-null; one row (key columns, _value) or, with fewer than
// two samples, an empty table (key columns only).
//   linearRegression: least-squares fit of value against seconds since the first sample (since the
//     key's _stop when predict); the slope, or with predict the fitted value fromNow seconds on.
//   holtWinters: double exponential smoothing; the last smoothed value.
#include <cstdio>

#include "stdlib/internal/promql/promql_tables.h"

namespace fluxi {
namespace {

Value linearRegression(CallContext& ctx, const Args& args) {
    static const char* fname = "promql.linearRegression";
    const bool predict = ctx.boolOr(args, "predict", false);
    const double fromNow = ctx.floatOr(args, "fromNow", 0.0);
    return promql::mapEachTable(ctx, args, fname, [predict, fromNow](const CallContext& site, const Table& t) {
        const Column& tc = promql::requireColumn(site, t, fname, "_time", ColType::Time);
        promql::requireColumn(site, t, fname, "_stop", ColType::Time);
        const Column& vc = promql::requireColumn(site, t, fname, "_value", ColType::Float);
        int si = t.key.indexOf("_stop");
        if (si < 0 || !t.key.values[static_cast<size_t>(si)].is(Kind::Time))
            site.fail(std::string(fname) + ": _stop must be a group key column of type time");
        const int64_t stop = t.key.values[static_cast<size_t>(si)].asTime();
        size_t n = 0;
        double sumX = 0, sumY = 0, sumXY = 0, sumX2 = 0;
        int64_t origin = 0;
        for (size_t r = 0; r < t.nrows; r++) {
            if (vc.isNull(r) || tc.isNull(r)) continue;
            double v = vc.floats()[r];
            int64_t ts = tc.ints()[r];
            if (n == 0) origin = predict ? stop : ts;
            double x = promql::seconds(ts - origin);
            n++;
            sumY += v;
            sumX += x;
            sumXY += x * v;
            sumX2 += x * x;
        }
        if (n < 2) return promql::keyOnly(t.key);
        double cnt = static_cast<double>(n);
        double covXY = sumXY - sumX * sumY / cnt;
        double varX = sumX2 - sumX * sumX / cnt;
        double slope = covXY / varX;
        double result = slope;
        if (predict) result = slope * fromNow + (sumY / cnt - slope * sumX / cnt);
        return promql::keyRow(site, fname, t.key, result);
    });
}

std::string fixed6(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%f", v);
    return buf;
}

Value holtWinters(CallContext& ctx, const Args& args) {
    static const char* fname = "promql.holtWinters";
    const double sf = ctx.floatOr(args, "smoothingFactor", 0.0);
    const double tf = ctx.floatOr(args, "trendFactor", 0.0);
    if (!(sf > 0 && sf < 1))
        ctx.fail(std::string(fname) + ": invalid smoothing factor. Expected: 0 < sf < 1, got: " + fixed6(sf));
    if (!(tf > 0 && tf < 1))
        ctx.fail(std::string(fname) + ": invalid trend factor. Expected: 0 < tf < 1, got: " + fixed6(tf));
    return promql::mapEachTable(ctx, args, fname, [sf, tf](const CallContext& site, const Table& t) {
        const Column& tc = promql::requireColumn(site, t, fname, "_time", ColType::Time);
        const Column& vc = promql::requireColumn(site, t, fname, "_value", ColType::Float);
        size_t n = 0;
        double s0 = 0, s1 = 0, b = 0;
        for (size_t r = 0; r < t.nrows; r++) {
            if (vc.isNull(r) || tc.isNull(r)) continue;
            double v = vc.floats()[r];
            if (n == 0) {
                s1 = v;
            } else {
                if (n == 1) b = v - s1;
                // The trend: kept as is at the second sample, then updated from the last two levels.
                if (n > 1) b = tf * (s1 - s0) + (1 - tf) * b;
                double level = sf * v + (1 - sf) * (s1 + b);
                s0 = s1;
                s1 = level;
            }
            n++;
        }
        if (n < 2) return promql::keyOnly(t.key);
        return promql::keyRow(site, fname, t.key, s1);
    });
}

}  // namespace

FLUXI_BUILTIN("internal/promql", "linearRegression", "<-tables, ?predict, ?fromNow", linearRegression);
FLUXI_BUILTIN("internal/promql", "holtWinters", "<-tables, ?smoothingFactor, ?trendFactor", holtWinters);

}  // namespace fluxi
