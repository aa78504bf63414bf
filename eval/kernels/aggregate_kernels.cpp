// Aggregate and selector kernels (see agg_kernels.h). Each kernel is a class with one templated
// `run` over the row set; the adapters below turn it into the two virtual entry points, so the
// contiguous case compiles to a plain loop over the typed array. Nulls are skipped everywhere
// except in count(), which counts rows.
#include "eval/kernels/aggregate_kernels.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <type_traits>
#include <vector>

#include "eval/kernels/tdigest.h"

namespace fluxi::agg {

namespace {

template <class Impl>
class ReducerOf : public Reducer {
public:
    void reduce(const Column& in, RowRun rows, Column& out) override { self().run(in, rows, out); }
    void reduce(const Column& in, RowList rows, Column& out) override { self().run(in, rows, out); }
    void reduceRuns(const Column& in, const uint32_t* lo, const uint32_t* hi, size_t n, Column& out) override {
        out.reserve(out.size() + n);
        for (size_t i = 0; i < n; i++) {
            if (lo[i] == hi[i])
                reduceEmpty(out);
            else
                self().run(in, RowRun{lo[i], hi[i]}, out);
        }
    }

private:
    Impl& self() { return static_cast<Impl&>(*this); }
};

template <class Impl>
class SelectorOf : public Selector {
public:
    size_t select(const Column& in, RowRun rows) override { return self().run(in, rows); }
    size_t select(const Column& in, RowList rows) override { return self().run(in, rows); }

private:
    Impl& self() { return static_cast<Impl&>(*this); }
};

// Calls f(value) for each non-null row, with the null test hoisted when the column has none.
template <class T, class Rows, class F>
void forValues(const Column& in, const T* data, const Rows& rows, F&& f) {
    size_t n = rows.size();
    if (in.nullCount() == 0) {
        for (size_t i = 0; i < n; i++) f(data[rows[i]]);
    } else {
        for (size_t i = 0; i < n; i++) {
            size_t r = rows[i];
            if (in.isValid(r)) f(data[r]);
        }
    }
}

// Calls f(value) with each value as a double.
template <class Rows, class F>
void forNumbers(const Column& in, const Rows& rows, F&& f) {
    switch (in.type()) {
        case ColType::Int: forValues(in, in.ints(), rows, [&](int64_t v) { f(static_cast<double>(v)); }); break;
        case ColType::UInt: forValues(in, in.uints(), rows, [&](uint64_t v) { f(static_cast<double>(v)); }); break;
        case ColType::Float: forValues(in, in.floats(), rows, f); break;
        default: break;
    }
}

bool isNumeric(ColType t) { return t == ColType::Int || t == ColType::UInt || t == ColType::Float; }

// ---- reducers -----------------------------------------------------------------------------------

class CountReducer final : public ReducerOf<CountReducer> {
public:
    CountReducer() { out_ = ColType::Int; }
    template <class Rows>
    void run(const Column&, const Rows& rows, Column& out) {
        out.appendInt(static_cast<int64_t>(rows.size()));
    }
    void reduceEmpty(Column& out) override { out.appendInt(0); }
};

class SumReducer final : public ReducerOf<SumReducer> {
public:
    explicit SumReducer(ColType t) { out_ = t; }
    template <class Rows>
    void run(const Column& in, const Rows& rows, Column& out) {
        bool any = false;
        switch (in.type()) {
            case ColType::Int: {
                uint64_t s = 0;  // wraps like the reference engine instead of overflowing
                forValues(in, in.ints(), rows, [&](int64_t v) { s += static_cast<uint64_t>(v), any = true; });
                any ? out.appendInt(static_cast<int64_t>(s)) : out.appendNull();
                break;
            }
            case ColType::UInt: {
                uint64_t s = 0;
                forValues(in, in.uints(), rows, [&](uint64_t v) { s += v, any = true; });
                any ? out.appendUInt(s) : out.appendNull();
                break;
            }
            default: {
                double s = 0;
                forValues(in, in.floats(), rows, [&](double v) { s += v, any = true; });
                any ? out.appendFloat(s) : out.appendNull();
                break;
            }
        }
    }
};

class MeanReducer final : public ReducerOf<MeanReducer> {
public:
    MeanReducer() { out_ = ColType::Float; }
    void reduceRuns(const Column& in, const uint32_t* lo, const uint32_t* hi, size_t n, Column& out) override {
        if (in.type() != ColType::Float || in.nullCount() != 0) return ReducerOf::reduceRuns(in, lo, hi, n, out);
        // Float column without nulls: the means straight into a buffer, appended in one block.
        const double* v = in.floats();
        buf_.resize(n);
        bool empties = false;
        for (size_t i = 0; i < n; i++) {
            double s = 0;
            for (uint32_t r = lo[i]; r < hi[i]; r++) s += v[r];
            size_t cnt = hi[i] - lo[i];
            empties |= cnt == 0;
            buf_[i] = s / static_cast<double>(cnt);
        }
        if (!empties) return out.appendFloats(buf_.data(), n);
        for (size_t i = 0; i < n; i++) lo[i] == hi[i] ? out.appendNull() : out.appendFloat(buf_[i]);
    }
    template <class Rows>
    void run(const Column& in, const Rows& rows, Column& out) {
        double s = 0;
        size_t n = 0;
        if (in.type() == ColType::Float && in.nullCount() == 0) {
            const double* v = in.floats();
            n = rows.size();
            for (size_t i = 0; i < n; i++) s += v[rows[i]];
        } else {
            forNumbers(in, rows, [&](double v) { s += v, n++; });
        }
        n ? out.appendFloat(s / static_cast<double>(n)) : out.appendNull();
    }

private:
    std::vector<double> buf_;
};

class SpreadReducer final : public ReducerOf<SpreadReducer> {
public:
    explicit SpreadReducer(ColType t) { out_ = t; }
    template <class Rows>
    void run(const Column& in, const Rows& rows, Column& out) {
        switch (in.type()) {
            case ColType::Int: spread(in, in.ints(), rows, out); break;
            case ColType::UInt: spread(in, in.uints(), rows, out); break;
            default: spread(in, in.floats(), rows, out); break;
        }
    }

private:
    template <class T, class Rows>
    void spread(const Column& in, const T* data, const Rows& rows, Column& out) {
        bool any = false;
        T lo{}, hi{};
        forValues(in, data, rows, [&](T v) {
            if (!any) lo = hi = v, any = true;
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        });
        if (!any) return out.appendNull();
        if constexpr (std::is_same_v<T, int64_t>)
            out.appendInt(static_cast<int64_t>(static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo)));
        else if constexpr (std::is_same_v<T, uint64_t>)
            out.appendUInt(hi - lo);
        else
            out.appendFloat(hi - lo);
    }
};

class StddevReducer final : public ReducerOf<StddevReducer> {
public:
    explicit StddevReducer(bool population) : population_(population) { out_ = ColType::Float; }
    template <class Rows>
    void run(const Column& in, const Rows& rows, Column& out) {
        // Welford's running mean and sum of squared deviations.
        double n = 0, mean = 0, m2 = 0;
        forNumbers(in, rows, [&](double v) {
            n++;
            double d = v - mean;
            mean += d / n;
            m2 += d * (v - mean);
        });
        if (n == 0) return out.appendNull();
        double div = population_ ? n : n - 1;
        out.appendFloat(div < 1 ? std::nan("") : std::sqrt(m2 / div));
    }

private:
    bool population_;
};

// Sample skewness sqrt(n) * M3 / M2^1.5 from one-pass central moments (the reference's formula):
// NaN for fewer than 2 values, null for none.
class SkewReducer final : public ReducerOf<SkewReducer> {
public:
    SkewReducer() { out_ = ColType::Float; }
    template <class Rows>
    void run(const Column& in, const Rows& rows, Column& out) {
        double n = 0, m1 = 0, m2 = 0, m3 = 0;
        forNumbers(in, rows, [&](double v) {
            double n0 = n;
            n++;
            double delta = v - m1;
            double deltaN = delta / n;
            double t = delta * deltaN * n0;
            m3 += t * deltaN * (n - 2) - 3 * deltaN * m2;
            m2 += t;
            m1 += deltaN;
        });
        if (n == 0) return out.appendNull();
        out.appendFloat(n < 2 ? std::nan("") : std::sqrt(n) * m3 / std::pow(m2, 1.5));
    }
};

class TDigestReducer final : public ReducerOf<TDigestReducer> {
public:
    TDigestReducer(double q, double compression) : q_(q), digest_(compression) { out_ = ColType::Float; }
    template <class Rows>
    void run(const Column& in, const Rows& rows, Column& out) {
        digest_.reset();
        forNumbers(in, rows, [&](double v) { digest_.add(v); });
        digest_.count() ? out.appendFloat(digest_.quantile(q_)) : out.appendNull();
    }

private:
    double q_;
    TDigest digest_;
};

class ExactMeanQuantileReducer final : public ReducerOf<ExactMeanQuantileReducer> {
public:
    explicit ExactMeanQuantileReducer(double q) : q_(q) { out_ = ColType::Float; }
    template <class Rows>
    void run(const Column& in, const Rows& rows, Column& out) {
        vals_.clear();
        forNumbers(in, rows, [&](double v) { vals_.push_back(v); });
        if (vals_.empty()) return out.appendNull();
        std::sort(vals_.begin(), vals_.end());
        // Linear interpolation between the two values around position q*(n-1).
        double x = q_ * static_cast<double>(vals_.size() - 1);
        double x0 = std::floor(x), x1 = std::ceil(x);
        double y0 = vals_[static_cast<size_t>(x0)], y1 = vals_[static_cast<size_t>(x1)];
        out.appendFloat(x0 == x1 ? y0 : y0 * (x1 - x) + y1 * (x - x0));
    }

private:
    double q_;
    std::vector<double> vals_;
};

// ---- selectors ----------------------------------------------------------------------------------

class FirstSelector final : public SelectorOf<FirstSelector> {
public:
    template <class Rows>
    size_t run(const Column& in, const Rows& rows) {
        for (size_t i = 0; i < rows.size(); i++)
            if (in.isValid(rows[i])) return rows[i];
        return npos;
    }
};

class LastSelector final : public SelectorOf<LastSelector> {
public:
    template <class Rows>
    size_t run(const Column& in, const Rows& rows) {
        for (size_t i = rows.size(); i-- > 0;)
            if (in.isValid(rows[i])) return rows[i];
        return npos;
    }
};

// The first row holding the smallest (Max = false) or largest value.
template <bool Max>
class ExtremeSelector final : public SelectorOf<ExtremeSelector<Max>> {
public:
    template <class Rows>
    size_t run(const Column& in, const Rows& rows) {
        switch (in.type()) {
            case ColType::Int:
            case ColType::Time: return pick(in, in.ints(), rows);
            case ColType::UInt: return pick(in, in.uints(), rows);
            default: return pick(in, in.floats(), rows);
        }
    }

private:
    template <class T, class Rows>
    size_t pick(const Column& in, const T* data, const Rows& rows) {
        size_t best = Selector::npos;
        T bv{};
        bool nulls = in.nullCount() != 0;
        for (size_t i = 0; i < rows.size(); i++) {
            size_t r = rows[i];
            if (nulls && !in.isValid(r)) continue;
            T v = data[r];
            if (best == Selector::npos || (Max ? v > bv : v < bv)) best = r, bv = v;
        }
        return best;
    }
};

// The row holding the value at rank ceil(q*n) among the non-null values (stable order for ties).
class ExactQuantileSelector final : public SelectorOf<ExactQuantileSelector> {
public:
    explicit ExactQuantileSelector(double q) : q_(q) {}
    template <class Rows>
    size_t run(const Column& in, const Rows& rows) {
        idx_.clear();
        for (size_t i = 0; i < rows.size(); i++)
            if (in.isValid(rows[i])) idx_.push_back(static_cast<uint32_t>(rows[i]));
        if (idx_.empty()) return npos;
        auto less = lessFor(in);
        std::stable_sort(idx_.begin(), idx_.end(), less);
        double x = q_ * static_cast<double>(idx_.size());
        size_t index = static_cast<size_t>(std::ceil(x));
        if (index > 0) index--;
        return idx_[std::min(index, idx_.size() - 1)];
    }

private:
    static std::function<bool(uint32_t, uint32_t)> lessFor(const Column& in) {
        switch (in.type()) {
            case ColType::Bool: {
                const uint8_t* v = in.bools();
                return [v](uint32_t a, uint32_t b) { return v[a] < v[b]; };
            }
            case ColType::Int:
            case ColType::Time: {
                const int64_t* v = in.ints();
                return [v](uint32_t a, uint32_t b) { return v[a] < v[b]; };
            }
            case ColType::UInt: {
                const uint64_t* v = in.uints();
                return [v](uint32_t a, uint32_t b) { return v[a] < v[b]; };
            }
            case ColType::Float: {
                const double* v = in.floats();
                return [v](uint32_t a, uint32_t b) { return v[a] < v[b]; };
            }
            case ColType::String: {
                const StrRef* v = in.strings();
                return [v](uint32_t a, uint32_t b) { return v[a]->s < v[b]->s; };
            }
        }
        return {};
    }
    double q_;
    std::vector<uint32_t> idx_;
};

}  // namespace

void Reducer::reduceRuns(const Column& in, const uint32_t* lo, const uint32_t* hi, size_t n, Column& out) {
    for (size_t i = 0; i < n; i++) {
        if (lo[i] == hi[i])
            reduceEmpty(out);
        else
            reduce(in, RowRun{lo[i], hi[i]}, out);
    }
}

const char* reduceKindName(ReduceKind k) {
    switch (k) {
        case ReduceKind::Count: return "count";
        case ReduceKind::Sum: return "sum";
        case ReduceKind::Mean: return "mean";
        case ReduceKind::Spread: return "spread";
        case ReduceKind::Stddev: return "stddev";
        case ReduceKind::Skew: return "skew";
        case ReduceKind::TDigestQuantile:
        case ReduceKind::ExactMeanQuantile: return "quantile";
    }
    return "?";
}

std::unique_ptr<Reducer> makeReducer(ReduceKind kind, ColType in, const ReduceOptions& opt, std::string& error) {
    if (kind == ReduceKind::Count) return std::make_unique<CountReducer>();
    if (!isNumeric(in)) {
        error = std::string("unsupported type ") + colTypeName(in) + " (expected int, uint or float)";
        return nullptr;
    }
    switch (kind) {
        case ReduceKind::Count: break;
        case ReduceKind::Sum: return std::make_unique<SumReducer>(in);
        case ReduceKind::Mean: return std::make_unique<MeanReducer>();
        case ReduceKind::Spread: return std::make_unique<SpreadReducer>(in);
        case ReduceKind::Stddev: return std::make_unique<StddevReducer>(opt.population);
        case ReduceKind::Skew: return std::make_unique<SkewReducer>();
        case ReduceKind::TDigestQuantile: return std::make_unique<TDigestReducer>(opt.q, opt.compression);
        case ReduceKind::ExactMeanQuantile: return std::make_unique<ExactMeanQuantileReducer>(opt.q);
    }
    error = "unknown aggregate";
    return nullptr;
}

std::unique_ptr<Selector> makeSelector(SelectKind kind, ColType in, double q, std::string& error) {
    switch (kind) {
        case SelectKind::First: return std::make_unique<FirstSelector>();
        case SelectKind::Last: return std::make_unique<LastSelector>();
        case SelectKind::ExactQuantile: return std::make_unique<ExactQuantileSelector>(q);
        case SelectKind::Min:
        case SelectKind::Max:
            if (in == ColType::String || in == ColType::Bool) {
                // The reference engine's wording, which scripts and tests match on.
                error = std::string("invalid use of function: *universe.") + (kind == SelectKind::Min ? "Min" : "Max") +
                        "Selector has no implementation for type " + colTypeName(in);
                return nullptr;
            }
            if (kind == SelectKind::Min) return std::make_unique<ExtremeSelector<false>>();
            return std::make_unique<ExtremeSelector<true>>();
    }
    error = "unknown selector";
    return nullptr;
}

}  // namespace fluxi::agg
