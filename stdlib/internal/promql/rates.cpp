// promql.extrapolatedRate(isCounter, isRate) -- PromQL's rate(), increase() and delta() -- and
// promql.instantRate(isRate) -- irate() and idelta(). Per table, over the rows where _value
// (float) and _time are both non-null; one row (key columns, _value) or, with fewer than two
// samples, an empty table (key columns only).
//   extrapolatedRate: last - first (plus the values lost at counter resets when isCounter),
//     extrapolated towards the _start/_stop of the group key when the first/last samples lie
//     within 1.1 average sample intervals of them (else by half an interval), never below the
//     counter's zero point; divided by the range length in seconds when isRate.
//   instantRate: the difference of the last two samples (the last value alone after a counter
//     reset when isRate), per second of their distance when isRate; nothing when they share a time.
#include "stdlib/internal/promql/promql_tables.h"

namespace fluxi {
namespace {

int64_t keyTime(const CallContext& ctx, const Table& t, const char* fname, const char* col) {
    int i = t.key.indexOf(col);
    if (i < 0) ctx.fail(std::string(fname) + ": the group key has no column " + col);
    const Value& v = t.key.values[static_cast<size_t>(i)];
    if (!v.is(Kind::Time)) ctx.fail(std::string(fname) + ": group key column " + col + " is not of type time");
    return v.asTime();
}

Value extrapolatedRate(CallContext& ctx, const Args& args) {
    static const char* fname = "promql.extrapolatedRate";
    const bool isCounter = ctx.boolOr(args, "isCounter", false);
    const bool isRate = ctx.boolOr(args, "isRate", false);
    return promql::mapEachTable(ctx, args, fname, [isCounter, isRate](const CallContext& site, const Table& t) {
        const Column& tc = promql::requireColumn(site, t, fname, "_time", ColType::Time);
        promql::requireColumn(site, t, fname, "_start", ColType::Time);
        promql::requireColumn(site, t, fname, "_stop", ColType::Time);
        const Column& vc = promql::requireColumn(site, t, fname, "_value", ColType::Float);
        const int64_t rangeStart = keyTime(site, t, fname, "_start");
        const int64_t rangeEnd = keyTime(site, t, fname, "_stop");
        size_t n = 0;
        double correction = 0, firstV = 0, lastV = 0;
        int64_t firstT = 0, lastT = 0;
        for (size_t r = 0; r < t.nrows; r++) {
            if (vc.isNull(r) || tc.isNull(r)) continue;
            double v = vc.floats()[r];
            if (isCounter && v < lastV) correction += lastV;
            if (n == 0) {
                firstV = v;
                firstT = tc.ints()[r];
            }
            lastV = v;
            lastT = tc.ints()[r];
            n++;
        }
        if (n < 2) return promql::keyOnly(t.key);
        double result = lastV - firstV + correction;
        double toStart = static_cast<double>(firstT - rangeStart);
        double toEnd = static_cast<double>(rangeEnd - lastT);
        double sampled = static_cast<double>(lastT - firstT);
        double avg = sampled / static_cast<double>(n - 1);
        if (isCounter && result > 0 && firstV >= 0) {
            double toZero = sampled * (firstV / result);
            if (toZero < toStart) toStart = toZero;
        }
        double threshold = avg * 1.1;
        double interval = sampled;
        interval += toStart < threshold ? toStart : avg / 2;
        interval += toEnd < threshold ? toEnd : avg / 2;
        result = result * (interval / sampled);
        if (isRate) result = result / promql::seconds(rangeEnd - rangeStart);
        return promql::keyRow(site, fname, t.key, result);
    });
}

Value instantRate(CallContext& ctx, const Args& args) {
    static const char* fname = "promql.instantRate";
    const bool isRate = ctx.boolOr(args, "isRate", false);
    return promql::mapEachTable(ctx, args, fname, [isRate](const CallContext& site, const Table& t) {
        const Column& tc = promql::requireColumn(site, t, fname, "_time", ColType::Time);
        const Column& vc = promql::requireColumn(site, t, fname, "_value", ColType::Float);
        size_t n = 0;
        double lastV = 0, prevV = 0;
        int64_t lastT = 0, prevT = 0;
        for (size_t r = 0; r < t.nrows; r++) {
            if (vc.isNull(r) || tc.isNull(r)) continue;
            n++;
            prevV = lastV;
            prevT = lastT;
            lastV = vc.floats()[r];
            lastT = tc.ints()[r];
        }
        if (n < 2) return promql::keyOnly(t.key);
        double result = isRate && lastV < prevV ? lastV : lastV - prevV;
        int64_t interval = lastT - prevT;
        if (interval == 0) return promql::keyOnly(t.key);
        if (isRate) result /= promql::seconds(interval);
        return promql::keyRow(site, fname, t.key, result);
    });
}

}  // namespace

FLUXI_BUILTIN("internal/promql", "extrapolatedRate", "<-tables, ?isCounter, ?isRate", extrapolatedRate);
FLUXI_BUILTIN("internal/promql", "instantRate", "<-tables, ?isRate", instantRate);

}  // namespace fluxi
