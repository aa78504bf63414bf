// polyline.rdp(valColumn, timeColumn, epsilon, retention): Ramer-Douglas-Peucker simplification of
// each table's curve (x = time, y = value), as the reference does it:
//   - epsilon given: keep the endpoints, and recursively the farthest point from the chord while its
//     distance is >= epsilon;
//   - retention (percent) given: weigh each point by its distance from the chord when it splits a
//     segment (endpoints weigh infinity) and keep the floor(retention% * n) heaviest (ties kept);
//   - neither: the tolerance of each segment is derived from its length and slope (the digitization
//     error bound the reference uses).
// Rows with a null time are dropped; a null value counts as 0. The output has the group key
// columns, _time and _value (float) -- whatever the input column names were. Times go through a
// float64 on the way, as in the reference.
#include <algorithm>
#include <cmath>
#include <limits>

#include "eval/builtin.h"
#include "eval/stream.h"

namespace fluxi {
namespace {

struct Point {
    double x, y;
};

// Perpendicular distance of p from the line through a and b.
double distanceFromLine(const Point& a, const Point& b, const Point& p) {
    double ca = a.y - b.y, cb = b.x - a.x, cc = a.x * b.y - b.x * a.y;
    return std::fabs(ca * p.x + cb * p.y + cc) / std::sqrt(ca * ca + cb * cb);
}

// Index (relative to lo) and distance of the point of [lo, hi] farthest from the chord lo-hi; the
// first of equals, index 0 and distance 0 when none is above 0.
std::pair<size_t, double> farthest(const std::vector<Point>& pts, size_t lo, size_t hi) {
    size_t idx = 0;
    double best = 0;
    for (size_t i = lo; i <= hi; i++) {
        double d = distanceFromLine(pts[lo], pts[hi], pts[i]);
        if (d > best) {
            best = d;
            idx = i - lo;
        }
    }
    return {idx, best};
}

// The tolerance of the segment lo-hi when none is given: the largest angular deviation of a
// digitized line of that length and slope, times its length.
double autoTolerance(const Point& a, const Point& b) {
    double len = std::sqrt(std::pow(b.x - a.x, 2) + std::pow(b.y - a.y, 2));
    double slope = (b.x - a.x) != 0 ? (b.y - a.y) / (b.x - a.x) : 0.0;
    double phi = std::atan(slope);
    double tmax = (1 / len) * (std::fabs(std::sin(phi)) + std::fabs(std::cos(phi)));
    double k = 1 - tmax + std::pow(tmax, 2);
    double d1 = std::atan((1 / len) * std::fabs(std::sin(phi) + std::cos(phi)) * k);
    double d2 = std::atan((1 / len) * std::fabs(std::sin(phi) - std::cos(phi)) * k);
    return len * std::max(d1, d2);
}

// Marks the points kept by the recursive simplification of [lo, hi] (epsilon < 0: automatic).
void simplify(const std::vector<Point>& pts, size_t lo, size_t hi, double epsilon, std::vector<uint8_t>& keep) {
    keep[lo] = keep[hi] = 1;
    if (hi - lo + 1 <= 2) return;
    auto [rel, dist] = farthest(pts, lo, hi);
    double tol = epsilon >= 0 ? epsilon : autoTolerance(pts[lo], pts[hi]);
    if (dist >= tol) {
        size_t mid = lo + rel;
        // A split at an endpoint would not shrink the segment (only possible with a zero tolerance).
        if (mid == lo || mid == hi) {
            for (size_t i = lo; i <= hi; i++) keep[i] = 1;
            return;
        }
        simplify(pts, lo, mid, epsilon, keep);
        simplify(pts, mid, hi, epsilon, keep);
    }
}

// Weights of the points for a retention rate: the distance at which each point splits a segment.
std::vector<double> retentionWeights(const std::vector<Point>& pts) {
    std::vector<double> w(pts.size(), 0.0);
    std::vector<std::pair<size_t, size_t>> stack{{0, pts.size() - 1}};
    while (!stack.empty()) {
        auto [lo, hi] = stack.back();
        stack.pop_back();
        double best = 0;
        size_t idx = lo;
        for (size_t i = lo + 1; i < hi; i++) {
            double d = distanceFromLine(pts[lo], pts[hi], pts[i]);
            if (d > best) {
                idx = i;
                best = d;
            }
        }
        if (best > 0) {
            w[idx] = best;
            stack.push_back({lo, idx});
            stack.push_back({idx, hi});
        }
    }
    w.front() = w.back() = std::numeric_limits<double>::infinity();
    return w;
}

struct RdpSpec {
    std::string valColumn, timeColumn;
    double epsilon = 0, retention = 0;  // 0: not given
};

TablePtr rdpTable(const CallContext& ctx, const RdpSpec& spec, const TablePtr& t) {
    int ti = t->columnIndex(spec.timeColumn);
    if (ti < 0) ctx.fail(ErrorCode::FailedPrecondition, "polyline.rdp: cannot find time column " + spec.timeColumn);
    int vi = t->columnIndex(spec.valColumn);
    if (vi < 0) ctx.fail(ErrorCode::FailedPrecondition, "polyline.rdp: cannot find column " + spec.valColumn);
    if (t->meta[static_cast<size_t>(ti)].type != ColType::Time)
        ctx.fail("polyline.rdp: time column " + spec.timeColumn + " has type " +
                 colTypeName(t->meta[static_cast<size_t>(ti)].type) + ", expected time");
    ColType vt = t->meta[static_cast<size_t>(vi)].type;
    if (vt != ColType::Int && vt != ColType::UInt && vt != ColType::Float)
        ctx.fail(ErrorCode::FailedPrecondition, std::string("polyline.rdp: rdp can work only on numerical types, got ") + colTypeName(vt));
    for (const ColumnMeta& k : t->key.cols)
        if (k.name == "_time" || k.name == "_value")
            ctx.fail("polyline.rdp: group key column " + k.name + " clashes with the output column of that name");

    const Column& tc = t->column(static_cast<size_t>(ti));
    const Column& vc = t->column(static_cast<size_t>(vi));
    std::vector<Point> pts;
    pts.reserve(t->nrows);
    for (size_t r = 0; r < t->nrows; r++) {
        if (tc.isNull(r)) continue;
        double y = 0;
        if (vc.isValid(r)) {
            switch (vt) {
                case ColType::Int: y = static_cast<double>(vc.ints()[r]); break;
                case ColType::UInt: y = static_cast<double>(vc.uints()[r]); break;
                default: y = vc.floats()[r]; break;
            }
        }
        pts.push_back({static_cast<double>(tc.ints()[r]), y});
    }

    std::vector<uint8_t> keep(pts.size(), 0);
    if (spec.retention > 0) {
        double toKeep = std::floor(spec.retention / 100 * static_cast<double>(pts.size()));
        if (toKeep < 1)
            ctx.fail("polyline.rdp: the number of points to retain is less than 1; consider increasing the retention rate");
        std::vector<double> w = retentionWeights(pts);
        std::vector<double> sorted = w;
        std::sort(sorted.begin(), sorted.end(), std::greater<double>());
        double threshold = sorted[static_cast<size_t>(toKeep) - 1];
        for (size_t i = 0; i < pts.size(); i++) keep[i] = w[i] >= threshold;
    } else if (!pts.empty()) {
        simplify(pts, 0, pts.size() - 1, spec.epsilon > 0 ? spec.epsilon : -1.0, keep);
    }
    size_t n = static_cast<size_t>(std::count(keep.begin(), keep.end(), uint8_t{1}));

    TableBuilder b(t->key);
    for (size_t k = 0; k < t->key.cols.size(); k++)
        b.column(static_cast<size_t>(b.addColumn(t->key.cols[k].name, t->key.cols[k].type)))
            .appendRepeated(t->key.values[k], n);
    Column& outT = b.column(static_cast<size_t>(b.addColumn("_time", ColType::Time)));
    Column& outV = b.column(static_cast<size_t>(b.addColumn("_value", ColType::Float)));
    outT.reserve(n);
    outV.reserve(n);
    for (size_t i = 0; i < pts.size(); i++) {
        if (!keep[i]) continue;
        outT.appendInt(static_cast<int64_t>(pts[i].x));
        outV.appendFloat(pts[i].y);
    }
    return b.finish();
}

Value rdp(CallContext& ctx, const Args& args) {
    StreamRef input = ctx.requireStream(args);
    RdpSpec spec;
    spec.valColumn = ctx.stringOr(args, "valColumn", "_value");
    spec.timeColumn = ctx.stringOr(args, "timeColumn", "_time");
    if (const Value* e = ctx.optional(args, "epsilon", Kind::Float)) {
        if (!(e->asFloat() > 0)) ctx.fail("polyline.rdp: epsilon must be greater than 0.0");
        spec.epsilon = e->asFloat();
    }
    if (const Value* r = ctx.optional(args, "retention", Kind::Float)) {
        if (!(r->asFloat() > 0 && r->asFloat() < 100)) ctx.fail("polyline.rdp: retention must be between 0.0 and 100.0 (percent)");
        spec.retention = r->asFloat();
    }
    if (spec.epsilon > 0 && spec.retention > 0) ctx.fail("polyline.rdp: give either epsilon or retention, not both");
    CallContext site = ctx;
    return Value::stream(makeMapTablesStream(
        input, [site, spec](const TablePtr& t) { return rdpTable(site, spec, t); },
        "polyline.rdp"));
}

}  // namespace

FLUXI_BUILTIN("experimental/polyline", "rdp", "<-tables, ?valColumn, ?timeColumn, ?epsilon, ?retention", rdp);

}  // namespace fluxi
