// The C++ kernels of the aggregates and selectors: each reduces a set of rows of one column, given
// either as a contiguous run or as a list of row numbers. The standalone builtins (mean(), min(),
// ...) run them over a whole table; aggregateWindow() runs them over each window of a sorted
// table without building window tables. Kernels are picked once per table for the column type,
// so the per-row loops work on the typed arrays.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "eval/table.h"

namespace fluxi::agg {

// Rows [b, e).
struct RowRun {
    size_t b, e;
    size_t size() const { return e - b; }
    size_t operator[](size_t i) const { return b + i; }
};
// Rows idx[0..n), in the order they are visited.
struct RowList {
    const uint32_t* idx;
    size_t n;
    size_t size() const { return n; }
    size_t operator[](size_t i) const { return idx[i]; }
};

// Many rows -> one value (or null), appended to an output column of outputType().
class Reducer {
public:
    virtual ~Reducer() = default;
    ColType outputType() const { return out_; }
    virtual void reduce(const Column& in, RowRun rows, Column& out) = 0;
    virtual void reduce(const Column& in, RowList rows, Column& out) = 0;
    // The value for no rows at all: 0 for count, null for the others.
    virtual void reduceEmpty(Column& out) { out.appendNull(); }
    // One value per run of rows [lo[i], hi[i]) (empty runs give reduceEmpty's value): what
    // aggregateWindow does for each window of a sorted table, in one call.
    virtual void reduceRuns(const Column& in, const uint32_t* lo, const uint32_t* hi, size_t n, Column& out);

protected:
    ColType out_ = ColType::Float;
};

// Many rows -> the row number of the chosen row, or npos when none qualifies.
class Selector {
public:
    static constexpr size_t npos = static_cast<size_t>(-1);
    virtual ~Selector() = default;
    virtual size_t select(const Column& in, RowRun rows) = 0;
    virtual size_t select(const Column& in, RowList rows) = 0;
};

enum class ReduceKind { Count, Sum, Mean, Spread, Stddev, Skew, TDigestQuantile, ExactMeanQuantile };
enum class SelectKind { First, Last, Min, Max, ExactQuantile };

struct ReduceOptions {
    double q = 0.5;             // quantiles
    double compression = 1000;  // estimate_tdigest
    bool population = false;    // stddev mode
};

// A reducer for a column of type `in`, or nullptr with `error` set when that type is not supported
// ("unsupported type string").
std::unique_ptr<Reducer> makeReducer(ReduceKind kind, ColType in, const ReduceOptions& opt, std::string& error);
std::unique_ptr<Selector> makeSelector(SelectKind kind, ColType in, double q, std::string& error);

// Flux's name for a reduce/select kind: "mean", "median"/"quantile" are decided by the caller.
const char* reduceKindName(ReduceKind k);

}  // namespace fluxi::agg
