// The verbs of the `fluxi` binary. Each verb lives in its own cli/cmd_*.cpp file and adds itself to
// the CLI11 app through one of these functions; its callback stores the process exit status.
#pragma once

#include <CLI/CLI.hpp>

namespace fluxi::cli {

void registerRun(CLI::App& app, int& exitCode);     // cmd_run.cpp
void registerParse(CLI::App& app, int& exitCode);   // cmd_parse.cpp
void registerCheck(CLI::App& app, int& exitCode);   // cmd_check.cpp
void registerRepl(CLI::App& app, int& exitCode);    // cmd_repl.cpp
void registerTest(CLI::App& app, int& exitCode);    // cmd_test.cpp
void registerWrite(CLI::App& app, int& exitCode);   // cmd_write.cpp
void registerBucket(CLI::App& app, int& exitCode);  // cmd_bucket.cpp
void registerTask(CLI::App& app, int& exitCode);    // cmd_task.cpp
void registerFmt(CLI::App& app, int& exitCode);     // cmd_fmt.cpp
void registerServe(CLI::App& app, int& exitCode);   // cmd_serve.cpp

}  // namespace fluxi::cli
