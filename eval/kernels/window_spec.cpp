// Window boundary arithmetic (see window_spec.h). Without months and in UTC or a fixed offset every
// boundary is zero + k*every in plain integers; otherwise boundaries are computed on the local
// clock with eval/time.h's calendar addition and converted back to instants.
#include "eval/kernels/window_spec.h"

#include <climits>
#include <tuple>

namespace fluxi::agg {

namespace {

int64_t floorDiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

int64_t saturate(__int128 v) {
    if (v > INT64_MAX) return INT64_MAX;
    if (v < INT64_MIN) return INT64_MIN;
    return static_cast<int64_t>(v);
}

// Months since 1970-01 of a local clock reading, minus one when its day and time of month come
// before those of `zero` (then, counted in whole months from zero, it is still in the month before).
int64_t monthsFrom(int64_t local, const CivilTime& zero) {
    CivilTime c = civilTime(local);
    int64_t months = (c.year - 1970) * 12 + (c.month - 1);
    auto key = [](const CivilTime& x) {
        return std::tuple(x.day, x.hour, x.minute, x.second, x.nanosecond);
    };
    if (key(c) < key(zero)) months--;
    return months;
}

}  // namespace

std::string WindowSpec::check(Duration every, Duration period) {
    if (every.nanos == INT64_MAX && every.months == 0) return "";  // inf
    if (every.isZero()) return "every must be nonzero";
    if (every.isNegative()) return "every must be positive";
    if (every.months != 0 && every.nanos != 0)
        return "every cannot mix calendar months with smaller units (got " + formatDuration(every) + ")";
    if (period.months != 0 && period.nanos != 0 && (period.months < 0) != (period.nanos < 0))
        return "period cannot mix positive and negative parts (got " + formatDuration(period) + ")";
    return "";
}

WindowSpec::WindowSpec(Duration every, Duration period, Duration offset, Location loc)
    : every_(every), period_(period.isZero() ? every : period), loc_(std::move(loc)) {
    infinite_ = every.nanos == INT64_MAX && every.months == 0;
    if (infinite_) return;
    zeroLocal_ = addDuration(0, offset);
    linear_ = every_.months == 0 && period_.months == 0 && loc_.isFixed();
    if (linear_) zeroInstant_ = loc_.fromLocalClock(zeroLocal_);
}

int64_t WindowSpec::boundary(int64_t k) const {
    if (linear_) return saturate(static_cast<__int128>(zeroInstant_) + static_cast<__int128>(k) * every_.nanos);
    int64_t local = addDuration(zeroLocal_, scaleDuration(every_, k));
    return loc_.isUtc() ? local : loc_.fromLocalClock(local);
}

Window WindowSpec::at(int64_t k) const {
    int64_t b = boundary(k);
    if (linear_) {
        int64_t other = saturate(static_cast<__int128>(b) + period_.nanos);
        return period_.nanos < 0 ? Window{other, b} : Window{b, other};
    }
    // Calendar periods are added on the local clock, like every.
    int64_t local = loc_.isUtc() ? b : loc_.toLocalClock(b);
    int64_t otherLocal = addDuration(local, period_);
    int64_t other = loc_.isUtc() ? otherLocal : loc_.fromLocalClock(otherLocal);
    return period_.isNegative() ? Window{other, b} : Window{b, other};
}

int64_t WindowSpec::lastBoundaryAtOrBefore(int64_t t) const {
    int64_t k;
    if (linear_) {
        k = floorDiv(saturate(static_cast<__int128>(t) - zeroInstant_), every_.nanos);
        return k;
    }
    int64_t local = loc_.isUtc() ? t : loc_.toLocalClock(t);
    if (every_.months == 0) {
        k = floorDiv(saturate(static_cast<__int128>(local) - zeroLocal_), every_.nanos);
    } else {
        k = floorDiv(monthsFrom(local, civilTime(zeroLocal_)), every_.months);
    }
    // The estimate can be off by one around month ends (rolled-back days) and clock changes.
    while (boundary(k) > t) k--;
    while (boundary(k + 1) <= t) k++;
    return k;
}

int64_t WindowSpec::firstEndingAfter(int64_t t) const {
    if (linear_) {
        // stop(k) = zero + k*every + max(period, 0) > t
        int64_t shift = period_.nanos > 0 ? period_.nanos : 0;
        __int128 d = static_cast<__int128>(t) - zeroInstant_ - shift;
        return floorDiv(saturate(d), every_.nanos) + 1;
    }
    // Stops grow with k: start at the last window beginning at or before t and walk back while
    // the previous window still ends after t, then forward while this one does not.
    int64_t k = lastBoundaryAtOrBefore(t);
    if (period_.isNegative()) k++;  // window k ends at boundary(k)
    while (at(k).stop <= t) k++;
    while (at(k - 1).stop > t) k--;
    return k;
}

bool tableBounds(const std::optional<TimeBounds>& streamBounds, const Table& t, TimeBounds& out) {
    if (streamBounds) {
        out = *streamBounds;
        return true;
    }
    int s = t.key.indexOf("_start"), e = t.key.indexOf("_stop");
    if (s < 0 || e < 0) return false;
    const Value& sv = t.key.values[s];
    const Value& ev = t.key.values[e];
    if (!sv.is(Kind::Time) || !ev.is(Kind::Time)) return false;
    out = {sv.asTime(), ev.asTime()};
    return true;
}

}  // namespace fluxi::agg
