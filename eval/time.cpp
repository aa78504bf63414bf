// Time arithmetic for Flux (see eval/time.h): RFC3339 text, duration literals, calendar-aware
// addition and truncation, and locations backed by Howard Hinnant's date/tz library reading the OS
// time-zone database.
#include "eval/time.h"

#include <date/date.h>
#include <date/iso_week.h>
#include <date/tz.h>

#include <algorithm>
#include <cstdio>
#include <limits>

namespace fluxi {

namespace {

using Int128 = __int128;

constexpr int64_t kMinTime = std::numeric_limits<int64_t>::min();
constexpr int64_t kMaxTime = std::numeric_limits<int64_t>::max();

int64_t floorDiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}
// The remainder of floorDiv, in [0, b) for b > 0. Computed without `a - floorDiv(a, b) * b`, whose
// product overflows for times near the ends of the int64 range.
int64_t floorMod(int64_t a, int64_t b) {
    int64_t r = a % b;
    return r < 0 ? r + b : r;
}
Int128 floorDiv128(Int128 a, Int128 b) {
    Int128 q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

[[noreturn]] void outOfRange(const char* what) {
    throw TimeError(std::string(what) +
                    ": the result is outside the representable times "
                    "1677-09-21T00:12:43.145224192Z .. 2262-04-11T23:47:16.854775807Z");
}

int64_t fitTime(Int128 v, const char* what) {
    if (v < kMinTime || v > kMaxTime) outOfRange(what);
    return static_cast<int64_t>(v);
}

int64_t checkedAdd(int64_t a, int64_t b, const char* what) {
    int64_t r;
    if (__builtin_add_overflow(a, b, &r)) outOfRange(what);
    return r;
}

// Split ns since the epoch into whole days (floored) and the ns into that day.
void splitDays(int64_t t, int64_t& days, int64_t& nanosOfDay) {
    days = floorDiv(t, kNanosPerDay);
    nanosOfDay = floorMod(t, kNanosPerDay);
}

date::year_month_day ymdFromDays(int64_t days) {
    return date::year_month_day{date::sys_days{date::days{static_cast<int>(days)}}};
}

// Days since the epoch of a valid calendar date.
int64_t daysFromYmd(int64_t y, unsigned m, unsigned d) {
    return date::sys_days{date::year{static_cast<int>(y)} / date::month{m} / date::day{d}}
        .time_since_epoch()
        .count();
}

unsigned lastDayOfMonth(int64_t y, unsigned m) {
    return static_cast<unsigned>(
        date::year_month_day_last{date::year{static_cast<int>(y)}, date::month_day_last{date::month{m}}}
            .day());
}

// Adds whole months on the UTC calendar of `t` (the clock reading is kept; the day is rolled back
// to the last day of the new month when needed).
int64_t addMonths(int64_t t, int64_t months) {
    if (months == 0) return t;
    int64_t days, nod;
    splitDays(t, days, nod);
    auto ymd = ymdFromDays(days);
    int64_t y = static_cast<int>(ymd.year());
    int64_t m0 = static_cast<unsigned>(ymd.month()) - 1;
    unsigned d = static_cast<unsigned>(ymd.day());
    // Representable times lie within years 1677..2262; anything further is out of range anyway.
    if (months > 12 * 1000 || months < -12 * 1000) outOfRange("adding months to a time");
    int64_t total = y * 12 + m0 + months;
    int64_t ny = floorDiv(total, 12);
    unsigned nm = static_cast<unsigned>(total - ny * 12) + 1;
    d = std::min(d, lastDayOfMonth(ny, nm));
    Int128 r = static_cast<Int128>(daysFromYmd(ny, nm, d)) * kNanosPerDay + nod;
    return fitTime(r, "adding months to a time");
}

// Months since 1970-01 of the UTC calendar date of t.
int64_t monthsSinceEpoch(int64_t t) {
    int64_t days, nod;
    splitDays(t, days, nod);
    auto ymd = ymdFromDays(days);
    return (static_cast<int64_t>(static_cast<int>(ymd.year())) - 1970) * 12 +
           (static_cast<unsigned>(ymd.month()) - 1);
}

// Whether a's day-of-month and time of day come before b's (years and months ignored).
bool isBeforeWithinMonth(int64_t a, int64_t b) {
    int64_t da, na, db, nb;
    splitDays(a, da, na);
    splitDays(b, db, nb);
    unsigned dayA = static_cast<unsigned>(ymdFromDays(da).day());
    unsigned dayB = static_cast<unsigned>(ymdFromDays(db).day());
    if (dayA != dayB) return dayA < dayB;
    return na < nb;
}

// ---- parsing helpers ----
struct Cursor {
    std::string_view s;
    size_t i = 0;
    bool end() const { return i >= s.size(); }
    char peek() const { return end() ? '\0' : s[i]; }
    // Reads exactly n digits.
    bool digits(int n, int64_t& out) {
        if (i + n > s.size()) return false;
        int64_t v = 0;
        for (int k = 0; k < n; k++) {
            char c = s[i + k];
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
        }
        out = v;
        i += n;
        return true;
    }
    bool lit(char c) {
        if (peek() != c) return false;
        i++;
        return true;
    }
};

std::string formatTimeImpl(int64_t t, bool fixedFraction) {
    int64_t secs = floorDiv(t, kNanosPerSecond);
    int64_t frac = floorMod(t, kNanosPerSecond);
    int64_t days = floorDiv(secs, 86400);
    int64_t sod = floorMod(secs, 86400);
    auto ymd = ymdFromDays(days);
    char buf[48];
    int n = std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d", static_cast<int>(ymd.year()),
                          static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                          static_cast<int>(sod / 3600), static_cast<int>(sod / 60 % 60),
                          static_cast<int>(sod % 60));
    std::string out(buf, static_cast<size_t>(n));
    if (fixedFraction || frac != 0) {
        char f[16];
        std::snprintf(f, sizeof f, ".%09lld", static_cast<long long>(frac));
        std::string fs(f);
        if (!fixedFraction) {
            while (fs.back() == '0') fs.pop_back();
        }
        out += fs;
    }
    out.push_back('Z');
    return out;
}

// Writes the units of a non-negative duration (months and nanos magnitudes) in Flux literal form.
void appendDurationParts(std::string& out, uint64_t months, uint64_t nanos) {
    auto part = [&](uint64_t v, const char* unit) {
        if (v == 0) return;
        out += std::to_string(v);
        out += unit;
    };
    part(months / 12, "y");
    part(months % 12, "mo");
    uint64_t ns = nanos % 1000;
    nanos /= 1000;
    uint64_t us = nanos % 1000;
    nanos /= 1000;
    uint64_t ms = nanos % 1000;
    nanos /= 1000;
    uint64_t s = nanos % 60;
    nanos /= 60;
    uint64_t m = nanos % 60;
    nanos /= 60;
    uint64_t h = nanos % 24;
    nanos /= 24;
    uint64_t d = nanos % 7;
    uint64_t w = nanos / 7;
    part(w, "w");
    part(d, "d");
    part(h, "h");
    part(m, "m");
    part(s, "s");
    part(ms, "ms");
    part(us, "us");
    part(ns, "ns");
}

uint64_t magnitude(int64_t v) { return v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v); }

}  // namespace

// ---------------------------------------------------------------------------------------------
// Text

bool tryParseTime(std::string_view text, int64_t& out, std::string* error, bool allowMissingOffset) {
    auto fail = [&](const std::string& why) {
        if (error) *error = "invalid time \"" + std::string(text) + "\": " + why;
        return false;
    };
    Cursor c{text};
    int64_t year, month, day;
    if (!c.digits(4, year)) return fail("expected a four-digit year at the start (YYYY-MM-DD)");
    if (!c.lit('-') || !c.digits(2, month)) return fail("expected -MM after the year (YYYY-MM-DD)");
    if (!c.lit('-') || !c.digits(2, day)) return fail("expected -DD after the month (YYYY-MM-DD)");
    if (month < 1 || month > 12) return fail("month must be between 01 and 12");
    if (day < 1 || day > static_cast<int64_t>(lastDayOfMonth(year, static_cast<unsigned>(month))))
        return fail("day " + std::to_string(day) + " does not exist in that month");
    int64_t hour = 0, minute = 0, second = 0, frac = 0, offset = 0;
    if (!c.end()) {
        if (!c.lit('T') && !c.lit('t')) return fail("expected 'T' between the date and the time of day");
        if (!c.digits(2, hour) || !c.lit(':') || !c.digits(2, minute) || !c.lit(':') || !c.digits(2, second))
            return fail("expected the time of day as hh:mm:ss after 'T'");
        if (hour > 23) return fail("hour must be between 00 and 23");
        if (minute > 59) return fail("minute must be between 00 and 59");
        if (second > 59) return fail("second must be between 00 and 59");
        if (c.lit('.')) {
            int n = 0;
            int64_t scale = kNanosPerSecond;
            while (!c.end() && c.peek() >= '0' && c.peek() <= '9') {
                if (n < 9) {
                    scale /= 10;
                    frac += (c.peek() - '0') * scale;
                }
                n++;
                c.i++;
            }
            if (n == 0) return fail("expected digits after the decimal point of the seconds");
        }
        if (c.end()) {
            if (!allowMissingOffset) return fail("expected a time zone offset (Z or +hh:mm) after the seconds");
        } else if (c.lit('Z') || c.lit('z')) {
        } else if (c.peek() == '+' || c.peek() == '-') {
            bool neg = c.peek() == '-';
            c.i++;
            int64_t oh, om;
            if (!c.digits(2, oh) || !c.lit(':') || !c.digits(2, om))
                return fail("expected the offset as +hh:mm or -hh:mm");
            if (oh > 23 || om > 59) return fail("offset must be at most 23:59");
            offset = (oh * 60 + om) * kNanosPerMinute;
            if (neg) offset = -offset;
        } else {
            return fail("expected a time zone offset (Z or +hh:mm) after the seconds");
        }
    }
    if (!c.end()) return fail("unexpected text after the time");
    Int128 v = static_cast<Int128>(daysFromYmd(year, static_cast<unsigned>(month), static_cast<unsigned>(day))) *
                   kNanosPerDay +
               static_cast<Int128>(hour) * kNanosPerHour + minute * kNanosPerMinute + second * kNanosPerSecond +
               frac - offset;
    if (v < kMinTime || v > kMaxTime)
        return fail("outside the representable times 1677-09-21T00:12:43.145224192Z .. "
                    "2262-04-11T23:47:16.854775807Z");
    out = static_cast<int64_t>(v);
    return true;
}

int64_t parseTime(std::string_view text, bool allowMissingOffset) {
    int64_t out = 0;
    std::string err;
    if (!tryParseTime(text, out, &err, allowMissingOffset)) throw TimeError(err);
    return out;
}

std::string formatTime(int64_t nanos) { return formatTimeImpl(nanos, false); }
std::string formatTimeFixed(int64_t nanos) { return formatTimeImpl(nanos, true); }

std::string formatDuration(Duration d) {
    if (d.isZero()) return "0ns";
    std::string out;
    if (d.months <= 0 && d.nanos <= 0) {
        out.push_back('-');
        appendDurationParts(out, magnitude(d.months), magnitude(d.nanos));
        return out;
    }
    if (d.months >= 0 && d.nanos >= 0) {
        appendDurationParts(out, magnitude(d.months), magnitude(d.nanos));
        return out;
    }
    // Mixed signs (e.g. 1mo - 1d): each part with its own sign.
    if (d.months < 0) out.push_back('-');
    appendDurationParts(out, magnitude(d.months), 0);
    if (d.nanos < 0) out.push_back('-');
    appendDurationParts(out, 0, magnitude(d.nanos));
    return out;
}

Duration parseDuration(std::string_view text) {
    auto fail = [&](const std::string& why) -> TimeError {
        return TimeError("invalid duration \"" + std::string(text) + "\": " + why);
    };
    size_t i = 0;
    bool neg = false;
    if (i < text.size() && text[i] == '-') {
        neg = true;
        i++;
    }
    if (i >= text.size()) throw fail("expected a number followed by a unit (y, mo, w, d, h, m, s, ms, us, ns)");
    struct Unit {
        std::string_view name;
        int rank;
        int64_t months;
        int64_t nanos;
    };
    static const Unit units[] = {
        {"mo", 9, 1, 0},
        {"ms", 3, 0, kNanosPerMilli},
        {"us", 2, 0, kNanosPerMicro},
        {"\xC2\xB5s", 2, 0, kNanosPerMicro},  // µs
        {"ns", 1, 0, 1},
        {"y", 10, 12, 0},
        {"w", 8, 0, kNanosPerWeek},
        {"d", 7, 0, kNanosPerDay},
        {"h", 6, 0, kNanosPerHour},
        {"m", 5, 0, kNanosPerMinute},
        {"s", 4, 0, kNanosPerSecond},
    };
    int lastRank = 100;
    int64_t months = 0, nanos = 0;
    while (i < text.size()) {
        size_t start = i;
        int64_t mag = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (__builtin_mul_overflow(mag, 10, &mag) || __builtin_add_overflow(mag, text[i] - '0', &mag))
                throw fail("magnitude too large");
            i++;
        }
        if (i == start) throw fail("expected a number at offset " + std::to_string(start));
        const Unit* u = nullptr;
        for (const Unit& cand : units) {
            if (text.substr(i, cand.name.size()) == cand.name) {
                u = &cand;
                break;
            }
        }
        if (!u) throw fail("expected a unit (y, mo, w, d, h, m, s, ms, us, ns) at offset " + std::to_string(i));
        if (u->rank >= lastRank) throw fail("units must go from larger to smaller, each at most once");
        lastRank = u->rank;
        i += u->name.size();
        int64_t part;
        if (u->months) {
            if (__builtin_mul_overflow(mag, u->months, &part) || __builtin_add_overflow(months, part, &months))
                throw fail("too large");
        } else {
            if (__builtin_mul_overflow(mag, u->nanos, &part) || __builtin_add_overflow(nanos, part, &nanos))
                throw fail("too large");
        }
    }
    Duration d{months, nanos};
    return neg ? d.negated() : d;
}

// ---------------------------------------------------------------------------------------------
// Locations

Location Location::fixed(int64_t offsetNanos) {
    Location l;
    l.offset_ = offsetNanos;
    return l;
}

Location Location::named(std::string_view name, int64_t offsetNanos) {
    Location l;
    l.offset_ = offsetNanos;
    if (name.empty() || name == "UTC") return l;
    try {
        l.tz_ = date::locate_zone(name);
    } catch (const std::exception&) {
        throw TimeError("unknown time zone \"" + std::string(name) +
                        "\": not found in the time-zone database (/usr/share/zoneinfo)");
    }
    l.zone_ = std::string(name);
    return l;
}

void Location::lookup(int64_t seconds) const {
    auto info = tz_->get_info(date::sys_seconds{std::chrono::seconds{seconds}});
    cacheBegin_ = info.begin.time_since_epoch().count();
    cacheEnd_ = info.end.time_since_epoch().count();
    cacheOffset_ = info.offset.count();
}

int64_t Location::offsetAt(int64_t t) const {
    if (!tz_) return offset_;
    int64_t s = floorDiv(t, kNanosPerSecond);
    if (!(cacheBegin_ <= s && s < cacheEnd_)) lookup(s);
    return cacheOffset_ * kNanosPerSecond + offset_;
}

int64_t Location::toLocalClock(int64_t t) const {
    if (isUtc()) return t;
    return checkedAdd(t, offsetAt(t), "converting a time to local time");
}

int Location::instantsForLocalClock(int64_t local, int64_t out[2]) const {
    if (!tz_) {
        out[0] = fitTime(static_cast<Int128>(local) - offset_, "converting a local time to UTC");
        return 1;
    }
    Int128 zoneLocal = static_cast<Int128>(local) - offset_;
    int64_t zl = fitTime(zoneLocal, "converting a local time to UTC");
    int64_t secs = floorDiv(zl, kNanosPerSecond);
    int64_t frac = floorMod(zl, kNanosPerSecond);
    // Fast path: with the cached rule, the instant lands well inside that rule's span (two days from
    // either edge, more than any offset change), so it is the only one.
    if (cacheBegin_ <= cacheEnd_) {
        int64_t guess = secs - cacheOffset_;
        if (guess - 2 * 86400 >= cacheBegin_ && guess + 2 * 86400 < cacheEnd_) {
            out[0] = fitTime(static_cast<Int128>(guess) * kNanosPerSecond + frac, "converting a local time to UTC");
            return 1;
        }
    }
    auto info = tz_->get_info(date::local_seconds{std::chrono::seconds{secs}});
    auto instant = [&](const date::sys_info& si) {
        return fitTime((static_cast<Int128>(secs) - si.offset.count()) * kNanosPerSecond + frac,
                       "converting a local time to UTC");
    };
    switch (info.result) {
        case date::local_info::unique:
            out[0] = instant(info.first);
            cacheBegin_ = info.first.begin.time_since_epoch().count();
            cacheEnd_ = info.first.end.time_since_epoch().count();
            cacheOffset_ = info.first.offset.count();
            return 1;
        case date::local_info::ambiguous:
            out[0] = instant(info.first);
            out[1] = instant(info.second);
            if (out[0] > out[1]) std::swap(out[0], out[1]);
            return 2;
        case date::local_info::nonexistent:
        default:
            out[0] = instant(info.first);
            return 0;
    }
}

int64_t Location::fromLocalClock(int64_t local, Ambiguity pick) const {
    if (isUtc()) return local;
    int64_t out[2];
    int n = instantsForLocalClock(local, out);
    if (n == 2 && pick == Ambiguity::Latest) return out[1];
    return out[0];
}

Location locationFromValue(const Value& v) {
    if (!v.is(Kind::Record))
        throw TimeError(std::string("expected a location record {zone: string, offset: duration}, got ") +
                        kindName(v.kind()));
    const RecordObj& r = v.asRecord();
    std::string zone = "UTC";
    int64_t offset = 0;
    if (const Value* z = r.find("zone"); z && !z->isNull()) {
        if (!z->is(Kind::String))
            throw TimeError(std::string("location zone must be a string, got ") + kindName(z->kind()));
        zone = z->asString();
    }
    if (const Value* o = r.find("offset"); o && !o->isNull()) {
        if (!o->is(Kind::Duration))
            throw TimeError(std::string("location offset must be a duration, got ") + kindName(o->kind()));
        Duration d = o->asDuration();
        if (d.months != 0) throw TimeError("location offset must not contain months or years: " + formatDuration(d));
        offset = d.nanos;
    }
    return Location::named(zone, offset);
}

Value locationToValue(const Location& loc) {
    return makeRecord({{"zone", Value::string(loc.zone())}, {"offset", Value::duration({0, loc.extraOffset()})}});
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

int64_t addDuration(int64_t t, Duration d) {
    int64_t r = addMonths(t, d.months);
    return checkedAdd(r, d.nanos, "adding a duration to a time");
}

int64_t addDuration(int64_t t, Duration d, const Location& loc) {
    if (loc.isUtc()) return addDuration(t, d);
    int64_t days = d.nanos / kNanosPerDay;  // whole days go on the local calendar, the rest is elapsed
    int64_t rest = d.nanos - days * kNanosPerDay;
    if (d.months != 0 || days != 0) {
        int64_t local = loc.toLocalClock(t);
        local = addMonths(local, d.months);
        local = fitTime(static_cast<Int128>(local) + static_cast<Int128>(days) * kNanosPerDay,
                        "adding a duration to a time");
        t = loc.fromLocalClock(local, Location::Ambiguity::Earliest);
    }
    return checkedAdd(t, rest, "adding a duration to a time");
}

Duration scaleDuration(Duration d, int64_t n) {
    Duration r;
    if (__builtin_mul_overflow(d.months, n, &r.months) || __builtin_mul_overflow(d.nanos, n, &r.nanos))
        throw TimeError("duration overflow: " + formatDuration(d) + " * " + std::to_string(n) +
                        " does not fit in 64 bits");
    return r;
}

Duration addDurations(Duration a, Duration b) {
    Duration r;
    if (__builtin_add_overflow(a.months, b.months, &r.months) || __builtin_add_overflow(a.nanos, b.nanos, &r.nanos))
        throw TimeError("duration overflow: " + formatDuration(a) + " + " + formatDuration(b) +
                        " does not fit in 64 bits");
    return r;
}

Duration subDurations(Duration a, Duration b) {
    Duration r;
    if (__builtin_sub_overflow(a.months, b.months, &r.months) || __builtin_sub_overflow(a.nanos, b.nanos, &r.nanos))
        throw TimeError("duration overflow: " + formatDuration(a) + " - " + formatDuration(b) +
                        " does not fit in 64 bits");
    return r;
}

std::string checkWindowEvery(Duration every) {
    if (every.isZero()) return "duration used as an interval cannot be zero";
    if (every.months != 0 && every.nanos != 0)
        return "duration used as an interval cannot mix month and nanosecond units: " + formatDuration(every);
    if (every.isNegative()) return "duration used as an interval cannot be negative: " + formatDuration(every);
    return "";
}

int64_t truncateTime(int64_t t, Duration every, const Location& loc, Duration offset) {
    if (std::string err = checkWindowEvery(every); !err.empty()) throw TimeError(err);
    int64_t local = loc.toLocalClock(t);
    int64_t zero = addDuration(0, offset);
    int64_t start;
    if (every.months == 0) {
        Int128 n = every.nanos;
        Int128 k = floorDiv128(static_cast<Int128>(local) - zero, n);
        start = fitTime(static_cast<Int128>(zero) + k * n, "truncating a time");
    } else {
        int64_t target = monthsSinceEpoch(local);
        if (isBeforeWithinMonth(local, zero)) target--;
        int64_t idx = floorDiv(target - monthsSinceEpoch(zero), every.months);
        start = addMonths(zero, idx * every.months);
    }
    if (loc.isUtc()) return start;
    int64_t out[2];
    int n = loc.instantsForLocalClock(start, out);
    if (n == 2) return out[1] <= t ? out[1] : out[0];  // the later reading when t is past it
    return out[0];
}

// ---------------------------------------------------------------------------------------------
// Calendar fields

CivilTime civilTime(int64_t t, const Location& loc) {
    int64_t local = loc.toLocalClock(t);
    int64_t days, nod;
    splitDays(local, days, nod);
    date::sys_days sd{date::days{static_cast<int>(days)}};
    date::year_month_day ymd{sd};
    CivilTime c;
    c.year = static_cast<int>(ymd.year());
    c.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    c.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    c.hour = static_cast<int>(nod / kNanosPerHour);
    c.minute = static_cast<int>(nod / kNanosPerMinute % 60);
    c.second = static_cast<int>(nod / kNanosPerSecond % 60);
    c.nanosecond = nod % kNanosPerSecond;
    c.weekday = static_cast<int>(date::weekday{sd}.c_encoding());
    c.yearDay = static_cast<int>((sd - date::sys_days{ymd.year() / date::January / 1}).count()) + 1;
    c.isoWeek = static_cast<int>(static_cast<unsigned>(iso_week::year_weeknum_weekday{sd}.weeknum()));
    return c;
}

int64_t timeFromCivil(int64_t year, int month, int day, int hour, int minute, int second, int64_t nanosecond) {
    if (year < 1000 || year > 9999) throw TimeError("year " + std::to_string(year) + " is out of range");
    if (month < 1 || month > 12) throw TimeError("month " + std::to_string(month) + " must be between 1 and 12");
    if (day < 1 || day > static_cast<int>(lastDayOfMonth(year, static_cast<unsigned>(month))))
        throw TimeError("day " + std::to_string(day) + " does not exist in that month");
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || nanosecond < 0 ||
        nanosecond >= kNanosPerSecond)
        throw TimeError("time of day out of range");
    Int128 v = static_cast<Int128>(daysFromYmd(year, static_cast<unsigned>(month), static_cast<unsigned>(day))) *
                   kNanosPerDay +
               static_cast<Int128>(hour) * kNanosPerHour + minute * kNanosPerMinute + second * kNanosPerSecond +
               nanosecond;
    return fitTime(v, "building a time");
}

}  // namespace fluxi
