// interpolate.linear(every): fills the gaps of each table's series with linearly interpolated rows.
// Between two consecutive rows at times x0 < x1, a row is inserted at every window boundary (multiple
// of `every` from the epoch) strictly between them, with _value on the line through the two points;
// the original rows are kept. Tables need a time `_time` and a float `_value` without nulls, and
// every other column must be in the group key (inserted rows repeat the key values).
#include "eval/time.h"
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

using agg::CallSite;

TablePtr interpolateTable(const CallSite& site, const Table& t, Duration every) {
    for (auto& m : t.meta)
        if (!t.key.has(m.name) && m.name != "_time" && m.name != "_value")
            site.fail("column \"" + m.name + "\" must be in the group key (only _time and _value may vary)");
    const Column& times = t.column(static_cast<size_t>(agg::requireValueColumn(site, t, "_time")));
    const Column& values = t.column(static_cast<size_t>(agg::requireValueColumn(site, t, "_value")));
    if (times.type() != ColType::Time)
        site.fail(std::string("column \"_time\" has type ") + colTypeName(times.type()) + ", expected time");
    if (values.type() != ColType::Float)
        site.fail(std::string("cannot interpolate ") + colTypeName(values.type()) + " values; expected float values");
    auto outT = std::make_shared<Column>(ColType::Time);
    auto outV = std::make_shared<Column>(ColType::Float);
    outT->reserve(t.nrows);
    outV->reserve(t.nrows);
    for (size_t r = 0; r < t.nrows; r++) {
        if (times.isNull(r)) site.fail("null _time in row " + std::to_string(r));
        if (values.isNull(r)) site.fail("null _value in row " + std::to_string(r));
        int64_t x1 = times.ints()[r];
        double y1 = values.floats()[r];
        if (r > 0) {
            int64_t x0 = outT->ints()[outT->size() - 1];
            double y0 = outV->floats()[outV->size() - 1];
            if (x1 < x0) site.fail("rows must be sorted by _time, but row " + std::to_string(r) + " goes back in time");
            double slope = x1 > x0 ? (y1 - y0) / static_cast<double>(x1 - x0) : 0;
            for (int64_t x = addDuration(truncateTime(x0, every), every); x < x1; x = addDuration(x, every)) {
                outT->appendInt(x);
                outV->appendFloat(y0 + slope * static_cast<double>(x - x0));
            }
        }
        outT->appendInt(x1);
        outV->appendFloat(y1);
    }
    size_t n = outT->size();
    TableBuilder b(t.key);
    for (size_t c = 0; c < t.numColumns(); c++) {
        const std::string& name = t.meta[c].name;
        if (name == "_time")
            b.addColumn(name, ColumnPtr(outT));
        else if (name == "_value")
            b.addColumn(name, ColumnPtr(outV));
        else
            b.addColumn(name, tableops::constantColumn(t.meta[c].type, t.key.values[t.key.indexOf(name)], n));
    }
    return b.finish();
}

Value linearFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    Duration every = ctx.require(args, "every", Kind::Duration).asDuration();
    std::string err = checkWindowEvery(every);
    if (!err.empty()) ctx.fail("interpolate.linear: every: " + err);
    CallSite site(ctx, "interpolate.linear");
    return Value::stream(makeMapTablesStream(
        in, [site, every](const TablePtr& t) { return site.guard([&] { return interpolateTable(site, *t, every); }); },
        "interpolate.linear"));
}

}  // namespace

FLUXI_BUILTIN("interpolate", "linear", "<-tables, every", linearFn);

}  // namespace fluxi
