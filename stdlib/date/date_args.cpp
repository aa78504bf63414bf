// Argument helpers of the date package (see date_args.h).
#include "stdlib/date/date_args.h"

#include "eval/value_text.h"

namespace fluxi::datepkg {

int64_t requireTimeable(CallContext& ctx, const Args& args, std::string_view name, std::string_view fn) {
    const Value* v = args.get(name);
    if (!v || v->isNull()) ctx.fail(std::string(fn) + ": missing required argument " + std::string(name));
    switch (v->kind()) {
        case Kind::Time: return v->asTime();
        case Kind::Int: return v->asInt();
        case Kind::Duration:
            try {
                return addDuration(ctx.now(), v->asDuration());
            } catch (const TimeError& e) {
                ctx.fail(std::string(fn) + ": " + e.what());
            }
        default:
            ctx.fail(std::string(fn) + ": argument " + std::string(name) +
                     " must be a time or a duration relative to now(), got " + kindName(v->kind()));
    }
}

const Location& locationArg(CallContext& ctx, const Args& args, std::string_view fn) {
    // One cached location per thread: most calls (one per row) use the same location.
    thread_local Location cached;
    thread_local bool valid = true;  // a default Location is UTC
    Value rec;
    if (const Value* v = args.get("location"); v && !v->isNull()) rec = *v;
    else rec = ctx.option("universe", "location");
    if (rec.isNull()) {
        if (!cached.isUtc()) cached = Location::utc();
        return cached;
    }
    if (!rec.is(Kind::Record))
        ctx.fail(std::string(fn) + ": location must be a record {zone: string, offset: duration}, got " +
                 kindName(rec.kind()));
    const Value* zone = rec.asRecord().find("zone");
    const Value* offset = rec.asRecord().find("offset");
    if (valid && zone && zone->is(Kind::String) && zone->asString() == cached.zone() && offset &&
        offset->is(Kind::Duration) && offset->asDuration() == Duration{0, cached.extraOffset()})
        return cached;
    try {
        cached = locationFromValue(rec);
        valid = true;
    } catch (const TimeError& e) {
        valid = false;
        ctx.fail(std::string(fn) + ": " + e.what());
    }
    return cached;
}

Value shiftTime(CallContext& ctx, const Args& args, std::string_view timeArg, std::string_view fn, bool backwards) {
    Duration d = ctx.require(args, "d", Kind::Duration).asDuration();
    int64_t t = requireTimeable(ctx, args, timeArg, fn);
    const Location& loc = locationArg(ctx, args, fn);
    try {
        return Value::time(addDuration(t, backwards ? subDurations({}, d) : d, loc));
    } catch (const TimeError& e) {
        ctx.fail(std::string(fn) + ": " + e.what());
    }
}

}  // namespace fluxi::datepkg
