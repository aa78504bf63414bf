// Entry point of the `fluxi` binary: sets up the verbs (cli/cmd_*.cpp) and dispatches. A first
// argument that names no verb is reported as an unknown command, with the closest verb suggested.
#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "cli/commands.h"
#include "cli/help_format.h"

namespace {

// Levenshtein distance, for "did you mean".
size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (size_t j = 0; j <= b.size(); j++) prev[j] = j;
    for (size_t i = 1; i <= a.size(); i++) {
        cur[0] = i;
        for (size_t j = 1; j <= b.size(); j++)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

// Exit code 2 and "unknown command" when argv[1] is not an option and names no verb of `app`.
bool unknownCommand(const CLI::App& app, int argc, char** argv) {
    if (argc < 2 || argv[1][0] == '-') return false;
    const std::string word = argv[1];
    std::string best;
    size_t bestDistance = SIZE_MAX;
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) {
        if (sub->get_name() == word) return false;
        names.push_back(sub->get_name());
        size_t d = editDistance(word, sub->get_name());
        if (d < bestDistance) bestDistance = d, best = sub->get_name();
    }
    std::string list;
    for (auto& n : names) list += (list.empty() ? "" : ", ") + n;
    std::fprintf(stderr, "fluxi: unknown command \"%s\"", word.c_str());
    if (bestDistance <= 2) std::fprintf(stderr, " (did you mean \"%s\"?)", best.c_str());
    std::fprintf(stderr, "\ncommands: %s\nRun 'fluxi --help' for more information.\n", list.c_str());
    return true;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"fluxi: a standalone interpreter for the Flux data scripting language", "fluxi"};
    // Set before the verbs are added: each subcommand copies the formatter.
    app.formatter(std::make_shared<fluxi::cli::WrappingFormatter>(fluxi::cli::terminalWidth()));
    app.set_version_flag("--version", std::string("fluxi ") + FLUXI_VERSION);
    app.require_subcommand(1);
    app.fallthrough(false);
    int exitCode = 0;
    fluxi::cli::registerRun(app, exitCode);
    fluxi::cli::registerRepl(app, exitCode);
    fluxi::cli::registerTest(app, exitCode);
    fluxi::cli::registerWrite(app, exitCode);
    fluxi::cli::registerBucket(app, exitCode);
    fluxi::cli::registerTask(app, exitCode);
    fluxi::cli::registerServe(app, exitCode);
    fluxi::cli::registerParse(app, exitCode);
    fluxi::cli::registerCheck(app, exitCode);
    fluxi::cli::registerFmt(app, exitCode);
    app.add_subcommand("version", "print the version of fluxi")->callback([] {
        std::printf("fluxi %s\n", FLUXI_VERSION);
    });
    if (unknownCommand(app, argc, argv)) return 2;
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    return exitCode;
}
