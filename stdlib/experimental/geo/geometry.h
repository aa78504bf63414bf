// experimental/geo: the shapes the package's functions take (point, box, circle, polygon and
// linestring records), the distance units option, and the S2 objects built from them (regions,
// loops, polylines, shape indexes) plus the distances between them.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <s2/mutable_s2shape_index.h>
#include <s2/s1angle.h>
#include <s2/s2latlng.h>
#include <s2/s2loop.h>
#include <s2/s2point.h>
#include <s2/s2polyline.h>
#include <s2/s2region.h>

#include "eval/builtin.h"

namespace fluxi::geo {

// Mean Earth radius (km) the reference measures distances with.
inline constexpr double kEarthRadiusKm = 6371.01;
// Finest S2 cell level.
inline constexpr int kMaxLevel = 30;

// The `units` record: {distance: "m" | "km" | "mile"}.
struct Units {
    std::string distance;
    double earthRadius = kEarthRadiusKm;  // in the unit of `distance`
    double toRadians(double d) const { return d / earthRadius; }
    double fromRadians(double rad) const { return rad * earthRadius; }
};

enum class ShapeKind { Point, Box, Circle, Polygon, LineString };
const char* shapeKindName(ShapeKind k);

// One parsed region or geometry record. Latitudes and longitudes are in degrees.
struct Shape {
    ShapeKind kind = ShapeKind::Point;
    double lat = 0, lon = 0;                              // point, circle center
    double minLat = 0, minLon = 0, maxLat = 0, maxLon = 0;  // box (min <= max)
    double radius = 0;                                    // circle, in radians
    std::vector<S2Point> vertices;                        // polygon
    std::vector<S2LatLng> path;                           // linestring
};

// Parses the `units` argument; fails naming `fn` on a malformed record or an unknown unit.
Units parseUnits(const CallContext& ctx, std::string_view fn, const Value& v);

// Parses a region/geometry record (`arg` is the argument's name, for messages). The record's
// fields decide the shape: {lat, lon} point, {minLat, maxLat, minLon, maxLon} box,
// {lat, lon, radius} circle (radius in `units`), {points: [{lat, lon}, ...]} polygon,
// {linestring: "lon lat, lon lat, ..."} linestring.
Shape parseShape(const CallContext& ctx, std::string_view fn, std::string_view arg, const Value& v,
                 const Units& units);

// Fails unless lat is in [-90, 90] and lon in [-180, 180] (`where` names the record for the message).
void checkLatLon(const CallContext& ctx, std::string_view fn, std::string_view where, double lat, double lon);

// S2 point / latlng of degrees.
S2LatLng latLngDegrees(double lat, double lon);
S2Point pointDegrees(double lat, double lon);
// Degrees of an angle, as the reference computes them (radians divided by pi/180).
double toDegrees(S1Angle a);

// Great-circle distance between two latlngs (haversine), in radians.
double haversine(const S2LatLng& a, const S2LatLng& b);

// A loop of the polygon's vertices oriented so that it encloses at most half the sphere; fails
// when the vertices do not make a valid loop.
std::unique_ptr<S2Loop> makeLoop(const CallContext& ctx, std::string_view fn, std::vector<S2Point> vertices);
// The box as a four-vertex loop (geodesic edges), as the reference measures box-linestring distances.
std::unique_ptr<S2Loop> boxLoop(const CallContext& ctx, std::string_view fn, const Shape& box);

// A region (box, circle or polygon) prepared for containment and distance tests.
class Region {
public:
    Region(const CallContext& ctx, std::string_view fn, const Shape& shape);
    ~Region();
    const Shape& shape() const { return shape_; }
    // The S2 region (not for a point).
    const S2Region& s2() const { return shape_.kind == ShapeKind::Polygon ? *loop_ : *region_; }
    bool contains(const S2Point& p) const { return s2().Contains(p); }
    // Distance (radians) from the region to a point / a linestring; 0 when inside or crossing.
    double distanceTo(const CallContext& ctx, std::string_view fn, const S2Point& p);
    double distanceTo(const CallContext& ctx, std::string_view fn, const std::vector<S2LatLng>& path);

private:
    MutableS2ShapeIndex& loopIndex(const CallContext& ctx, std::string_view fn);

    Shape shape_;
    std::unique_ptr<S2Region> region_;  // box, circle
    std::unique_ptr<S2Loop> loop_;      // polygon, or the box as a loop (made when needed)
    std::unique_ptr<MutableS2ShapeIndex> index_;  // of loop_
};

}  // namespace fluxi::geo
