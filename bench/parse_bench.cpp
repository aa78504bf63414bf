// Parser benchmark: parses every .flux file under a folder (default: the conformance suite) N times
// and prints the throughput (MB/s) and the mean time per file; also times a typical 10-line task
// script and the very first parse of the process (which builds the parser's shared ATN and DFA).
// Times are CPU time of the thread (CLOCK_THREAD_CPUTIME_ID), so that other work on a shared
// machine inflates them less than wall-clock time would.
//   build/parse_bench [DIR] [N]        (DIR defaults to $FLUXI_CONFORMANCE_DIR or ../shared/conformance)
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "parser/parser.h"

namespace fs = std::filesystem;

// The calling thread's CPU time, as a steady_clock-like clock.
struct Clock {
    using duration = std::chrono::nanoseconds;
    using time_point = std::chrono::time_point<Clock, duration>;
    static time_point now() {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return time_point(duration(static_cast<int64_t>(ts.tv_sec) * 1000000000 + ts.tv_nsec));
    }
};

namespace {

const char* kTaskScript = R"(import "influxdata/influxdb/monitor"

option task = {name: "cpu-alert", every: 1m, offset: 10s}

data = from(bucket: "telegraf")
    |> range(start: -task.every)
    |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_idle")
    |> aggregateWindow(every: 1m, fn: mean, createEmpty: false)
    |> map(fn: (r) => ({r with _value: 100.0 - r._value, level: if r._value < 10.0 then "crit" else "ok"}))
    |> to(bucket: "cpu_usage")
)";

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

struct Source {
    std::string name;
    std::string text;
    double totalSeconds = 0;
};

}  // namespace

int main(int argc, char** argv) {
    fs::path dir = "../shared/conformance";
    if (const char* env = std::getenv("FLUXI_CONFORMANCE_DIR")) dir = env;
    if (argc > 1) dir = argv[1];
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 20;

    // The first parse of the process pays for deserializing the ATN and starting the DFA cache.
    auto t0 = Clock::now();
    fluxi::ParseResult first = fluxi::parseFlux(kTaskScript, "task.flux");
    const double firstParse = seconds(Clock::now() - t0);
    if (!first.ok()) {
        std::fprintf(stderr, "the benchmark's task script does not parse\n");
        return 1;
    }

    std::vector<Source> sources;
    if (fs::is_directory(dir)) {
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
            if (!entry.is_regular_file() || entry.path().extension() != ".flux") continue;
            std::ifstream in(entry.path(), std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            sources.push_back({fs::relative(entry.path(), dir).string(), ss.str()});
        }
    } else {
        std::fprintf(stderr, "no folder %s: only the task script is timed\n", dir.string().c_str());
    }
    std::sort(sources.begin(), sources.end(), [](const Source& a, const Source& b) { return a.name < b.name; });

    // Warm-up round over all files (fills the DFA cache), also the first-time cost.
    size_t bytes = 0, failures = 0;
    t0 = Clock::now();
    for (const Source& s : sources) {
        bytes += s.text.size();
        if (!fluxi::parseFlux(s.text, s.name).ok()) ++failures;
    }
    const double warmup = seconds(Clock::now() - t0);

    t0 = Clock::now();
    for (int r = 0; r < rounds; ++r) {
        for (Source& s : sources) {
            auto start = Clock::now();
            fluxi::ParseResult res = fluxi::parseFlux(s.text, s.name);
            s.totalSeconds += seconds(Clock::now() - start);
        }
    }
    const double total = seconds(Clock::now() - t0);

    // A typical task script, many times.
    const int taskRounds = 5000;
    t0 = Clock::now();
    for (int i = 0; i < taskRounds; ++i) fluxi::parseFlux(kTaskScript, "task.flux");
    const double taskEach = seconds(Clock::now() - t0) / taskRounds;

    std::printf("%-58s %9s %10s\n", "file", "bytes", "us/parse");
    for (const Source& s : sources)
        std::printf("%-58s %9zu %10.1f\n", s.name.c_str(), s.text.size(), 1e6 * s.totalSeconds / rounds);
    std::printf("\nfiles: %zu (%.2f MB), rounds: %d, files with errors: %zu\n", sources.size(), bytes / 1e6, rounds,
                failures);
    if (!sources.empty()) {
        std::printf("throughput: %.1f MB/s, mean %.1f us per file\n", bytes * rounds / 1e6 / total,
                    1e6 * total / rounds / sources.size());
        std::printf("first round over all files (cold DFA): %.1f ms (%.1f MB/s)\n", 1e3 * warmup, bytes / 1e6 / warmup);
    }
    std::printf("first parse of the process (ATN set-up, cold DFA): %.2f ms\n", 1e3 * firstParse);
    std::printf("typical 10-line task script (%zu bytes): %.1f us per parse\n", std::string(kTaskScript).size(),
                1e6 * taskEach);
    return failures == 0 ? 0 : 1;
}
