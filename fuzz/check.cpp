// Fuzz target "check": what `fluxi check` does with a file -- parse, then the name checks and the static
// type inference against the stdlib's declared types (Engine::check), and, for a file that checks,
// the printed type of each top-level binding (`fluxi check --types`). Any input must end in a result
// or in diagnostics, never in a crash, an escaped exception or a hang.
#include <string>

#include "fluxi/fluxi.h"
#include "fuzz/fuzz_target.h"
#include "parser/parser.h"
#include "types/infer.h"

FLUXI_FUZZ_TARGET("check") {
    using namespace fluxi;
    static Engine engine;
    const std::string source(reinterpret_cast<const char*>(data), size);
    CheckResult r = engine.check(source, "fuzz.flux");
    fuzz::require(r.ok == r.error.empty(), "check result and error text disagree");
    if (!r.ok) return;
    ParseResult parsed = parseFlux(source, "fuzz.flux");
    fuzz::require(parsed.ok(), "a file that checks does not parse");
    types::Checker checker;
    fuzz::require(checker.check(*parsed.file).empty(), "a file that checks has type errors");
    for (const auto& [name, type] : checker.bindingTypes())
        fuzz::require(!name.empty() && !type.empty(), "a binding without a name or a type");
}
