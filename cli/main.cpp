// Entry point of the `fluxi` binary: sets up the verbs (cli/cmd_*.cpp) and dispatches.
#include <cstdio>

#include "cli/commands.h"

int main(int argc, char** argv) {
    CLI::App app{"fluxi: a standalone interpreter for the Flux data scripting language"};
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
    fluxi::cli::registerParse(app, exitCode);
    fluxi::cli::registerCheck(app, exitCode);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        return app.exit(e);
    }
    return exitCode;
}
