// experimental/geo.getGrid: the S2 cell ID tokens of one level that cover a region (box, circle or
// polygon), the level either given or the finest one whose covering fits minSize/maxSize.
#include <s2/s2cell_id.h>
#include <s2/s2region_coverer.h>

#include "eval/builtin.h"
#include "stdlib/experimental/geo/geometry.h"

namespace fluxi {
namespace {

// Cap on the number of cells of a covering (the reference's coverer limit).
constexpr int kAbsoluteMaxSize = 100;

std::vector<S2CellId> coveringAt(const S2Region& region, int level) {
    S2RegionCoverer::Options opts;
    opts.set_min_level(level);
    opts.set_max_level(level);
    opts.set_max_cells(kAbsoluteMaxSize);
    S2RegionCoverer coverer(opts);
    std::vector<S2CellId> cells;
    coverer.GetCovering(region, &cells);
    return cells;
}

int64_t intArg(const CallContext& ctx, const Args& args, std::string_view name) {
    const Value* v = ctx.optional(args, name, Kind::Int);
    return v ? v->asInt() : -1;
}

Value getGridFn(CallContext& ctx, const Args& args) {
    constexpr std::string_view fn = "getGrid";
    geo::Units units = geo::parseUnits(ctx, fn, ctx.require(args, "units", Kind::Record));
    geo::Shape shape = geo::parseShape(ctx, fn, "region", ctx.require(args, "region", Kind::Record), units);
    int64_t level = intArg(ctx, args, "level");
    int64_t maxLevel = intArg(ctx, args, "maxLevel");
    int64_t minSize = intArg(ctx, args, "minSize");
    int64_t maxSize = intArg(ctx, args, "maxSize");
    if (maxLevel > geo::kMaxLevel)
        ctx.fail("getGrid: invalid maxLevel (" + std::to_string(maxLevel) + ", must be <= 30)");
    if (level > geo::kMaxLevel)
        ctx.fail("getGrid: invalid level (" + std::to_string(level) + ", must be <= 30)");
    if (minSize > 0 && maxSize > 0 && minSize > maxSize)
        ctx.fail("getGrid: minSize > maxSize (" + std::to_string(minSize) + " > " + std::to_string(maxSize) + ")");
    if (shape.kind == geo::ShapeKind::Point || shape.kind == geo::ShapeKind::LineString)
        ctx.fail(std::string("getGrid: unsupported region type: ") + geo::shapeKindName(shape.kind) +
                 " (expected a box, circle or polygon)");
    geo::Region region(ctx, fn, shape);

    std::vector<S2CellId> grid;
    int gridLevel = -1;
    if (level > -1) {
        grid = coveringAt(region.s2(), static_cast<int>(level));
        gridLevel = static_cast<int>(level);
    } else if (minSize > 0 || maxSize > 0) {
        bool levelCapped = maxLevel > 0;
        int64_t top = levelCapped ? maxLevel : geo::kMaxLevel;
        int64_t lo = minSize > 0 ? minSize : 0;
        int64_t hi = maxSize > 0 ? maxSize : kAbsoluteMaxSize;
        bool found = false;
        // the coarsest level with at least minSize cells, without going over maxSize cells
        for (int l = 1; l <= top; ++l) {
            std::vector<S2CellId> cells = coveringAt(region.s2(), l);
            if (static_cast<int64_t>(cells.size()) > hi) break;
            grid = std::move(cells);
            gridLevel = l;
            found = true;
            if (lo > 0 && static_cast<int64_t>(grid.size()) >= lo) break;
        }
        // too few cells at every allowed level: no grid, unless the level was capped by maxLevel
        if (found && static_cast<int64_t>(grid.size()) < lo && !levelCapped) found = false;
        if (!found) {
            grid.clear();
            gridLevel = -1;
        }
    } else {
        ctx.fail("getGrid: either minSize or maxSize must be specified (or level)");
    }

    std::vector<Value> set;
    set.reserve(grid.size());
    for (S2CellId id : grid) set.push_back(Value::string(id.ToToken()));
    if (set.empty()) gridLevel = -1;
    return makeRecord({{"level", Value::integer(gridLevel)}, {"set", makeArray(std::move(set))}});
}

}  // namespace

FLUXI_BUILTIN("experimental/geo", "getGrid", "region, ?minSize, ?maxSize, ?level, ?maxLevel, units", getGridFn);

}  // namespace fluxi
