// Benchmark of aggregation and filtering through the engine against hand-written C++ loops over the
// same in-memory tables: `aggregate_bench [ROWS] [REPEAT] [CASE]` (default 10 000 000 rows, 3 runs,
// best run reported; CASE picks the cases whose name contains it). The rows are a few series at a 10 s interval, shaped like range() output (_start,
// _stop, _time, _value, _field, _measurement, host; the key is everything but _time and _value).
// A host builtin hands the engine the pre-built stream, so data generation is not timed.
//  1. aggregateWindow(every: 1m, fn: mean) vs a loop computing each series' per-minute means, and
//     vs that loop plus building (and freeing) the same output tables with the table API.
//  2. filter(fn: (r) => r._measurement == "m" and r._value > 0.5) vs a loop selecting those rows
//     and copying their columns.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <algorithm>
#include <string>
#include <vector>

#include "eval/stream.h"
#include "eval/table.h"
#include "api/engine.h"

using namespace fluxi;

namespace {

constexpr int64_t kSec = 1000000000LL;
constexpr int64_t kStart = 1700000000LL * kSec;  // 2023-11-14T22:13:20Z

// Series of `rows` rows in total, 10 s apart, values from a fixed-seed generator in [0, 1).
std::vector<TablePtr> makeData(size_t rows, size_t series, TimeBounds& bounds) {
    size_t per = rows / series;
    bounds = {kStart, kStart + static_cast<int64_t>(per) * 10 * kSec};
    std::vector<TablePtr> out;
    uint64_t state = 42;
    StrRef field = make<StringObj>("usage"), meas = make<StringObj>("m");
    for (size_t s = 0; s < series; s++) {
        StrRef host = make<StringObj>("host" + std::to_string(s));
        GroupKey key;
        key.cols = {{"_start", ColType::Time}, {"_stop", ColType::Time}, {"_field", ColType::String},
                    {"_measurement", ColType::String}, {"host", ColType::String}};
        key.values = {Value::time(bounds.start), Value::time(bounds.stop), Value::string(field), Value::string(meas),
                      Value::string(host)};
        TableBuilder b(key);
        int cs = b.addColumn("_start", ColType::Time), ce = b.addColumn("_stop", ColType::Time);
        int ct = b.addColumn("_time", ColType::Time), cv = b.addColumn("_value", ColType::Float);
        int cf = b.addColumn("_field", ColType::String), cm = b.addColumn("_measurement", ColType::String);
        int ch = b.addColumn("host", ColType::String);
        for (int c : {cs, ce, ct, cv, cf, cm, ch}) b.column(c).reserve(per);
        for (size_t i = 0; i < per; i++) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            b.column(cs).appendInt(bounds.start);
            b.column(ce).appendInt(bounds.stop);
            b.column(ct).appendInt(kStart + static_cast<int64_t>(i) * 10 * kSec);
            b.column(cv).appendFloat(static_cast<double>(state >> 11) / 9007199254740992.0);
            b.column(cf).appendString(field);
            b.column(cm).appendString(meas);
            b.column(ch).appendString(host);
        }
        out.push_back(b.finish());
    }
    return out;
}

double seconds(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// Per series: the mean of each minute's values, stamped with the minute's end (clipped to the bounds).
struct WindowMeans {
    std::vector<int64_t> times;
    std::vector<double> means;
};
size_t handAggregate(const std::vector<TablePtr>& data, const TimeBounds& b, std::vector<WindowMeans>& out) {
    const int64_t every = 60 * kSec;
    out.assign(data.size(), {});
    size_t rows = 0;
    for (size_t s = 0; s < data.size(); s++) {
        const Table& t = *data[s];
        const int64_t* ts = t.column(t.columnIndex("_time")).ints();
        const double* vs = t.column(t.columnIndex("_value")).floats();
        WindowMeans& w = out[s];
        w.times.reserve(t.nrows / 6 + 1);
        w.means.reserve(t.nrows / 6 + 1);
        size_t i = 0;
        while (i < t.nrows) {
            int64_t start = ts[i] - ((ts[i] % every) + every) % every;
            int64_t stop = start + every;
            double sum = 0;
            size_t n = 0;
            for (; i < t.nrows && ts[i] < stop; i++) sum += vs[i], n++;
            w.times.push_back(std::min(stop, b.stop));
            w.means.push_back(sum / static_cast<double>(n));
        }
        rows += w.times.size();
    }
    return rows;
}

// The same per-minute means written as the engine's output tables (group key columns repeated per
// row, _value, _time), built with the table API's bulk appends and then released -- the work any
// program returning these tables does on top of the arithmetic.
size_t handAggregateTables(const std::vector<TablePtr>& data, const TimeBounds& b) {
    std::vector<WindowMeans> means;
    handAggregate(data, b, means);
    size_t rows = 0;
    std::vector<TablePtr> out;
    for (size_t s = 0; s < data.size(); s++) {
        const Table& in = *data[s];
        size_t n = means[s].times.size();
        TableBuilder tb(in.key);
        for (size_t k = 0; k < in.key.cols.size(); k++) {
            int c = tb.addColumn(in.key.cols[k].name, in.key.cols[k].type);
            tb.column(c).reserve(n);
            tb.column(c).appendRepeated(in.key.values[k], n);
        }
        int v = tb.addColumn("_value", ColType::Float);
        tb.column(v).appendFloats(means[s].means.data(), n);
        int t = tb.addColumn("_time", ColType::Time);
        tb.column(t).appendInts(means[s].times.data(), n);
        out.push_back(tb.finish());
        rows += n;
    }
    return rows;
}

// Rows with _measurement == "m" and _value > 0.5, every column copied.
struct Selected {
    std::vector<int64_t> start, stop, time;
    std::vector<double> value;
    std::vector<StrRef> field, meas, host;
};
size_t handFilter(const std::vector<TablePtr>& data, std::vector<Selected>& out) {
    out.assign(data.size(), {});
    size_t rows = 0;
    for (size_t s = 0; s < data.size(); s++) {
        const Table& t = *data[s];
        const int64_t* st = t.column(0).ints();
        const int64_t* sp = t.column(1).ints();
        const int64_t* ts = t.column(2).ints();
        const double* vs = t.column(3).floats();
        const StrRef* fs = t.column(4).strings();
        const StrRef* ms = t.column(5).strings();
        const StrRef* hs = t.column(6).strings();
        Selected& o = out[s];
        for (size_t i = 0; i < t.nrows; i++) {
            if (ms[i]->s == "m" && vs[i] > 0.5) {
                o.start.push_back(st[i]);
                o.stop.push_back(sp[i]);
                o.time.push_back(ts[i]);
                o.value.push_back(vs[i]);
                o.field.push_back(fs[i]);
                o.meas.push_back(ms[i]);
                o.host.push_back(hs[i]);
            }
        }
        rows += o.time.size();
    }
    return rows;
}

// Runs a script and returns the number of rows of its result (the engine drains it).
size_t engineRun(Engine& e, const std::string& script) {
    RunResult r = e.run(script, "bench.flux");
    if (!r.ok) {
        std::fprintf(stderr, "%s", r.error.c_str());
        std::exit(1);
    }
    size_t rows = 0;
    for (auto& res : r.results)
        for (auto& t : collect(*res.stream)) rows += t->nrows;
    return rows;
}

}  // namespace

int main(int argc, char** argv) {
    size_t rows = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10000000;
    int repeat = argc > 2 ? std::atoi(argv[2]) : 3;
    std::string only = argc > 3 ? argv[3] : "";  // run only the cases whose name contains this
    const size_t series = 4;

    TimeBounds bounds;
    auto t0 = std::chrono::steady_clock::now();
    std::vector<TablePtr> data = makeData(rows, series, bounds);
    rows = 0;
    for (auto& t : data) rows += t->nrows;
    std::printf("generated %zu rows in %zu series (10 s apart) in %.2f s (not timed below)\n", rows, series, seconds(t0));

    StreamRef stream = makeMaterializedStream(data, "bench.data");
    stream->bounds = bounds;  // as range() would set them
    Engine engine;
    engine.setNow(kStart + 1000LL * 86400 * kSec);
    engine.registerBuiltin("bench", "data", "", [stream](CallContext&, const Args&) { return Value::stream(stream); });

    struct Case {
        const char* name;
        std::string script;
        std::function<size_t()> hand;
    };
    std::vector<WindowMeans> means;
    std::vector<Selected> selected;
    const char* aggregateScript = "import \"bench\"\nbench.data() |> aggregateWindow(every: 1m, fn: mean)";
    std::vector<Case> cases = {
        {"aggregateWindow(every: 1m, fn: mean)", aggregateScript, [&] { return handAggregate(data, bounds, means); }},
        {"aggregateWindow, hand loop building same tables", aggregateScript,
         [&] { return handAggregateTables(data, bounds); }},
        {"filter(_measurement == \"m\" and _value > 0.5)",
         "import \"bench\"\nbench.data() |> filter(fn: (r) => r._measurement == \"m\" and r._value > 0.5)",
         [&] { return handFilter(data, selected); }},
    };
    for (auto& c : cases) {
        if (std::string(c.name).find(only) == std::string::npos) continue;
        double bestEngine = 1e30, bestHand = 1e30;
        size_t engineRows = 0, handRows = 0;
        for (int r = 0; r < repeat; r++) {
            auto a = std::chrono::steady_clock::now();
            engineRows = engineRun(engine, c.script);
            bestEngine = std::min(bestEngine, seconds(a));
            auto b = std::chrono::steady_clock::now();
            handRows = c.hand();
            bestHand = std::min(bestHand, seconds(b));
        }
        if (engineRows != handRows) {
            std::fprintf(stderr, "%s: engine gave %zu rows, hand-written loop %zu\n", c.name, engineRows, handRows);
            return 1;
        }
        std::printf("%-48s engine %7.3f s %7.2f M rows/s | hand-written %7.3f s %7.2f M rows/s | ratio %.2fx (%zu output rows)\n",
                    c.name, bestEngine, rows / bestEngine / 1e6, bestHand, rows / bestHand / 1e6, bestEngine / bestHand,
                    engineRows);
    }
    return 0;
}
