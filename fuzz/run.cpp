// Fuzz target "run": evaluating a small script (Engine::run: parse, type check, evaluate, drain the
// results) under tight limits (eval/limits.h: 2 s, 64 MiB), so the evaluator and the stdlib are fuzzed
// too. Any script must end in results or in a reported Flux error; an error that is not a Flux error
// (ErrorCode::Unknown: an exception of the C++ library escaped a builtin) counts as a finding.
//
// The target stays on the machine and off the disk: it runs only scripts whose imports are pure
// packages (kAllowedImports) and that name none of `to`, `host`, `url`, `file` (writes to a store,
// remote InfluxDB, fetched or read files), judged on the lexer's tokens, so no string can smuggle a
// name past the filter.
#include <string>
#include <string_view>

#include "fluxi/fluxi.h"
#include "fuzz/fuzz_target.h"
#include "parser/parser.h"

namespace {

constexpr std::string_view kAllowedImports[] = {
    "array", "bitwise", "csv", "date", "dict", "experimental", "experimental/aggregate", "experimental/array",
    "experimental/bitwise", "experimental/geo", "experimental/json", "experimental/record", "experimental/table",
    "generate", "internal/debug", "interpolate", "join", "json", "math", "regexp", "sampledata", "strings",
    "system", "testing", "timezone", "types", "universe"};
constexpr std::string_view kRefusedNames[] = {"to", "host", "url", "file"};

template <size_t N>
bool contains(const std::string_view (&list)[N], std::string_view s) {
    for (std::string_view x : list)
        if (x == s) return true;
    return false;
}

// True when the script stays within the pure packages and names nothing that reaches outside.
bool isContained(const std::string& source) {
    const std::vector<fluxi::LexedToken> tokens = fluxi::lexFlux(source);
    for (size_t i = 0; i < tokens.size(); i++) {
        const fluxi::LexedToken& t = tokens[i];
        if (t.inString) continue;
        if (contains(kRefusedNames, t.text)) return false;
        if (t.text == "import") {
            // import ["alias"] "path": the path is the first string piece of the next few tokens.
            size_t j = i + 1;
            while (j < tokens.size() && j <= i + 4 && !tokens[j].inString) ++j;
            if (j >= tokens.size() || !tokens[j].inString || !contains(kAllowedImports, tokens[j].text)) return false;
        }
    }
    return true;
}

}  // namespace

FLUXI_FUZZ_TARGET("run") {
    using namespace fluxi;
    const std::string source(reinterpret_cast<const char*>(data), size);
    if (!isContained(source)) return;
    Engine engine;
    engine.setNow("2024-01-01T00:00:00Z");
    engine.setTypeCheck(true);
    engine.setLimits({64u * 1024 * 1024, std::chrono::seconds(2)});
    RunResult r = engine.run(source, "fuzz.flux");
    if (r.ok) return;
    fuzz::require(!r.error.empty(), "a failed run without an error message");
    if (r.code == ErrorCode::Unknown) fuzz::fail("a run failed with an error that is not a Flux error: " + r.error);
}
