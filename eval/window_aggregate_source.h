// A push-down capability a source stream may have besides StreamObj's hooks: computing
// aggregateWindow() itself (a remote server that aggregates by time windows, such as an InfluxQL
// server behind influxdb1.from). aggregateWindow() asks for it with dynamic_cast.
#pragma once

#include <cstdint>

#include "eval/stream.h"

namespace fluxi {

class WindowAggregateSource {
public:
    virtual ~WindowAggregateSource() = default;
    // aggregateWindow(fn:) with the aggregate or selector `what` (count, sum, mean, min, max, first,
    // last) over tumbling windows [zero + k*every, zero + (k+1)*every) of `_time`, aggregating
    // `_value`. A source that can aggregate the windows itself returns a stream whose tables have its
    // own group keys and columns (`_value` may change type where `what` would: mean gives float) and
    // hold, per non-empty window, one row at a time inside the window and the query bounds whose
    // `_value` is the window's result -- for count the count, which the caller adds up (so that
    // empty windows still count 0). It may also pass one of its tables on unchanged, unless `what` is
    // count. Aggregating the returned tables per window must give exactly what aggregating the
    // source's own tables would. Null: not pushed down.
    virtual Ref<StreamObj> withWindowAggregate(const agg::FusedAggregate& what, int64_t every, int64_t zero) const = 0;
};

}  // namespace fluxi
