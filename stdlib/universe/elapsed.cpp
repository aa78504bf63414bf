// universe.elapsed: adds `columnName` (default "elapsed", int) holding the time since the previous
// row in `unit`s (default 1s, whole units) and drops each table's first row, which has no previous
// row. Times come from `timeColumn` (default "_time") and must not be null.
#include "eval/time.h"
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

using agg::CallSite;

TablePtr elapsedTable(const CallSite& site, const Table& t, const std::string& timeCol, int64_t unit,
                      const std::string& name) {
    int ti = agg::requireColumn(site, t, timeCol);
    const Column& times = t.column(ti);
    if (times.type() != ColType::Time)
        site.fail("time column \"" + timeCol + "\" has type " + colTypeName(times.type()) + ", expected time");
    if (t.columnIndex(name) >= 0) site.fail("the table already has a column \"" + name + "\"; choose another columnName");
    auto out = std::make_shared<Column>(ColType::Int);
    const int64_t* ts = times.ints();
    for (size_t r = 0; r < t.nrows; r++) {
        if (times.isNull(r)) site.fail("null time in column \"" + timeCol + "\" (row " + std::to_string(r) + ")");
        if (r > 0) out->appendInt(static_cast<int64_t>((static_cast<__int128>(ts[r]) - ts[r - 1]) / unit));
    }
    return tableops::rebuildTable(t, tableops::RowPick{nullptr, 1}, {}, {{name, out}});
}

Value elapsedFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    const Value* unitV = ctx.optional(args, "unit", Kind::Duration);
    Duration unit = unitV ? unitV->asDuration() : Duration{0, kNanosPerSecond};
    if (unit.months != 0 || unit.nanos <= 0) ctx.fail("elapsed: unit must be a positive duration without months");
    std::string timeCol = ctx.stringOr(args, "timeColumn", "_time");
    std::string name = ctx.stringOr(args, "columnName", "elapsed");
    CallSite site(ctx, "elapsed");
    int64_t u = unit.nanos;
    return Value::stream(makeMapTablesStream(
        in, [site, timeCol, u, name](const TablePtr& t) { return site.guard([&] { return elapsedTable(site, *t, timeCol, u, name); }); },
        "elapsed"));
}

}  // namespace

FLUXI_BUILTIN("universe", "elapsed", "<-tables, ?unit, ?timeColumn, ?columnName", elapsedFn);

}  // namespace fluxi
