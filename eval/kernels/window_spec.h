// Window boundaries for window() and aggregateWindow(). Window k starts at zero + k*every and lasts
// `period` (a negative period ends the window at zero + k*every instead), where zero is the Unix
// epoch shifted by `offset`. The arithmetic runs on the local clock of the window's location, so
// `every: 1d` windows start at local midnight and `every: 1mo` windows on the first of the month;
// months come from eval/time.h (addDuration). Also: the query bounds a table's windows are clipped
// to, and the scan that walks the windows of a sorted time column in order.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "eval/stream.h"
#include "eval/limits.h"
#include "eval/table.h"
#include "eval/time.h"
#include "eval/value.h"

namespace fluxi::agg {

// [start, stop)
struct Window {
    int64_t start;
    int64_t stop;
};

class WindowSpec {
public:
    // `period` zero means "same as every". Returns an error message ("" when valid): every must be
    // positive and not mix months with smaller units.
    static std::string check(Duration every, Duration period);
    WindowSpec(Duration every, Duration period, Duration offset, Location loc);

    // every: inf (a single window covering the bounds).
    bool infinite() const { return infinite_; }
    // True when window k+1 is window k shifted by every (no months, UTC or a fixed offset).
    bool linear() const { return linear_; }
    int64_t everyNanos() const { return every_.nanos; }
    // Linear windows that tile time (period equal to every): window k is [zero + k*every, zero +
    // (k+1)*every) with zero = zeroNanos().
    bool tumbling() const { return linear_ && !infinite_ && period_.nanos == every_.nanos && every_.nanos > 0; }
    int64_t zeroNanos() const { return zeroInstant_; }

    // Window k, not clipped. Throws TimeError when a calendar boundary leaves the time range.
    Window at(int64_t k) const;
    // Index of the first window whose stop is after t (the earliest window that may hold t).
    int64_t firstEndingAfter(int64_t t) const;

private:
    int64_t boundary(int64_t k) const;    // zero + k*every, as an instant
    int64_t lastBoundaryAtOrBefore(int64_t t) const;  // largest k with boundary(k) <= t

    Duration every_, period_;
    Location loc_;
    bool infinite_ = false;
    bool linear_ = false;   // no months anywhere and a fixed offset: plain integer arithmetic
    int64_t zeroLocal_ = 0; // epoch + offset on the local clock
    int64_t zeroInstant_ = 0;  // linear only: zero as an instant
};

// The window of a row at time t after clipping to the bounds, or an empty window.
inline Window clip(Window w, const TimeBounds& b) {
    return {std::max(w.start, b.start), std::min(w.stop, b.stop)};
}

// The bounds a table's windows are clipped to: the stream's query bounds when known, else the
// table's own _start/_stop group key values (what range() puts there) when both are time key
// columns. Returns false when neither is available.
bool tableBounds(const std::optional<TimeBounds>& streamBounds, const Table& t, TimeBounds& out);

// Walks, in time order, the windows holding rows of a sorted time array ts[0..n) -- and with
// createEmpty every window overlapping the bounds (or, for unbounded bounds, the span of the data)
// -- calling visit(Window clipped, size_t lo, size_t hi) where rows [lo, hi) of ts fall in the
// clipped window. Windows clipped to nothing are skipped. Gaps between rows are jumped over, so
// the cost is O(n + windows visited).
template <class Visit>
void scanWindows(const WindowSpec& spec, const int64_t* ts, size_t n, const TimeBounds& bounds, bool createEmpty,
                 Visit&& visit) {
    if (spec.infinite()) {
        // One window, the bounds themselves, holding every row (as Flux's every: inf does).
        if (n > 0 || createEmpty) visit(Window{bounds.start, bounds.stop}, size_t{0}, n);
        return;
    }
    bool unbounded = bounds.start == INT64_MIN && bounds.stop == INT64_MAX;
    if (n == 0 && (!createEmpty || unbounded)) return;
    // With createEmpty, enumerate windows from the bounds' start (or the first row) until the
    // bounds' stop (or past the last row).
    int64_t first = createEmpty && !unbounded ? bounds.start : std::max(ts[0], bounds.start);
    int64_t enumEnd = bounds.stop;
    if (createEmpty && unbounded) enumEnd = ts[n - 1] == INT64_MAX ? INT64_MAX : ts[n - 1] + 1;
    int64_t k = spec.firstEndingAfter(first);
    size_t lo = 0, hi = 0;
    const bool linear = spec.linear();
    const int64_t step = spec.everyNanos();
    Window w = spec.at(k);
    uint32_t sinceCheck = 0;
    for (;;) {
        if (++sinceCheck == limits::kRowsPerCheck) {
            sinceCheck = 0;
            limits::check("enumerating windows");  // every: 1ns with createEmpty over years
        }
        if (w.start >= bounds.stop) break;
        if (createEmpty) {
            if (w.start >= enumEnd) break;
        } else {
            if (lo >= n) break;
            if (w.stop <= ts[lo]) {
                // An empty stretch: jump to the first window that can hold the next row.
                int64_t next = spec.firstEndingAfter(ts[lo]);
                k = next > k ? next : k + 1;
                w = spec.at(k);
                continue;
            }
        }
        Window c = clip(w, bounds);
        if (c.start < c.stop) {
            while (lo < n && ts[lo] < c.start) lo++;
            if (hi < lo) hi = lo;
            while (hi < n && ts[hi] < c.stop) hi++;
            if (hi > lo || createEmpty) visit(c, lo, hi);
        }
        k++;
        if (linear && w.start <= INT64_MAX - step && w.stop <= INT64_MAX - step)
            w = Window{w.start + step, w.stop + step};  // the next window, without recomputing
        else
            w = spec.at(k);
    }
}

}  // namespace fluxi::agg
