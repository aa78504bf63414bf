// experimental/geo: parsing of region/geometry/units records and the S2 objects and distances
// built from them (see geometry.h).
#include "stdlib/experimental/geo/geometry.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>

#include <s2/r1interval.h>
#include <s2/s1chord_angle.h>
#include <s2/s1interval.h>
#include <s2/s2cap.h>
// GCC's -Wmaybe-uninitialized misfires inside abseil's InlinedVector as instantiated by the S2
// closest-edge query (a false positive in the library's headers, reported at the instantiation).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <s2/s2closest_edge_query.h>
#include <s2/s2error.h>
#include <s2/s2latlng_rect.h>

namespace fluxi::geo {

const char* shapeKindName(ShapeKind k) {
    switch (k) {
        case ShapeKind::Point: return "point";
        case ShapeKind::Box: return "box";
        case ShapeKind::Circle: return "circle";
        case ShapeKind::Polygon: return "polygon";
        case ShapeKind::LineString: return "linestring";
    }
    return "?";
}

namespace {

[[noreturn]] void failIn(const CallContext& ctx, std::string_view fn, const std::string& msg) {
    ctx.fail(std::string(fn) + ": " + msg);
}

// A float field of a shape record (`where` names the record for messages, e.g. "region").
double floatField(const CallContext& ctx, std::string_view fn, std::string_view where, const RecordObj& rec,
                  std::string_view name) {
    const Value* v = rec.find(name);
    if (!v || v->isNull())
        failIn(ctx, fn, std::string(where) + "." + std::string(name) + " is missing or null");
    if (!v->is(Kind::Float))
        failIn(ctx, fn, std::string(where) + "." + std::string(name) + " must be of type float, got " +
                            kindName(v->kind()));
    return v->asFloat();
}

double parseCoordinate(const CallContext& ctx, std::string_view fn, std::string_view where, const std::string& text) {
    errno = 0;
    char* end = nullptr;
    double d = std::strtod(text.c_str(), &end);
    if (end == text.c_str() || *end != '\0' || errno == ERANGE)
        failIn(ctx, fn, "invalid linestring in " + std::string(where) + ": \"" + text + "\" is not a number");
    return d;
}

// "lon lat, lon lat, ..." -> latlngs.
std::vector<S2LatLng> parseLineString(const CallContext& ctx, std::string_view fn, std::string_view where,
                                      const std::string& s) {
    std::vector<S2LatLng> out;
    size_t start = 0;
    while (true) {
        size_t comma = s.find(',', start);
        std::string_view part(s.data() + start, (comma == std::string::npos ? s.size() : comma) - start);
        std::vector<std::string> fields;
        size_t i = 0;
        while (i < part.size()) {
            while (i < part.size() && std::isspace(static_cast<unsigned char>(part[i]))) ++i;
            size_t j = i;
            while (j < part.size() && !std::isspace(static_cast<unsigned char>(part[j]))) ++j;
            if (j > i) fields.emplace_back(part.substr(i, j - i));
            i = j;
        }
        if (fields.empty())
            failIn(ctx, fn, "invalid linestring in " + std::string(where) + " - empty part (point " +
                                std::to_string(out.size() + 1) + ")");
        if (fields.size() != 2)
            failIn(ctx, fn, "invalid linestring in " + std::string(where) + " - point " +
                                std::to_string(out.size() + 1) + " (\"" + std::string(part) +
                                "\") must be \"lon lat\"");
        double lon = parseCoordinate(ctx, fn, where, fields[0]);
        double lat = parseCoordinate(ctx, fn, where, fields[1]);
        checkLatLon(ctx, fn, std::string(where) + ".linestring point " + std::to_string(out.size() + 1), lat, lon);
        out.push_back(latLngDegrees(lat, lon));
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

double distanceToIndex(MutableS2ShapeIndex& index, S2MinDistanceTarget& target) {
    S2ClosestEdgeQuery query(&index);
    S1ChordAngle d = query.GetDistance(&target);
    if (d.is_infinity()) return std::nan("");
    return d.ToAngle().radians();
}

}  // namespace

Units parseUnits(const CallContext& ctx, std::string_view fn, const Value& v) {
    if (!v.is(Kind::Record)) failIn(ctx, fn, std::string("units must be a record {distance: string}, got ") + kindName(v.kind()));
    const RecordObj& rec = v.asRecord();
    const Value* d = rec.find("distance");
    if (!d || rec.fields.size() != 1) failIn(ctx, fn, "invalid units parameter: expected a record with the one field distance");
    if (d->isNull()) failIn(ctx, fn, "invalid units parameter: distance field is null");
    if (!d->is(Kind::String))
        failIn(ctx, fn, std::string("invalid units parameter: distance must be a string, got ") + kindName(d->kind()));
    Units u;
    u.distance = d->asString();
    if (u.distance == "km")
        u.earthRadius = kEarthRadiusKm;
    else if (u.distance == "m")
        u.earthRadius = kEarthRadiusKm * 1000;
    else if (u.distance == "mile")
        u.earthRadius = kEarthRadiusKm / 1.609344;
    else
        failIn(ctx, fn, "invalid units parameter: unsupported distance unit '" + u.distance +
                            "' (expected \"m\", \"km\" or \"mile\")");
    return u;
}

Shape parseShape(const CallContext& ctx, std::string_view fn, std::string_view arg, const Value& v, const Units& units) {
    if (!v.is(Kind::Record)) failIn(ctx, fn, std::string(arg) + " must be a record, got " + kindName(v.kind()));
    const RecordObj& rec = v.asRecord();
    size_t n = rec.fields.size();
    Shape s;
    if (n == 2 && rec.find("lat")) {
        s.kind = ShapeKind::Point;
        s.lat = floatField(ctx, fn, arg, rec, "lat");
        s.lon = floatField(ctx, fn, arg, rec, "lon");
        checkLatLon(ctx, fn, arg, s.lat, s.lon);
    } else if (n == 4 && rec.find("minLat")) {
        s.kind = ShapeKind::Box;
        s.minLat = floatField(ctx, fn, arg, rec, "minLat");
        s.minLon = floatField(ctx, fn, arg, rec, "minLon");
        s.maxLat = floatField(ctx, fn, arg, rec, "maxLat");
        s.maxLon = floatField(ctx, fn, arg, rec, "maxLon");
        // bounds given the wrong way round are swapped, as the reference does
        if (s.minLat > s.maxLat) std::swap(s.minLat, s.maxLat);
        if (s.minLon > s.maxLon) std::swap(s.minLon, s.maxLon);
        checkLatLon(ctx, fn, arg, s.minLat, s.minLon);
        checkLatLon(ctx, fn, arg, s.maxLat, s.maxLon);
    } else if (n == 3 && rec.find("radius")) {
        s.kind = ShapeKind::Circle;
        s.lat = floatField(ctx, fn, arg, rec, "lat");
        s.lon = floatField(ctx, fn, arg, rec, "lon");
        checkLatLon(ctx, fn, arg, s.lat, s.lon);
        double radius = floatField(ctx, fn, arg, rec, "radius");
        if (!std::isfinite(radius)) failIn(ctx, fn, std::string(arg) + ".radius must be a finite number");
        s.radius = units.toRadians(radius);
    } else if (n == 1 && rec.find("points")) {
        s.kind = ShapeKind::Polygon;
        const Value& pts = *rec.find("points");
        if (!pts.is(Kind::Array))
            failIn(ctx, fn, std::string(arg) + ".points must be an array of {lat, lon} records, got " + kindName(pts.kind()));
        const auto& elems = pts.asArray().elems;
        if (elems.size() < 3)
            failIn(ctx, fn, "polygon must have at least 3 points, " + std::string(arg) + ".points has " +
                                std::to_string(elems.size()));
        s.vertices.reserve(elems.size());
        for (size_t i = 0; i < elems.size(); ++i) {
            std::string where = std::string(arg) + ".points[" + std::to_string(i) + "]";
            if (!elems[i].is(Kind::Record) || !elems[i].asRecord().find("lat") || !elems[i].asRecord().find("lon"))
                failIn(ctx, fn, "invalid polygon point specification - " + where + " must have lat, lon fields");
            const RecordObj& p = elems[i].asRecord();
            double lat = floatField(ctx, fn, where, p, "lat"), lon = floatField(ctx, fn, where, p, "lon");
            checkLatLon(ctx, fn, where, lat, lon);
            s.vertices.push_back(pointDegrees(lat, lon));
        }
    } else if (n == 1 && rec.find("linestring")) {
        s.kind = ShapeKind::LineString;
        const Value& ls = *rec.find("linestring");
        if (ls.isNull()) failIn(ctx, fn, "empty linestring in " + std::string(arg));
        if (!ls.is(Kind::String))
            failIn(ctx, fn, std::string(arg) + ".linestring must be a string, got " + kindName(ls.kind()));
        s.path = parseLineString(ctx, fn, arg, ls.asString());
    } else {
        failIn(ctx, fn, "unsupported geometry specified for '" + std::string(arg) +
                            "': expected {lat, lon}, {minLat, maxLat, minLon, maxLon}, {lat, lon, radius}, "
                            "{points} or {linestring}");
    }
    return s;
}

void checkLatLon(const CallContext& ctx, std::string_view fn, std::string_view where, double lat, double lon) {
    auto num = [](double d) {
        if (std::isnan(d)) return std::string("NaN");
        std::string t = std::to_string(d);
        while (t.size() > 1 && t.back() == '0' && t[t.size() - 2] != '.') t.pop_back();
        return t;
    };
    // written so that NaN fails too
    if (!(lat >= -90 && lat <= 90))
        failIn(ctx, fn, "invalid latitude in " + std::string(where) + ": " + num(lat) + " is not in [-90, 90]");
    if (!(lon >= -180 && lon <= 180))
        failIn(ctx, fn, "invalid longitude in " + std::string(where) + ": " + num(lon) + " is not in [-180, 180]");
}

S2LatLng latLngDegrees(double lat, double lon) { return S2LatLng::FromDegrees(lat, lon); }
S2Point pointDegrees(double lat, double lon) { return S2LatLng::FromDegrees(lat, lon).ToPoint(); }
double toDegrees(S1Angle a) { return a.radians() / (M_PI / 180); }

double haversine(const S2LatLng& a, const S2LatLng& b) {
    double lat1 = a.lat().radians(), lat2 = b.lat().radians();
    double sdLat = std::sin(0.5 * (lat2 - lat1));
    double sdLng = std::sin(0.5 * (b.lng().radians() - a.lng().radians()));
    double h = sdLat * sdLat + sdLng * sdLng * std::cos(lat1) * std::cos(lat2);
    return 2 * std::atan2(std::sqrt(h), std::sqrt(std::max(0.0, 1 - h)));
}

namespace {

std::unique_ptr<S2Loop> loopOf(const CallContext& ctx, std::string_view fn, std::string_view what,
                               std::vector<S2Point> vertices) {
    // A repeated vertex (typically the first one again at the end) is not an edge: drop it.
    std::vector<S2Point> vs;
    vs.reserve(vertices.size());
    for (const S2Point& p : vertices)
        if (vs.empty() || vs.back() != p) vs.push_back(p);
    while (vs.size() > 1 && vs.back() == vs.front()) vs.pop_back();
    if (vs.size() < 3) failIn(ctx, fn, std::string(what) + " must have at least 3 distinct points");
    auto loop = std::make_unique<S2Loop>(vs, S2Debug::DISABLE);
    S2Error err;
    if (loop->FindValidationError(&err)) failIn(ctx, fn, "invalid " + std::string(what) + ": " + err.text());
    if (loop->GetArea() >= 2 * M_PI) loop->Invert();  // vertices given clockwise
    return loop;
}

}  // namespace

std::unique_ptr<S2Loop> makeLoop(const CallContext& ctx, std::string_view fn, std::vector<S2Point> vertices) {
    return loopOf(ctx, fn, "polygon", std::move(vertices));
}

std::unique_ptr<S2Loop> boxLoop(const CallContext& ctx, std::string_view fn, const Shape& b) {
    return loopOf(ctx, fn, "box (as the polygon of its corners, to measure a linestring)",
                  {pointDegrees(b.minLat, b.minLon), pointDegrees(b.minLat, b.maxLon),
                   pointDegrees(b.maxLat, b.maxLon), pointDegrees(b.maxLat, b.minLon)});
}

Region::Region(const CallContext& ctx, std::string_view fn, const Shape& shape) : shape_(shape) {
    switch (shape.kind) {
        case ShapeKind::Point: break;  // only distances
        case ShapeKind::Box: {
            S2LatLng lo = latLngDegrees(shape.minLat, shape.minLon), hi = latLngDegrees(shape.maxLat, shape.maxLon);
            region_ = std::make_unique<S2LatLngRect>(R1Interval(lo.lat().radians(), hi.lat().radians()),
                                                     S1Interval(lo.lng().radians(), hi.lng().radians()));
            break;
        }
        case ShapeKind::Circle:
            region_ = std::make_unique<S2Cap>(pointDegrees(shape.lat, shape.lon), S1Angle::Radians(shape.radius));
            break;
        case ShapeKind::Polygon:
            loop_ = makeLoop(ctx, fn, shape.vertices);
            break;
        case ShapeKind::LineString: failIn(ctx, fn, "unsupported region type: linestring");
    }
}

Region::~Region() = default;

MutableS2ShapeIndex& Region::loopIndex(const CallContext& ctx, std::string_view fn) {
    if (!index_) {
        if (!loop_) loop_ = boxLoop(ctx, fn, shape_);
        index_ = std::make_unique<MutableS2ShapeIndex>();
        index_->Add(std::make_unique<S2Loop::Shape>(loop_.get()));
    }
    return *index_;
}

double Region::distanceTo(const CallContext& ctx, std::string_view fn, const S2Point& p) {
    switch (shape_.kind) {
        case ShapeKind::Point: return S1Angle(pointDegrees(shape_.lat, shape_.lon), p).radians();
        case ShapeKind::Box: return static_cast<const S2LatLngRect&>(*region_).GetDistance(S2LatLng(p)).radians();
        case ShapeKind::Circle:
            return std::max(0.0, S1Angle(pointDegrees(shape_.lat, shape_.lon), p).radians() - shape_.radius);
        case ShapeKind::Polygon: {
            S2ClosestEdgeQuery::PointTarget target(p);
            return distanceToIndex(loopIndex(ctx, fn), target);
        }
        case ShapeKind::LineString: break;
    }
    failIn(ctx, fn, "unsupported region type: linestring");
}

double Region::distanceTo(const CallContext& ctx, std::string_view fn, const std::vector<S2LatLng>& path) {
    if (shape_.kind == ShapeKind::LineString) failIn(ctx, fn, "unsupported region type: linestring");
    S2Polyline line(path, S2Debug::DISABLE);
    MutableS2ShapeIndex lineIndex;
    lineIndex.Add(std::make_unique<S2Polyline::Shape>(&line));
    switch (shape_.kind) {
        case ShapeKind::Point: {
            S2ClosestEdgeQuery::PointTarget target(pointDegrees(shape_.lat, shape_.lon));
            return distanceToIndex(lineIndex, target);
        }
        case ShapeKind::Circle: {
            S2ClosestEdgeQuery::PointTarget target(pointDegrees(shape_.lat, shape_.lon));
            return std::max(0.0, distanceToIndex(lineIndex, target) - shape_.radius);
        }
        case ShapeKind::Box:
        case ShapeKind::Polygon: {
            S2ClosestEdgeQuery::ShapeIndexTarget target(&lineIndex);
            return distanceToIndex(loopIndex(ctx, fn), target);
        }
        case ShapeKind::LineString: break;
    }
    return 0;
}

}  // namespace fluxi::geo
