// universe.aggregateWindow: window |> fn(column) |> fill empty windows |> duplicate(timeSrc ->
// timeDst) |> window(every: inf), the Flux definition. When fn is one of the builtin aggregates or
// selectors (mean, sum, count, min, max, first, last, median, spread, stddev) it runs as one pass
// per input table instead: the rows are walked in time order with a running window index and the
// kernel reduces each window's run of rows directly, so no window tables are built. Any other fn
// (a closure such as (column, tables=<-) => tables |> quantile(q: 0.99, column: column)) goes
// through the composition above. Both give the same tables: the group key plus _start/_stop (the
// query bounds), the aggregated column and timeDst (the window's timeSrc bound); selectors keep
// the selected rows' other columns.
#include <algorithm>

#include "eval/kernels/window.h"
#include "eval/stream_pushdown.h"
#include "eval/kernels/table_ops.h"
#include "eval/window_aggregate_source.h"

namespace fluxi::agg {

namespace {

struct Settings {
    WindowOptions window;
    std::string column, timeSrc, timeDst;
    // The input holds counts a source computed (WindowAggregateSource): they are added up,
    // and an empty window counts 0.
    bool sumCounts = false;
};

// Sums of counts a source computed (Settings::sumCounts): a window without any is the count 0.
std::shared_ptr<Column> zeroForNull(const Column& sums) {
    auto counts = std::make_shared<Column>(ColType::Int);
    counts->reserve(sums.size());
    for (size_t i = 0; i < sums.size(); i++) counts->appendInt(sums.isNull(i) ? 0 : sums.ints()[i]);
    return counts;
}

TablePtr withZeroCounts(const TablePtr& t, const std::string& column) {
    int c = t->columnIndex(column);
    if (c < 0 || t->cols[static_cast<size_t>(c)]->nullCount() == 0) return t;
    auto out = std::make_shared<Table>(*t);
    out->cols[static_cast<size_t>(c)] = zeroForNull(*t->cols[static_cast<size_t>(c)]);
    return out;
}

// The group key of the output: the input key plus _start/_stop set to the bounds, in the column
// order window() gives (input columns, then _start/_stop when the input lacks them).
GroupKey outputKey(const Table& t, const TimeBounds& b) {
    GroupKey key;
    bool haveStart = false, haveStop = false;
    for (auto& m : t.meta) {
        if (m.name == "_start" || m.name == "_stop") {
            bool start = m.name == "_start";
            key.cols.push_back({m.name, ColType::Time});
            key.values.push_back(Value::time(start ? b.start : b.stop));
            (start ? haveStart : haveStop) = true;
        } else if (int k = t.key.indexOf(m.name); k >= 0) {
            key.cols.push_back(m);
            key.values.push_back(t.key.values[k]);
        }
    }
    if (!haveStart) {
        key.cols.push_back({"_start", ColType::Time});
        key.values.push_back(Value::time(b.start));
    }
    if (!haveStop) {
        key.cols.push_back({"_stop", ColType::Time});
        key.values.push_back(Value::time(b.stop));
    }
    return key;
}

// About how many windows a scan will visit (for reserving): the span of the data (or of the
// bounds with createEmpty) over every, plus the windows a row can share.
size_t estimateWindows(const WindowSpec& spec, const int64_t* ts, size_t n, const TimeBounds& b, bool createEmpty) {
    if (spec.infinite()) return 1;
    if (!spec.linear() || (n == 0 && !createEmpty)) return n < 16 ? n + 1 : 16;
    int64_t from = createEmpty ? b.start : std::max(ts[0], b.start);
    int64_t to = createEmpty ? b.stop : std::min(ts[n - 1], b.stop);
    if (to < from) return 1;
    __int128 w = (static_cast<__int128>(to) - from) / spec.everyNanos() + 2;
    return static_cast<size_t>(std::min<__int128>(w, static_cast<__int128>(n) + 2));
}

// One input table through the fused path.
TablePtr fusedTable(const Table& t, const WindowSpec& spec, const Settings& s, const FusedAggregate& fa,
                    const std::optional<TimeBounds>& streamBounds, const CallSite& site, tableops::RepeatCache& cache) {
    TimeBounds b;
    if (!tableBounds(streamBounds, t, b))
        site.fail("the time range of the data is unknown: use range() before aggregateWindow() (table " +
                  tableops::describeKey(t.key) + " has no _start/_stop group key columns)");
    for (auto& m : t.meta)
        if ((m.name == "_start" || m.name == "_stop") && m.type != ColType::Time)
            site.fail("column \"" + m.name + "\" has type " + colTypeName(m.type) + ", expected time");
    int ti = requireColumn(site, t, s.window.timeColumn);
    const Column& times = t.column(ti);
    if (times.type() != ColType::Time)
        site.fail("time column \"" + s.window.timeColumn + "\" has type " + colTypeName(times.type()) + ", expected time");
    int vi = requireValueColumn(site, t, s.column);
    const Column& values = t.column(vi);
    if (t.key.has(s.timeDst)) site.fail("timeDst \"" + s.timeDst + "\" must not be a group key column");

    std::string err;
    std::unique_ptr<Reducer> reducer;
    std::unique_ptr<Selector> selector;
    if (fa.selector)
        selector = makeSelector(fa.select, values.type(), fa.options.q, err);
    else
        reducer = makeReducer(fa.reduce, values.type(), fa.options, err);
    if (!reducer && !selector) site.fail("column \"" + s.column + "\": " + err);

    tableops::TimeOrder timeOrder(times);
    const std::vector<uint32_t>& order = timeOrder.order;
    const bool sorted = timeOrder.sorted;
    const int64_t* ts = timeOrder.times;
    const size_t n = timeOrder.n;

    bool useStart = s.timeSrc == "_start";
    auto outTimes = std::make_shared<Column>(ColType::Time);
    std::shared_ptr<Column> outValues;
    std::vector<uint32_t> picks;  // selectors: chosen input row per output row (tableops::kNullRow: none)
    std::vector<uint32_t> rows;   // unsorted input: a window's rows in input order
    auto windowRows = [&](size_t lo, size_t hi) {
        rows.assign(order.begin() + static_cast<ptrdiff_t>(lo), order.begin() + static_cast<ptrdiff_t>(hi));
        std::sort(rows.begin(), rows.end());
        return RowList{rows.data(), rows.size()};
    };
    if (reducer) {
        if (sorted) {
            TablePtr out = reduceSortedWindows(spec, s.window.createEmpty, useStart, b, ts, n, *reducer, values,
                                               outputKey(t, b), s.column, s.timeDst, cache);
            return s.sumCounts && out ? withZeroCounts(out, s.column) : out;
        }
        outValues = std::make_shared<Column>(reducer->outputType());
        scanWindows(spec, ts, n, b, s.window.createEmpty, [&](Window w, size_t lo, size_t hi) {
            outTimes->appendInt(useStart ? w.start : w.stop);
            if (lo == hi)
                reducer->reduceEmpty(*outValues);
            else
                reducer->reduce(values, windowRows(lo, hi), *outValues);
        });
        if (outTimes->size() == 0) return nullptr;  // no rows and no empty windows wanted
        if (s.sumCounts && outValues->nullCount() != 0) outValues = zeroForNull(*outValues);
        return tableops::keyedTable(outputKey(t, b), outTimes->size(), {{s.column, outValues}, {s.timeDst, outTimes}}, &cache);
    }

    bool anyWindow = false;
    scanWindows(spec, ts, n, b, s.window.createEmpty, [&](Window w, size_t lo, size_t hi) {
        anyWindow = true;
        size_t r = Selector::npos;
        if (lo < hi) r = sorted ? selector->select(values, RowRun{lo, hi}) : selector->select(values, windowRows(lo, hi));
        if (r == Selector::npos && !s.window.createEmpty) return;
        outTimes->appendInt(useStart ? w.start : w.stop);
        picks.push_back(r == Selector::npos ? tableops::kNullRow : static_cast<uint32_t>(r));
    });
    if (!anyWindow) return nullptr;  // no rows and no empty windows wanted
    // The selected rows with every column of the window tables: key columns keep their values,
    // _start/_stop become the bounds, timeDst the window time, the rest come from the row.
    GroupKey key = outputKey(t, b);
    size_t count = picks.size();
    TableBuilder out(key);
    bool haveDst = false;
    for (size_t c = 0; c < t.numColumns(); c++) {
        const ColumnMeta& m = t.meta[c];
        if (m.name == s.timeDst) {
            out.addColumn(m.name, outTimes);
            haveDst = true;
        } else if (int k = key.indexOf(m.name); k >= 0) {
            out.addColumn(m.name, cache.get(m.type, key.values[k], count));
        } else {
            auto col = std::make_shared<Column>(m.type);
            tableops::appendRowsOrNull(*col, t.column(c), picks.data(), count);
            out.addColumn(m.name, std::move(col));
        }
    }
    for (const char* bound : {"_start", "_stop"})
        if (t.columnIndex(bound) < 0)
            out.addColumn(bound, cache.get(ColType::Time, key.values[key.indexOf(bound)], count));
    if (!haveDst) out.addColumn(s.timeDst, outTimes);
    return out.finish();
}

}  // namespace

TablePtr reduceSortedWindows(const WindowSpec& spec, bool createEmpty, bool useStart, const TimeBounds& b,
                             const int64_t* ts, size_t n, Reducer& reducer, const Column& values, const GroupKey& key,
                             const std::string& column, const std::string& timeDst, tableops::RepeatCache& cache) {
    // Collect the windows' row runs, then reduce them all in one kernel call.
    std::vector<int64_t> times;
    std::vector<uint32_t> los, his;
    size_t guess = estimateWindows(spec, ts, n, b, createEmpty);
    times.reserve(guess);
    los.reserve(guess);
    his.reserve(guess);
    scanWindows(spec, ts, n, b, createEmpty, [&](Window w, size_t lo, size_t hi) {
        times.push_back(useStart ? w.start : w.stop);
        los.push_back(static_cast<uint32_t>(lo));
        his.push_back(static_cast<uint32_t>(hi));
    });
    if (times.empty()) return nullptr;  // no rows and no empty windows wanted
    auto outTimes = std::make_shared<Column>(ColType::Time);
    outTimes->appendInts(times.data(), times.size());
    auto outValues = std::make_shared<Column>(reducer.outputType());
    reducer.reduceRuns(values, los.data(), his.data(), los.size(), *outValues);
    return tableops::keyedTable(key, outTimes->size(), {{column, outValues}, {timeDst, outTimes}}, &cache);
}

namespace {

// duplicate(column: src, as: dst): dst becomes a copy of src (in place when dst exists, and then
// no longer part of the group key).
TablePtr duplicateColumn(const Table& t, const std::string& src, const std::string& dst, const CallSite& site) {
    int si = requireColumn(site, t, src);
    TableBuilder b;
    bool replaced = false;
    for (size_t c = 0; c < t.numColumns(); c++) {
        if (t.meta[c].name == dst) {
            b.addColumn(dst, t.cols[si]);
            replaced = true;
        } else {
            b.addColumn(t.meta[c].name, t.cols[c]);
        }
    }
    if (!replaced) b.addColumn(dst, t.cols[si]);
    GroupKey key;
    for (size_t k = 0; k < t.key.cols.size(); k++)
        if (t.key.cols[k].name != dst) {
            key.cols.push_back(t.key.cols[k]);
            key.values.push_back(t.key.values[k]);
        }
    b.key() = std::move(key);
    return b.finish();
}

// The general path: the Flux definition, stage by stage.
Value composedAggregateWindow(CallContext& ctx, StreamRef in, const Value& fn, const Settings& s,
                              const CallSite& site) {
    auto recorder = std::make_shared<BoundsRecorder>();
    StreamRef windowed = windowStream(in, s.window, site, recorder);
    const FunctionObj& f = fn.asFunction();
    if (f.pipeIndex < 0)
        ctx.fail("aggregateWindow: fn must take the windowed tables as its pipe parameter, e.g. "
                 "fn: (column, tables=<-) => tables |> mean(column: column)");
    Value res = ctx.call(fn, {{f.params[f.pipeIndex].name, Value::stream(windowed)}, {"column", Value::string(s.column)}});
    if (!res.is(Kind::Stream))
        ctx.fail(std::string("aggregateWindow: fn must return a stream of tables, got ") + kindName(res.kind()));
    std::optional<TimeBounds> streamBounds = in->bounds;
    auto out = makeBlockingStream(
        res.objRef<StreamObj>(),
        [s, site, recorder, streamBounds](std::vector<TablePtr> tables) {
            return site.guard([&] {
                TimeBounds b;
                if (streamBounds) {
                    b = *streamBounds;
                } else if (tables.empty()) {
                    return std::vector<TablePtr>{};
                } else if (!recorder->any) {
                    site.fail("the time range of the data is unknown: use range() before aggregateWindow()");
                } else if (!recorder->consistent) {
                    site.fail("the input tables have different _start/_stop bounds; use range() before aggregateWindow()");
                } else {
                    b = recorder->bounds;
                }
                tableops::KeyedTableSet merged;
                for (auto& t : tables) {
                    TablePtr cur = t;
                    if (s.window.createEmpty && cur->nrows == 0) cur = tableops::nullRowTable(*cur);
                    cur = duplicateColumn(*cur, s.timeSrc, s.timeDst, site);
                    const Column& dst = cur->column(cur->columnIndex(s.timeDst));
                    if (dst.type() != ColType::Time)
                        site.fail("timeSrc \"" + s.timeSrc + "\" has type " + colTypeName(dst.type()) + ", expected time");
                    merged.add(withWindowColumns(*cur, "_start", "_stop", Window{b.start, b.stop}, site));
                }
                return merged.finish();
            });
        },
        "aggregateWindow");
    return Value::stream(out);
}

Value aggregateWindowFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    Settings s;
    readWindowArgs(ctx, args, "aggregateWindow", s.window);
    const Value& fn = ctx.require(args, "fn", Kind::Function);
    s.column = ctx.stringOr(args, "column", "_value");
    s.timeSrc = ctx.stringOr(args, "timeSrc", "_stop");
    s.timeDst = ctx.stringOr(args, "timeDst", "_time");
    s.window.createEmpty = ctx.boolOr(args, "createEmpty", true);
    CallSite site(ctx, "aggregateWindow");

    const FusedAggregate* fused = fusedAggregateFor(fn);
    bool fusable = fused && (s.timeSrc == "_start" || s.timeSrc == "_stop") && s.timeDst != "_start" &&
                   s.timeDst != "_stop" && s.timeDst != s.column && s.column != "_start" && s.column != "_stop";
    if (!fusable) return composedAggregateWindow(ctx, in, fn, s, site);

    FusedAggregate fa = *fused;
    WindowSpec spec(s.window.every, s.window.period, s.window.offset, s.window.location);
    // A source that aggregates windows itself (a remote server) gets the work when the windows tile
    // time and the output takes nothing from the rows but the aggregated `_value` (see
    // eval/window_aggregate_source.h).
    if (spec.tumbling() && s.column == "_value" && (!fa.selector || s.timeDst == "_time")) {
        auto* source = dynamic_cast<const WindowAggregateSource*>(in.get());
        if (Ref<StreamObj> pushed = source ? source->withWindowAggregate(fa, spec.everyNanos(), spec.zeroNanos()) : Ref<StreamObj>()) {
            if (!fa.selector && fa.reduce == ReduceKind::Count) {
                fa.reduce = ReduceKind::Sum;
                s.sumCounts = true;
            }
            in = pushed;
        }
    }
    std::optional<TimeBounds> streamBounds = in->bounds;
    // Output tables share their repeated key columns when the values and lengths agree.
    auto cache = std::make_shared<tableops::RepeatCache>();
    auto perTable = [spec, s, fa, streamBounds, site, cache](const TablePtr& t) {
        return site.guard([&] { return fusedTable(*t, spec, s, fa, streamBounds, site, *cache); });
    };
    // A source that can compute the windows itself (the store) is given the work, with the
    // per-table function for the tables it leaves to it.
    WindowAggregate what{s.window, s.column, s.timeSrc, s.timeDst, fa};
    if (const PushdownSource* src = asPushdownSource(*in))
        if (StreamRef pushed = src->withWindowAggregate(what, perTable)) return Value::stream(pushed);
    auto out = makeMapTablesStream(in, perTable, "aggregateWindow");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "aggregateWindow",
              "<-tables, every, ?period, fn, ?offset, ?location, ?column, ?timeSrc, ?timeDst, ?createEmpty",
              aggregateWindowFn);

}  // namespace fluxi::agg
