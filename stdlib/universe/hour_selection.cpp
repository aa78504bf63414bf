// universe.hourSelection(start, stop, timeColumn, location): keeps the rows whose time falls in an
// hour from `start` to `stop` inclusive (hours 0..23) on the clock of `location` (default the
// `location` option, UTC unless set; time zones with DST and fixed offsets both work). A start after
// the stop wraps around midnight (22 to 1: hours 22, 23, 0 and 1), as in the reference. Rows with a
// null time are dropped.
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/time.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

Value hourSelection(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    int64_t start = ctx.require(args, "start", Kind::Int).asInt();
    int64_t stop = ctx.require(args, "stop", Kind::Int).asInt();
    if (start < 0 || start > 23 || stop < 0 || stop > 23)
        ctx.fail("hourSelection: start and stop must be hours from 0 to 23, got " + std::to_string(start) + " and " +
                 std::to_string(stop));
    std::string column = ctx.stringOr(args, "timeColumn", "_time");
    Value locRec = args.has("location") ? *args.get("location") : ctx.option("universe", "location");
    Location loc;
    if (!locRec.isNull()) {
        try {
            loc = locationFromValue(locRec);
        } catch (const TimeError& e) {
            ctx.fail(std::string("hourSelection: location: ") + e.what());
        }
    }
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, start, stop, column, loc](const TablePtr& t) {
            return tableops::atCallSite(site, "hourSelection", [&] {
                int c = t->columnIndex(column);
                if (c < 0) site.fail(ErrorCode::FailedPrecondition, "hourSelection: column \"" + column + "\" not found");
                if (t->meta[c].type != ColType::Time)
                    site.fail("hourSelection: column \"" + column + "\" must be of type time, got " +
                              colTypeName(t->meta[c].type));
                const Column& times = t->column(c);
                tableops::Selection sel;
                for (size_t r = 0; r < t->nrows; r++) {
                    if (times.isNull(r)) continue;
                    int64_t ns = (loc.isUtc() ? times.ints()[r] : loc.toLocalClock(times.ints()[r])) % kNanosPerDay;
                    if (ns < 0) ns += kNanosPerDay;
                    int64_t hour = ns / kNanosPerHour;
                    const bool inRange = start <= stop ? hour >= start && hour <= stop : hour >= start || hour <= stop;
                    if (inRange) sel.push_back(static_cast<uint32_t>(r));
                }
                return tableops::gatherRows(t, sel);
            });
        },
        "hourSelection");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "hourSelection", "<-tables, start, stop, ?timeColumn, ?location", hourSelection);

}  // namespace fluxi
