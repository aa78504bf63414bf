// experimental/geo stContains, stDistance and stLength: containment of a point or linestring in a
// region, distance from a region (or point) to a point or linestring, and the length of a
// linestring, in the distance unit of `units`. The helpers ST_Contains, ST_Distance, ... and
// strictFilter call them once per row with the same region record, so the last parsed region is
// kept (keyed by that record's identity) instead of being rebuilt for every row.
#include <memory>

#include "eval/builtin.h"
#include "stdlib/experimental/geo/geometry.h"

namespace fluxi {
namespace {

using geo::Shape;
using geo::ShapeKind;

// The region of the previous call and what it was built from.
struct RegionCache {
    Value record;  // holds the record alive, so its address identifies it
    double earthRadius = 0;
    std::unique_ptr<geo::Region> region;
};

geo::Region& regionOf(const CallContext& ctx, std::string_view fn, const Value& rec, const geo::Units& units) {
    thread_local RegionCache cache;
    if (cache.region && cache.record.is(Kind::Record) && &cache.record.asRecord() == &rec.asRecord() &&
        cache.earthRadius == units.earthRadius)
        return *cache.region;
    cache.region.reset();
    cache.record = Value();
    auto region = std::make_unique<geo::Region>(ctx, fn, geo::parseShape(ctx, fn, "region", rec, units));
    cache.record = rec;
    cache.earthRadius = units.earthRadius;
    cache.region = std::move(region);
    return *cache.region;
}

// The geometry argument (a point or a linestring).
Shape geometryOf(const CallContext& ctx, std::string_view fn, const Args& args, const geo::Units& units) {
    Shape g = geo::parseShape(ctx, fn, "geometry", ctx.require(args, "geometry", Kind::Record), units);
    if (g.kind != ShapeKind::Point && g.kind != ShapeKind::LineString)
        ctx.fail(std::string(fn) + ": unsupported geometry type: " + geo::shapeKindName(g.kind) +
                 " (expected a point {lat, lon} or a {linestring})");
    return g;
}

Value stContainsFn(CallContext& ctx, const Args& args) {
    constexpr std::string_view fn = "stContains";
    geo::Units units = geo::parseUnits(ctx, fn, ctx.require(args, "units", Kind::Record));
    geo::Region& region = regionOf(ctx, fn, ctx.require(args, "region", Kind::Record), units);
    if (region.shape().kind == ShapeKind::Point)
        ctx.fail("stContains: unsupported region type: point (expected a box, circle or polygon)");
    Shape g = geometryOf(ctx, fn, args, units);
    if (g.kind == ShapeKind::Point) return Value::boolean(region.contains(geo::pointDegrees(g.lat, g.lon)));
    for (const S2LatLng& ll : g.path)
        if (!region.contains(ll.ToPoint())) return Value::boolean(false);
    return Value::boolean(true);
}

Value stDistanceFn(CallContext& ctx, const Args& args) {
    constexpr std::string_view fn = "stDistance";
    geo::Units units = geo::parseUnits(ctx, fn, ctx.require(args, "units", Kind::Record));
    const Value& regionArg = ctx.require(args, "region", Kind::Record);
    // a point region (totalDistance makes a new one each row) needs no cached region object
    if (regionArg.asRecord().fields.size() == 2) {
        Shape from = geo::parseShape(ctx, fn, "region", regionArg, units);
        Shape g = geometryOf(ctx, fn, args, units);
        if (g.kind == ShapeKind::Point)
            return Value::floating(units.fromRadians(
                S1Angle(geo::pointDegrees(from.lat, from.lon), geo::pointDegrees(g.lat, g.lon)).radians()));
    }
    geo::Region& region = regionOf(ctx, fn, regionArg, units);
    Shape g = geometryOf(ctx, fn, args, units);
    // a linestring of a single point has no edge: it is measured as that point
    double rad = g.kind == ShapeKind::Point ? region.distanceTo(ctx, fn, geo::pointDegrees(g.lat, g.lon))
                 : g.path.size() == 1       ? region.distanceTo(ctx, fn, g.path[0].ToPoint())
                                            : region.distanceTo(ctx, fn, g.path);
    return Value::floating(units.fromRadians(rad));
}

Value stLengthFn(CallContext& ctx, const Args& args) {
    constexpr std::string_view fn = "stLength";
    geo::Units units = geo::parseUnits(ctx, fn, ctx.require(args, "units", Kind::Record));
    Shape g = geo::parseShape(ctx, fn, "geometry", ctx.require(args, "geometry", Kind::Record), units);
    if (g.kind != ShapeKind::Point && g.kind != ShapeKind::LineString)
        ctx.fail(std::string("stLength: unsupported geometry type: ") + geo::shapeKindName(g.kind) +
                 " (expected a point {lat, lon} or a {linestring})");
    double rad = 0;
    for (size_t i = 1; i < g.path.size(); ++i) rad += geo::haversine(g.path[i - 1], g.path[i]);
    return Value::floating(units.fromRadians(rad));
}

}  // namespace

FLUXI_BUILTIN("experimental/geo", "stContains", "region, geometry, units", stContainsFn);
FLUXI_BUILTIN("experimental/geo", "stDistance", "region, geometry, units", stDistanceFn);
FLUXI_BUILTIN("experimental/geo", "stLength", "geometry, units", stLengthFn);

}  // namespace fluxi
