// The window() transformation as a C++ API, for window() itself and for aggregateWindow()'s
// general path (window |> fn |> duplicate |> window(every: inf)).
#pragma once

#include <memory>
#include <string>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/time.h"
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/window_spec.h"

namespace fluxi::agg {

struct WindowOptions {
    Duration every, period, offset;
    Location location;
    std::string timeColumn = "_time", startColumn = "_start", stopColumn = "_stop";
    bool createEmpty = false;
};

// every, period, offset and location as window() and aggregateWindow() read them: every defaults
// to period and period to every (one of them is required, unless everyRequired), location to the
// `location` option (UTC when unset). Fails with a message naming the argument.
void readWindowArgs(CallContext& ctx, const Args& args, const char* fn, WindowOptions& o);

// The bounds used for each table, for a later stage that needs one time range for the whole
// stream when the stream itself does not carry one.
struct BoundsRecorder {
    bool any = false, consistent = true;
    TimeBounds bounds;
    void note(const TimeBounds& b) {
        if (!any) {
            bounds = b;
            any = true;
        } else if (b.start != bounds.start || b.stop != bounds.stop) {
            consistent = false;
        }
    }
};

// window() over a stream: each table is split into one table per window (keyed by its group key
// plus startColumn/stopColumn), and tables of different inputs that fall into the same window
// are merged. Blocking: it reads its whole input first.
StreamRef windowStream(StreamRef in, const WindowOptions& o, const CallSite& site,
                       std::shared_ptr<BoundsRecorder> recorder = nullptr);

// Splits one table into its windows, adding them to `out`.
void windowTable(const Table& t, const WindowSpec& spec, const WindowOptions& o, const TimeBounds& bounds,
                 const CallSite& site, tableops::KeyedTableSet& out);

// aggregateWindow() with a builtin aggregate (fusedAggregateFor(fn)), as a stream source may take it
// over (PushdownSource::withWindowAggregate, eval/stream_pushdown.h).
struct WindowAggregate {
    WindowOptions window;  // createEmpty set
    std::string column, timeSrc, timeDst;
    FusedAggregate aggregate;
};

// aggregateWindow's fused path for a reducer over rows sorted by time: ts[0..n) the rows' times
// (ascending), `values` their aggregated column; windows clipped to `b`, one output row per window
// holding rows (and per empty window when createEmpty). The table has the group key `key`'s columns,
// then `column` and `timeDst` (the window's start when useStart, else its stop); null when there
// is no window at all.
TablePtr reduceSortedWindows(const WindowSpec& spec, bool createEmpty, bool useStart, const TimeBounds& b,
                             const int64_t* ts, size_t n, Reducer& reducer, const Column& values, const GroupKey& key,
                             const std::string& column, const std::string& timeDst, tableops::RepeatCache& cache);

// t with startCol/stopCol set to w (added at the end when missing) and part of the group key.
TablePtr withWindowColumns(const Table& t, const std::string& startCol, const std::string& stopCol, Window w,
                           const CallSite& site);

}  // namespace fluxi::agg
