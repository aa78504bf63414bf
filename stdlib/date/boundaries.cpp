// Packages date/boundaries and experimental/date/boundaries (the same functions): {start, stop}
// records of calendar periods around now(), in the `location` option's time zone.
//   yesterday()                          the day before today
//   monday() .. sunday()                 the most recent such day before today (a week ago when
//                                        today is that day)
//   week(start_sunday=false, week_offset=0)   the current week (Monday or Sunday first), shifted
//   month(month_offset=0)                the current month, shifted
#include "eval/builtin.h"

namespace fluxi {

namespace {
constexpr const char* kBoundariesSource = R"flux(
import "date"

yesterday = () => {
    t = today()
    return {start: date.sub(d: 1d, from: t), stop: t}
}

// The most recent `day` (0 = Sunday) strictly before today: 1 to 7 days back.
_previousWeekday = (day) => {
    t = today()
    back = (date.weekDay(t: t) - day + 6) % 7 + 1
    start = date.sub(d: date.scale(d: 1d, n: back), from: t)
    return {start: start, stop: date.add(d: 1d, to: start)}
}

monday = () => _previousWeekday(day: date.Monday)
tuesday = () => _previousWeekday(day: date.Tuesday)
wednesday = () => _previousWeekday(day: date.Wednesday)
thursday = () => _previousWeekday(day: date.Thursday)
friday = () => _previousWeekday(day: date.Friday)
saturday = () => _previousWeekday(day: date.Saturday)
sunday = () => _previousWeekday(day: date.Sunday)

week = (start_sunday=false, week_offset=0) => {
    first = if start_sunday then date.Sunday else date.Monday
    t = today()
    back = (date.weekDay(t: t) - first + 7) % 7
    thisWeek = date.sub(d: date.scale(d: 1d, n: back), from: t)
    start = date.add(d: date.scale(d: 1w, n: week_offset), to: thisWeek)
    return {start: start, stop: date.add(d: 1w, to: start)}
}

month = (month_offset=0) => {
    thisMonth = date.truncate(t: now(), unit: 1mo)
    start = date.add(d: date.scale(d: 1mo, n: month_offset), to: thisMonth)
    return {start: start, stop: date.add(d: 1mo, to: start)}
}
)flux";
}  // namespace

FLUXI_FLUX_SOURCE("date/boundaries", kBoundariesSource);
FLUXI_FLUX_SOURCE("experimental/date/boundaries", kBoundariesSource);

}  // namespace fluxi
