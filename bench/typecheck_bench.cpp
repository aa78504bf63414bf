// Type checker benchmark: the time static type checking adds to a run of a typical 10-line task
// script (what `fluxi run` and the task verbs do before running: a Checker with the stdlib's types,
// inference over the file), first in the process (after the script was parsed, as in a run: the
// parser's set-up is the run's cost, not the checker's) and then warm; the parse is not included.
// Times are CPU time of the thread (CLOCK_THREAD_CPUTIME_ID).
//   build/typecheck_bench [N]
#include <time.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "parser/parser.h"
#include "types/check.h"

namespace {

double cpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

const char* kTask = R"flux(import "strings"

option task = {name: "downsample_cpu", every: 1h, offset: 5m}

from(bucket: "telegraf")
    |> range(start: -task.every)
    |> filter(fn: (r) => r._measurement == "cpu" and r._field == "usage_user")
    |> filter(fn: (r) => strings.hasPrefix(v: r.host, prefix: "web"))
    |> aggregateWindow(every: 5m, fn: mean, createEmpty: false)
    |> to(bucket: "telegraf_downsampled")
)flux";

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 200;
    fluxi::ParseResult r = fluxi::parseFlux(kTask, "task.flux");
    if (!r.ok()) {
        std::fprintf(stderr, "the benchmark script does not parse\n");
        return 1;
    }
    double t0 = cpuMs();
    std::string errors = fluxi::types::formatTypeErrors(*r.file);
    double first = cpuMs() - t0;
    if (!errors.empty()) {
        std::fprintf(stderr, "the benchmark script does not type-check:\n%s", errors.c_str());
        return 1;
    }
    t0 = cpuMs();
    for (int i = 0; i < n; ++i) errors = fluxi::types::formatTypeErrors(*r.file);
    double warm = (cpuMs() - t0) / n;
    std::printf("10-line task script: first check %.3f ms, then %.3f ms per check (%d checks)\n", first, warm, n);
    return 0;
}
