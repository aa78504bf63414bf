// experimental.histogram(bins, normalize) and experimental.histogramQuantile(quantile, minValue), on
// the fixed columns `_value` (values or cumulative counts) and `le` (bin upper bounds).
//
// histogram: each table becomes one row per bin: the group key columns, `le` (the bin's upper bound)
// and `_value` (how many non-null values are <= le; divided by that count when normalize is true).
// Bins are taken in ascending order; values must be float.
//
// histogramQuantile: each table is one cumulative histogram (rows of `le` and `_value`, any order);
// it becomes one row: the group key columns and `_value` = the estimated quantile. With the rows
// sorted by `le` and total = the count of the largest bound, the rank q*total falls in the first bin
// whose count reaches it; the result interpolates linearly between that bin's bound and the previous
// one (minValue and count 0 before the first bin). An infinite bound is not interpolated: the other
// bound is returned. Nulls, a decreasing count or an empty table are errors.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "stdlib/universe/agg_builtin.h"
#include "stdlib/universe/agg_table_ops.h"

namespace fluxi {
namespace {

using agg::CallSite;

// The float column `name` of t (not in the group key), failing with a clear message.
const Column& floatColumn(const CallSite& site, const Table& t, const char* name) {
    int ci = agg::requireValueColumn(site, t, name);
    const Column& col = t.column(static_cast<size_t>(ci));
    if (col.type() != ColType::Float)
        site.fail(std::string("column \"") + name + "\" has type " + colTypeName(col.type()) + ", expected float");
    return col;
}

Value histogramFn(CallContext& ctx, const Args& args) {
    StreamRef in = agg::streamRef(ctx.requireStream(args));
    const Value& binsArg = ctx.require(args, "bins", Kind::Array);
    std::vector<double> bins;
    for (size_t i = 0; i < binsArg.asArray().elems.size(); i++) {
        const Value& b = binsArg.asArray().elems[i];
        if (!b.is(Kind::Float))
            ctx.fail("experimental.histogram: bins must be floats, but element " + std::to_string(i) + " is " +
                     kindName(b.kind()));
        bins.push_back(b.asFloat());
    }
    std::sort(bins.begin(), bins.end());
    bool normalize = ctx.boolOr(args, "normalize", false);
    CallSite site(ctx, "experimental.histogram");
    auto out = makeMapTablesStream(
        in,
        [site, bins, normalize](const TablePtr& t) -> TablePtr {
            return site.guard([&] {
                const Column& col = floatColumn(site, *t, "_value");
                std::vector<double> values;
                values.reserve(t->nrows);
                for (size_t r = 0; r < t->nrows; r++)
                    if (col.isValid(r)) values.push_back(col.floats()[r]);
                std::sort(values.begin(), values.end());
                auto le = std::make_shared<Column>(ColType::Float);
                auto counts = std::make_shared<Column>(ColType::Float);
                for (double b : bins) {
                    // values <= b (NaN values are never counted)
                    double n = static_cast<double>(std::upper_bound(values.begin(), values.end(), b) - values.begin());
                    le->appendFloat(b);
                    counts->appendFloat(normalize && !values.empty() ? n / static_cast<double>(values.size()) : n);
                }
                return agg::keyedTable(t->key, bins.size(), {{"le", le}, {"_value", counts}});
            });
        },
        "experimental.histogram");
    return Value::stream(out);
}

double histogramQuantile(const CallSite& site, const Table& t, double q, double minValue) {
    const Column& le = floatColumn(site, t, "le");
    const Column& cnt = floatColumn(site, t, "_value");
    if (t.nrows == 0) site.fail("table " + agg::describeKey(t.key) + " has no rows: a histogram needs at least one bin");
    std::vector<uint32_t> order(t.nrows);
    std::iota(order.begin(), order.end(), 0);
    for (size_t r = 0; r < t.nrows; r++)
        if (le.isNull(r) || cnt.isNull(r))
            site.fail("row " + std::to_string(r) + " of table " + agg::describeKey(t.key) + " has a null " +
                      (le.isNull(r) ? "le" : "_value"));
    const double* bound = le.floats();
    const double* count = cnt.floats();
    std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return bound[a] < bound[b]; });
    for (size_t i = 1; i < order.size(); i++)
        if (count[order[i]] < count[order[i - 1]])
            site.fail("counts must not decrease as le grows, but le " + std::to_string(bound[order[i]]) + " has count " +
                      std::to_string(count[order[i]]) + " after " + std::to_string(count[order[i - 1]]) +
                      " (table " + agg::describeKey(t.key) + ")");
    double total = count[order.back()];
    double rank = q * total;
    size_t i = 0;
    while (i + 1 < order.size() && count[order[i]] < rank) i++;
    double upper = bound[order[i]], upperCount = count[order[i]];
    double lower = i == 0 ? minValue : bound[order[i - 1]];
    double lowerCount = i == 0 ? 0 : count[order[i - 1]];
    if (std::isinf(upper)) return lower;
    if (std::isinf(lower)) return upper;
    if (upperCount == lowerCount) return upper;
    return lower + (upper - lower) * (rank - lowerCount) / (upperCount - lowerCount);
}

Value histogramQuantileFn(CallContext& ctx, const Args& args) {
    StreamRef in = agg::streamRef(ctx.requireStream(args));
    double q = ctx.require(args, "quantile", Kind::Float).asFloat();
    if (!(q >= 0 && q <= 1))
        ctx.fail("experimental.histogramQuantile: quantile must be between 0 and 1, got " + std::to_string(q));
    double minValue = ctx.floatOr(args, "minValue", 0.0);
    CallSite site(ctx, "experimental.histogramQuantile");
    auto out = makeMapTablesStream(
        in,
        [site, q, minValue](const TablePtr& t) -> TablePtr {
            return site.guard([&] {
                auto v = std::make_shared<Column>(ColType::Float);
                v->appendFloat(histogramQuantile(site, *t, q, minValue));
                return agg::keyedTable(t->key, 1, {{"_value", v}});
            });
        },
        "experimental.histogramQuantile");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("experimental", "histogram", "<-tables, bins, ?normalize", histogramFn);
FLUXI_BUILTIN("experimental", "histogramQuantile", "<-tables, quantile, ?minValue", histogramQuantileFn);

}  // namespace fluxi
