// Embedding fluxi in a C++ program: fix now(), add a host builtin, evaluate a script, read back a
// scalar value and the rows of a result table, receive a run's tables one by one as they are made,
// then stop a runaway script from another thread with Engine::cancel (limits: Engine::setLimits).
// Uses only the installed headers (include/fluxi/). Built by CMake as `embed_example`; the ctest
// `installed_library` also builds it against an installed libfluxi (find_package and pkg-config).
#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "fluxi/fluxi.h"

int main() {
    fluxi::Engine engine;
    engine.setNow("2024-01-01T12:00:00Z");

    // A builtin of our own, in package "myapp": scale(v: 2.5, by: 4) => 10.0
    engine.registerBuiltin("myapp", "scale", "v, ?by", [](fluxi::CallContext& ctx, const fluxi::Args& args) {
        double v = ctx.require(args, "v", fluxi::Kind::Float).asFloat();
        double by = ctx.floatOr(args, "by", 2.0);
        return fluxi::Value::floating(v * by);
    });

    const char* script = R"flux(
import "array"
import "myapp"

myapp.scale(v: 2.5, by: 4.0)

array.from(rows: [{_time: now(), host: "a", _value: 1.5}, {_time: now(), host: "b", _value: 3.0}])
    |> map(fn: (r) => ({r with _value: myapp.scale(v: r._value)}))
    |> yield(name: "scaled")
)flux";

    fluxi::RunResult result = engine.run(script, "embedded.flux");
    if (!result.ok) {
        std::cerr << result.error;
        return 1;
    }
    std::cout << "scale: " << fluxi::formatValue(result.values.at(0)) << "\n";
    for (const fluxi::NamedResult& r : result.results) {
        std::cout << "result " << r.name << ":\n";
        for (const fluxi::TableView& t : r.tables()) {
            for (size_t row = 0; row < t.rows(); row++) {
                std::cout << " ";
                for (size_t c = 0; c < t.columns(); c++)
                    std::cout << " " << t.columnName(c) << "=" << fluxi::formatValue(t.value(c, row));
                std::cout << "\n";
            }
        }
    }

    // Streaming: each table reaches the callback as soon as it is made and is dropped afterwards,
    // so a run may produce more data than fits in memory. Returning false would stop the run.
    size_t tables = 0, rows = 0;
    fluxi::RunResult streamed = engine.run(R"flux(
import "generate"
generate.from(count: 30000, fn: (n) => n, start: 2024-01-01T00:00:00Z, stop: 2024-01-02T00:00:00Z)
    |> map(fn: (r) => ({r with host: if r._value % 3 == 0 then "a" else if r._value % 3 == 1 then "b" else "c"}))
    |> group(columns: ["host"])
    |> yield(name: "byHost")
)flux", "streamed.flux", [&](const std::string& name, const fluxi::TableView& t) {
        const int host = t.columnIndex("host");
        std::cout << "streamed " << name << ": host=" << fluxi::formatValue(t.value(host, 0)) << " rows=" << t.rows()
                  << (t.inGroupKey(host) ? " (grouped by host)" : "") << "\n";
        tables++;
        rows += t.rows();
        return true;
    });
    if (!streamed.ok) {
        std::cerr << streamed.error;
        return 1;
    }
    std::cout << "streamed: " << tables << " tables, " << rows << " rows\n";

    // Limits: at most 256 MiB and 60 s per run; a runaway script is canceled from another thread.
    engine.setLimits({256ull << 20, std::chrono::seconds(60)});
    fluxi::RunResult runaway;
    std::atomic<bool> finished{false};
    std::thread worker([&] {
        runaway = engine.run("f = (n) => if n == 0 then 0 else f(n: n - 1) + f(n: n - 1)\nf(n: 60)");
        finished = true;
    });
    for (int i = 0; i < 600 && !finished; i++) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        engine.cancel();  // thread-safe; acts on the run in progress
    }
    worker.join();
    std::cout << "runaway: " << (runaway.code == fluxi::ErrorCode::Canceled ? "canceled" : runaway.error) << "\n";
    return 0;
}
