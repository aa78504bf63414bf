// universe.derivative: the rate of change per `unit` (default 1s) between subsequent non-null
// values of each of `columns` (default ["_value"]), as floats. The first row and rows repeating the
// previous row's time are dropped; times must be non-null and ascending. A null value gives null
// (the previous value carries over), as does the first non-null value; with nonNegative a
// decrease gives null, or with initialZero the rate from 0 to the value (a counter reset to zero;
// still null for a negative value). Other columns pass through.
#include "eval/time.h"
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

using agg::CallSite;

TablePtr derivativeTable(const CallSite& site, const Table& t, const std::vector<std::string>& names,
                         const std::string& timeCol, double unit, bool nonNegative, bool initialZero) {
    int ti = agg::requireColumn(site, t, timeCol);
    const Column& times = t.column(ti);
    if (times.type() != ColType::Time)
        site.fail("time column \"" + timeCol + "\" has type " + colTypeName(times.type()) + ", expected time");
    // Rows kept: all but the first, and none whose time repeats the previous row's.
    std::vector<uint32_t> keep;
    const int64_t* ts = times.ints();
    for (size_t r = 0; r < t.nrows; r++) {
        if (times.isNull(r)) site.fail("null time in column \"" + timeCol + "\" (row " + std::to_string(r) + ")");
        if (r > 0) {
            if (ts[r] < ts[r - 1])
                site.fail("times in column \"" + timeCol + "\" are out of order (row " + std::to_string(r) +
                          "); sort by time first");
            if (ts[r] != ts[r - 1]) keep.push_back(static_cast<uint32_t>(r));
        }
    }
    std::vector<std::pair<size_t, ColumnPtr>> replaced;
    for (auto& name : names) {
        int c = t.columnIndex(name);
        if (c < 0) continue;
        const Column& in = t.column(c);
        if (in.type() != ColType::Int && in.type() != ColType::UInt && in.type() != ColType::Float)
            site.fail("column \"" + name + "\" has type " + colTypeName(in.type()) + ", expected int, uint or float");
        if (t.key.has(name)) site.fail("column \"" + name + "\" is part of the group key " + tableops::describeKey(t.key));
        auto out = std::make_shared<Column>(ColType::Float);
        out->reserve(keep.size());
        // The previous valid value, as its exact type (differences of large ints stay exact until
        // converted).
        bool have = false;
        int64_t pt = 0;
        size_t prow = 0;
        auto diff = [&](size_t a, size_t b) -> double {  // value(b) - value(a)
            switch (in.type()) {
                case ColType::Int: return static_cast<double>(static_cast<__int128>(in.ints()[b]) - in.ints()[a]);
                case ColType::UInt: {
                    uint64_t x = in.uints()[b], y = in.uints()[a];
                    return x >= y ? static_cast<double>(x - y) : -static_cast<double>(y - x);
                }
                default: return in.floats()[b] - in.floats()[a];
            }
        };
        auto value = [&](size_t r) -> double {
            switch (in.type()) {
                case ColType::Int: return static_cast<double>(in.ints()[r]);
                case ColType::UInt: return static_cast<double>(in.uints()[r]);
                default: return in.floats()[r];
            }
        };
        if (t.nrows > 0 && in.isValid(0)) have = true, pt = ts[0], prow = 0;
        for (uint32_t r : keep) {
            if (in.isNull(r)) {
                out->appendNull();
                continue;
            }
            if (!have) {
                out->appendNull();
            } else {
                double d = diff(prow, r);
                if (nonNegative && d < 0 && initialZero) d = value(r);  // from 0 after a reset
                if (nonNegative && d < 0)
                    out->appendNull();
                else
                    out->appendFloat(d / (static_cast<double>(ts[r] - pt) / unit));
            }
            have = true, pt = ts[r], prow = r;
        }
        replaced.emplace_back(static_cast<size_t>(c), std::move(out));
    }
    return tableops::rebuildTable(t, tableops::RowPick{&keep, 0}, replaced);
}

Value derivativeFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    const Value* unitV = ctx.optional(args, "unit", Kind::Duration);
    Duration unit = unitV ? unitV->asDuration() : Duration{0, kNanosPerSecond};
    if (unit.months != 0 || unit.nanos <= 0) ctx.fail("derivative: unit must be a positive duration without months");
    bool nonNegative = ctx.boolOr(args, "nonNegative", false);
    bool initialZero = ctx.boolOr(args, "initialZero", false);
    auto names = ctx.stringListOr(args, "columns", {"_value"});
    std::string timeCol = ctx.stringOr(args, "timeColumn", "_time");
    CallSite site(ctx, "derivative");
    double unitNs = static_cast<double>(unit.nanos);
    return Value::stream(makeMapTablesStream(
        in,
        [site, names, timeCol, unitNs, nonNegative, initialZero](const TablePtr& t) {
            return site.guard(
                [&] { return derivativeTable(site, *t, names, timeCol, unitNs, nonNegative, initialZero); });
        },
        "derivative"));
}

}  // namespace

FLUXI_BUILTIN("universe", "derivative", "<-tables, ?unit, ?nonNegative, ?columns, ?timeColumn, ?initialZero", derivativeFn);

}  // namespace fluxi
