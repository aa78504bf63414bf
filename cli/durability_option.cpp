// --durability (see durability_option.h).
#include "cli/durability_option.h"

#include "store/store.h"

namespace fluxi::cli {

void addDurabilityOption(CLI::App* cmd) {
    cmd->add_option_function<std::string>(
           "--durability",
           [](const std::string& v) {
               store::Store::setDefaultDurability(v == "fast" ? store::Durability::Fast : store::Durability::Full);
           },
           "How writes reach the disk: full (default) syncs every commit, so an acknowledged write survives a "
           "power loss; fast syncs at checkpoints only (a killed process loses nothing, a power loss may lose "
           "the last commits), quicker for many small writes")
        ->check(CLI::IsMember({"full", "fast"}));
}

}  // namespace fluxi::cli
