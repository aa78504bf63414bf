// Benchmark of the universe table transformations: `transform_bench [ROWS_PER_TABLE] [TABLES] [MATCH]` builds
// TABLES tables (keyed by _measurement/_field/host) of ROWS_PER_TABLE rows in memory, then times Flux
// pipelines over them (filter, map, range, keep/drop/rename, group, sort, pivot, unique, limit) and
// prints rows per second for each (only the pipelines containing MATCH, when given).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "eval/stream.h"
#include "api/engine.h"

using namespace fluxi;

namespace {

std::vector<TablePtr> makeData(size_t rows, size_t tables) {
    std::vector<TablePtr> out;
    uint64_t seed = 12345;
    auto rnd = [&] {
        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(seed >> 11) / 9007199254740992.0;
    };
    const char* fields[] = {"usage_user", "usage_system", "usage_idle", "usage_iowait"};
    for (size_t t = 0; t < tables; t++) {
        std::string host = "host" + std::to_string(t / 4), field = fields[t % 4];
        GroupKey key;
        key.cols = {{"_measurement", ColType::String}, {"_field", ColType::String}, {"host", ColType::String}};
        key.values = {Value::string("cpu"), Value::string(field), Value::string(host)};
        TableBuilder b(key);
        int ct = b.addColumn("_time", ColType::Time);
        int cv = b.addColumn("_value", ColType::Float);
        int cm = b.addColumn("_measurement", ColType::String);
        int cf = b.addColumn("_field", ColType::String);
        int ch = b.addColumn("host", ColType::String);
        int cc = b.addColumn("cpu", ColType::String);
        StrRef m = make<StringObj>("cpu"), f = make<StringObj>(field), h = make<StringObj>(host);
        StrRef cpus[] = {make<StringObj>("cpu0"), make<StringObj>("cpu1"), make<StringObj>("cpu2")};
        for (size_t r = 0; r < rows; r++) {
            b.column(ct).appendInt(static_cast<int64_t>(r) * 10'000'000'000LL);
            b.column(cv).appendFloat(rnd());
            b.column(cm).appendString(m);
            b.column(cf).appendString(f);
            b.column(ch).appendString(h);
            b.column(cc).appendString(cpus[r % 3]);
        }
        out.push_back(b.finish());
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    size_t rows = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 100000;
    size_t tables = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 8;
    StreamRef data = makeMaterializedStream(makeData(rows, tables), "bench.data");
    const double total = static_cast<double>(rows * tables);
    const std::string match = argc > 3 ? argv[3] : "";

    const char* pipelines[] = {
        "bench.data() |> filter(fn: (r) => r._value > 0.5)",
        "bench.data() |> filter(fn: (r) => r.cpu == \"cpu1\" and r._value > 0.2)",
        "bench.data() |> map(fn: (r) => ({r with _value: r._value * 2.0}))",
        "bench.data() |> map(fn: (r) => ({_time: r._time, v: r._value, host: r.host}))",
        "bench.data() |> range(start: 1970-01-01T00:00:00Z, stop: 1970-01-03T00:00:00Z)",
        "bench.data() |> keep(columns: [\"_time\", \"_value\", \"host\"]) |> rename(columns: {_value: \"v\"})",
        "bench.data() |> drop(columns: [\"cpu\"])",
        "bench.data() |> group(columns: [\"cpu\"])",
        "bench.data() |> group()",
        "bench.data() |> sort(columns: [\"_value\"])",
        "bench.data() |> pivot(rowKey: [\"_time\"], columnKey: [\"_field\"], valueColumn: \"_value\")",
        "bench.data() |> unique(column: \"cpu\")",
        "bench.data() |> limit(n: 10, offset: 5)",
        // the kernels of the perf suite's Q4-Q6 shapes (vectorized map, pivot + map, group + top)
        "bench.data() |> map(fn: (r) => ({r with _value: r._value * 2.0 + 1.0})) |> sum()",
        "bench.data() |> map(fn: (r) => ({r with c: if r._value > 0.5 then \"hi\" else r.cpu, i: int(v: r._value * 100.0)}))",
        "bench.data() |> pivot(rowKey: [\"_time\"], columnKey: [\"_field\"], valueColumn: \"_value\") |> map(fn: (r) => ({r with ratio: r.usage_user / r.usage_idle})) |> mean(column: \"ratio\")",
        "bench.data() |> group() |> top(n: 10)",
        "bench.data() |> bottom(n: 10, columns: [\"_value\", \"_time\"])",
        "bench.data() |> distinct(column: \"cpu\")",
        "bench.data() |> group(columns: [\"cpu\"]) |> sort(columns: [\"_value\"], desc: true)",
    };
    for (const char* p : pipelines) {
        if (std::string(p).find(match) == std::string::npos) continue;
        Engine e;
        e.registerBuiltin("bench", "data", "", [data](CallContext&, const Args&) { return Value::stream(data); });
        auto t0 = std::chrono::steady_clock::now();
        RunResult r = e.run(std::string("import \"bench\"\n") + p, "bench.flux");
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        if (!r.ok) {
            std::fprintf(stderr, "%s\n%s", p, r.error.c_str());
            return 1;
        }
        size_t outRows = 0, outTables = 0;
        for (auto& res : r.results)
            for (auto& t : collect(*res.stream)) {
                outRows += t->nrows;
                outTables++;
            }
        std::printf("%8.3f s %8.2f Mrows/s  -> %zu tables, %zu rows  %s\n", secs, total / secs / 1e6, outTables,
                    outRows, p);
    }
    return 0;
}
