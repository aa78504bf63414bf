// promql.timestamp(): replaces _value (float) with the row's _time -- or _stop when the table has no
// _time -- as float seconds since the epoch, at millisecond precision (PromQL's timestamp()). The
// other columns and the group key are unchanged; a null time gives a null value.
#include "stdlib/internal/promql/promql_tables.h"

namespace fluxi {
namespace {

Value timestamp(CallContext& ctx, const Args& args) {
    static const char* fname = "promql.timestamp";
    return promql::mapEachTable(ctx, args, fname, [](const CallContext& site, const Table& t) -> TablePtr {
        int ti = t.columnIndex("_time");
        if (ti < 0) ti = t.columnIndex("_stop");
        if (ti < 0) site.fail(std::string(fname) + ": neither _time nor _stop column found");
        if (t.meta[static_cast<size_t>(ti)].type != ColType::Time)
            site.fail(std::string(fname) + ": column " + t.meta[static_cast<size_t>(ti)].name + " has type " +
                      colTypeName(t.meta[static_cast<size_t>(ti)].type) + ", expected time");
        promql::requireColumn(site, t, fname, "_value", ColType::Float);
        if (t.key.has("_value")) site.fail(std::string(fname) + ": _value is part of the group key");
        const Column& tc = t.column(static_cast<size_t>(ti));
        auto secs = std::make_shared<Column>(ColType::Float);
        secs->reserve(t.nrows);
        for (size_t r = 0; r < t.nrows; r++) {
            if (tc.isNull(r)) secs->appendNull();
            else secs->appendFloat(static_cast<double>(tc.ints()[r] / 1000000) / 1e3);
        }
        TableBuilder b(t.key);
        for (size_t c = 0; c < t.numColumns(); c++)
            b.addColumn(t.meta[c].name, t.meta[c].name == "_value" ? ColumnPtr(secs) : t.cols[c]);
        return b.finish();
    });
}

}  // namespace

FLUXI_BUILTIN("internal/promql", "timestamp", "<-tables", timestamp);

}  // namespace fluxi
