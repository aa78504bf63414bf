// date package calendar fields of a time (or of a duration counted from now()):
//   nanosecond, microsecond, millisecond, second       (UTC; offsets never change them)
//   minute, hour, weekDay, monthDay, yearDay, week, month, quarter, year
//                                                      (on the clock of `location`, default the
//                                                       `location` option)
#include "eval/builtin.h"
#include "stdlib/date/date_args.h"

namespace fluxi {
namespace {

using datepkg::locationArg;
using datepkg::requireTimeable;

CivilTime utcFields(CallContext& ctx, const Args& args, const char* fn) {
    return civilTime(requireTimeable(ctx, args, "t", fn));
}

CivilTime localFields(CallContext& ctx, const Args& args, const char* fn) {
    int64_t t = requireTimeable(ctx, args, "t", fn);
    const Location& loc = locationArg(ctx, args, fn);
    try {
        return civilTime(t, loc);
    } catch (const TimeError& e) {
        ctx.fail(std::string(fn) + ": " + e.what());
    }
}

Value nanosecond(CallContext& ctx, const Args& a) {
    return Value::integer(utcFields(ctx, a, "date.nanosecond").nanosecond);
}
Value microsecond(CallContext& ctx, const Args& a) {
    return Value::integer(utcFields(ctx, a, "date.microsecond").nanosecond / kNanosPerMicro);
}
Value millisecond(CallContext& ctx, const Args& a) {
    return Value::integer(utcFields(ctx, a, "date.millisecond").nanosecond / kNanosPerMilli);
}
Value second(CallContext& ctx, const Args& a) { return Value::integer(utcFields(ctx, a, "date.second").second); }
Value minute(CallContext& ctx, const Args& a) { return Value::integer(localFields(ctx, a, "date.minute").minute); }
Value hour(CallContext& ctx, const Args& a) { return Value::integer(localFields(ctx, a, "date.hour").hour); }
Value weekDay(CallContext& ctx, const Args& a) {
    return Value::integer(localFields(ctx, a, "date.weekDay").weekday);
}
Value monthDay(CallContext& ctx, const Args& a) { return Value::integer(localFields(ctx, a, "date.monthDay").day); }
Value yearDay(CallContext& ctx, const Args& a) {
    return Value::integer(localFields(ctx, a, "date.yearDay").yearDay);
}
Value week(CallContext& ctx, const Args& a) { return Value::integer(localFields(ctx, a, "date.week").isoWeek); }
Value month(CallContext& ctx, const Args& a) { return Value::integer(localFields(ctx, a, "date.month").month); }
Value quarter(CallContext& ctx, const Args& a) {
    return Value::integer((localFields(ctx, a, "date.quarter").month - 1) / 3 + 1);
}
Value year(CallContext& ctx, const Args& a) { return Value::integer(localFields(ctx, a, "date.year").year); }

}  // namespace

FLUXI_BUILTIN("date", "nanosecond", "t", nanosecond);
FLUXI_BUILTIN("date", "microsecond", "t", microsecond);
FLUXI_BUILTIN("date", "millisecond", "t", millisecond);
FLUXI_BUILTIN("date", "second", "t", second);
FLUXI_BUILTIN("date", "minute", "t, ?location", minute);
FLUXI_BUILTIN("date", "hour", "t, ?location", hour);
FLUXI_BUILTIN("date", "weekDay", "t, ?location", weekDay);
FLUXI_BUILTIN("date", "monthDay", "t, ?location", monthDay);
FLUXI_BUILTIN("date", "yearDay", "t, ?location", yearDay);
FLUXI_BUILTIN("date", "week", "t, ?location", week);
FLUXI_BUILTIN("date", "month", "t, ?location", month);
FLUXI_BUILTIN("date", "quarter", "t, ?location", quarter);
FLUXI_BUILTIN("date", "year", "t, ?location", year);

}  // namespace fluxi
