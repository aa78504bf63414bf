// `fluxi run FILE | -e SCRIPT [--now TIME] [--format table|csv|json] [--data DIR] [--timeout DUR] [--max-memory SIZE]
// [--secrets FILE]`: evaluates a
// script, prints the value of each top-level expression statement that is not a stream, then the
// results (yields and top-level stream expressions) in the chosen format.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/durability_option.h"
#include "cli/help_format.h"
#include "cli/limit_options.h"
#include "cli/outbound_options.h"
#include "cli/output.h"
#include "eval/value_text.h"
#include "api/engine.h"

namespace fluxi::cli {

namespace {

struct RunOptions {
    std::string file;
    std::string expr;
    std::string now;
    std::string format;
    std::string dataDir;
    size_t width = 0;  // table layout width; 0: the terminal's when stdout is one, else unlimited
    LimitOptions limits;
    OutboundOptions outbound;
};

int runScript(const RunOptions& o) {
    std::string source, name;
    if (!o.expr.empty()) {
        if (!o.file.empty()) {
            std::cerr << "fluxi run: give either FILE or -e SCRIPT, not both\n";
            return 2;
        }
        source = o.expr;
        name = "<expr>";
    } else if (o.file.empty()) {
        std::cerr << "fluxi run: missing FILE (or -e SCRIPT)\n";
        return 2;
    } else if (!readSource(o.file, source, name)) {
        return 2;
    }
    OutputFormat fmt;
    if (!parseOutputFormat(o.format, fmt)) {
        std::cerr << "fluxi run: unknown --format " << o.format << " (expected table, csv or json)\n";
        return 2;
    }
    RunLimits limits;
    if (!resolveLimits(o.limits, "run", "none", limits)) return 2;
    Engine engine;
    engine.setLimits({limits.maxMemoryBytes, limits.timeout});
    std::shared_ptr<const SecretStore> secrets;
    if (!applyOutboundOptions(o.outbound, "run", secrets)) return 2;
    if (secrets) engine.setSecretStore(secrets);
    if (!o.now.empty() && !engine.setNow(o.now)) {
        std::cerr << "fluxi run: --now " << o.now << " is not an RFC3339 time (e.g. 2024-01-01T00:00:00Z)\n";
        return 2;
    }
    if (!o.dataDir.empty()) engine.setDataDir(o.dataDir);
    engine.setTypeCheck(true);  // a script that does not type-check is refused before anything runs
    RunResult r = engine.run(source, name);
    if (!r.ok) {
        std::cerr << r.error;
        return 1;
    }
    // With --format csv or json, stdout holds only that document: values go to stderr.
    std::ostream& valuesOut = fmt == OutputFormat::Table ? std::cout : std::cerr;
    for (auto& v : r.values)
        if (!v.is(Kind::Stream)) valuesOut << formatValue(v) << "\n";
    size_t width = o.width;
    if (width == 0 && isatty(STDOUT_FILENO)) width = terminalWidth();
    if (!r.results.empty()) writeResults(r.results, fmt, std::cout, width);
    return 0;
}

}  // namespace

void registerRun(CLI::App& app, int& exitCode) {
    auto opts = std::make_shared<RunOptions>();
    auto* cmd = app.add_subcommand("run", "Evaluate a Flux script and print its results");
    cmd->add_option("file", opts->file, "Script file ('-' for standard input)");
    cmd->add_option("-e,--expr", opts->expr, "Script text to evaluate instead of a file");
    cmd->add_option("--now", opts->now, "Fix now() to this RFC3339 time");
    cmd->add_option("--format", opts->format, "Output format of tables: table (default on a terminal), csv, json");
    cmd->add_option("--data", opts->dataDir, "Data folder of the embedded store (default $FLUXI_DATA or ./fluxi-data)");
    addDurabilityOption(cmd);
    cmd->add_option("--width", opts->width,
                    "Table format: lay tables out in at most this many columns (compact, or row by row when "
                    "still too wide); default: the terminal's width");
    addLimitOptions(cmd, opts->limits, "none");
    addSecretsOption(cmd, opts->outbound);
    cmd->callback([opts, &exitCode] { exitCode = runScript(*opts); });
}

}  // namespace fluxi::cli
