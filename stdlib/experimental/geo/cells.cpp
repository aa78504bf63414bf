// experimental/geo S2 cell tokens: getLevel (level of a token), s2CellIDToken (the token of the
// cell at a level that contains a point, or the parent of a token) and s2CellLatLon (the center
// of a token's cell).
#include <s2/s2cell_id.h>
#include <s2/s2latlng.h>

#include "eval/builtin.h"
#include "stdlib/experimental/geo/geometry.h"

namespace fluxi {
namespace {

using geo::kMaxLevel;

S2CellId cellOfToken(const CallContext& ctx, std::string_view fn, const std::string& token) {
    S2CellId id = S2CellId::FromToken(token);
    if (!id.is_valid()) ctx.fail(std::string(fn) + ": invalid token specified: \"" + token + "\" is not an S2 cell ID token");
    return id;
}

Value getLevelFn(CallContext& ctx, const Args& args) {
    return Value::integer(cellOfToken(ctx, "getLevel", ctx.requireString(args, "token")).level());
}

Value s2CellIDTokenFn(CallContext& ctx, const Args& args) {
    const Value* token = ctx.optional(args, "token", Kind::String);
    const Value* point = ctx.optional(args, "point", Kind::Record);
    if (!token && !point) ctx.fail("s2CellIDToken: either token or point parameter must be specified");
    bool useToken = token && !token->asString().empty();
    bool usePoint = point && !point->asRecord().fields.empty();
    if (token && point && useToken == usePoint)
        ctx.fail("s2CellIDToken: either token or point parameter must be specified and must not be empty");
    int64_t level = ctx.require(args, "level", Kind::Int).asInt();
    if (level < 1 || level > kMaxLevel)
        ctx.fail("s2CellIDToken: level value must be [1, 30], got " + std::to_string(level));
    if (useToken) {
        S2CellId id = S2CellId::FromToken(token->asString());
        if (!id.is_valid() || level > id.level())
            ctx.fail("s2CellIDToken: invalid token specified or requested level greater then current level (token \"" +
                     token->asString() + "\", level " + std::to_string(level) + ")");
        return Value::string(id.parent(static_cast<int>(level)).ToToken());
    }
    if (!point) ctx.fail("s2CellIDToken: either token or point parameter must be specified and must not be empty");
    const RecordObj& p = point->asRecord();
    const Value* lat = p.find("lat");
    const Value* lon = p.find("lon");
    if (!lat || !lon) ctx.fail("s2CellIDToken: invalid point specification - must have lat, lon fields");
    if (!lat->is(Kind::Float) || !lon->is(Kind::Float))
        ctx.fail(std::string("s2CellIDToken: point.lat and point.lon must be of type float, got ") +
                 kindName(lat->kind()) + " and " + kindName(lon->kind()));
    geo::checkLatLon(ctx, "s2CellIDToken", "point", lat->asFloat(), lon->asFloat());
    S2CellId id(geo::latLngDegrees(lat->asFloat(), lon->asFloat()));
    if (!id.is_valid()) ctx.fail("s2CellIDToken: invalid coordinates");
    return Value::string(id.parent(static_cast<int>(level)).ToToken());
}

Value s2CellLatLonFn(CallContext& ctx, const Args& args) {
    S2LatLng ll = cellOfToken(ctx, "s2CellLatLon", ctx.requireString(args, "token")).ToLatLng();
    return makeRecord({{"lat", Value::floating(geo::toDegrees(ll.lat()))},
                       {"lon", Value::floating(geo::toDegrees(ll.lng()))}});
}

}  // namespace

FLUXI_BUILTIN("experimental/geo", "getLevel", "token", getLevelFn);
FLUXI_BUILTIN("experimental/geo", "s2CellIDToken", "?token, ?point, level", s2CellIDTokenFn);
FLUXI_BUILTIN("experimental/geo", "s2CellLatLon", "token", s2CellLatLonFn);

}  // namespace fluxi
