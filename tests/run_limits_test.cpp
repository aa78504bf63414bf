// Tests of the run limits (eval/limits.h): memory budget, time limit and cancellation through the
// embedding API (also from a second thread), their positioned errors and codes, the parsing of
// --max-memory / --timeout, and the CLI options of run and test.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "eval/limits.h"
#include "api/engine.h"
#include "tests/support/cli_run.h"

using namespace std::chrono_literals;

namespace {

// Runs for minutes (and grows to many GB) unless a limit stops it.
const char* kHugeGenerate =
    "import \"generate\"\n"
    "generate.from(count: 10000000000, fn: (n) => n, start: 2020-01-01T00:00:00Z, stop: 2021-01-01T00:00:00Z)\n"
    "  |> count()\n";

fluxi::RunResult runWith(const std::string& src, uint64_t memory, std::chrono::nanoseconds timeout) {
    fluxi::Engine engine;
    engine.setNow("2024-01-01T00:00:00Z");
    engine.setLimits({memory, timeout});
    return engine.run(src, "script.flux");
}

}  // namespace

TEST_CASE("limits: a run over its memory budget fails with a positioned ResourceExhausted error") {
    fluxi::RunResult r = runWith(kHugeGenerate, 64ull << 20, 0ns);
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == fluxi::ErrorCode::ResourceExhausted);
    CHECK(r.error.find("script.flux:2:1: error: memory limit of 64 MiB exceeded while building a table in "
                       "generate.from()") == 0);
}

TEST_CASE("limits: a string that doubles itself is stopped by the memory budget, not std::bad_alloc") {
    fluxi::RunResult r = runWith(
        "import \"strings\"\n"
        "f = (s, n) => if n == 0 then s else f(s: s + s, n: n - 1)\n"
        "strings.strlen(v: f(s: \"abcdefgh\", n: 40))\n",
        32ull << 20, 0ns);
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == fluxi::ErrorCode::ResourceExhausted);
    CHECK(r.error.find("memory limit of 32 MiB exceeded") != std::string::npos);
    CHECK(r.error.find("script.flux:2:") == 0);
    CHECK(r.error.find("bad_alloc") == std::string::npos);
}

TEST_CASE("limits: an array that doubles itself is charged") {
    fluxi::RunResult r = runWith(
        "import \"array\"\n"
        "f = (a, n) => if n == 0 then a else f(a: array.concat(arr: a, v: a), n: n - 1)\n"
        "length(arr: f(a: [1, 2, 3, 4], n: 40))\n",
        64ull << 20, 0ns);
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == fluxi::ErrorCode::ResourceExhausted);
    CHECK(r.error.find("memory limit of 64 MiB exceeded") != std::string::npos);
}

TEST_CASE("limits: records are charged to the run's memory budget") {
    // 100k records of three fields held at once in an array: ~15 MB of records (the array itself,
    // 16 bytes per element, is 1.6 MB). Measured with no limit, so that only the charges count.
    fluxi::Engine engine;
    engine.setNow("2024-01-01T00:00:00Z");
    fluxi::RunResult r = engine.run(
        "import \"array\"\n"
        "import \"generate\"\n"
        "ints = generate.from(count: 100000, fn: (n) => n, start: 2020-01-01T00:00:00Z, stop: 2021-01-01T00:00:00Z)\n"
        "  |> findColumn(fn: (key) => true, column: \"_value\")\n"
        "records = array.map(arr: ints, fn: (x) => ({a: x, b: x, c: x}))\n"
        "length(arr: records)\n",
        "script.flux");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(engine.lastRunPeakMemory() > 100000ull * 3 * 48);
}

TEST_CASE("limits: pivot's cell matrix is charged before it grows") {
    // 3000 rows, each with a column label of its own: 3000 x 3000 cells (72 MB) to fill 3000 new
    // columns. The budget stops it while pivoting, before the output table is built.
    fluxi::RunResult r = runWith(
        "import \"generate\"\n"
        "generate.from(count: 3000, fn: (n) => n, start: 2020-01-01T00:00:00Z, stop: 2021-01-01T00:00:00Z)\n"
        "  |> pivot(rowKey: [\"_time\"], columnKey: [\"_value\"], valueColumn: \"_value\")\n",
        32ull << 20, 0ns);
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == fluxi::ErrorCode::ResourceExhausted);
    CHECK(r.error.find("script.flux:3:6: error: memory limit of 32 MiB exceeded while pivoting in pivot()") == 0);
}

TEST_CASE("limits: join's pairs of matching rows are charged before they grow") {
    // Every row of one side matches every row of the other: 3000 x 3000 pairs (72 MB of row numbers).
    fluxi::RunResult r = runWith(
        "import \"generate\"\n"
        "t = generate.from(count: 3000, fn: (n) => 1, start: 2020-01-01T00:00:00Z, stop: 2021-01-01T00:00:00Z)\n"
        "join(tables: {a: t, b: t}, on: [\"_value\"])\n",
        32ull << 20, 0ns);
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == fluxi::ErrorCode::ResourceExhausted);
    CHECK(r.error.find("script.flux:3:1: error: memory limit of 32 MiB exceeded while joining in join()") == 0);
}

TEST_CASE("limits: sort's keys and permutation are charged") {
    // The input table (two int columns of 1M rows) fits in the budget; with the sort's scratch
    // (24 bytes of key and 8 of row numbers per row) it does not.
    fluxi::RunResult r = runWith(
        "import \"generate\"\n"
        "generate.from(count: 1000000, fn: (n) => -n, start: 2020-01-01T00:00:00Z, stop: 2021-01-01T00:00:00Z)\n"
        "  |> sort(columns: [\"_value\"])\n",
        40ull << 20, 0ns);
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == fluxi::ErrorCode::ResourceExhausted);
    CHECK(r.error.find("exceeded while sorting in sort()") != std::string::npos);
}

TEST_CASE("limits: window(every: 1ns, createEmpty: true) over years is stopped") {
    const std::string src =
        "import \"array\"\n"
        "array.from(rows: [{_time: 2020-01-01T00:00:00Z, _value: 1.0}])\n"
        "  |> range(start: 2000-01-01T00:00:00Z, stop: 2030-01-01T00:00:00Z)\n"
        "  |> window(every: 1ns, createEmpty: true)\n"
        "  |> count()\n";
    fluxi::RunResult mem = runWith(src, 64ull << 20, 0ns);
    REQUIRE_FALSE(mem.ok);
    CHECK(mem.code == fluxi::ErrorCode::ResourceExhausted);
    CHECK(mem.error.find("script.flux:4:6: error: memory limit of 64 MiB exceeded") == 0);
    CHECK(mem.error.find("in window()") != std::string::npos);

    fluxi::RunResult time = runWith(src, 0, 300ms);
    REQUIRE_FALSE(time.ok);
    CHECK(time.code == fluxi::ErrorCode::DeadlineExceeded);
    CHECK(time.error.find("script.flux:4:6: error: time limit of 300ms exceeded in window()") == 0);
}

TEST_CASE("limits: a time limit stops a long computation with DeadlineExceeded") {
    auto started = std::chrono::steady_clock::now();
    fluxi::RunResult r = runWith(kHugeGenerate, 0, 200ms);
    auto took = std::chrono::steady_clock::now() - started;
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == fluxi::ErrorCode::DeadlineExceeded);
    CHECK(r.error.find("script.flux:2:1: error: time limit of 200ms exceeded in generate.from()") == 0);
    CHECK(took < 60s);  // it stopped (without the limit it would run for many minutes)
}

TEST_CASE("limits: deep recursion of Flux calls is stopped by the time limit too") {
    fluxi::RunResult r = runWith("f = (n) => if n == 0 then 0 else f(n: n - 1) + f(n: n - 1)\nf(n: 60)\n", 0, 200ms);
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == fluxi::ErrorCode::DeadlineExceeded);
    CHECK(r.error.find("script.flux:1:") == 0);
    CHECK(r.error.find("time limit of 200ms exceeded") != std::string::npos);
}

TEST_CASE("limits: experimental.catch does not swallow a limit") {
    fluxi::RunResult r = runWith(
        "import \"experimental\"\n"
        "f = (n) => if n == 0 then 0 else f(n: n - 1) + f(n: n - 1)\n"
        "experimental.catch(fn: () => f(n: 60))\n",
        0, 200ms);
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == fluxi::ErrorCode::DeadlineExceeded);
}

TEST_CASE("limits: scripts within their limits run as before, and the limits hold per run") {
    fluxi::Engine engine;
    engine.setNow("2024-01-01T00:00:00Z");
    engine.setLimits({16ull << 20, 10s});
    for (int i = 0; i < 3; i++) {
        fluxi::RunResult r = engine.run(
            "import \"generate\"\n"
            "generate.from(count: 100000, fn: (n) => n, start: 2020-01-01T00:00:00Z, stop: 2021-01-01T00:00:00Z)\n"
            "  |> sum()\n");
        REQUIRE_MESSAGE(r.ok, r.error);
        REQUIRE(r.results.size() == 1);
    }
}

TEST_CASE("limits: Engine::cancel from another thread stops the run with Canceled") {
    fluxi::Engine engine;
    engine.setNow("2024-01-01T00:00:00Z");
    std::atomic<bool> done{false};
    fluxi::RunResult r;
    std::thread runner([&] {
        r = engine.run(kHugeGenerate, "script.flux");
        done = true;
    });
    // cancel() acts on the run in progress: repeat it until the run has seen it.
    auto started = std::chrono::steady_clock::now();
    while (!done && std::chrono::steady_clock::now() - started < 120s) {
        std::this_thread::sleep_for(20ms);
        engine.cancel();
    }
    runner.join();
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == fluxi::ErrorCode::Canceled);
    CHECK(r.error.find("script.flux:2:1: error: the run was canceled in generate.from()") == 0);
    // The engine runs again afterwards: a cancel is not left over for the next run.
    fluxi::RunResult again = engine.run("1 + 1");
    CHECK(again.ok);
}

TEST_CASE("limits: parsing counts against the time limit") {
    // Big enough for the parser to check its clock; a limit of 1ns has passed by then.
    std::string src;
    for (int i = 0; i < 40000; i++) src += "x" + std::to_string(i) + " = " + std::to_string(i) + " + 1\n";
    fluxi::RunResult r = runWith(src, 0, 1ns);
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == fluxi::ErrorCode::DeadlineExceeded);
    CHECK(r.error.find("time limit of 1ns exceeded while parsing") != std::string::npos);
    CHECK(runWith(src, 0, 60s).ok);
}

TEST_CASE("limits: memory sizes and time limits as the CLI options give them") {
    uint64_t bytes = 0;
    std::string err;
    REQUIRE(fluxi::limits::parseByteSize("512MiB", bytes, err));
    CHECK(bytes == 512ull << 20);
    REQUIRE(fluxi::limits::parseByteSize("2GB", bytes, err));
    CHECK(bytes == 2000000000ull);
    REQUIRE(fluxi::limits::parseByteSize("1.5GiB", bytes, err));
    CHECK(bytes == 3ull << 29);
    REQUIRE(fluxi::limits::parseByteSize("4096", bytes, err));
    CHECK(bytes == 4096);
    REQUIRE(fluxi::limits::parseByteSize("unlimited", bytes, err));
    CHECK(bytes == 0);
    REQUIRE(fluxi::limits::parseByteSize("0", bytes, err));
    CHECK(bytes == 0);
    CHECK_FALSE(fluxi::limits::parseByteSize("lots", bytes, err));
    CHECK(err.find("is not a memory size") != std::string::npos);
    CHECK_FALSE(fluxi::limits::parseByteSize("12 parsecs", bytes, err));
    CHECK_FALSE(fluxi::limits::parseByteSize("-1MB", bytes, err));

    std::chrono::nanoseconds d{};
    REQUIRE(fluxi::limits::parseTimeout("1m30s", d, err));
    CHECK(d == 90s);
    REQUIRE(fluxi::limits::parseTimeout("500ms", d, err));
    CHECK(d == 500ms);
    REQUIRE(fluxi::limits::parseTimeout("unlimited", d, err));
    CHECK(d == 0ns);
    CHECK_FALSE(fluxi::limits::parseTimeout("1mo", d, err));  // no fixed length
    CHECK_FALSE(fluxi::limits::parseTimeout("-5s", d, err));
    CHECK_FALSE(fluxi::limits::parseTimeout("soon", d, err));
    CHECK(err.find("is not a time limit") != std::string::npos);

    CHECK(fluxi::limits::formatBytes(512ull << 20) == "512 MiB");
    CHECK(fluxi::limits::formatBytes(3ull << 29) == "1.5 GiB");
}

TEST_CASE("limits: fluxi run --timeout and --max-memory") {
    fluxi::testutil::TempDir dir;
    auto script = dir.write("huge.flux", kHugeGenerate);
    auto t = fluxi::testutil::runFluxi(dir, "run --timeout 300ms '" + script.string() + "'");
    CHECK(t.status == 1);
    CHECK(t.err.find("huge.flux:2:1: error: time limit of 300ms exceeded in generate.from()") != std::string::npos);

    auto m = fluxi::testutil::runFluxi(dir, "run --max-memory 32MiB '" + script.string() + "'");
    CHECK(m.status == 1);
    CHECK(m.err.find("huge.flux:2:1: error: memory limit of 32 MiB exceeded") != std::string::npos);

    auto bad = fluxi::testutil::runFluxi(dir, "run --max-memory 12parsecs -e '1'");
    CHECK(bad.status == 2);
    CHECK(bad.err.find("--max-memory \"12parsecs\" is not a memory size") != std::string::npos);
    auto badT = fluxi::testutil::runFluxi(dir, "run --timeout soon -e '1'");
    CHECK(badT.status == 2);
    CHECK(badT.err.find("--timeout \"soon\" is not a time limit") != std::string::npos);

    auto ok = fluxi::testutil::runFluxi(dir, "run --format table --timeout 30s --max-memory unlimited -e '1 + 1'");
    CHECK(ok.status == 0);
    CHECK(ok.out == "2\n");
}

TEST_CASE("limits: fluxi test --timeout stops a testcase with a positioned error, and covers parsing") {
    fluxi::testutil::TempDir dir;
    dir.write("slow_test.flux",
              "package slow_test\n"
              "import \"testing\"\n"
              "f = (n) => if n == 0 then 0 else f(n: n - 1) + f(n: n - 1)\n"
              "testcase forever {\n"
              "    testing.assertEqualValues(want: 0, got: f(n: 60))\n"
              "}\n");
    auto r = fluxi::testutil::runFluxi(dir, "test --timeout 500ms '" + dir.path.string() + "'");
    CHECK(r.status == 1);
    CHECK(r.out.find("time limit of 500ms exceeded") != std::string::npos);
    CHECK(r.out.find("slow_test.flux:3:") != std::string::npos);

    // A big file: with a limit that has passed by the time the parser looks at the clock, the file
    // fails as a whole ("while parsing").
    std::string big = "package big_test\n";
    for (int i = 0; i < 40000; i++) big += "x" + std::to_string(i) + " = " + std::to_string(i) + " + 1\n";
    dir.write("big_test.flux", big);
    auto p = fluxi::testutil::runFluxi(dir, "test --timeout 1ns '" + (dir.path / "big_test.flux").string() + "'");
    CHECK(p.status == 1);
    CHECK(p.out.find("time limit of 1ns exceeded while parsing") != std::string::npos);
}
