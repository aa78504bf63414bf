// promql.promHistogramQuantile(quantile, countColumn, upperBoundColumn, valueColumn) -- PromQL's
// histogram_quantile(). Each table holds the buckets of one cumulative histogram: a float count
// (countColumn, default _value) and the bucket's upper bound as a string (upperBoundColumn, default
// "le", parsed as a float; "+Inf" for the last bucket). One row per table: the key columns and
// valueColumn (float) = the quantile, interpolated linearly inside its bucket the Prometheus way:
// -Inf / +Inf for a quantile below 0 / above 1, NaN without a +Inf bucket or with fewer than two
// distinct bounds, the second highest bound when the rank falls in the +Inf bucket. Buckets with
// the same bound are merged and counts are made monotonic first. A row whose bound is null or not a
// number counts as a bucket with bound 0 and count 0 (as in the reference); a table without the
// bound column gives an empty table; a null count is an error.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "stdlib/internal/promql/promql_tables.h"

namespace fluxi {
namespace {

struct Bucket {
    double count = 0, upperBound = 0;
};

// Parses a bound the way Go's strconv.ParseFloat does for these labels (decimal or exponent
// notation, optional sign, "Inf"/"+Inf"/"-Inf"/"NaN" in any case); false when it is not a number.
bool parseBound(const std::string& s, double& out) {
    if (s.empty()) return false;
    std::string t = s;
    size_t i = (t[0] == '+' || t[0] == '-') ? 1 : 0;
    std::string rest = t.substr(i);
    for (char& c : rest) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (rest == "inf" || rest == "infinity") {
        out = t[0] == '-' ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
        return true;
    }
    if (rest == "nan" && i == 0) {
        out = std::numeric_limits<double>::quiet_NaN();
        return true;
    }
    // strtod also takes hex floats and leading spaces; ParseFloat takes hex floats only with a p exponent.
    if (std::isspace(static_cast<unsigned char>(t[0]))) return false;
    char* end = nullptr;
    out = std::strtod(t.c_str(), &end);
    // Out of range (1e400) is an error for ParseFloat, so not a bound.
    return end == t.c_str() + t.size() && std::isfinite(out);
}

double bucketQuantile(double q, std::vector<Bucket> b) {
    if (q < 0) return -std::numeric_limits<double>::infinity();
    if (q > 1) return std::numeric_limits<double>::infinity();
    if (b.empty() || !std::isinf(b.back().upperBound) || b.back().upperBound < 0)
        return std::numeric_limits<double>::quiet_NaN();
    // Merge buckets with equal bounds.
    size_t w = 0;
    for (size_t r = 1; r < b.size(); r++) {
        if (b[r].upperBound == b[w].upperBound) b[w].count += b[r].count;
        else b[++w] = b[r];
    }
    b.resize(w + 1);
    // Counts never decrease with the bound (the reference leaves the last bucket as it is).
    double max = b[0].count;
    for (size_t r = 0; r + 1 < b.size(); r++) {
        if (b[r].count > max) max = b[r].count;
        else if (b[r].count < max) b[r].count = max;
    }
    if (b.size() < 2) return std::numeric_limits<double>::quiet_NaN();
    double rank = q * b.back().count;
    // The first bucket (the +Inf one excluded) whose count reaches the rank.
    size_t lo = 0, hi = b.size() - 1;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b[mid].count >= rank) hi = mid;
        else lo = mid + 1;
    }
    size_t k = lo;
    if (k == b.size() - 1) return b[b.size() - 2].upperBound;
    if (k == 0 && b[0].upperBound <= 0) return b[0].upperBound;
    double start = 0, end = b[k].upperBound, count = b[k].count;
    if (k > 0) {
        start = b[k - 1].upperBound;
        count -= b[k - 1].count;
        rank -= b[k - 1].count;
    }
    return start + (end - start) * (rank / count);
}

Value histogramQuantile(CallContext& ctx, const Args& args) {
    static const char* fname = "promql.promHistogramQuantile";
    const double q = ctx.require(args, "quantile", Kind::Float).asFloat();
    const std::string countCol = ctx.stringOr(args, "countColumn", "_value");
    const std::string boundCol = ctx.stringOr(args, "upperBoundColumn", "le");
    const std::string valueCol = ctx.stringOr(args, "valueColumn", "_value");
    return promql::mapEachTable(ctx, args, fname, [=](const CallContext& site, const Table& t) -> TablePtr {
        if (t.key.has(valueCol))
            site.fail(std::string(fname) + ": the group key has a column " + valueCol + ", the name of the output column");
        const Column& cc = promql::requireColumn(site, t, fname, countCol, ColType::Float);
        int bi = t.columnIndex(boundCol);
        if (bi < 0) {
            TableBuilder b(t.key);
            for (size_t k = 0; k < t.key.cols.size(); k++) b.addColumn(t.key.cols[k].name, t.key.cols[k].type);
            b.addColumn(valueCol, ColType::Float);
            return b.finish();
        }
        if (t.meta[static_cast<size_t>(bi)].type != ColType::String)
            site.fail(std::string(fname) + ": upper bound column " + boundCol + " must be of type string");
        const Column& bc = t.column(static_cast<size_t>(bi));
        std::vector<Bucket> cdf(t.nrows);
        bool sorted = true;
        for (size_t r = 0; r < t.nrows; r++) {
            if (cc.isNull(r)) site.fail(std::string(fname) + ": unexpected null in the count column " + countCol);
            double bound = 0;
            if (bc.isNull(r) || !parseBound(bc.strings()[r]->s, bound)) continue;  // stays {0, 0}
            cdf[r] = {cc.floats()[r], bound};
            if (r > 0) sorted = sorted && cdf[r - 1].upperBound <= cdf[r].upperBound;
        }
        if (!sorted)
            std::stable_sort(cdf.begin(), cdf.end(), [](const Bucket& a, const Bucket& b) { return a.upperBound < b.upperBound; });
        return promql::keyRow(site, fname, t.key, bucketQuantile(q, std::move(cdf)), valueCol);
    });
}

}  // namespace

FLUXI_BUILTIN("internal/promql", "promHistogramQuantile",
              "<-tables, ?quantile, ?countColumn, ?upperBoundColumn, ?valueColumn", histogramQuantile);

}  // namespace fluxi
