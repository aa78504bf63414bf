// universe.window: groups rows into time windows. Each output table is an input table's rows whose
// time falls in one window, keyed by the input group key plus the window's _start/_stop (clipped
// to the query bounds from range()). Rows land in every window that contains them (period >
// every overlaps windows; period < every leaves gaps). createEmpty adds empty tables for windows
// without rows. Also universe.inf, the `every: inf` duration (one window over all the data).
#include "eval/kernels/window.h"

#include <algorithm>
#include <climits>

#include "eval/execution.h"
#include "eval/kernels/table_ops.h"

namespace fluxi::agg {

void readWindowArgs(CallContext& ctx, const Args& args, const char* fn, WindowOptions& o) {
    std::string f(fn);
    const Value* every = ctx.optional(args, "every", Kind::Duration);
    const Value* period = ctx.optional(args, "period", Kind::Duration);
    Duration e = every ? every->asDuration() : Duration{};
    Duration p = period ? period->asDuration() : Duration{};
    if (e.isZero()) e = p;  // every defaults to period, period to every
    if (p.isZero()) p = e;
    if (e.isZero()) ctx.fail(f + ": needs a nonzero every or period (e.g. every: 1m)");
    std::string err = WindowSpec::check(e, p);
    if (!err.empty()) ctx.fail(f + ": " + err);
    o.every = e;
    o.period = p;
    const Value* offset = ctx.optional(args, "offset", Kind::Duration);
    o.offset = offset ? offset->asDuration() : Duration{};
    try {
        if (const Value* loc = ctx.optional(args, "location", Kind::Record)) {
            o.location = locationFromValue(*loc);
        } else {
            Value opt = ctx.option("universe", "location");
            o.location = opt.is(Kind::Record) ? locationFromValue(opt) : Location::utc();
        }
    } catch (const TimeError& e) {
        ctx.fail(f + ": location: " + e.what());
    }
}

TablePtr withWindowColumns(const Table& t, const std::string& startCol, const std::string& stopCol, Window w,
                           const CallSite& site) {
    GroupKey key;
    TableBuilder b;
    bool haveStart = false, haveStop = false;
    for (size_t c = 0; c < t.numColumns(); c++) {
        const ColumnMeta& m = t.meta[c];
        bool isStart = m.name == startCol, isStop = m.name == stopCol;
        if ((isStart || isStop) && m.type != ColType::Time)
            site.fail("column \"" + m.name + "\" has type " + colTypeName(m.type) + ", expected time for the window bounds");
        if (isStart || isStop) {
            Value v = Value::time(isStart ? w.start : w.stop);
            b.addColumn(m.name, tableops::constantColumn(ColType::Time, v, t.nrows));
            key.cols.push_back(m);
            key.values.push_back(v);
            (isStart ? haveStart : haveStop) = true;
            continue;
        }
        b.addColumn(m.name, t.cols[c]);
        int k = t.key.indexOf(m.name);
        if (k >= 0) {
            key.cols.push_back(m);
            key.values.push_back(t.key.values[k]);
        }
    }
    for (int i = 0; i < 2; i++) {
        bool start = i == 0;
        if (start ? haveStart : haveStop) continue;
        const std::string& name = start ? startCol : stopCol;
        Value v = Value::time(start ? w.start : w.stop);
        b.addColumn(name, tableops::constantColumn(ColType::Time, v, t.nrows));
        key.cols.push_back({name, ColType::Time});
        key.values.push_back(v);
    }
    b.key() = std::move(key);
    return b.finish();
}

void windowTable(const Table& t, const WindowSpec& spec, const WindowOptions& o, const TimeBounds& bounds,
                 const CallSite& site, tableops::KeyedTableSet& out) {
    int ti = requireColumn(site, t, o.timeColumn);
    const Column& times = t.column(ti);
    if (times.type() != ColType::Time)
        site.fail("time column \"" + o.timeColumn + "\" has type " + colTypeName(times.type()) + ", expected time");
    if (spec.infinite()) {
        // One window over the bounds holding every row.
        if (t.nrows > 0 || o.createEmpty)
            out.add(withWindowColumns(t, o.startColumn, o.stopColumn, Window{bounds.start, bounds.stop}, site));
        return;
    }
    tableops::TimeOrder timeOrder(times);
    const std::vector<uint32_t>& order = timeOrder.order;
    const bool sorted = timeOrder.sorted;
    const int64_t* ts = timeOrder.times;
    const size_t n = timeOrder.n;
    int si = t.columnIndex(o.startColumn), ei = t.columnIndex(o.stopColumn);
    for (int c : {si, ei})
        if (c >= 0 && t.meta[c].type != ColType::Time)
            site.fail("column \"" + t.meta[c].name + "\" has type " + colTypeName(t.meta[c].type) +
                      ", expected time for the window bounds");
    std::vector<uint32_t> rows;
    scanWindows(spec, ts, n, bounds, o.createEmpty, [&](Window w, size_t lo, size_t hi) {
        size_t count = hi - lo;
        const uint32_t* idx = nullptr;
        if (!sorted) {
            // Keep the rows of a window in input order.
            rows.assign(order.begin() + static_cast<ptrdiff_t>(lo), order.begin() + static_cast<ptrdiff_t>(hi));
            std::sort(rows.begin(), rows.end());
            idx = rows.data();
        }
        bool whole = sorted && lo == 0 && hi == t.nrows;
        GroupKey key;
        TableBuilder b;
        auto addBound = [&](const std::string& name, int64_t v) {
            b.addColumn(name, tableops::constantColumn(ColType::Time, Value::time(v), count));
            key.cols.push_back({name, ColType::Time});
            key.values.push_back(Value::time(v));
        };
        for (size_t c = 0; c < t.numColumns(); c++) {
            const ColumnMeta& m = t.meta[c];
            if (static_cast<int>(c) == si || static_cast<int>(c) == ei) {
                addBound(m.name, static_cast<int>(c) == si ? w.start : w.stop);
                continue;
            }
            if (whole)
                b.addColumn(m.name, t.cols[c]);
            else if (sorted)
                b.addColumn(m.name, tableops::sliceColumn(t.column(c), lo, hi));
            else
                b.addColumn(m.name, tableops::gatherColumn(t.column(c), idx, count));
            int k = t.key.indexOf(m.name);
            if (k >= 0) {
                key.cols.push_back(m);
                key.values.push_back(t.key.values[k]);
            }
        }
        if (si < 0) addBound(o.startColumn, w.start);
        if (ei < 0) addBound(o.stopColumn, w.stop);
        b.key() = std::move(key);
        out.add(b.finish());
    });
}

StreamRef windowStream(StreamRef in, const WindowOptions& o, const CallSite& site,
                       std::shared_ptr<BoundsRecorder> recorder) {
    std::optional<TimeBounds> streamBounds = in->bounds;
    WindowSpec spec(o.every, o.period, o.offset, o.location);
    return makeBlockingStream(
        in,
        [spec, o, site, streamBounds, recorder](std::vector<TablePtr> tables) {
            return site.guard([&] {
                tableops::KeyedTableSet out;
                for (auto& t : tables) {
                    TimeBounds b;
                    if (!tableBounds(streamBounds, *t, b))
                        site.fail("the time range of the data is unknown: use range() before windowing (table " +
                                  tableops::describeKey(t->key) + " has no _start/_stop group key columns)");
                    if (recorder) recorder->note(b);
                    windowTable(*t, spec, o, b, site, out);
                }
                return out.finish();
            });
        },
        site.function());
}

}  // namespace fluxi::agg
