// universe.covariance(columns, pearsonr, valueDst) and, in Flux over join and it, cov and pearsonr.
// Each table becomes one row: its group key and, in valueDst, the sample covariance of the two
// float `columns` over the rows where both are non-null (or, with pearsonr, their Pearson
// correlation coefficient). Fewer than two such rows give NaN. As in the reference, the two columns
// must have the same type and that type must be float.
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

// The float column `name` of t (its type already checked by the caller).
const Column& namedColumn(const CallContext& ctx, const Table& t, const std::string& name) {
    int c = t.columnIndex(name);
    if (c < 0) ctx.fail(ErrorCode::FailedPrecondition, "covariance: specified column does not exist in table: " + name);
    return t.column(c);
}

TablePtr covarianceTable(const CallContext& ctx, const CovSpec& s, const TablePtr& t) {
    const Column& xc = namedColumn(ctx, *t, s.x);
    const Column& yc = namedColumn(ctx, *t, s.y);
    if (xc.type() != yc.type())
        ctx.fail(ErrorCode::FailedPrecondition, "covariance: cannot compute the covariance between different types (" +
                                                    std::string(colTypeName(xc.type())) + " and " +
                                                    colTypeName(yc.type()) + ")");
    if (xc.type() != ColType::Float)
        ctx.fail(std::string("covariance: covariance does not support ") + colTypeName(xc.type()) +
                 " (convert the columns to float first)");
    const double* xs = xc.floats();
    const double* ys = yc.floats();
    // Running means and co-moments (Welford), stable for large values.
    double n = 0, mx = 0, my = 0, cxy = 0, cxx = 0, cyy = 0;
    for (size_t r = 0; r < t->nrows; r++) {
        if (xc.isNull(r) || yc.isNull(r)) continue;
        const double x = xs[r], y = ys[r];
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
    if (n < 2) out->appendFloat(std::nan(""));
    else if (s.pearsonr) out->appendFloat(cxy / std::sqrt(cxx * cyy));
    else out->appendFloat(cxy / (n - 1));
    return tableops::keyedTable(t->key, 1, {{s.dst, out}});
}

Value covariance(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::vector<std::string> cols;
    if (!tableops::stringListArg(ctx, args, "covariance", "columns", cols) || cols.size() != 2)
        ctx.fail("covariance: must provide exactly two columns");
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
