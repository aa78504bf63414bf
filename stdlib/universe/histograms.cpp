// universe.histogram and universe.histogramQuantile.
// histogram(column, upperBoundColumn, countColumn, bins, normalize): each table becomes one row per
// bin (bins sorted ascending): its group key, the bin's upper bound and the cumulative count of
// non-null values <= that bound (a fraction of all non-null values when normalize is true: NaN for
// a table without values). A value above the last bin (or NaN) is an error, as in the reference.
// histogramQuantile(quantile, countColumn, upperBoundColumn, valueColumn, minValue, onNonmonotonic):
// each table holding such a cumulative histogram becomes one row: its group key and the quantile,
// linearly interpolated between the two bounds around rank = quantile * total count (below the
// first bound, between minValue and it; an infinite bound is not interpolated with); null when the
// total count is 0. onNonmonotonic "drop" leaves a table without rows.
#include <algorithm>
#include <cmath>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/value_text.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

struct HistogramSpec {
    std::string column, upperBoundColumn, countColumn;
    std::vector<double> bins;
    bool normalize = false;
};

const Column& floatColumn(const CallContext& ctx, const char* fname, const Table& t, const std::string& name) {
    int c = t.columnIndex(name);
    if (c < 0) ctx.fail(ErrorCode::FailedPrecondition, std::string(fname) + ": column \"" + name + "\" not found");
    if (t.meta[c].type != ColType::Float)
        ctx.fail(ErrorCode::FailedPrecondition, std::string(fname) + ": column \"" + name + "\" must be of type float, got " +
                 colTypeName(t.meta[c].type));
    return t.column(c);
}

TablePtr histogramTable(const CallContext& ctx, const HistogramSpec& s, const TablePtr& t) {
    const Column& in = floatColumn(ctx, "histogram", *t, s.column);
    std::vector<double> values;
    values.reserve(t->nrows);
    for (size_t r = 0; r < t->nrows; r++) {
        if (in.isNull(r)) continue;
        const double v = in.floats()[r];
        // as in the reference, every value must fall in a bin (NaN falls in none)
        if (s.bins.empty() || !(v <= s.bins.back()))
            ctx.fail(ErrorCode::OutOfRange, "histogram: found value greater than any bin: " + formatFloatPlain(v) +
                                                (s.bins.empty() ? " (no bins)" : " > " + formatFloatPlain(s.bins.back())) +
                                                " (row " + std::to_string(r + 1) + ")");
        values.push_back(v);
    }
    std::sort(values.begin(), values.end());
    auto bounds = std::make_shared<Column>(ColType::Float);
    auto counts = std::make_shared<Column>(ColType::Float);
    for (double b : s.bins) {
        // values <= b
        size_t c = static_cast<size_t>(std::upper_bound(values.begin(), values.end(), b) - values.begin());
        bounds->appendFloat(b);
        double v = static_cast<double>(c);
        if (s.normalize) v /= static_cast<double>(values.size());  // 0/0 is NaN, as in the reference
        counts->appendFloat(v);
    }
    return tableops::keyedTable(t->key, s.bins.size(), {{s.upperBoundColumn, bounds}, {s.countColumn, counts}});
}

Value histogram(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    HistogramSpec s;
    s.column = ctx.stringOr(args, "column", "_value");
    s.upperBoundColumn = ctx.stringOr(args, "upperBoundColumn", "le");
    s.countColumn = ctx.stringOr(args, "countColumn", "_value");
    s.normalize = ctx.boolOr(args, "normalize", false);
    for (auto& b : ctx.require(args, "bins", Kind::Array).asArray().elems) {
        if (!b.is(Kind::Float))
            ctx.fail(std::string("histogram: bins must be an array of floats, found a ") + kindName(b.kind()));
        s.bins.push_back(b.asFloat());
    }
    std::sort(s.bins.begin(), s.bins.end());
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, s](const TablePtr& t) {
            return tableops::atCallSite(site, "histogram", [&] { return histogramTable(site, s, t); });
        },
        "histogram");
    return Value::stream(out);
}

enum class NonMonotonic { Error, Force, Drop };

struct QuantileSpec {
    double q = 0;
    std::string countColumn, upperBoundColumn, valueColumn;
    double minValue = 0;
    NonMonotonic onNonmonotonic = NonMonotonic::Error;
};

// The quantile of one cumulative histogram, as the reference computes it: counts made monotonic
// (or an error, or the table dropped) first, then the rank in the (forced) total. Returns false when
// the table is dropped for non-monotonic counts; `isNull` is set when the total count is 0.
bool histogramQuantileOf(const CallContext& ctx, const QuantileSpec& s, std::vector<std::pair<double, double>>& cdf,
                         double& out, bool& isNull) {
    isNull = false;
    if (cdf.empty()) ctx.fail(ErrorCode::FailedPrecondition, "histogramQuantile: histogram is empty");
    std::stable_sort(cdf.begin(), cdf.end(), [](auto& a, auto& b) { return a.first < b.first; });
    double prev = 0;
    for (size_t i = 0; i < cdf.size(); i++) {
        if (cdf[i].second < prev) {
            if (s.onNonmonotonic == NonMonotonic::Error)
                ctx.fail(ErrorCode::FailedPrecondition, "histogramQuantile: histogram records counts are not monotonic");
            if (s.onNonmonotonic == NonMonotonic::Drop) return false;
            cdf[i].second = prev;
        } else {
            prev = cdf[i].second;
        }
    }
    const double total = cdf.back().second;
    if (total == 0) {
        isNull = true;
        return true;
    }
    const double rank = s.q * total;
    long idx = -1;  // last bin whose count <= rank
    for (size_t i = 0; i < cdf.size(); i++)
        if (rank >= cdf[i].second) idx = static_cast<long>(i);
    double lowerCount, lowerBound, upperCount, upperBound;
    if (idx < 0) {
        lowerCount = 0;
        lowerBound = s.minValue;
        upperCount = cdf[0].second;
        upperBound = cdf[0].first;
    } else if (static_cast<size_t>(idx) == cdf.size() - 1) {
        out = cdf.back().first;
        return true;
    } else {
        lowerCount = cdf[idx].second;
        lowerBound = cdf[idx].first;
        upperCount = cdf[idx + 1].second;
        upperBound = cdf[idx + 1].first;
    }
    if (rank == lowerCount) {
        out = lowerBound;
        return true;
    }
    if (std::isinf(lowerBound) && lowerBound < 0) {  // no interpolation with an infinite bound
        out = upperBound;
        return true;
    }
    if (std::isinf(upperBound) && upperBound > 0) {
        out = lowerBound;
        return true;
    }
    out = lowerBound + (upperBound - lowerBound) * ((rank - lowerCount) / (upperCount - lowerCount));
    return true;
}

TablePtr histogramQuantileTable(const CallContext& ctx, const QuantileSpec& s, const TablePtr& t) {
    const Column& counts = floatColumn(ctx, "histogramQuantile", *t, s.countColumn);
    const Column& bounds = floatColumn(ctx, "histogramQuantile", *t, s.upperBoundColumn);
    std::vector<std::pair<double, double>> cdf;
    cdf.reserve(t->nrows);
    for (size_t r = 0; r < t->nrows; r++) {
        if (counts.isNull(r) || bounds.isNull(r))
            ctx.fail(ErrorCode::FailedPrecondition, "histogramQuantile: unexpected null in the count or upper bound column (row " + std::to_string(r) +
                     ")");
        cdf.emplace_back(bounds.floats()[r], counts.floats()[r]);
    }
    double q = 0;
    bool isNull = false;
    auto col = std::make_shared<Column>(ColType::Float);
    // dropped for non-monotonic counts: the table stays, without rows
    if (!histogramQuantileOf(ctx, s, cdf, q, isNull)) return tableops::keyedTable(t->key, 0, {{s.valueColumn, col}});
    if (isNull) col->appendNull();
    else col->appendFloat(q);
    return tableops::keyedTable(t->key, 1, {{s.valueColumn, col}});
}

Value histogramQuantile(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    QuantileSpec s;
    // The reference declares quantile optional but its implementation requires it.
    if (!args.has("quantile")) ctx.fail("histogramQuantile: missing required argument quantile");
    s.q = ctx.floatOr(args, "quantile", 0.0);
    if (!(s.q >= 0 && s.q <= 1)) ctx.fail("histogramQuantile: quantile must be between 0 and 1");
    s.countColumn = ctx.stringOr(args, "countColumn", "_value");
    s.upperBoundColumn = ctx.stringOr(args, "upperBoundColumn", "le");
    s.valueColumn = ctx.stringOr(args, "valueColumn", "_value");
    s.minValue = ctx.floatOr(args, "minValue", 0.0);
    std::string mode = ctx.stringOr(args, "onNonmonotonic", "error");
    if (mode == "error") s.onNonmonotonic = NonMonotonic::Error;
    else if (mode == "force") s.onNonmonotonic = NonMonotonic::Force;
    else if (mode == "drop") s.onNonmonotonic = NonMonotonic::Drop;
    else ctx.fail("histogramQuantile: onNonmonotonic must be \"error\", \"force\" or \"drop\", got \"" + mode + "\"");
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, s](const TablePtr& t) {
            return tableops::atCallSite(site, "histogramQuantile", [&] { return histogramQuantileTable(site, s, t); });
        },
        "histogramQuantile");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "histogram", "<-tables, bins, ?column, ?upperBoundColumn, ?countColumn, ?normalize",
              histogram);
FLUXI_BUILTIN("universe", "histogramQuantile",
              "<-tables, ?quantile, ?countColumn, ?upperBoundColumn, ?valueColumn, ?minValue, ?onNonmonotonic",
              histogramQuantile);

}  // namespace fluxi
