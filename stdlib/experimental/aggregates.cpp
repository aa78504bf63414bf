// experimental.count, sum, mean, spread, stddev and skew: the aggregates of the `_value` column.
// Each input table becomes one row: its group key columns plus `_value` (other columns are dropped).
// count counts every row, nulls included (0 for an empty table); sum, mean, spread and stddev are the
// universe kernels (nulls skipped); skew is the population skewness sqrt(n)*M3/M2^1.5 of the
// non-null values (M2, M3: sums of squared and cubed deviations from the mean), NaN for fewer than two
// values, as in the reference.
#include <cmath>
#include <limits>

#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

using agg::CallSite;
using agg::ReduceKind;

// Each table -> key columns + `_value` holding compute(table, value column index).
template <class Compute>
Value perTable(CallContext& ctx, const Args& args, const char* fn, Compute compute) {
    StreamRef in = ctx.requireStream(args);
    CallSite site(ctx, fn);
    auto out = makeMapTablesStream(
        in,
        [site, compute](const TablePtr& t) -> TablePtr {
            return site.guard([&] {
                int ci = agg::requireValueColumn(site, *t, "_value");
                return tableops::keyedTable(t->key, 1, {{"_value", compute(*t, static_cast<size_t>(ci))}});
            });
        },
        fn);
    return Value::stream(out);
}

Value countFn(CallContext& ctx, const Args& args) {
    return perTable(ctx, args, "experimental.count", [](const Table& t, size_t) {
        auto c = std::make_shared<Column>(ColType::Int);
        c->appendInt(static_cast<int64_t>(t.nrows));
        return ColumnPtr(c);
    });
}

// The non-null values of a numeric column as doubles; false for a non-numeric column.
template <class Visit>
bool forEachNumber(const Column& col, size_t n, Visit visit) {
    for (size_t r = 0; r < n; r++) {
        if (col.isNull(r)) continue;
        switch (col.type()) {
            case ColType::Int: visit(static_cast<double>(col.ints()[r])); break;
            case ColType::UInt: visit(static_cast<double>(col.uints()[r])); break;
            case ColType::Float: visit(col.floats()[r]); break;
            default: return false;
        }
    }
    return true;
}

Value skewFn(CallContext& ctx, const Args& args) {
    CallSite site(ctx, "experimental.skew");
    return perTable(ctx, args, "experimental.skew", [site](const Table& t, size_t ci) {
        const Column& col = t.column(ci);
        double n = 0, sum = 0;
        if (!forEachNumber(col, t.nrows, [&](double x) {
                n++;
                sum += x;
            }))
            site.fail(std::string("column \"_value\" has type ") + colTypeName(col.type()) +
                      ", expected int, uint or float");
        double result = std::numeric_limits<double>::quiet_NaN();
        if (n >= 2) {
            double mean = sum / n, m2 = 0, m3 = 0;
            forEachNumber(col, t.nrows, [&](double x) {
                double d = x - mean;
                m2 += d * d;
                m3 += d * d * d;
            });
            result = std::sqrt(n) * m3 / std::pow(m2, 1.5);
        }
        auto c = std::make_shared<Column>(ColType::Float);
        c->appendFloat(result);
        return ColumnPtr(c);
    });
}

Value sumFn(CallContext& ctx, const Args& args) {
    return agg::reduceEachTable(ctx, args, "experimental.sum", ReduceKind::Sum, {});
}
Value meanFn(CallContext& ctx, const Args& args) {
    return agg::reduceEachTable(ctx, args, "experimental.mean", ReduceKind::Mean, {});
}
Value spreadFn(CallContext& ctx, const Args& args) {
    return agg::reduceEachTable(ctx, args, "experimental.spread", ReduceKind::Spread, {});
}
Value stddevFn(CallContext& ctx, const Args& args) {
    std::string mode = ctx.stringOr(args, "mode", "sample");
    if (mode != "sample" && mode != "population")
        ctx.fail("experimental.stddev: mode must be \"sample\" or \"population\", got \"" + mode + "\"");
    agg::ReduceOptions opt;
    opt.population = mode == "population";
    return agg::reduceEachTable(ctx, args, "experimental.stddev", ReduceKind::Stddev, opt);
}

}  // namespace

FLUXI_BUILTIN("experimental", "count", "<-tables", countFn);
FLUXI_BUILTIN("experimental", "sum", "<-tables", sumFn);
FLUXI_BUILTIN("experimental", "mean", "<-tables", meanFn);
FLUXI_BUILTIN("experimental", "spread", "<-tables", spreadFn);
FLUXI_BUILTIN("experimental", "stddev", "<-tables, ?mode", stddevFn);
FLUXI_BUILTIN("experimental", "skew", "<-tables", skewFn);

}  // namespace fluxi
