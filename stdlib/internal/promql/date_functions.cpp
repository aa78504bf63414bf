// promql.promqlDayOfMonth/DayOfWeek/DaysInMonth/Hour/Minute/Month/Year(timestamp): a calendar field
// (UTC) of a time given as float seconds since the epoch, as a float -- PromQL's day_of_month(),
// day_of_week() (0 = Sunday), days_in_month(), hour(), minute(), month() and year().
#include <cmath>

#include "eval/time.h"
#include "stdlib/internal/promql/promql_tables.h"

namespace fluxi {
namespace {

// Float seconds -> int nanoseconds, truncating; values that do not fit (and NaN) become the most
// negative int, as the conversion does in the reference on x86-64.
int64_t nanosOf(double seconds) {
    double ns = seconds * 1e9;
    if (!(ns >= -9223372036854775808.0 && ns < 9223372036854775808.0)) return INT64_MIN;
    return static_cast<int64_t>(ns);
}

bool leapYear(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

template <class Field>
Value dateField(CallContext& ctx, const Args& args, Field field) {
    double ts = ctx.require(args, "timestamp", Kind::Float).asFloat();
    return Value::floating(static_cast<double>(field(civilTime(nanosOf(ts)))));
}

Value dayOfMonth(CallContext& ctx, const Args& args) {
    return dateField(ctx, args, [](const CivilTime& c) { return c.day; });
}
Value dayOfWeek(CallContext& ctx, const Args& args) {
    return dateField(ctx, args, [](const CivilTime& c) { return c.weekday; });
}
Value daysInMonth(CallContext& ctx, const Args& args) {
    return dateField(ctx, args, [](const CivilTime& c) {
        static const int lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        return c.month == 2 && leapYear(c.year) ? 29 : lengths[c.month - 1];
    });
}
Value hour(CallContext& ctx, const Args& args) {
    return dateField(ctx, args, [](const CivilTime& c) { return c.hour; });
}
Value minute(CallContext& ctx, const Args& args) {
    return dateField(ctx, args, [](const CivilTime& c) { return c.minute; });
}
Value month(CallContext& ctx, const Args& args) {
    return dateField(ctx, args, [](const CivilTime& c) { return c.month; });
}
Value year(CallContext& ctx, const Args& args) {
    return dateField(ctx, args, [](const CivilTime& c) { return c.year; });
}

}  // namespace

FLUXI_BUILTIN("internal/promql", "promqlDayOfMonth", "timestamp", dayOfMonth);
FLUXI_BUILTIN("internal/promql", "promqlDayOfWeek", "timestamp", dayOfWeek);
FLUXI_BUILTIN("internal/promql", "promqlDaysInMonth", "timestamp", daysInMonth);
FLUXI_BUILTIN("internal/promql", "promqlHour", "timestamp", hour);
FLUXI_BUILTIN("internal/promql", "promqlMinute", "timestamp", minute);
FLUXI_BUILTIN("internal/promql", "promqlMonth", "timestamp", month);
FLUXI_BUILTIN("internal/promql", "promqlYear", "timestamp", year);

}  // namespace fluxi
