// Parse time against input size for hostile shapes (unclosed brackets of each kind, long flat
// lists, nesting just under the bracket cap followed by a long erroneous tail, long chains, deep
// nesting of valid code): `parse_scaling_bench [MAX_BYTES] [NAME_PART]` (default 1 MB, every shape;
// with NAME_PART only the shapes whose name contains it). Each shape is parsed at
// MAX_BYTES/64, /16, /4 and MAX_BYTES; a shape whose time grows more than ~6x per 4x of input is
// super-linear. Prints bytes, seconds and whether it parsed, then a summary in seconds per MB of
// the largest input. Seconds are the thread's CPU time (wall time on a machine shared with builds
// varies several-fold; CPU time much less); the wall time is printed beside it.
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "parser/parser.h"

namespace {

struct Shape {
    const char* name;
    std::function<std::string(size_t bytes)> make;
};

std::string repeat(const std::string& unit, size_t bytes, const std::string& head = "", const std::string& tail = "") {
    std::string s = head;
    while (s.size() + unit.size() + tail.size() <= bytes) s += unit;
    return s + tail;
}

std::string joined(const char* prefix, const char* head, const char* tail, const char* item, size_t bytes) {
    std::string s = prefix;
    for (size_t i = 0; s.size() < bytes; i++) {
        if (i) s += ", ";
        s += head + std::to_string(i) + item;
    }
    return s + tail;
}

double threadCpuSeconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
    size_t maxBytes = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
    std::vector<Shape> shapes = {
        {"unclosed {", [](size_t n) { return repeat("{", n); }},
        {"unclosed f(", [](size_t n) { return repeat("f(", n); }},
        {"99 unclosed { then names", [](size_t n) { return repeat("a ", n, std::string(99, '{')); }},
        {"record keys", [](size_t n) { return joined("x = {", "k", "}", ": 1", n); }},
        {"function parameters", [](size_t n) { return joined("f = (", "p", ") => 1", "", n); }},
        {"call arguments", [](size_t n) { return joined("f(", "p", ")", ": 1", n); }},
        {"unclosed [", [](size_t n) { return repeat("[", n); }},
        {"unclosed (", [](size_t n) { return repeat("(", n); }},
        {"99 unclosed ( then a +", [](size_t n) { return repeat("a + ", n, std::string(99, '(')); }},
        {"pipe chain |> f()", [](size_t n) { return repeat(" |> f()", n, "x = a"); }},
        {"binary chain + 1", [](size_t n) { return repeat(" + 1", n, "x = 1"); }},
        {"mixed operators", [](size_t n) { return repeat(" + 2 * 3 - 4 / 5 == 6 and 7 < 8 or 9", n, "x = 1"); }},
        {"long string", [](size_t n) { return repeat("a", n, "x = \"", "\""); }},
        {"string interpolations", [](size_t n) { return repeat("${a}", n, "x = \"", "\""); }},
        {"statements x = 1", [](size_t n) { return repeat("x = 1\n", n); }},
        {"array elements", [](size_t n) { return repeat("1, ", n, "x = [", "1]"); }},
        {"bad tokens ) ] }", [](size_t n) { return repeat(") ] } ", n); }},
        {"unclosed ${ in strings", [](size_t n) { return repeat("\"${", n, "x = "); }},
        {"99 unclosed [ then a,", [](size_t n) { return repeat("a, ", n, std::string(99, '[')); }},
        {"99 unclosed f( then a: 1,", [](size_t n) { return repeat("a: 1, ", n, repeat("f(", 198)); }},
        {"99 unclosed { then k: 1,", [](size_t n) { return repeat("k: 1, ", n, std::string(99, '{')); }},
        {"99 unclosed ( then a |> f()", [](size_t n) { return repeat("a |> f() ", n, std::string(99, '(')); }},
        {"errors inside one [: [a b, a b, ...", [](size_t n) { return repeat("a b, ", n, "x = [", "]"); }},
        {"errors inside one f(: f(k: a b, ...", [](size_t n) { return repeat("k: a b, ", n, "x = f(", ")"); }},
        {"errors inside one {: {k: a b, ...", [](size_t n) { return repeat("k: a b, ", n, "x = {", "}"); }},
        {"errors on every line: x = (a b\\n", [](size_t n) { return repeat("x = (a b\n", n); }},
        {"nested (((1))) 90 deep, repeated",
         [](size_t n) { return repeat("x = " + std::string(90, '(') + "1" + std::string(90, ')') + "\n", n); }},
        {"nested {a: {a: ...}} 45 deep, repeated",
         [](size_t n) { return repeat("x = " + repeat("{a: ", 4 * 45) + "1" + std::string(45, '}') + "\n", n); }},
        {"nested f(a: f(a: ...)) 45 deep, repeated",
         [](size_t n) { return repeat("x = " + repeat("f(a: ", 5 * 45) + "1" + std::string(45, ')') + "\n", n); }},
        {"query pipelines, repeated",
         [](size_t n) {
             return repeat("from(bucket: \"b\") |> range(start: -1h) |> filter(fn: (r) => r._measurement == \"cpu\" "
                           "and r.host =~ /a.*/) |> map(fn: (r) => ({r with v: r._value * 2.0, s: \"${r.host}!\"}))\n",
                           n);
         }},
    };
    struct Largest {
        const char* name;
        size_t bytes;
        double seconds;
        bool ok;
    };
    std::vector<Largest> summary;
    const std::string only = argc > 2 ? argv[2] : "";
    for (const Shape& sh : shapes) {
        if (std::string(sh.name).find(only) == std::string::npos) continue;
        for (size_t bytes : {maxBytes / 64, maxBytes / 16, maxBytes / 4, maxBytes}) {
            std::string src = sh.make(bytes);
            auto t0 = std::chrono::steady_clock::now();
            const double cpu0 = threadCpuSeconds();
            fluxi::ParseResult r = fluxi::parseFlux(src, "bench.flux");
            const double s = threadCpuSeconds() - cpu0;
            const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::printf("%-40s %9zu bytes %8.3f s cpu %8.3f s wall  %s\n", sh.name, src.size(), s, wall,
                        r.errors.empty() ? "ok" : "error");
            std::fflush(stdout);
            if (bytes == maxBytes || s > 20) summary.push_back({sh.name, src.size(), s, r.errors.empty()});
            if (s > 20) break;  // clearly super-linear: larger sizes would only take longer
        }
    }
    std::printf("\n| shape | bytes | CPU seconds | s per MB | result |\n| --- | --- | --- | --- | --- |\n");
    for (const Largest& l : summary)
        std::printf("| %s | %zu | %.3f | %.3f | %s |\n", l.name, l.bytes, l.seconds, l.seconds / (l.bytes / 1e6),
                    l.ok ? "parsed" : "error");
    return 0;
}
