// universe.holtWinters(n, interval, seasonality, withFit, withMinSSE, column, timeColumn): the damped
// Holt-Winters forecast of each table, computed as the reference implementation computes it:
//  1. Rows are bucketed by their time rounded to `interval` (the reference's rounding, also for times
//     before 1970): the first value of a bucket is used, empty buckets and null values are missing
//     points; rows with a null time are dropped, and leading null values skipped. A NaN or infinite
//     float is an error.
//  2. Level, trend (and, with seasonality >= 2, seasonal factors) start from simple guesses; all the
//     parameters (alpha, beta, gamma, phi, the initial level, trend and seasonal factors) are fitted
//     by minimizing the sum of squared errors with the Nelder-Mead search of the Go library the
//     reference uses (gonum's optimize.NelderMead with its dimension-dependent coefficients, an
//     initial simplex of steps of 0.05, stopping when the best error has not dropped by more than
//     1e-4 in 100 iterations), started from each point of a 2x2x2x2 grid; the lowest error wins.
//     Powers are computed the way Go's math.Pow computes them, so results match to the last bit.
//  3. The output is the n forecast points at interval steps after the last point (withFit: the
//     fitted points from the first one on, then the forecast), as _time and a float _value after
//     the group key columns; withMinSSE adds the minimal error in a `minSSE` column.
#include <cmath>
#include <limits>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/time.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

// A series with missing points.
struct Series {
    std::vector<double> v;
    std::vector<uint8_t> valid;
    size_t size() const { return v.size(); }
};

// x^y for a whole number y >= 0 as Go's math.Pow computes it (repeated squaring of the mantissa),
// which is not always the correctly rounded value the C library returns.
double goPowWhole(double x, int64_t y) {
    if (y == 0 || x == 1) return 1;
    if (y == 1) return x;
    if (std::isnan(x)) return x;
    if (x == 0) return std::signbit(x) && (y & 1) ? x : 0.0;
    if (std::isinf(x)) return std::pow(x, static_cast<double>(y));  // exact special cases
    double a1 = 1.0;
    int64_t ae = 0;
    int xeInt = 0;
    double x1 = std::frexp(x, &xeInt);
    int64_t xe = xeInt;
    for (int64_t i = y; i != 0; i >>= 1) {
        if (xe < -(1 << 12) || (1 << 12) < xe) {
            ae += xe;  // catastrophic overflow or underflow: let ldexp handle it
            break;
        }
        if (i & 1) {
            a1 *= x1;
            ae += xe;
        }
        x1 *= x1;
        xe <<= 1;
        if (x1 < .5) {
            x1 += x1;
            xe--;
        }
    }
    if (ae < -1100) return std::copysign(0.0, a1);
    if (ae > 1100) return std::copysign(std::numeric_limits<double>::infinity(), a1);
    return std::ldexp(a1, static_cast<int>(ae));
}

// Go's sort.Sort on at most 12 elements: an insertion sort by value (stable; NaN never moves down).
void sortSimplex(std::vector<std::vector<double>>& vertices, std::vector<double>& values) {
    for (size_t i = 1; i < values.size(); i++)
        for (size_t j = i; j > 0 && values[j] < values[j - 1]; j--) {
            std::swap(values[j], values[j - 1]);
            std::swap(vertices[j], vertices[j - 1]);
        }
}

// Minimizes f from `start` as gonum's optimize.Minimize(NelderMead{}) does with a FunctionConverge
// of Absolute 1e-4 and 100 Iterations (flux's settings). Returns the best value and sets `best`.
// A starting value that is NaN or +Inf makes gonum fail; that is reported as `startFailed`.
template <class Objective>
double gonumNelderMead(Objective&& f, const std::vector<double>& start, std::vector<double>& best,
                       bool& startFailed) {
    const size_t dim = start.size();
    const double d = static_cast<double>(dim);
    const double reflection = 1;
    const double expansion = dim == 1 ? 2 : 1 + 2 / d;
    const double contraction = dim == 1 ? 0.5 : 0.75 - 1 / (2 * d);
    const double shrink = dim == 1 ? 0.5 : 1 - 1 / d;
    const double simplexSize = 0.05;
    const double absoluteTolerance = 1e-4;
    const int convergeIterations = 100;

    startFailed = false;
    std::vector<double> x = start;
    const double f0 = f(x);
    if (std::isnan(f0) || (std::isinf(f0) && f0 > 0)) {
        startFailed = true;
        best = start;
        return f0;
    }
    // The convergence test, run at every major iteration.
    double bestF = f0;
    int sinceImprovement = 0;
    auto converged = [&](double fv) {
        if (std::isinf(fv) && fv < 0) return true;
        // (flux sets no relative tolerance)
        if (fv < bestF && bestF - fv > absoluteTolerance) {
            bestF = fv;
            sinceImprovement = 0;
            return false;
        }
        return ++sinceImprovement >= convergeIterations;
    };
    // The first major iteration is the starting point itself: it only records its value (bestF).

    std::vector<std::vector<double>> vertices(dim + 1, std::vector<double>(dim));
    std::vector<double> values(dim + 1);
    std::vector<double> centroid(dim), reflected(dim), trial(dim);
    vertices[dim] = start;
    values[dim] = f0;
    for (size_t i = 0; i < dim; i++) {
        x = start;
        x[i] += simplexSize;
        values[i] = f(x);
        vertices[i] = x;
    }
    auto computeCentroid = [&] {
        for (size_t j = 0; j < dim; j++) centroid[j] = 0;
        for (size_t i = 0; i < dim; i++)
            for (size_t j = 0; j < dim; j++) centroid[j] += vertices[i][j];
        for (size_t j = 0; j < dim; j++) centroid[j] /= d;
    };
    // x = centroid + scale * (centroid - worst), rounded step by step as gonum's floats do.
    auto along = [&](double scale, std::vector<double>& out) {
        for (size_t j = 0; j < dim; j++) {
            double step = centroid[j] - vertices[dim][j];
            step *= scale;
            out[j] = step + centroid[j];
        }
    };
    auto replaceWorst = [&](const std::vector<double>& point, double fv) {
        vertices[dim] = point;
        values[dim] = fv;
        for (size_t i = dim; i-- > 0;) {
            if (values[i] < fv) break;
            std::swap(vertices[i], vertices[i + 1]);
            std::swap(values[i], values[i + 1]);
        }
        for (size_t j = 0; j < dim; j++) centroid[j] += (-1 / d) * vertices[dim][j];
        for (size_t j = 0; j < dim; j++) centroid[j] += (1 / d) * point[j];
    };
    auto shrinkSimplex = [&] {
        for (size_t i = 1; i <= dim; i++) {
            for (size_t j = 0; j < dim; j++) {
                double step = vertices[i][j] - vertices[0][j];
                step *= shrink;
                trial[j] = step + vertices[0][j];
            }
            values[i] = f(trial);
            vertices[i] = trial;
        }
        sortSimplex(vertices, values);
        computeCentroid();
    };
    sortSimplex(vertices, values);
    computeCentroid();
    while (!converged(values[0])) {
        along(reflection, reflected);
        const double fr = f(reflected);
        if (fr >= values[0] && fr < values[dim - 1]) {
            replaceWorst(reflected, fr);
        } else if (fr < values[0]) {
            along(reflection * expansion, trial);
            const double fe = f(trial);
            if (fe < fr)
                replaceWorst(trial, fe);
            else
                replaceWorst(reflected, fr);
        } else if (fr < values[dim]) {
            along(reflection * contraction, trial);
            const double fc = f(trial);
            if (fc <= fr)
                replaceWorst(trial, fc);
            else
                shrinkSimplex();
        } else {
            along(-contraction, trial);
            const double fc = f(trial);
            if (fc < values[dim])
                replaceWorst(trial, fc);
            else
                shrinkSimplex();
        }
    }
    best = vertices[0];
    return values[0];
}

class HoltWintersModel {
public:
    HoltWintersModel(const Series& y, int64_t horizon, int64_t seasons, bool withFit)
        : y_(y), h_(horizon), m_(seasons >= 2 ? static_cast<size_t>(seasons) : 0), withFit_(withFit) {}

    // The forecast (and fit) values; empty when the series is too short. `minSSE` receives the
    // smallest error found (0 when nothing is computed). False when the optimizer cannot start (the
    // error at a starting point is NaN or infinite).
    bool run(std::vector<double>& out, double& minSSE) {
        const size_t l = y_.size();
        out.clear();
        minSSE = 0;
        if (l < 2 || (m_ > 0 && l < m_) || h_ <= 0) return true;
        const bool seasonal = m_ > 0;
        const double md = static_cast<double>(m_);
        double l0 = 0, b0 = 0;
        if (seasonal) {
            for (size_t i = 0; i < m_; i++)
                if (y_.valid[i]) l0 += (1 / md) * y_.v[i];
            for (size_t i = 0; i < m_ && m_ + i < l; i++)
                if (y_.valid[i] && y_.valid[m_ + i])
                    b0 += 1 / static_cast<double>(static_cast<int64_t>(m_ * m_)) * (y_.v[m_ + i] - y_.v[i]);
        } else {
            l0 += 0.5 * y_.v[0];
            if (y_.valid[1]) b0 = 0.5 * (y_.v[1] - y_.v[0]);
        }
        std::vector<double> params(6 + m_, 0.0);
        params[4] = l0;
        params[5] = b0;
        for (size_t i = 0; i < m_; i++) params[6 + i] = y_.valid[i] ? y_.v[i] / l0 : 1;

        auto sse = [this](const std::vector<double>& p) { return error(p); };
        std::vector<double> bestParams, candidate;
        bool haveBest = false;
        minSSE = std::numeric_limits<double>::infinity();
        for (double alpha = 0.3; alpha < 1.0; alpha += 0.4)
            for (double beta = 0.3; beta < 1.0; beta += 0.4)
                for (double gamma = 0.3; gamma < 1.0; gamma += 0.4)
                    for (double phi = 0.3; phi < 1.0; phi += 0.4) {
                        params[0] = alpha;
                        params[1] = beta;
                        params[2] = gamma;
                        params[3] = phi;
                        bool startFailed = false;
                        double e = gonumNelderMead(sse, params, candidate, startFailed);
                        if (startFailed) return false;
                        if (e < minSSE || !haveBest) {
                            minSSE = e;
                            bestParams = candidate;
                            haveBest = true;
                        }
                    }
        recur(bestParams, false, [&](double v) { out.push_back(v); });
        return true;
    }

private:
    // Clamps alpha, beta, gamma and phi to [0, 1] (NaN is left as it is).
    static void constrain(std::vector<double>& p) {
        for (int i = 0; i < 4; i++) {
            if (p[i] > 1) p[i] = 1;
            if (p[i] < 0) p[i] = 0;
        }
    }

    // Runs the recurrences over the series (and h_ steps past it unless onlyFit), passing each
    // output value (the fit from the first point on when onlyFit or withFit, then the forecast) to
    // emit(value). Adjusts p: clamps the smoothing parameters and leaves the last seasonal factors
    // in it.
    template <class Emit>
    void recur(std::vector<double>& p, bool onlyFit, Emit&& emit) const {
        const size_t l = y_.size();
        const int64_t h = onlyFit ? 0 : h_;
        constrain(p);
        double yT = y_.v[0];
        const double alpha = p[0], beta = p[1], gamma = p[2], phi = p[3];
        double phiH = phi, lT = p[4], bT = p[5];
        bool powGone = false;  // phi^t reached 0: it stays 0 for larger t
        const int64_t m = static_cast<int64_t>(m_);
        int64_t so = 0;
        if (m > 0) so = m - 1;
        const bool keepFit = onlyFit || withFit_;
        if (keepFit) emit(yT);
        double stm = 1.0, stmh = 1.0;
        const int64_t total = static_cast<int64_t>(l) + h;
        for (int64_t t = 1; t < total; t++) {
            if (m > 0) {
                int64_t hm = t % m;
                stm = p[static_cast<size_t>(6 + (t - m + so) % m)];
                stmh = p[static_cast<size_t>(6 + (t - m + hm + so) % m)];
            }
            const double lPrev = lT, bPrev = bT;
            lT = alpha * (yT / stm) + (1 - alpha) * (lPrev + phi * bPrev);
            bT = beta * (lT - lPrev) + (1 - beta) * phi * bPrev;
            const double sT = gamma * (yT / (lPrev + phi * bPrev)) + (1 - gamma) * stm;
            yT = (lT + phiH * bT) * stmh;
            if (!powGone) {
                double pw = goPowWhole(phi, t);
                powGone = pw == 0.0;
                phiH += pw;
            }
            if (m > 0) {
                p[static_cast<size_t>(6 + (t + so) % m)] = sT;
                so++;
            }
            if (keepFit || t >= static_cast<int64_t>(l)) emit(yT);
        }
    }

    // The sum of squared fit errors over the valid points, for a point of the optimizer (evaluated
    // on a copy, as the reference evaluates it).
    double error(const std::vector<double>& point) const {
        std::vector<double>& p = scratch_;
        p.assign(point.begin(), point.end());
        double sse = 0;
        size_t i = 0;
        recur(p, true, [&](double v) {
            if (y_.valid[i]) {
                double diff = v - y_.v[i];
                sse += diff * diff;
            }
            i++;
        });
        return sse;
    }

    mutable std::vector<double> scratch_;  // error()'s working copy of a point
    const Series& y_;
    int64_t h_;
    size_t m_;
    bool withFit_;
};

// The interval in nanoseconds as the reference measures it for bucketing: a month counts as a
// twelfth of 365.25 days.
int64_t approximateNanos(Duration d) {
    int64_t months = 0;
    if (d.months > 0) {
        const double nanosPerMonth = 365.25 * 24 * 3600e9 / 12;
        months = static_cast<int64_t>(static_cast<double>(d.months) * nanosPerMonth);
    }
    return static_cast<int64_t>(static_cast<uint64_t>(d.nanos) + static_cast<uint64_t>(months));
}

// Rounds t to a multiple of d (d > 0) as the reference's values.Time.Round does: to the nearest one,
// halfway up, with Go's truncated remainder -- so a time before 1970 that is not a multiple of d
// rounds up to the next multiple even when a smaller one is nearer. Wraps as Go's int64 does.
int64_t referenceRound(int64_t t, int64_t d) {
    const int64_t r = t % d;
    const uint64_t ur = static_cast<uint64_t>(r);
    if (ur + ur < static_cast<uint64_t>(d)) return static_cast<int64_t>(static_cast<uint64_t>(t) - ur);
    return static_cast<int64_t>(static_cast<uint64_t>(t) + static_cast<uint64_t>(d) - ur);
}

struct HoltWintersSpec {
    int64_t n, seasonality;
    Duration interval;
    bool withFit, withMinSSE;
    std::string column, timeColumn;
};

TablePtr holtWintersTable(const CallContext& ctx, const HoltWintersSpec& s, const TablePtr& t) {
    int ti = t->columnIndex(s.timeColumn);
    if (ti < 0) ctx.fail(ErrorCode::FailedPrecondition, "holtWinters: cannot find time column \"" + s.timeColumn + "\"");
    if (t->meta[ti].type != ColType::Time)
        ctx.fail(ErrorCode::FailedPrecondition, "holtWinters: column \"" + s.timeColumn +
                                                     "\" must be of type time, got " + colTypeName(t->meta[ti].type));
    int vi = t->columnIndex(s.column);
    if (vi < 0) ctx.fail(ErrorCode::FailedPrecondition, "holtWinters: cannot find column \"" + s.column + "\"");
    const Column& vc = t->column(vi);
    if (vc.type() != ColType::Int && vc.type() != ColType::UInt && vc.type() != ColType::Float)
        ctx.fail(ErrorCode::FailedPrecondition,
                 std::string("holtWinters: can work only on numerical types, got ") + colTypeName(vc.type()));
    const Column& tc = t->column(ti);

    // Bucket the rows by time, as the reference does (its "no bucket yet" mark is a bucket end of -1).
    const int64_t step = approximateNanos(s.interval);
    Series y;
    int64_t start = 0, stop = 0, bucketEnd = -1;
    bool filled = false;
    auto nextBucket = [&] {
        bucketEnd = static_cast<int64_t>(static_cast<uint64_t>(bucketEnd) + static_cast<uint64_t>(step));
        filled = false;
    };
    auto append = [&](size_t r) {
        const bool valid = vc.isValid(r);
        double v = 0;
        if (valid) {
            switch (vc.type()) {
                case ColType::Int: v = static_cast<double>(vc.ints()[r]); break;
                case ColType::UInt: v = static_cast<double>(vc.uints()[r]); break;
                default:
                    v = vc.floats()[r];
                    if (std::isnan(v) || std::isinf(v))
                        ctx.fail("holtWinters: NaN/Inf in input (row " + std::to_string(r + 1) + " of column \"" +
                                 s.column + "\")");
            }
        }
        y.valid.push_back(valid);
        y.v.push_back(v);
        filled = true;
    };
    for (size_t r = 0; r < t->nrows; r++) {
        if (tc.isNull(r)) continue;
        const bool first = bucketEnd == -1;
        if (first && vc.isNull(r)) continue;
        const int64_t at = tc.ints()[r];
        const int64_t rounded = referenceRound(at, step);
        if (first) {
            start = at;
            bucketEnd = rounded;
            append(r);
            continue;
        }
        if (rounded <= bucketEnd && filled) continue;
        nextBucket();
        while (rounded > bucketEnd) {
            y.valid.push_back(0);
            y.v.push_back(0.0);
            nextBucket();
        }
        append(r);
        stop = at;
    }

    HoltWintersModel model(y, s.n, s.seasonality, s.withFit);
    double minSSE = 0;
    std::vector<double> out;
    if (!model.run(out, minSSE))
        ctx.fail(ErrorCode::Internal, "holtWinters: the optimizer cannot start: the fit error at its starting point is "
                                      "NaN or infinite");
    auto times = std::make_shared<Column>(ColType::Time);
    auto values = std::make_shared<Column>(ColType::Float);
    int64_t at = s.withFit ? start : addDuration(stop, s.interval);
    for (size_t i = 0; i < out.size(); i++) {
        if (i > 0) at = addDuration(at, s.interval);
        times->appendInt(at);
        values->appendFloat(out[i]);
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
    // The reference loops forever on an interval that is not positive.
    if (interval.isNegative() || interval.isZero())
        ctx.fail("holtWinters: interval must be a positive duration, got " + formatDuration(interval));
    s.interval = interval;
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
