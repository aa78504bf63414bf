// experimental/prometheus: histogramQuantile over Prometheus histograms as InfluxDB stores them, and
// scrape, which needs an HTTP endpoint and is therefore an "unimplemented" error here.
//   histogramQuantile(quantile, metricVersion = 2): metric version 2 keeps one row per bucket with
//   the upper bound as a string tag `le`; version 1 has one field per bucket named by its bound
//   (plus the `sum` and `count` fields, which are left out). Either way the buckets of a series are
//   gathered into one table (le as float, counts in _value), universe.histogramQuantile computes the
//   quantile, and the result is grouped by the series' columns plus a string `quantile` column.
#include "eval/builtin.h"

namespace fluxi {
namespace {

Value scrape(CallContext& ctx, const Args&) {
    ctx.fail(ErrorCode::Unimplemented,
             "prometheus.scrape is not implemented here: it needs a Prometheus metrics endpoint over HTTP, and "
             "fluxi does not talk to outside services");
}

}  // namespace

FLUXI_BUILTIN("experimental/prometheus", "scrape", "url", scrape);

FLUXI_FLUX_SOURCE("experimental/prometheus", R"flux(
import "universe"
import "experimental"

histogramQuantile = (tables=<-, quantile, metricVersion=2) => {
    // The quantile of buckets gathered one series per table, with a float `le` bound.
    quantileOf = (buckets) =>
        buckets
            |> universe.histogramQuantile(quantile: quantile)
            |> group(mode: "except", columns: ["_time", "_value", "le"])
            |> set(key: "quantile", value: string(v: quantile))
            |> experimental.group(mode: "extend", columns: ["quantile"])
    buckets =
        if metricVersion == 1 then
            tables
                |> filter(fn: (r) => r._field != "count" and r._field != "sum")
                |> map(fn: (r) => ({r with le: float(v: r._field)}))
                |> group(mode: "except", columns: ["_value", "_field", "le"])
        else if metricVersion == 2 then
            tables
                |> group(mode: "except", columns: ["_value", "le"])
                |> map(fn: (r) => ({r with le: float(v: r.le)}))
        else
            universe.die(msg: "Invalid metricVersion. Available versions are 1 and 2.")

    return quantileOf(buckets: buckets)
}
)flux");

}  // namespace fluxi
