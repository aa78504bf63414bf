// Moving-average and momentum indicators over the rows of each table, in row order:
//   exponentialMovingAverage(n)          _value -> EMA; rows from the n-th on. The first value is the
//                                        mean of the first n values, then y = x*k + y'*(1-k), k = 2/(n+1);
//                                        a table shorter than n: its last row with the mean so far.
//   chandeMomentumOscillator(n, columns) 100 * (up - down) / (up + down) over the last n changes (NaN when
//                                        nothing changed); rows from the (n+1)-th on.
//   kaufmansAMA(n, column)               KAMA with efficiency ratio over n changes, fast 2/3, slow 2/31,
//                                        seeded with the n-th value; rows from the (n+1)-th on.
//   relativeStrengthIndex(n, columns)    100 - 100/(1 + avgGain/avgLoss) (NaN when both are 0), as the
//                                        reference computes it: the first value is a change from 0, the
//                                        averages are the mean of the first n changes, then smoothed as
//                                        (prev*(n-1) + current)/n; rows from the (n+1)-th on.
//   tripleExponentialDerivative(n)       (EMA3[i]/EMA3[i-1] - 1) * 100 with EMA3 = EMA(EMA(EMA(_value))).
// Outputs are floats; null cells are skipped (a change is measured from the previous non-null value,
// and an average over nulls only is null). Tables too short for one output row become empty (TRIX:
// one row, the last input row with NaN). Flux-defined on top: doubleEMA, tripleEMA, kaufmansER,
// timedMovingAverage.
#include <cmath>
#include <optional>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

// A numeric column read as doubles (nullopt for null cells).
std::vector<std::optional<double>> readNumbers(const CallContext& ctx, const char* fname, const Table& t,
                                               const std::string& name, int& index) {
    index = t.columnIndex(name);
    if (index < 0) ctx.fail(ErrorCode::FailedPrecondition, std::string(fname) + ": column \"" + name + "\" not found");
    const Column& c = t.column(index);
    std::vector<std::optional<double>> out(t.nrows);
    for (size_t r = 0; r < t.nrows; r++) {
        if (c.isNull(r)) continue;
        switch (c.type()) {
            case ColType::Int: out[r] = static_cast<double>(c.ints()[r]); break;
            case ColType::UInt: out[r] = static_cast<double>(c.uints()[r]); break;
            case ColType::Float: out[r] = c.floats()[r]; break;
            default:
                ctx.fail(std::string(fname) + ": column \"" + name + "\" must be numeric (int, uint or float), got " +
                         colTypeName(c.type()));
        }
    }
    return out;
}

ColumnPtr floatColumn(const std::vector<std::optional<double>>& v, size_t begin) {
    auto c = std::make_shared<Column>(ColType::Float);
    c->reserve(v.size() > begin ? v.size() - begin : 0);
    for (size_t r = begin; r < v.size(); r++) {
        if (v[r]) c->appendFloat(*v[r]);
        else c->appendNull();
    }
    return c;
}

// Rows [begin, end) of t with the given columns replaced by float columns computed for all rows.
TablePtr sliceWith(const TablePtr& t, size_t begin, const std::vector<std::pair<int, std::vector<std::optional<double>>>>& repl) {
    if (begin > t->nrows) begin = t->nrows;
    TableBuilder b(t->key);
    for (size_t c = 0; c < t->numColumns(); c++) {
        const std::vector<std::optional<double>>* r = nullptr;
        for (auto& [idx, vals] : repl)
            if (idx == static_cast<int>(c)) r = &vals;
        if (r) b.addColumn(t->meta[c].name, floatColumn(*r, begin));
        else b.addColumn(t->meta[c].name, tableops::sliceColumn(t->cols[c], begin, t->nrows));
    }
    // A replaced key column keeps its name but no longer fits the key value: it leaves the key.
    for (auto& [idx, vals] : repl) {
        int k = b.key().indexOf(t->meta[idx].name);
        if (k >= 0) {
            b.key().cols.erase(b.key().cols.begin() + k);
            b.key().values.erase(b.key().values.begin() + k);
        }
    }
    return b.finish();
}

// EMA of v; positions before n-1 are null.
std::vector<std::optional<double>> ema(const std::vector<std::optional<double>>& v, size_t n) {
    std::vector<std::optional<double>> out(v.size());
    if (v.size() < n) return out;
    const double k = 2.0 / (static_cast<double>(n) + 1.0);
    double sum = 0;
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        if (v[i]) {
            sum += *v[i];
            count++;
        }
    std::optional<double> y;
    if (count > 0) y = sum / static_cast<double>(count);
    out[n - 1] = y;
    for (size_t i = n; i < v.size(); i++) {
        if (v[i]) y = y ? *v[i] * k + *y * (1 - k) : *v[i];
        out[i] = y;
    }
    return out;
}

// Changes between each value and the previous non-null one (nullopt where there is none).
std::vector<std::optional<double>> changes(const std::vector<std::optional<double>>& v) {
    std::vector<std::optional<double>> d(v.size());
    std::optional<double> prev;
    for (size_t i = 0; i < v.size(); i++) {
        if (!v[i]) continue;
        if (prev) d[i] = *v[i] - *prev;
        prev = v[i];
    }
    return d;
}

struct IndicatorSpec {
    int64_t n;
    std::vector<std::string> columns;
};

int64_t requirePeriod(const CallContext& ctx, const Args& args, const char* fname) {
    int64_t n = ctx.require(args, "n", Kind::Int).asInt();
    if (n <= 0) ctx.fail(std::string(fname) + ": n must be positive, got " + std::to_string(n));
    return n;
}

// Registers a per-table indicator as a lazy stream.
template <class F>
Value perTable(CallContext& ctx, const Args& args, const char* fname, F&& fn) {
    StreamRef in = ctx.requireStream(args);
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, fname, fn](const TablePtr& t) { return tableops::atCallSite(site, fname, [&] { return fn(site, t); }); },
        fname);
    return Value::stream(out);
}

Value exponentialMovingAverage(CallContext& ctx, const Args& args) {
    size_t n = static_cast<size_t>(requirePeriod(ctx, args, "exponentialMovingAverage"));
    return perTable(ctx, args, "exponentialMovingAverage", [n](const CallContext& site, const TablePtr& t) {
        int idx;
        auto v = readNumbers(site, "exponentialMovingAverage", *t, "_value", idx);
        if (t->nrows > 0 && t->nrows < n) {
            // As the reference: a table shorter than n gives one row, its last, with the mean of the
            // non-null values so far (null when there are none).
            double sum = 0;
            size_t count = 0;
            for (auto& x : v)
                if (x) sum += *x, count++;
            std::vector<std::optional<double>> out(v.size());
            if (count > 0) out.back() = sum / static_cast<double>(count);
            return sliceWith(t, t->nrows - 1, {{idx, out}});
        }
        return sliceWith(t, n - 1, {{idx, ema(v, n)}});
    });
}

Value chandeMomentumOscillator(CallContext& ctx, const Args& args) {
    size_t n = static_cast<size_t>(requirePeriod(ctx, args, "chandeMomentumOscillator"));
    std::vector<std::string> cols = {"_value"};
    tableops::stringListArg(ctx, args, "chandeMomentumOscillator", "columns", cols);
    return perTable(ctx, args, "chandeMomentumOscillator", [n, cols](const CallContext& site, const TablePtr& t) {
        std::vector<std::pair<int, std::vector<std::optional<double>>>> repl;
        for (auto& name : cols) {
            if (t->columnIndex(name) < 0) continue;  // as the reference: a listed column the table lacks is skipped
            int idx;
            auto d = changes(readNumbers(site, "chandeMomentumOscillator", *t, name, idx));
            std::vector<std::optional<double>> out(d.size());
            double up = 0, down = 0;
            for (size_t i = 1; i < d.size(); i++) {
                if (d[i]) (*d[i] > 0 ? up : down) += std::fabs(*d[i]);
                if (i > n && d[i - n]) (*d[i - n] > 0 ? up : down) -= std::fabs(*d[i - n]);
                if (i >= n) out[i] = 100.0 * (up - down) / (up + down);  // no change at all: 0/0 = NaN, as the reference
            }
            repl.emplace_back(idx, std::move(out));
        }
        return sliceWith(t, n, repl);
    });
}

Value kaufmansAMA(CallContext& ctx, const Args& args) {
    size_t n = static_cast<size_t>(requirePeriod(ctx, args, "kaufmansAMA"));
    std::string column = ctx.stringOr(args, "column", "_value");
    return perTable(ctx, args, "kaufmansAMA", [n, column](const CallContext& site, const TablePtr& t) {
        if (t->columnIndex(column) < 0) return sliceWith(t, n, {});  // as the reference: rows from the n-th on
        int idx;
        auto v = readNumbers(site, "kaufmansAMA", *t, column, idx);
        // Nulls take the previous value (no change).
        for (size_t i = 1; i < v.size(); i++)
            if (!v[i]) v[i] = v[i - 1];
        std::vector<std::optional<double>> out(v.size());
        const double fast = 2.0 / 3.0, slow = 2.0 / 31.0;
        if (v.size() > n) {
            std::optional<double> kama = v[n - 1];
            for (size_t i = n; i < v.size(); i++) {
                if (!v[i] || !v[i - n]) continue;
                double volatility = 0;
                for (size_t j = i - n + 1; j <= i; j++)
                    if (v[j] && v[j - 1]) volatility += std::fabs(*v[j] - *v[j - 1]);
                // As the reference: no movement over the window is 0/0 = NaN, and KAMA stays NaN from there.
                double er = std::fabs(*v[i] - *v[i - n]) / volatility;
                double sc = er * (fast - slow) + slow;
                sc *= sc;
                kama = kama ? *kama + sc * (*v[i] - *kama) : *v[i];
                out[i] = kama;
            }
        }
        return sliceWith(t, n, {{idx, out}});
    });
}

// The average of relativeStrengthIndex: the mean of the first n values added, then smoothed as
// avg + (x - avg) / n; before n values it is the mean so far.
struct WilderAverage {
    size_t n, count = 0;
    double sum = 0, avg = 0;
    void add(double x) {
        if (count < n) {
            sum += x;
            if (++count == n) avg = sum / static_cast<double>(n);
        } else {
            avg = x / static_cast<double>(n) + avg * (1.0 - 1.0 / static_cast<double>(n));
        }
    }
    double value() const { return count < n ? sum / static_cast<double>(count) : avg; }
};

Value relativeStrengthIndex(CallContext& ctx, const Args& args) {
    size_t n = static_cast<size_t>(requirePeriod(ctx, args, "relativeStrengthIndex"));
    std::vector<std::string> cols = {"_value"};
    tableops::stringListArg(ctx, args, "relativeStrengthIndex", "columns", cols);
    return perTable(ctx, args, "relativeStrengthIndex", [n, cols](const CallContext& site, const TablePtr& t) {
        std::vector<std::pair<int, std::vector<std::optional<double>>>> repl;
        for (auto& name : cols) {
            if (t->columnIndex(name) < 0) continue;  // as the reference: a listed column the table lacks is skipped
            int idx;
            auto v = readNumbers(site, "relativeStrengthIndex", *t, name, idx);
            std::vector<std::optional<double>> out(v.size());
            WilderAverage gain{n}, loss{n};
            double last = 0;  // as the reference: the first value counts as a change from 0
            bool seen = false;
            for (size_t i = 0; i < v.size(); i++) {
                if (v[i]) {  // a null row changes nothing and repeats the current index
                    gain.add(*v[i] > last ? *v[i] - last : 0);
                    loss.add(*v[i] < last ? last - *v[i] : 0);
                    last = *v[i];
                    seen = true;
                }
                if (i >= n && seen) out[i] = 100.0 - 100.0 / (1.0 + gain.value() / loss.value());
            }
            repl.emplace_back(idx, std::move(out));
        }
        return sliceWith(t, n, repl);
    });
}

Value tripleExponentialDerivative(CallContext& ctx, const Args& args) {
    size_t n = static_cast<size_t>(requirePeriod(ctx, args, "tripleExponentialDerivative"));
    return perTable(ctx, args, "tripleExponentialDerivative", [n](const CallContext& site, const TablePtr& t) {
        int idx;
        auto v = readNumbers(site, "tripleExponentialDerivative", *t, "_value", idx);
        // Each EMA pass starts where the previous one's values do.
        auto pass = [n](const std::vector<std::optional<double>>& x, size_t from) {
            std::vector<std::optional<double>> tail(x.begin() + static_cast<long>(std::min(from, x.size())), x.end());
            auto e = ema(tail, n);
            std::vector<std::optional<double>> out(x.size());
            for (size_t i = 0; i < e.size(); i++) out[from + i] = e[i];
            return out;
        };
        auto e1 = pass(v, 0);
        auto e2 = pass(e1, n - 1);
        auto e3 = pass(e2, 2 * (n - 1));
        const size_t first = 3 * (n - 1) + 1;  // first row with two EMA3 values
        if (t->nrows < first + 1) {
            if (t->nrows == 0) return t;
            std::vector<std::optional<double>> nan(t->nrows, std::nan(""));
            return sliceWith(t, t->nrows - 1, {{idx, nan}});
        }
        std::vector<std::optional<double>> out(v.size());
        for (size_t i = first; i < v.size(); i++)
            if (e3[i] && e3[i - 1]) out[i] = (*e3[i] / *e3[i - 1] - 1) * 100;
        return sliceWith(t, first, {{idx, out}});
    });
}

}  // namespace

FLUXI_BUILTIN("universe", "exponentialMovingAverage", "<-tables, n", exponentialMovingAverage);
FLUXI_BUILTIN("universe", "chandeMomentumOscillator", "<-tables, n, ?columns", chandeMomentumOscillator);
FLUXI_BUILTIN("universe", "kaufmansAMA", "<-tables, n, ?column", kaufmansAMA);
FLUXI_BUILTIN("universe", "relativeStrengthIndex", "<-tables, n, ?columns", relativeStrengthIndex);
FLUXI_BUILTIN("universe", "tripleExponentialDerivative", "<-tables, n", tripleExponentialDerivative);

FLUXI_FLUX_SOURCE("universe", R"flux(
doubleEMA = (n, tables=<-) =>
    tables
        |> exponentialMovingAverage(n: n)
        |> duplicate(column: "_value", as: "__ema")
        |> exponentialMovingAverage(n: n)
        |> map(fn: (r) => ({r with _value: 2.0 * r.__ema - r._value}))
        |> drop(columns: ["__ema"])
tripleEMA = (n, tables=<-) =>
    tables
        |> exponentialMovingAverage(n: n)
        |> duplicate(column: "_value", as: "__ema1")
        |> exponentialMovingAverage(n: n)
        |> duplicate(column: "_value", as: "__ema2")
        |> exponentialMovingAverage(n: n)
        |> map(fn: (r) => ({r with _value: 3.0 * r.__ema1 - 3.0 * r.__ema2 + r._value}))
        |> drop(columns: ["__ema1", "__ema2"])
kaufmansER = (n, tables=<-) =>
    tables
        |> chandeMomentumOscillator(n: n)
        |> map(fn: (r) => ({r with _value: (if r._value < 0.0 then -r._value else r._value) / 100.0}))
timedMovingAverage = (every, period, column="_value", tables=<-) =>
    tables
        |> window(every: every, period: period)
        |> mean(column: column)
        |> duplicate(column: "_stop", as: "_time")
        |> window(every: inf)
)flux");

}  // namespace fluxi
