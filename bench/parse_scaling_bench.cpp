// Parse time against input size for hostile shapes (unclosed brackets, long flat lists, nesting just
// under the bracket cap): `parse_scaling_bench [MAX_BYTES]` (default 1 MB). For each shape, the
// input is doubled from 16 KB up to MAX_BYTES; a shape whose time more than triples per doubling is
// super-linear. Prints bytes, seconds and whether it parsed.
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
    };
    for (const Shape& sh : shapes) {
        for (size_t bytes = 16000; bytes <= maxBytes; bytes *= 2) {
            std::string src = sh.make(bytes);
            auto t0 = std::chrono::steady_clock::now();
            fluxi::ParseResult r = fluxi::parseFlux(src, "bench.flux");
            double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::printf("%-26s %9zu bytes %8.3f s %s\n", sh.name, src.size(), s, r.errors.empty() ? "ok" : "error");
            std::fflush(stdout);
            if (s > 20) break;  // clearly super-linear: larger sizes would only take longer
        }
    }
    return 0;
}
