// The --durability option of the verbs that write to the store (write, run, task run/backfill/serve,
// serve): how commits reach the disk (store::Durability), full unless asked otherwise.
#pragma once

#include <CLI/CLI.hpp>

namespace fluxi::cli {

// Adds --durability full|fast to `cmd`; given, it applies to every store the process opens after.
void addDurabilityOption(CLI::App* cmd);

}  // namespace fluxi::cli
