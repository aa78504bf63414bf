// Tests of the experimental/geo package: S2 cell tokens and levels, grids over regions, containment,
// distances and lengths with each distance unit, and the row transformations built on them.
// Expected distances are computed independently (haversine / angle between unit vectors with the
// package's Earth radius 6371.01 km) and agree with the reference's published two-decimal values.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "tests/support/flux_run.h"

using fluxi::testutil::eval;
using fluxi::testutil::runTables;

namespace {

std::string G(const std::string& expr) { return eval("import \"experimental/geo\"\n" + expr); }
double F(const std::string& expr) {
    std::string s = G(expr);
    REQUIRE_MESSAGE(s.rfind("error", 0) != 0, s);
    return std::stod(s);
}

// Reference test fixtures (long Island / Brooklyn / Statue of Liberty).
const std::string kBox = "{minLat: 40.5880775, maxLat: 40.8247008, minLon: -73.80014, maxLon: -73.4630336}";
const std::string kCircle = "{lat: 40.7090214, lon: -73.61846, radius: 15.0}";
const std::string kBrooklyn =
    "{points: [{lat: 40.671659, lon: -73.936631}, {lat: 40.706543, lon: -73.749177}, {lat: 40.791333, lon: -73.880327}]}";
const std::string kLiberty = "{lat: 40.6892, lon: -74.0445}";
const std::string kLine = "{linestring: \"-73.912119 40.751085, -73.940563 40.745249\"}";

double round2(double v) { return std::round(v * 100) / 100; }

}  // namespace

TEST_CASE("geo: cell levels and tokens") {
    CHECK(G("geo.getLevel(token: \"166b59\")") == "10");
    CHECK(G("geo.getLevel(token: \"89c284\")") == "9");
    CHECK(G("geo.getLevel(token: \"89c4\")") == "5");
    CHECK(G("geo.getLevel(token: \"89c2\")").rfind("error: getLevel: invalid token", 0) == 0);  // not a cell: odd lowest bit
    CHECK(G("geo.getLevel(token: \"zz\")") == "error: getLevel: invalid token specified: \"zz\" is not an S2 cell ID token");
    CHECK(G("geo.getLevel(token: \"X\")").rfind("error: getLevel: invalid token", 0) == 0);
    // parent of a token, and the cell of a point
    CHECK(G("geo.s2CellIDToken(token: \"89c284\", level: 7)") == "\"89c2c\"");
    CHECK(G("geo.s2CellIDToken(point: {lat: 40.808978, lon: -73.558041}, level: 7)") == "\"89c2c\"");
    CHECK(G("geo.s2CellIDToken(point: {lat: 40.808978, lon: -73.558041}, level: 9)") == "\"89c284\"");
    CHECK(G("geo.s2CellIDToken(token: \"89c284\", level: 9)") == "\"89c284\"");
    CHECK(G("geo.s2CellIDToken(token: \"\", point: {lat: 40.808978, lon: -73.558041}, level: 7)") == "\"89c2c\"");
    // the level of a token is the level asked for
    CHECK(G("geo.getLevel(token: geo.s2CellIDToken(point: {lat: -33.8568, lon: 151.2153}, level: 17))") == "17");
    CHECK(G("geo.getLevel(token: geo.s2CellIDToken(point: {lat: 0.0, lon: 0.0}, level: 30))") == "30");
    CHECK(G("geo.s2CellIDToken(token: \"89c284\", level: 11)") ==
          "error: s2CellIDToken: invalid token specified or requested level greater then current level (token "
          "\"89c284\", level 11)");
    CHECK(G("geo.s2CellIDToken(token: \"89c284\", level: 0)") == "error: s2CellIDToken: level value must be [1, 30], got 0");
    CHECK(G("geo.s2CellIDToken(token: \"89c284\", level: 31)") == "error: s2CellIDToken: level value must be [1, 30], got 31");
    CHECK(G("geo.s2CellIDToken(token: \"%*^&(*^*%&$\", level: 7)").find("invalid token specified") != std::string::npos);
    CHECK(G("geo.s2CellIDToken(level: 7)") == "error: s2CellIDToken: either token or point parameter must be specified");
    CHECK(G("geo.s2CellIDToken(token: \"89c284\", point: {lat: 1.0, lon: 2.0}, level: 7)") ==
          "error: s2CellIDToken: either token or point parameter must be specified and must not be empty");
    CHECK(G("geo.s2CellIDToken(point: {lat: 1, lon: 2}, level: 7)") ==
          "error: s2CellIDToken: point.lat and point.lon must be of type float, got int and int");
    CHECK(G("geo.s2CellIDToken(point: {lat: 1.0}, level: 7)") ==
          "error: s2CellIDToken: invalid point specification - must have lat, lon fields");
}

TEST_CASE("geo: cell centers") {
    // the reference documents this exact value
    CHECK(G("geo.s2CellLatLon(token: \"89c284\")") == "{lat: 40.812535546624574, lon: -73.55941282728273}");
    CHECK(G("geo.s2CellLatLon(token: \"nope\")") == "error: s2CellLatLon: invalid token specified: \"nope\" is not an S2 cell ID token");
    // the center of a point's cell is within the cell's size of the point, and lies in the same cell
    const char* p = "{lat: 48.858370, lon: 2.294481}";  // Eiffel tower
    for (int level : {5, 10, 15, 20, 25, 30}) {
        std::string tok = "geo.s2CellIDToken(point: " + std::string(p) + ", level: " + std::to_string(level) + ")";
        CHECK(G("geo.s2CellIDToken(point: geo.s2CellLatLon(token: " + tok + "), level: " + std::to_string(level) +
                ") == " + tok) == "true");
        // level-L cells are at most ~ 2^-L * 10000 km across
        double km = F("geo.ST_Distance(region: " + std::string(p) + ", geometry: geo.s2CellLatLon(token: " + tok + "))");
        CHECK(km < 10000.0 / std::pow(2.0, level) * 1.5);
    }
    CHECK(F("geo.s2CellLatLon(token: geo.s2CellIDToken(point: {lat: 48.85837, lon: 2.294481}, level: 30)).lat") ==
          doctest::Approx(48.85837).epsilon(1e-9));
}

TEST_CASE("geo: grids") {
    const std::string nine = "{level: 9, set: [\"89c264\", \"89c26c\", \"89c274\", \"89c27c\", \"89c284\", \"89c28c\", \"89e82c\", \"89e9d4\"]}";
    const std::string u = ", units: {distance: \"km\"}";
    CHECK(G("geo.getGrid(region: " + kBox + ", level: 9" + u + ")") == nine);
    CHECK(G("geo.getGrid(region: " + kCircle + ", level: 9" + u + ")") == nine);
    CHECK(G("geo.getGrid(region: {points: [{lat: 40.776527, lon: -73.338811}, {lat: 40.788093, lon: -73.776396}, "
            "{lat: 40.475939, lon: -73.751854}, {lat: 40.576506, lon: -73.573634}]}, level: 9" + u + ")") == nine);
    CHECK(G("geo.getGrid(region: " + kBox + ", minSize: 7, maxLevel: 11" + u + ")") == nine);
    CHECK(G("geo.getGrid(region: " + kBox + ", minSize: 7, maxSize: 10, maxLevel: 11" + u + ")") == nine);
    CHECK(G("geo.getGrid(region: " + kBox + ", minSize: 1000" + u + ")") == "{level: -1, set: []}");
    CHECK(G("geo.getGrid(region: " + kBox + ", minSize: 1000, maxLevel: 9" + u + ")") == nine);
    // the radius is read in the units given: 15 km == 15000 m
    CHECK(G("geo.getGrid(region: {lat: 40.7090214, lon: -73.61846, radius: 15000.0}, level: 9, units: {distance: \"m\"})") == nine);
    // with only maxSize: the finest level whose covering has at most maxSize cells
    CHECK(G("geo.getGrid(region: " + kBox + ", level: 7" + u + ")") == "{level: 7, set: [\"89c24\", \"89c2c\", \"89e84\", \"89e9c\"]}");
    CHECK(G("geo.getGrid(region: " + kBox + ", maxSize: 3" + u + ")") == "{level: 6, set: [\"89c3\", \"89e9\"]}");
    CHECK(G("geo.getGrid(region: " + kBox + ", maxSize: 4" + u + ")") == "{level: 8, set: [\"89c27\", \"89c29\", \"89e83\", \"89e9d\"]}");
    // every cell of a grid has the grid's level
    CHECK(eval("import \"array\"\nimport \"experimental/geo\"\ng = geo.getGrid(region: " + kCircle + ", level: 11" + u + ")\n"
            "array.map(arr: g.set, fn: (x) => geo.getLevel(token: x) == 11) |> array.filter(fn: (x) => not x)") == "[]");
    CHECK(G("geo.getGrid(region: {minLat: 40.5, minLon: -74.5}" + u + ")").find("unsupported geometry specified for 'region'") !=
          std::string::npos);
    CHECK(G("geo.getGrid(region: {radius: 16.0}" + u + ")").find("unsupported geometry") != std::string::npos);
    CHECK(G("geo.getGrid(region: {points: [{lat: 40.5, lon: -74.5}]}" + u + ")") ==
          "error: getGrid: polygon must have at least 3 points, region.points has 1");
    CHECK(G("geo.getGrid(region: {lat: 40.5, lon: -74.5}, level: 3" + u + ")") ==
          "error: getGrid: unsupported region type: point (expected a box, circle or polygon)");
    CHECK(G("geo.getGrid(region: {minLat: 40.5, minLon: -74.5, maxLat: 41.5, maxLon: -73.5, lat: 41.0, lon: -74.0, radius: 15.0}" + u +
            ", level: 3)").find("unsupported geometry") != std::string::npos);
    CHECK(G("geo.getGrid(region: " + kBox + ", minSize: 11, maxSize: 9" + u + ")") == "error: getGrid: minSize > maxSize (11 > 9)");
    CHECK(G("geo.getGrid(region: " + kBox + u + ")") == "error: getGrid: either minSize or maxSize must be specified (or level)");
    CHECK(G("geo.getGrid(region: " + kBox + ", minSize: 3, maxLevel: 31" + u + ")") == "error: getGrid: invalid maxLevel (31, must be <= 30)");
    CHECK(G("geo.getGrid(region: " + kBox + ", level: 3)").find("missing required argument units") != std::string::npos);
}

TEST_CASE("geo: distances with the units option and argument") {
    // point-point: 57.029818112730254 km by the angle between the unit vectors
    CHECK(G("geo.ST_Distance(region: {lat: 40.854984, lon: -73.403617}, geometry: " + kLiberty + ")") == "57.029818112730254");
    CHECK(G("geo.ST_Distance(region: {lat: 40.854984, lon: -73.403617}, geometry: " + kLiberty + ", units: {distance: \"m\"})") ==
          "57029.81811273025");
    CHECK(G("geo.ST_Distance(region: {lat: 40.854984, lon: -73.403617}, geometry: " + kLiberty + ", units: {distance: \"mile\"})") ==
          "35.436686073785495");
    CHECK(eval("import \"experimental/geo\"\noption geo.units = {distance: \"mile\"}\n"
               "geo.ST_Distance(region: {lat: 40.854984, lon: -73.403617}, geometry: " + kLiberty + ")") == "35.436686073785495");
    CHECK(eval("import \"experimental/geo\"\noption geo.units = {distance: \"m\"}\ngeo.units") == "{distance: \"m\"}");
    CHECK(G("geo.units") == "{distance: \"km\"}");
    // the reference's published values, rounded to 0.01 km
    CHECK(round2(F("geo.ST_Distance(region: " + kLiberty + ", geometry: " + kLine + ")")) == 10.75);
    CHECK(round2(F("geo.ST_Distance(region: " + kBox + ", geometry: " + kLiberty + ")")) == 20.60);
    CHECK(round2(F("geo.ST_Distance(region: " + kBox + ", geometry: " + kLine + ")")) == 9.43);
    CHECK(round2(F("geo.ST_Distance(region: " + kCircle + ", geometry: " + kLiberty + ")")) == 20.98);
    CHECK(round2(F("geo.ST_Distance(region: " + kCircle + ", geometry: " + kLine + ")")) == 10.18);
    CHECK(round2(F("geo.ST_Distance(region: " + kBrooklyn + ", geometry: " + kLiberty + ")")) == 9.30);
    CHECK(round2(F("geo.ST_Distance(region: " + kBrooklyn + ", geometry: {linestring: \"-73.68691 40.820317, -73.742812 40.773334\"})")) ==
          5.99);
    CHECK(G("geo.ST_Distance(region: " + kCircle + ", geometry: {lat: 40.718170, lon: -73.635265})") == "0.0");
    // circle distance = center distance - radius
    double center = F("geo.ST_Distance(region: {lat: 40.7090214, lon: -73.61846}, geometry: " + kLiberty + ")");
    CHECK(F("geo.ST_Distance(region: " + kCircle + ", geometry: " + kLiberty + ")") == doctest::Approx(center - 15.0).epsilon(1e-12));
    // a point inside a polygon or a box is at distance 0, the polygon's orientation does not matter
    CHECK(G("geo.ST_Distance(region: " + kBrooklyn + ", geometry: {lat: 40.72, lon: -73.85})") == "0.0");
    CHECK(G("geo.ST_Distance(region: {points: [{lat: 40.791333, lon: -73.880327}, {lat: 40.706543, lon: -73.749177}, "
            "{lat: 40.671659, lon: -73.936631}]}, geometry: {lat: 40.72, lon: -73.85})") == "0.0");
    CHECK(G("geo.ST_Distance(region: " + kBox + ", geometry: {lat: 40.7, lon: -73.6})") == "0.0");
    // linestring of one point: the distance to that point
    CHECK(G("geo.ST_Distance(region: {lat: 40.854984, lon: -73.403617}, geometry: {linestring: \"-74.0445 40.6892\"})") ==
          "57.029818112730254");
    CHECK(G("geo.ST_DWithin(region: " + kBox + ", geometry: " + kLiberty + ", distance: 20.7)") == "true");
    CHECK(G("geo.ST_DWithin(region: " + kBox + ", geometry: " + kLiberty + ", distance: 20.5)") == "false");
    CHECK(G("geo.ST_Intersects(region: " + kBox + ", geometry: " + kLine + ")") == "false");
    CHECK(G("geo.ST_Intersects(region: " + kBox + ", geometry: {linestring: \"-73.9 40.7, -73.6 40.7\"})") == "true");
    CHECK(G("geo.ST_Distance(region: " + kCircle + ", geometry: " + kLiberty + ", units: {distance: \"yd\"})") ==
          "error: stDistance: invalid units parameter: unsupported distance unit 'yd' (expected \"m\", \"km\" or \"mile\")");
    CHECK(G("geo.ST_Distance(region: {lat: 40.5, radius: 15.0}, geometry: " + kLiberty + ")") ==
          "error: stDistance: region.lon is missing or null");
    CHECK(G("geo.ST_Distance(region: {x: 1.0, y: 0.0}, geometry: " + kLiberty + ")").find("unsupported geometry specified for 'region'") !=
          std::string::npos);
    CHECK(G("geo.ST_Distance(region: " + kLine + ", geometry: " + kLiberty + ")") == "error: stDistance: unsupported region type: linestring");
    CHECK(G("geo.ST_Distance(region: " + kCircle + ", geometry: " + kBox + ")") ==
          "error: stDistance: unsupported geometry type: box (expected a point {lat, lon} or a {linestring})");
    CHECK(G("geo.ST_Distance(region: " + kCircle + ", geometry: {linestring: \"-73.9 40.7, \"})") ==
          "error: stDistance: invalid linestring in geometry - empty part (point 2)");
    CHECK(G("geo.ST_Distance(region: " + kCircle + ", geometry: {linestring: \"-73.9 40.7, -73.8\"})") ==
          "error: stDistance: invalid linestring in geometry - point 2 (\" -73.8\") must be \"lon lat\"");
    CHECK(G("geo.ST_Distance(region: " + kCircle + ", geometry: {linestring: \"-73.9 4o.7\"})") ==
          "error: stDistance: invalid linestring in geometry: \"4o.7\" is not a number");
    CHECK(G("geo.ST_Distance(region: {lat: 40, lon: -73}, geometry: " + kLiberty + ")") ==
          "error: stDistance: region.lat must be of type float, got int");
    CHECK(G("geo.ST_Distance(region: {points: [{lat: 1.0, lon: 1.0}, {lat: 2.0, lon: 2.0}, {lat: 1.0, lon: 1.0}]}, geometry: " + kLiberty + ")") ==
          "error: stDistance: polygon must have at least 3 distinct points");
    CHECK(G("geo.ST_Distance(region: {points: [{lat: 0.0, lon: 0.0}, {lat: 0.0, lon: 2.0}, {lat: 2.0, lon: 0.0}, {lat: 2.0, lon: 2.0}]}, "
            "geometry: " + kLiberty + ")").rfind("error: stDistance: invalid polygon: ", 0) == 0);
}

TEST_CASE("geo: a real track (a train's 49 points into Manhattan)") {
    const std::string track =
        "{linestring: \"-73.68691 40.820317, -73.690054 40.815413, -73.693214 40.814096, -73.695214 40.810699, "
        "-73.695594 40.808517, -73.695858 40.806882, -73.695023 40.800397, -73.699899 40.796724, -73.702982 40.794998, "
        "-73.705485 40.793905, -73.713571 40.791541, -73.715622 40.791009, -73.720059 40.789185, -73.721973 40.788413, "
        "-73.7261 40.787216, -73.72924 40.786038, -73.740647 40.775044, -73.742812 40.773334, -73.74431 40.772144, "
        "-73.745805 40.770953, -73.749413 40.768069, -73.751322 40.76661, -73.752465 40.76594, -73.769272 40.763356, "
        "-73.785035 40.761878, -73.789959 40.761443, -73.792932 40.761241, -73.795812 40.76117, -73.801766 40.761653, "
        "-73.804421 40.761908, -73.809437 40.762373, -73.810154 40.762441, -73.814539 40.762709, -73.817956 40.762143, "
        "-73.826087 40.759873, -73.828799 40.759128, -73.831347 40.757895, -73.833095 40.757106, -73.834298 40.7565, "
        "-73.841791 40.753279, -73.848962 40.750688, -73.852242 40.749543, -73.900815 40.743989, -73.902975 40.745851, "
        "-73.905367 40.748141, -73.906398 40.748909, -73.912119 40.751085, -73.927597 40.748495, -73.940563 40.745249\"}";
    // the reference reports these truncated to 3 decimals: 10.75 and 25.463
    double d = F("geo.ST_Distance(region: " + kLiberty + ", geometry: " + track + ")");
    CHECK(std::trunc(d * 1000) / 1000 == 10.75);
    CHECK(d == 10.750579365075316);
    double len = F("geo.ST_Length(geometry: " + track + ")");
    CHECK(std::trunc(len * 1000) / 1000 == 25.463);
    CHECK(len == 25.46306290309932);
    CHECK(G("geo.ST_Contains(region: " + kCircle + ", geometry: " + track + ")") == "false");
    CHECK(G("geo.ST_Intersects(region: " + kCircle + ", geometry: " + track + ")") == "true");
    CHECK(G("geo.ST_DWithin(region: " + kLiberty + ", geometry: " + track + ", distance: 10.8)") == "true");
}

TEST_CASE("geo: containment") {
    CHECK(G("geo.ST_Contains(region: " + kBox + ", geometry: {lat: 40.7, lon: -73.6})") == "true");
    CHECK(G("geo.ST_Contains(region: " + kBox + ", geometry: " + kLiberty + ")") == "false");
    // swapped bounds are put right
    CHECK(G("geo.ST_Contains(region: {minLat: 40.8247008, maxLat: 40.5880775, minLon: -73.4630336, maxLon: -73.80014}, "
            "geometry: {lat: 40.7, lon: -73.6})") == "true");
    CHECK(G("geo.ST_Contains(region: " + kCircle + ", geometry: {lat: 40.718170, lon: -73.635265})") == "true");
    CHECK(G("geo.ST_Contains(region: " + kCircle + ", geometry: " + kLiberty + ")") == "false");
    // a 15 km circle holds a point 14.9 km away, not one 15.1 km away (1 degree of latitude = 111.19 km)
    CHECK(G("geo.ST_Contains(region: {lat: 0.0, lon: 0.0, radius: 15.0}, geometry: {lat: 0.134, lon: 0.0})") == "true");
    CHECK(G("geo.ST_Contains(region: {lat: 0.0, lon: 0.0, radius: 15.0}, geometry: {lat: 0.136, lon: 0.0})") == "false");
    CHECK(G("geo.ST_Contains(region: {lat: 0.0, lon: 0.0, radius: 9.3}, geometry: {lat: 0.134, lon: 0.0}, units: {distance: \"mile\"})") ==
          "true");
    CHECK(G("geo.ST_Contains(region: " + kBrooklyn + ", geometry: {lat: 40.72, lon: -73.85})") == "true");
    CHECK(G("geo.ST_Contains(region: " + kBrooklyn + ", geometry: " + kLiberty + ")") == "false");
    // a linestring is contained when all its points are
    CHECK(G("geo.ST_Contains(region: " + kBox + ", geometry: {linestring: \"-73.7 40.7, -73.6 40.7\"})") == "true");
    CHECK(G("geo.ST_Contains(region: " + kBox + ", geometry: {linestring: \"-73.7 40.7, -74.0445 40.6892\"})") == "false");
    CHECK(G("geo.ST_Contains(region: " + kLiberty + ", geometry: " + kLiberty + ")") ==
          "error: stContains: unsupported region type: point (expected a box, circle or polygon)");
    CHECK(eval("import \"experimental/geo\"\nimport \"internal/debug\"\ngeo.stContains(region: " + kBox + ", geometry: " + kLiberty +
               ", units: {distance: debug.null(type: \"string\")})") == "error: stContains: invalid units parameter: distance field is null");
    CHECK(G("geo.stContains(region: " + kBox + ", geometry: " + kLiberty + ", units: {dist: \"km\"})") ==
          "error: stContains: invalid units parameter: expected a record with the one field distance");
}

TEST_CASE("geo: lengths") {
    CHECK(G("geo.ST_Length(geometry: {linestring: \"39.7515 14.01433, 38.3527 13.9228, 36.9978 15.08433\"})") == "346.1023974652474");
    CHECK(G("geo.ST_Length(geometry: {linestring: \"39.7515 14.01433, 38.3527 13.9228, 36.9978 15.08433\"}, units: {distance: \"mile\"})") ==
          "215.0580593491804");
    CHECK(G("geo.ST_Length(geometry: " + kLiberty + ")") == "0.0");
    CHECK(G("geo.ST_Length(geometry: " + kCircle + ")") ==
          "error: stLength: unsupported geometry type: circle (expected a point {lat, lon} or a {linestring})");
    // a quarter of the equator
    CHECK(F("geo.ST_Length(geometry: {linestring: \"0.0 0.0, 45.0 0.0, 90.0 0.0\"})") ==
          doctest::Approx(6371.01 * M_PI / 2).epsilon(1e-12));
}

namespace {

const char* kRows = R"(import "array"
import "experimental/geo"
data = array.from(rows: [
    {_time: 2021-01-01T00:00:00Z, id: "a213b", _field: "latitude", _value: 41.01433},
    {_time: 2021-01-02T01:00:00Z, id: "a213b", _field: "latitude", _value: 40.9228},
    {_time: 2021-01-03T02:00:00Z, id: "a213b", _field: "latitude", _value: 39.08433},
    {_time: 2021-01-01T00:00:00Z, id: "a213b", _field: "longitude", _value: -70.7515},
    {_time: 2021-01-02T01:00:00Z, id: "a213b", _field: "longitude", _value: -73.3527},
    {_time: 2021-01-03T02:00:00Z, id: "a213b", _field: "longitude", _value: -75.9978},
]) |> group(columns: ["id", "_field"])
)";

std::string rows(const std::string& pipeline) { return runTables(std::string(kRows) + pipeline); }

}  // namespace

TEST_CASE("geo: shapeData, toRows, strictFilter, gridFilter, filterRows") {
    // one table per s2 cell, lat/lon as columns
    std::string shaped = rows("data |> geo.shapeData(latField: \"latitude\", lonField: \"longitude\", level: 10)");
    CHECK(shaped.find("lat:float") != std::string::npos);
    CHECK(shaped.find("lon:float") != std::string::npos);
    CHECK(shaped.find("s2_cell_id=") != std::string::npos);
    CHECK(rows("data |> geo.toRows() |> keep(columns: [\"_time\", \"latitude\", \"longitude\"])") ==
          "[] _time:time,latitude:float,longitude:float\n"
          "2021-01-01T00:00:00Z,41.01433,-70.7515\n2021-01-02T01:00:00Z,40.9228,-73.3527\n2021-01-03T02:00:00Z,39.08433,-75.9978");
    // each row's token is the level-10 cell of its point
    CHECK(rows("data |> geo.shapeData(latField: \"latitude\", lonField: \"longitude\", level: 10)\n"
               "  |> filter(fn: (r) => r.s2_cell_id != geo.s2CellIDToken(point: {lat: r.lat, lon: r.lon}, level: 10) "
               "or geo.getLevel(token: r.s2_cell_id) != 10)") == "");
    const std::string shape5 = "data |> geo.shapeData(latField: \"latitude\", lonField: \"longitude\", level: 5)";
    const std::string region = "{lat: 40.69335938, lon: -73.30078125, radius: 50.0}";
    // only the middle point (40.9228, -73.3527) is within 50 km
    CHECK(rows(shape5 + " |> geo.strictFilter(region: " + region + ") |> group() |> keep(columns: [\"lat\", \"lon\"])") ==
          "[] lat:float,lon:float\n40.9228,-73.3527");
    CHECK(rows(shape5 + " |> geo.filterRows(region: " + region + ") |> group() |> keep(columns: [\"lat\", \"lon\"])") ==
          "[] lat:float,lon:float\n40.9228,-73.3527");
    // the grid keeps whole cells: the middle point's level-5 cell, whose grid cell is coarser
    std::string grid = rows(shape5 + " |> geo.gridFilter(region: " + region + ") |> group() |> keep(columns: [\"lat\"])");
    CHECK(grid.find("40.9228") != std::string::npos);
    CHECK(grid.find("39.08433") == std::string::npos);
    CHECK(rows(shape5 + " |> geo.filterRows(region: " + region + ", strict: false) |> group() |> keep(columns: [\"lat\"])") == grid);
    // fields not pivoted yet (no lat column): filterRows pivots them itself
    const std::string fields = "shaped = " + shape5 + "\n"
        "union(tables: [shaped |> map(fn: (r) => ({_time: r._time, id: r.id, s2_cell_id: r.s2_cell_id, _field: \"lat\", _value: r.lat})),\n"
        "               shaped |> map(fn: (r) => ({_time: r._time, id: r.id, s2_cell_id: r.s2_cell_id, _field: \"lon\", _value: r.lon}))])\n"
        "  |> group(columns: [\"id\", \"_field\", \"s2_cell_id\"])";
    CHECK(rows(fields + " |> geo.filterRows(region: " + region + ") |> group() |> keep(columns: [\"lat\", \"lon\"])") ==
          "[] lat:float,lon:float\n40.9228,-73.3527");
    CHECK(rows(fields + " |> geo.filterRows(region: " + region + ", strict: false) |> group() |> keep(columns: [\"lat\"])") == grid);
    // a grid too coarse for the tokens' level cannot be matched
    CHECK(rows(shape5 + " |> geo.gridFilter(region: " + region + ", level: 7)") ==
          "error: s2CellIDToken: invalid token specified or requested level greater then current level (token \"89bc\", level 7)");
}

TEST_CASE("geo: the grid keeps every point the strict filter keeps") {
    // 3000 points on a lattice around New York, tagged with level-13 cells
    const std::string pts = R"(import "experimental/geo"
import "generate"
pts = generate.from(count: 3000, fn: (n) => n, start: 2021-01-01T00:00:00Z, stop: 2021-01-02T00:00:00Z)
    |> map(fn: (r) => ({_time: r._time, lat: 40.0 + float(v: r._value % 100) / 100.0, lon: -74.0 + float(v: r._value % 37) / 37.0}))
    |> map(fn: (r) => ({r with s2_cell_id: geo.s2CellIDToken(point: {lat: r.lat, lon: r.lon}, level: 13)}))
    |> group(columns: ["s2_cell_id"])
)";
    for (const std::string& region : {std::string("{lat: 40.7, lon: -73.8, radius: 10.0}"), kBox, kBrooklyn}) {
        std::string strict = runTables(pts + "pts |> geo.strictFilter(region: " + region + ") |> group() |> count(column: \"lat\")");
        CHECK(strict.find("\n0") == std::string::npos);  // some points inside
        CHECK(runTables(pts + "pts |> geo.filterRows(region: " + region + ") |> group() |> count(column: \"lat\")") == strict);
        CHECK(runTables(pts + "pts |> geo.gridFilter(region: " + region + ", minSize: 4) |> geo.strictFilter(region: " + region +
                        ") |> group() |> count(column: \"lat\")") == strict);
        // the grid alone keeps at least as many
        std::string grid = runTables(pts + "pts |> geo.gridFilter(region: " + region + ") |> group() |> count(column: \"lat\")");
        CHECK(std::stol(grid.substr(grid.rfind('\n') + 1)) >= std::stol(strict.substr(strict.rfind('\n') + 1)));
    }
}

TEST_CASE("geo: groupByArea, asTracks, ST_LineString, totalDistance") {
    const std::string shape5 = "data |> geo.shapeData(latField: \"latitude\", lonField: \"longitude\", level: 5)";
    // coarser areas: tokens of the points at level 3, one group per area
    std::string g = rows(shape5 + " |> geo.groupByArea(newColumn: \"area\", level: 3) |> keep(columns: [\"area\", \"lat\"])");
    CHECK(g.find("[area=") == 0);
    CHECK(rows(shape5 + " |> geo.groupByArea(newColumn: \"area\", level: 3) |> filter(fn: (r) => r.area != "
               "geo.s2CellIDToken(point: {lat: r.lat, lon: r.lon}, level: 3))") == "");
    // same level as the tokens: the token itself
    CHECK(rows(shape5 + " |> geo.groupByArea(newColumn: \"area\", level: 5) |> filter(fn: (r) => r.area != r.s2_cell_id)") == "");
    const char* tracks = R"(import "array"
import "experimental/geo"
data = array.from(rows: [
    {_time: 2021-01-03T02:00:00Z, id: "a213b", lat: 15.08433, lon: 36.9978},
    {_time: 2021-01-01T00:00:00Z, id: "a213b", lat: 14.01433, lon: 39.7515},
    {_time: 2021-01-02T01:00:00Z, id: "a213b", lat: 13.9228, lon: 38.3527},
    {_time: 2021-01-01T00:00:00Z, id: "b546c", lat: -14.5464, lon: 24.0069},
])
)";
    CHECK(runTables(std::string(tracks) + "data |> geo.asTracks(groupBy: [\"id\"])") ==
          "[id=\"a213b\"] _time:time,id:string,lat:float,lon:float\n"
          "2021-01-01T00:00:00Z,\"a213b\",14.01433,39.7515\n"
          "2021-01-02T01:00:00Z,\"a213b\",13.9228,38.3527\n"
          "2021-01-03T02:00:00Z,\"a213b\",15.08433,36.9978\n"
          "[id=\"b546c\"] _time:time,id:string,lat:float,lon:float\n"
          "2021-01-01T00:00:00Z,\"b546c\",-14.5464,24.0069");
    CHECK(runTables(std::string(tracks) + "data |> geo.asTracks(groupBy: [\"id\"]) |> geo.ST_LineString()") ==
          "[id=\"a213b\"] id:string,st_linestring:string\n\"a213b\",\"39.7515 14.01433, 38.3527 13.9228, 36.9978 15.08433\"\n"
          "[id=\"b546c\"] id:string,st_linestring:string\n\"b546c\",\"24.0069 -14.5464\"");
    // the sum of the point-to-point angles (the linestring's length sums haversines: 346.1023974652474)
    CHECK(runTables(std::string(tracks) + "data |> geo.asTracks(groupBy: [\"id\"]) |> geo.totalDistance()") ==
          "[id=\"a213b\"] id:string,_value:float\n\"a213b\",346.1023974652472\n[id=\"b546c\"] id:string,_value:float\n\"b546c\",0.0");
    const char* abc = R"(import "array"
import "experimental/geo"
data = array.from(rows: [
    {id: "ABC1", _time: 2022-01-01T00:00:00Z, lat: 85.1, lon: 42.2},
    {id: "ABC1", _time: 2022-01-01T01:00:00Z, lat: 71.3, lon: 50.8},
    {id: "ABC1", _time: 2022-01-01T02:00:00Z, lat: 63.1, lon: 62.3},
    {id: "ABC1", _time: 2022-01-01T03:00:00Z, lat: 50.6, lon: 74.9},
]) |> group(columns: ["id"])
)";
    CHECK(runTables(std::string(abc) + "data |> geo.totalDistance(outputColumn: \"km\")") ==
          "[id=\"ABC1\"] id:string,km:float\n\"ABC1\",4157.144498077607");
}

TEST_CASE("geo: coordinates out of range are refused (S2 would abort on them)") {
    CHECK(G("geo.s2CellIDToken(point: {lat: 100.0, lon: 40.0}, level: 5)") ==
          "error: s2CellIDToken: invalid latitude in point: 100.0 is not in [-90, 90]");
    CHECK(G("geo.ST_Distance(region: {lat: 10.0, lon: 200.5}, geometry: {lat: 1.0, lon: 2.0})") ==
          "error: stDistance: invalid longitude in region: 200.5 is not in [-180, 180]");
    CHECK(eval("import \"experimental/geo\"\nimport \"math\"\n"
               "geo.ST_Distance(region: {lat: math.NaN(), lon: 0.0}, geometry: {lat: 0.0, lon: 0.0})") ==
          "error: stDistance: invalid latitude in region: NaN is not in [-90, 90]");
    CHECK(eval("import \"experimental/geo\"\nimport \"math\"\n"
               "geo.ST_Distance(region: {lat: 1.0, lon: 0.0, radius: math.NaN()}, geometry: {lat: 0.0, lon: 0.0})") ==
          "error: stDistance: region.radius must be a finite number");
    CHECK(G("geo.ST_Length(geometry: {linestring: \"1 2, 3 95\"})") ==
          "error: stLength: invalid latitude in geometry.linestring point 2: 95.0 is not in [-90, 90]");
    CHECK(G("geo.ST_Contains(region: {minLat: -100.0, maxLat: 100.0, minLon: -200.0, maxLon: 200.0}, geometry: {lat: 1.0, lon: 2.0})") ==
          "error: stContains: invalid latitude in region: -100.0 is not in [-90, 90]");
    CHECK(G("geo.ST_Contains(region: {points: [{lat: 1.0, lon: 1.0}, {lat: 2.0, lon: 181.0}, {lat: 3.0, lon: 1.0}]}, geometry: {lat: 1.0, lon: 2.0})") ==
          "error: stContains: invalid longitude in region.points[1]: 181.0 is not in [-180, 180]");
    CHECK(G("geo.ST_Distance(region: {minLat: 10.0, maxLat: 10.0, minLon: 1.0, maxLon: 2.0}, geometry: {linestring: \"1 1, 2 2\"})") ==
          "error: stDistance: box (as the polygon of its corners, to measure a linestring) must have at least 3 distinct points");
    // the whole sphere is fine, and so is a negative radius (an empty circle)
    CHECK(G("geo.ST_Contains(region: {minLat: -90.0, maxLat: 90.0, minLon: -180.0, maxLon: 180.0}, geometry: {lat: 1.0, lon: 2.0})") == "true");
    CHECK(G("geo.getGrid(region: {minLat: -90.0, maxLat: 90.0, minLon: -180.0, maxLon: 180.0}, level: 0, units: {distance: \"km\"})") ==
          "{level: 0, set: [\"1\", \"3\", \"5\", \"7\", \"9\", \"b\"]}");
    CHECK(G("geo.ST_Contains(region: {lat: 0.0, lon: 0.0, radius: -5.0}, geometry: {lat: 0.0, lon: 0.0})") == "false");
    // a circle larger than the Earth holds everything
    CHECK(G("geo.ST_Distance(region: {lat: 0.0, lon: 0.0, radius: 100000000.0}, geometry: {lat: 0.0, lon: 180.0})") == "0.0");
}

TEST_CASE("geo: a parameter default `units=units` reads the package option, not the parameter") {
    CHECK(eval("x = 1\nf = (x=x) => x\nf()") == "1");
    CHECK(eval("x = 1\nf = (x=x) => x\nf(x: 2)") == "2");
    CHECK(eval("f = (a, b=a) => b\nf(a: 3)") == "3");
    CHECK(eval("x = 1\nf = (x=x, y=x) => y\nf(x: 5)") == "5");
}
