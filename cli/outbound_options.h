// The options of the verbs whose scripts may talk to the outside: `--secrets FILE` (run, test, the
// task verbs; else $FLUXI_SECRETS) and `--no-side-effects` (test, task run, task backfill: requests
// that would change something are printed instead of sent, see net/outbound_policy.h).
#pragma once

#include <CLI/CLI.hpp>

#include <memory>
#include <string>

namespace fluxi {
class SecretStore;
}

namespace fluxi::cli {

struct OutboundOptions {
    std::string secretsFile;
    bool noSideEffects = false;
};

void addSecretsOption(CLI::App* cmd, OutboundOptions& o);
void addNoSideEffectsFlag(CLI::App* cmd, OutboundOptions& o);

// Loads the secrets file (--secrets, else $FLUXI_SECRETS; none: null) and sets the outbound policy.
// Prints "fluxi VERB: ..." and returns false when the secrets file cannot be used.
bool applyOutboundOptions(const OutboundOptions& o, const char* verb, std::shared_ptr<const SecretStore>& secrets);

}  // namespace fluxi::cli
