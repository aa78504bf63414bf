// --secrets and --no-side-effects (see cli/outbound_options.h).
#include "cli/outbound_options.h"

#include <cstdlib>
#include <iostream>

#include "eval/secrets.h"
#include "net/outbound_policy.h"

namespace fluxi::cli {

void addSecretsOption(CLI::App* cmd, OutboundOptions& o) {
    cmd->add_option("--secrets", o.secretsFile,
                    "File of KEY=VALUE lines for secrets.get (default $FLUXI_SECRETS; keys not in it are read from "
                    "$FLUXI_SECRET_<KEY>)");
}

void addNoSideEffectsFlag(CLI::App* cmd, OutboundOptions& o) {
    cmd->add_flag("--no-side-effects", o.noSideEffects,
                  "Do not send HTTP requests that change something (POST, PUT, PATCH, DELETE: http.post, "
                  "notifications): print them and answer status 200 instead; GET requests are still sent");
}

bool applyOutboundOptions(const OutboundOptions& o, const char* verb, std::shared_ptr<const SecretStore>& secrets) {
    if (o.noSideEffects) net::setOutboundMode(net::OutboundMode::Record);
    std::string path = o.secretsFile;
    if (path.empty())
        if (const char* env = std::getenv("FLUXI_SECRETS")) path = env;
    if (path.empty()) return true;
    auto store = std::make_shared<SecretStore>();
    try {
        store->loadFile(path);
    } catch (const std::exception& e) {
        std::cerr << "fluxi " << verb << ": " << e.what() << "\n";
        return false;
    }
    secrets = std::move(store);
    return true;
}

}  // namespace fluxi::cli
