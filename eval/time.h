// Time arithmetic for Flux: RFC3339 parsing and printing, duration literals, calendar-aware addition of
// durations (months first, rolled back to the month end, then days, then the rest), truncation to a
// window boundary, and time-zone locations (IANA names from the OS database, or fixed offsets).
//
// Times are int64 nanoseconds since 1970-01-01T00:00:00Z, so they span 1677-09-21 to 2262-04-11;
// every operation that would leave that range throws TimeError instead of wrapping.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "eval/value.h"

namespace date {
class time_zone;
}

namespace fluxi {

// A bad time text, an unknown zone, or a result out of the representable range. The message says
// what was wrong and what was expected; callers add the position (ctx.fail(e.what())).
class TimeError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

constexpr int64_t kNanosPerMicro = 1000;
constexpr int64_t kNanosPerMilli = 1000 * kNanosPerMicro;
constexpr int64_t kNanosPerSecond = 1000 * kNanosPerMilli;
constexpr int64_t kNanosPerMinute = 60 * kNanosPerSecond;
constexpr int64_t kNanosPerHour = 60 * kNanosPerMinute;
constexpr int64_t kNanosPerDay = 24 * kNanosPerHour;
constexpr int64_t kNanosPerWeek = 7 * kNanosPerDay;

// ---------------------------------------------------------------------------------------------
// Text

// Parses an RFC3339 / RFC3339Nano time ("2020-01-01T00:00:00Z", "2020-01-01T00:00:00.5+01:00", up to
// nine fraction digits -- more are truncated) or a date alone ("2020-01-01", midnight UTC). A time of
// day without an offset is an error unless `allowMissingOffset` (then it is read as UTC). Throws
// TimeError naming the text and what was expected.
int64_t parseTime(std::string_view text, bool allowMissingOffset = false);
// Same, without throwing: false (and the reason in *error when given) on bad text.
bool tryParseTime(std::string_view text, int64_t& out, std::string* error = nullptr,
                  bool allowMissingOffset = false);

// "2020-01-01T00:00:00Z", "2020-01-01T00:00:00.5Z": the fraction with trailing zeros trimmed (Flux
// literal form, used by formatValue).
std::string formatTime(int64_t nanos);
// "2020-01-01T00:00:00.000000000Z": always nine fraction digits (what string(), string
// interpolation and display() print).
std::string formatTimeFixed(int64_t nanos);

// A duration as a Flux literal: "1h30m", "1mo2d", "1y2mo", "-5m", "1w3d"; zero prints as "0ns".
// Units: y, mo, w, d, h, m, s, ms, us, ns (largest first, each at most once).
std::string formatDuration(Duration d);
// Parses a duration literal ("1h30m", "-1mo2d", "5µs"). Units must go from larger to smaller, each
// at most once. Throws TimeError on bad text or overflow.
Duration parseDuration(std::string_view text);

// ---------------------------------------------------------------------------------------------
// Locations

// Where calendar arithmetic happens: a zone (an IANA name such as "America/New_York" read from the
// OS time-zone database /usr/share/zoneinfo, or "UTC") plus an extra fixed offset. This is Flux's
// location record {zone: string, offset: duration}: timezone.utc, timezone.fixed(offset: -8h),
// timezone.location(name: "Europe/Paris").
//
// A Location caches the zone rule in effect around the last instant it looked up, so it is cheap in
// per-row loops; that makes it unsafe to share between threads (copy it instead).
class Location {
public:
    Location() = default;  // UTC
    static Location utc() { return Location(); }
    // UTC shifted by `offsetNanos` (east positive): fixed(-8h) is 8 hours behind UTC.
    static Location fixed(int64_t offsetNanos);
    // The IANA zone `name` ("UTC" or "" mean UTC), plus `offsetNanos`. Throws TimeError for an
    // unknown name.
    static Location named(std::string_view name, int64_t offsetNanos = 0);

    const std::string& zone() const { return zone_; }
    int64_t extraOffset() const { return offset_; }
    // True when local clocks equal UTC clocks at every instant.
    bool isUtc() const { return tz_ == nullptr && offset_ == 0; }
    // True when the offset never changes (UTC or a fixed offset).
    bool isFixed() const { return tz_ == nullptr; }

    // The total offset from UTC in effect at instant `t` (zone offset + extra offset), in ns.
    int64_t offsetAt(int64_t t) const;
    // The local wall clock at instant `t`, expressed as if it were a UTC time.
    int64_t toLocalClock(int64_t t) const;

    // How to pick an instant for a local clock reading that happens twice (clocks turned back) --
    // a reading that never happens (clocks turned forward) always maps to the instant it would be
    // with the offset from before the change, i.e. it is moved forward by the gap.
    enum class Ambiguity { Earliest, Latest };
    // The instant whose local wall clock reads `local`.
    int64_t fromLocalClock(int64_t local, Ambiguity pick = Ambiguity::Earliest) const;
    // The instants (one or two) whose local wall clock reads `local`; returns how many (0 means the
    // reading falls in a gap, and out[0] is then the instant fromLocalClock gives).
    int instantsForLocalClock(int64_t local, int64_t out[2]) const;

private:
    void lookup(int64_t seconds) const;  // fills the cache for the zone rule in effect at `seconds`
    std::string zone_ = "UTC";
    int64_t offset_ = 0;
    const date::time_zone* tz_ = nullptr;
    // cache of the rule in effect over [cacheBegin_, cacheEnd_) (seconds since the epoch)
    mutable int64_t cacheBegin_ = 1, cacheEnd_ = 0, cacheOffset_ = 0;
};

// Reads a Flux location record {zone: string, offset: duration} (the `location` option and the
// `location` parameters of the date functions). Throws TimeError when it is not such a record, the
// zone is unknown, or the offset has months.
Location locationFromValue(const Value& v);
// The record for a location: {zone: "...", offset: ...}.
Value locationToValue(const Location& loc);

// ---------------------------------------------------------------------------------------------
// Arithmetic

// t + d the Flux way: months first (on the calendar; a day past the end of the new month is rolled
// back to its last day: 2020-01-31 + 1mo = 2020-02-29), then the nanoseconds. Without a location
// (or in UTC / a fixed offset) the nanoseconds are plain elapsed time. In a named zone the months
// and the whole days of the duration are applied on the local calendar (2022-11-06T00:00 local + 1d
// is the next local midnight, 25 hours later across a DST change) and the part below a day is
// elapsed time. Throws TimeError when the result is out of range.
int64_t addDuration(int64_t t, Duration d);
int64_t addDuration(int64_t t, Duration d, const Location& loc);
// d * n, each part multiplied; throws TimeError on overflow.
Duration scaleDuration(Duration d, int64_t n);
// a + b and a - b part by part; throw TimeError on overflow.
Duration addDurations(Duration a, Duration b);
Duration subDurations(Duration a, Duration b);

// The start of the window that contains t, for windows of length `every` laid end to end from the
// epoch shifted by `offset`, on the local clock of `loc`. `every` must be positive and either whole
// months (1mo, 3mo, 1y) or without months (1d, 15m); month windows start on the same day and time of
// month as the shifted epoch. truncateTime(2019-06-03T13:59:01Z, 1d) = 2019-06-03T00:00:00Z; in
// Europe/Madrid, 2019-06-02T22:00:00Z. Throws TimeError for a bad `every` or an out-of-range result.
int64_t truncateTime(int64_t t, Duration every, const Location& loc = Location(), Duration offset = {});
// Checks `every` the way truncateTime does; returns an error message or "" when usable.
std::string checkWindowEvery(Duration every);

// ---------------------------------------------------------------------------------------------
// Calendar fields

struct CivilTime {
    int64_t year = 1970;
    int month = 1;    // 1..12
    int day = 1;      // 1..31
    int hour = 0, minute = 0, second = 0;
    int64_t nanosecond = 0;  // 0..999999999
    int weekday = 4;  // 0 = Sunday .. 6 = Saturday
    int yearDay = 1;  // 1..366
    int isoWeek = 1;  // ISO 8601 week number, 1..53
};
// The fields of instant t on the local clock of loc.
CivilTime civilTime(int64_t t, const Location& loc = Location());
// Nanoseconds since the epoch of a UTC calendar date and time; throws TimeError when a field is out
// of range or the result does not fit.
int64_t timeFromCivil(int64_t year, int month, int day, int hour = 0, int minute = 0, int second = 0,
                      int64_t nanosecond = 0);

}  // namespace fluxi
