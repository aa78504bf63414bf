// promql.changes() and promql.resets(): per table, how many times the float _value changed (two
// NaNs count as equal) / decreased from one non-null value to the next. One row: the key columns
// and _value (float). A table without non-null values gives an empty table (key columns only).
#include <cmath>

#include "stdlib/internal/promql/promql_tables.h"

namespace fluxi {
namespace {

template <class Counts>
Value countTransitions(CallContext& ctx, const Args& args, const char* fname, Counts counts) {
    return promql::mapEachTable(ctx, args, fname, [fname, counts](const CallContext& site, const Table& t) {
        const Column& v = promql::requireColumn(site, t, fname, "_value", ColType::Float);
        const double* vs = v.floats();
        size_t seen = 0, n = 0;
        double prev = 0;
        for (size_t r = 0; r < t.nrows; r++) {
            if (v.isNull(r)) continue;
            if (seen++ > 0 && counts(prev, vs[r])) n++;
            prev = vs[r];
        }
        if (seen == 0) return promql::keyOnly(t.key);
        return promql::keyRow(site, fname, t.key, static_cast<double>(n));
    });
}

Value changes(CallContext& ctx, const Args& args) {
    return countTransitions(ctx, args, "promql.changes",
                            [](double a, double b) { return a != b && !(std::isnan(a) && std::isnan(b)); });
}

Value resets(CallContext& ctx, const Args& args) {
    return countTransitions(ctx, args, "promql.resets", [](double a, double b) { return b < a; });
}

}  // namespace

FLUXI_BUILTIN("internal/promql", "changes", "<-tables", changes);
FLUXI_BUILTIN("internal/promql", "resets", "<-tables", resets);

}  // namespace fluxi
