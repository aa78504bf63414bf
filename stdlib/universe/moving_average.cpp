// universe.movingAverage(n): the mean of the non-null _value's of each row and the n - 1 rows
// before it, as floats, from the n-th row on (null when all n are null). A table with fewer than
// n rows gives one row: its last row with the mean of all its values. Other columns pass through.
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

using agg::CallSite;

TablePtr movingAverageTable(const CallSite& site, const Table& t, int64_t n) {
    int vi = agg::requireColumn(site, t, "_value");
    const Column& in = t.column(vi);
    if (in.type() != ColType::Int && in.type() != ColType::UInt && in.type() != ColType::Float)
        site.fail("column \"_value\" has type " + std::string(colTypeName(in.type())) + ", expected int, uint or float");
    if (t.key.has("_value")) site.fail("column \"_value\" is part of the group key");
    auto value = [&](size_t r) -> double {
        switch (in.type()) {
            case ColType::Int: return static_cast<double>(in.ints()[r]);
            case ColType::UInt: return static_cast<double>(in.uints()[r]);
            default: return in.floats()[r];
        }
    };
    size_t rows = t.nrows, w = static_cast<size_t>(n);
    auto out = std::make_shared<Column>(ColType::Float);
    double sum = 0;
    size_t count = 0;
    for (size_t r = 0; r < rows; r++) {
        if (in.isValid(r)) sum += value(r), count++;
        if (r >= w && in.isValid(r - w)) sum -= value(r - w), count--;
        if (r + 1 >= w) count ? out->appendFloat(sum / static_cast<double>(count)) : out->appendNull();
    }
    if (rows == 0) return tableops::rebuildTable(t, tableops::RowPick{}, {{static_cast<size_t>(vi), out}});
    if (rows < w) {
        // Not enough rows for one full window: the last row with the mean of what there is.
        count ? out->appendFloat(sum / static_cast<double>(count)) : out->appendNull();
        return tableops::rebuildTable(t, tableops::RowPick{nullptr, rows - 1}, {{static_cast<size_t>(vi), out}});
    }
    return tableops::rebuildTable(t, tableops::RowPick{nullptr, w - 1}, {{static_cast<size_t>(vi), out}});
}

Value movingAverageFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    int64_t n = ctx.require(args, "n", Kind::Int).asInt();
    if (n <= 0) ctx.fail("movingAverage: n must be greater than 0, got " + std::to_string(n));
    CallSite site(ctx, "movingAverage");
    return Value::stream(makeMapTablesStream(
        in, [site, n](const TablePtr& t) { return site.guard([&] { return movingAverageTable(site, *t, n); }); },
        "movingAverage"));
}

}  // namespace

FLUXI_BUILTIN("universe", "movingAverage", "<-tables, n", movingAverageFn);

}  // namespace fluxi
