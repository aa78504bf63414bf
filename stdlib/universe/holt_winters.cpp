// universe.holtWinters(n, interval, seasonality, withFit, withMinSSE, column, timeColumn): the damped
// Holt-Winters forecast of each table, following the reference implementation's algorithm:
//  1. Rows are bucketed by their time rounded to `interval`: the first value of a bucket is used,
//     empty buckets and null values are missing points; rows with a null time are dropped, and
//     leading null values skipped.
//  2. Level, trend (and, with seasonality >= 2, seasonal factors) start from simple guesses; alpha,
//     beta, gamma and phi are fitted by minimizing the sum of squared errors with Nelder-Mead
//     started from each point of a 2x2x2x2 grid; the lowest error wins. (This follows the
//     reference's published algorithm; its current release differs slightly in the fitted
//     parameters, so forecasts agree only to a few digits.)
//  3. The output is the n forecast points at interval steps after the last point (withFit: the
//     fitted points from the first one on, then the forecast), as _time and a float _value after
//     the group key columns; withMinSSE adds the minimal error in a `minSSE` column.
#include <cmath>
#include <limits>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/time.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

// A series with missing points (NaN never occurs in `valid` points... it may: it is kept as data).
struct Series {
    std::vector<double> v;
    std::vector<uint8_t> valid;
    size_t size() const { return v.size(); }
};

// Nelder-Mead minimization (reflection 1, contraction 0.5, expansion 2, at most 1000 iterations,
// stopping when the standard deviation of the vertex values drops below epsilon).
template <class Objective>
double nelderMead(Objective&& f, const std::vector<double>& start, double epsilon, double scale,
                  std::vector<double>& best) {
    const size_t n = start.size();
    const double dn = static_cast<double>(n);
    std::vector<std::vector<double>> v(n + 1, std::vector<double>(n));
    std::vector<double> fv(n + 1), vr(n), ve(n), vc(n), vm(n);
    const double pn = scale * (std::sqrt(dn + 1) - 1 + dn) / (dn * std::sqrt(2.0));
    const double qn = scale * (std::sqrt(dn + 1) - 1) / (dn * std::sqrt(2.0));
    v[0] = start;
    for (size_t i = 1; i <= n; i++)
        for (size_t j = 0; j < n; j++) v[i][j] = start[j] + (i - 1 == j ? pn : qn);
    for (size_t j = 0; j <= n; j++) fv[j] = f(v[j]);

    for (int iter = 1; iter <= 1000; iter++) {
        size_t worst = 0, bestI = 0;
        for (size_t i = 0; i <= n; i++) {
            if (fv[i] > fv[worst]) worst = i;
            if (fv[i] < fv[bestI]) bestI = i;
        }
        size_t second = bestI;
        for (size_t i = 0; i <= n; i++)
            if (fv[i] > fv[second] && fv[i] < fv[worst]) second = i;
        for (size_t j = 0; j < n; j++) {
            double sum = 0;
            for (size_t i = 0; i <= n; i++)
                if (i != worst) sum += v[i][j];
            vm[j] = sum / dn;
        }
        for (size_t j = 0; j < n; j++) vr[j] = vm[j] + (vm[j] - v[worst][j]);
        double fr = f(vr);
        if (fr < fv[second] && fr >= fv[bestI]) {
            v[worst] = vr;
            fv[worst] = fr;
        }
        if (fr < fv[bestI]) {
            for (size_t j = 0; j < n; j++) ve[j] = vm[j] + 2.0 * (vr[j] - vm[j]);
            double fe = f(ve);
            if (fe < fr) {
                v[worst] = ve;
                fv[worst] = fe;
            } else {
                v[worst] = vr;
                fv[worst] = fr;
            }
        }
        if (fr >= fv[second]) {
            if (fr < fv[worst] && fr >= fv[second])
                for (size_t j = 0; j < n; j++) vc[j] = vm[j] + 0.5 * (vr[j] - vm[j]);  // outside
            else
                for (size_t j = 0; j < n; j++) vc[j] = vm[j] - 0.5 * (vm[j] - v[worst][j]);  // inside
            double fc = f(vc);
            if (fc < fv[worst]) {
                v[worst] = vc;
                fv[worst] = fc;
            } else {
                // Shrink every vertex halfway towards the best one.
                for (size_t i = 0; i <= n; i++)
                    if (i != bestI)
                        for (size_t j = 0; j < n; j++) v[i][j] = v[bestI][j] + (v[i][j] - v[bestI][j]) / 2.0;
                fv[worst] = f(v[worst]);
                fv[second] = f(v[second]);
            }
        }
        double sum = 0;
        for (size_t i = 0; i <= n; i++) sum += fv[i];
        double avg = sum / static_cast<double>(n + 1), s = 0;
        for (size_t i = 0; i <= n; i++) s += std::pow(fv[i] - avg, 2.0) / dn;
        if (std::sqrt(s) < epsilon) break;
    }
    size_t bestI = 0;
    for (size_t i = 0; i <= n; i++)
        if (fv[i] < fv[bestI]) bestI = i;
    best = v[bestI];
    return f(v[bestI]);
}

class HoltWintersModel {
public:
    HoltWintersModel(const Series& y, int64_t horizon, int64_t seasons, bool withFit)
        : y_(y), h_(horizon), m_(seasons >= 2 ? static_cast<size_t>(seasons) : 0), withFit_(withFit) {}

    // The forecast (and fit) values; empty when the series is too short. `minSSE` receives the
    // smallest error found.
    std::vector<double> run(double& minSSE) {
        const size_t l = y_.size();
        minSSE = std::numeric_limits<double>::infinity();
        if (l < 2 || (m_ > 0 && l < m_) || h_ <= 0) return {};
        const bool seasonal = m_ > 0;
        double l0 = 0, b0 = 0;
        if (seasonal) {
            for (size_t i = 0; i < m_; i++)
                if (y_.valid[i]) l0 += (1 / static_cast<double>(m_)) * y_.v[i];
            for (size_t i = 0; i < m_ && m_ + i < l; i++)
                if (y_.valid[i] && y_.valid[m_ + i])
                    b0 += 1 / static_cast<double>(m_ * m_) * (y_.v[m_ + i] - y_.v[i]);
        } else {
            l0 = 0.5 * y_.v[0];
            if (y_.valid[1]) b0 = 0.5 * (y_.v[1] - y_.v[0]);
        }
        std::vector<double> params(6 + m_, 0.0);
        params[4] = l0;
        params[5] = b0;
        for (size_t i = 0; i < m_; i++) params[6 + i] = y_.valid[i] ? y_.v[i] / l0 : 0;

        auto sse = [this](std::vector<double>& p) { return error(p); };
        std::vector<double> bestParams, candidate;
        bool haveBest = false;
        for (double alpha = 0.3; alpha < 1.0; alpha += 0.4)
            for (double beta = 0.3; beta < 1.0; beta += 0.4)
                for (double gamma = 0.3; gamma < 1.0; gamma += 0.4)
                    for (double phi = 0.3; phi < 1.0; phi += 0.4) {
                        params[0] = alpha;
                        params[1] = beta;
                        params[2] = gamma;
                        params[3] = phi;
                        double e = nelderMead(sse, params, 1.0e-4, 1, candidate);
                        if (e < minSSE || !haveBest) {
                            minSSE = e;
                            bestParams = candidate;
                            haveBest = true;
                        }
                    }
        return forecast(bestParams, false);
    }

private:
    // Clamps alpha, beta, gamma and phi to [0, 1].
    static void constrain(std::vector<double>& p) {
        for (int i = 0; i < 4; i++) p[i] = std::min(1.0, std::max(0.0, p[i]));
    }

    // Runs the recurrences over the series (and h_ steps past it unless onlyFit), passing each
    // output value (the fit from the first point on when onlyFit or withFit, then the forecast) to
    // emit(value), which returns false to stop early. Adjusts p: clamps the smoothing parameters
    // and leaves the last seasonal factors in it.
    template <class Emit>
    void recur(std::vector<double>& p, bool onlyFit, Emit&& emit) const {
        const size_t l = y_.size();
        const int64_t h = onlyFit ? 0 : h_;
        constrain(p);
        double yT = y_.v[0];
        const double alpha = p[0], beta = p[1], gamma = p[2], phi = p[3];
        double phiH = phi, lT = p[4], bT = p[5];
        bool powGone = false;  // phi^t reached 0 and stays there
        const size_t m = m_;
        size_t so = 0;
        if (m > 0) {
            if (m == 1) p[6] = 1;
            so = m - 1;
        }
        const bool keepFit = onlyFit || withFit_;
        if (keepFit && !emit(yT)) return;
        double stm = 1.0, stmh = 1.0;
        const size_t total = l + static_cast<size_t>(h);
        for (size_t t = 1; t < total; t++) {
            if (m > 0) {
                size_t hm = t % m;
                stm = p[6 + (t - m + so) % m];
                stmh = p[6 + (t - m + hm + so) % m];
            }
            const double lPrev = lT, bPrev = bT;
            lT = alpha * (yT / stm) + (1 - alpha) * (lPrev + phi * bPrev);
            bT = beta * (lT - lPrev) + (1 - beta) * phi * bPrev;
            const double sT = gamma * (yT / (lPrev + phi * bPrev)) + (1 - gamma) * stm;
            yT = (lT + phiH * bT) * stmh;
            if (!powGone) {
                double pw = std::pow(phi, static_cast<double>(t));
                powGone = pw == 0.0;
                phiH += pw;
            }
            if (m > 0) {
                p[6 + (t + so) % m] = sT;
                so++;
            }
            if ((keepFit || t >= l) && !emit(yT)) return;
        }
    }

    std::vector<double> forecast(std::vector<double>& p, bool onlyFit) const {
        std::vector<double> out;
        recur(p, onlyFit, [&](double v) {
            out.push_back(v);
            return true;
        });
        return out;
    }

    // The fit error of a candidate point. Works on a copy: the optimizer's points stay as it made them.
    double error(const std::vector<double>& point) const {
        std::vector<double>& p = scratch_;
        p.assign(point.begin(), point.end());
        double sse = 0;
        size_t i = 0;
        bool nanFit = false;
        recur(p, true, [&](double v) {
            if (y_.valid[i]) {
                if (std::isnan(v)) {
                    nanFit = true;
                    return false;
                }
                double d = v - y_.v[i];
                sse += d * d;
            }
            i++;
            return true;
        });
        return nanFit ? std::numeric_limits<double>::infinity() : sse;
    }

    mutable std::vector<double> scratch_;  // error()'s working copy of a point
    const Series& y_;
    int64_t h_;
    size_t m_;
    bool withFit_;
};

// Rounds t to the nearest multiple of d (halfway rounds up), as Go's time rounding does.
int64_t roundTo(int64_t t, int64_t d) {
    int64_t r = t % d;
    if (r < 0) r += d;
    int64_t down = t - r;
    return r + r < d ? down : down + d;
}

struct HoltWintersSpec {
    int64_t n, seasonality, interval;
    bool withFit, withMinSSE;
    std::string column, timeColumn;
};

TablePtr holtWintersTable(const CallContext& ctx, const HoltWintersSpec& s, const TablePtr& t) {
    int ti = t->columnIndex(s.timeColumn);
    if (ti < 0) ctx.fail(ErrorCode::FailedPrecondition, "holtWinters: cannot find time column \"" + s.timeColumn + "\"");
    if (t->meta[ti].type != ColType::Time)
        ctx.fail("holtWinters: column \"" + s.timeColumn + "\" must be of type time, got " + colTypeName(t->meta[ti].type));
    int vi = t->columnIndex(s.column);
    if (vi < 0) ctx.fail(ErrorCode::FailedPrecondition, "holtWinters: cannot find column \"" + s.column + "\"");
    const Column& vc = t->column(vi);
    if (vc.type() != ColType::Int && vc.type() != ColType::UInt && vc.type() != ColType::Float)
        ctx.fail(std::string("holtWinters: can work only on numerical types, got ") + colTypeName(vc.type()));
    const Column& tc = t->column(ti);

    // Bucket the rows by time.
    Series y;
    int64_t start = 0, stop = 0, bucketEnd = 0;
    bool first = true, filled = false;
    auto value = [&](size_t r) {
        switch (vc.type()) {
            case ColType::Int: return static_cast<double>(vc.ints()[r]);
            case ColType::UInt: return static_cast<double>(vc.uints()[r]);
            default: return vc.floats()[r];
        }
    };
    auto append = [&](size_t r) {
        y.valid.push_back(vc.isValid(r));
        y.v.push_back(vc.isValid(r) ? value(r) : 0.0);
        filled = true;
    };
    for (size_t r = 0; r < t->nrows; r++) {
        if (tc.isNull(r)) continue;
        if (first && vc.isNull(r)) continue;
        int64_t at = tc.ints()[r];
        int64_t rounded = roundTo(at, s.interval);
        if (first) {
            first = false;
            start = at;
            bucketEnd = rounded;
            append(r);
            continue;
        }
        if (rounded <= bucketEnd && filled) continue;
        bucketEnd += s.interval;
        filled = false;
        while (rounded > bucketEnd) {
            y.valid.push_back(0);
            y.v.push_back(0.0);
            bucketEnd += s.interval;
        }
        append(r);
        stop = at;
    }

    HoltWintersModel model(y, s.n, s.seasonality, s.withFit);
    double minSSE = 0;
    std::vector<double> out = model.run(minSSE);
    auto times = std::make_shared<Column>(ColType::Time);
    auto values = std::make_shared<Column>(ColType::Float);
    int64_t at = s.withFit ? start : stop + s.interval;
    for (double v : out) {
        times->appendInt(at);
        values->appendFloat(v);
        at += s.interval;
    }
    std::vector<std::pair<std::string, ColumnPtr>> extra = {{"_time", times}, {"_value", values}};
    if (s.withMinSSE) {
        ColumnPtr sse = tableops::constantColumn(ColType::Float, Value::floating(minSSE), out.size());
        extra.emplace_back("minSSE", sse);
    }
    return tableops::keyedTable(t->key, out.size(), std::move(extra));
}

Value holtWinters(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    HoltWintersSpec s;
    s.n = ctx.require(args, "n", Kind::Int).asInt();
    Duration interval = ctx.require(args, "interval", Kind::Duration).asDuration();
    if (interval.months != 0 || interval.nanos <= 0)
        ctx.fail("holtWinters: interval must be a positive duration without months, got " + formatDuration(interval));
    s.interval = interval.nanos;
    s.seasonality = ctx.intOr(args, "seasonality", 0);
    if (s.seasonality < 0) ctx.fail("holtWinters: seasonality must not be negative");
    s.withFit = ctx.boolOr(args, "withFit", false);
    s.withMinSSE = ctx.boolOr(args, "withMinSSE", false);
    s.column = ctx.stringOr(args, "column", "_value");
    s.timeColumn = ctx.stringOr(args, "timeColumn", "_time");
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, s](const TablePtr& t) {
            return tableops::atCallSite(site, "holtWinters", [&] { return holtWintersTable(site, s, t); });
        },
        "holtWinters");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "holtWinters",
              "<-tables, n, interval, ?withFit, ?withMinSSE, ?column, ?timeColumn, ?seasonality", holtWinters);

}  // namespace fluxi
