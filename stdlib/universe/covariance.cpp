// universe.covariance(columns, pearsonr, valueDst) and, in Flux over join and it, cov and pearsonr.
// Each table becomes one row: its group key and, in valueDst, the sample covariance of the two
// numeric `columns` over the rows where both are non-null (or, with pearsonr, their Pearson
// correlation coefficient). Fewer than two such rows give null.
#include <cmath>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

struct CovSpec {
    std::string x, y, dst;
    bool pearsonr = false;
};

double numberAt(const Column& c, size_t r) {
    switch (c.type()) {
        case ColType::Int: return static_cast<double>(c.ints()[r]);
        case ColType::UInt: return static_cast<double>(c.uints()[r]);
        default: return c.floats()[r];
    }
}

const Column& numericColumn(const CallContext& ctx, const Table& t, const std::string& name) {
    int c = t.columnIndex(name);
    if (c < 0) ctx.fail(ErrorCode::FailedPrecondition, "covariance: specified column does not exist in table: " + name);
    ColType ty = t.meta[c].type;
    if (ty != ColType::Int && ty != ColType::UInt && ty != ColType::Float)
        ctx.fail("covariance: column \"" + name + "\" must be numeric (int, uint or float), got " + colTypeName(ty));
    return t.column(c);
}

TablePtr covarianceTable(const CallContext& ctx, const CovSpec& s, const TablePtr& t) {
    const Column& xc = numericColumn(ctx, *t, s.x);
    const Column& yc = numericColumn(ctx, *t, s.y);
    // Running means and co-moments (Welford), stable for large values.
    double n = 0, mx = 0, my = 0, cxy = 0, cxx = 0, cyy = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        if (xc.isNull(r) || yc.isNull(r)) continue;
        double x = numberAt(xc, r), y = numberAt(yc, r);
        n += 1;
        double dx = x - mx;
        mx += dx / n;
        double dy = y - my;
        my += dy / n;
        cxy += dx * (y - my);
        cxx += dx * (x - mx);
        cyy += dy * (y - my);
    }
    auto out = std::make_shared<Column>(ColType::Float);
    if (n < 2) out->appendNull();
    else if (s.pearsonr) out->appendFloat(cxy / std::sqrt(cxx * cyy));
    else out->appendFloat(cxy / (n - 1));
    return tableops::keyedTable(t->key, 1, {{s.dst, out}});
}

Value covariance(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::vector<std::string> cols;
    if (!tableops::stringListArg(ctx, args, "covariance", "columns", cols) || cols.size() != 2)
        ctx.fail("covariance: columns must name exactly two columns");
    CovSpec s{cols[0], cols[1], ctx.stringOr(args, "valueDst", "_value"), ctx.boolOr(args, "pearsonr", false)};
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, s](const TablePtr& t) {
            return tableops::atCallSite(site, "covariance", [&] { return covarianceTable(site, s, t); });
        },
        "covariance");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "covariance", "<-tables, columns, ?pearsonr, ?valueDst", covariance);

FLUXI_FLUX_SOURCE("universe", R"flux(
cov = (x, y, on, pearsonr=false) =>
    join(tables: {x: x, y: y}, on: on) |> covariance(columns: ["_value_x", "_value_y"], pearsonr: pearsonr)
pearsonr = (x, y, on) => cov(x: x, y: y, on: on, pearsonr: true)
)flux");

}  // namespace fluxi
