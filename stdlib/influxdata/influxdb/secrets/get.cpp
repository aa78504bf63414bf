// secrets.get(key:): the value of a secret from the run's SecretStore (eval/secrets.h: the host's
// values or secrets file, else $FLUXI_SECRET_<KEY>). A missing key is a "not found" error that names
// the key and where fluxi looked; the value is registered as sensitive (net/sensitive.h) so it never
// appears in an error message, a log line or a printed request.
#include "eval/builtin.h"
#include "eval/execution.h"
#include "eval/secrets.h"
#include "net/sensitive.h"

namespace fluxi {

namespace {

Value secretsGet(CallContext& ctx, const Args& args) {
    std::string key = ctx.requireString(args, "key");
    static const SecretStore kEnvOnly;
    const SecretStore& store = ctx.execution().secrets ? *ctx.execution().secrets : kEnvOnly;
    std::optional<std::string> value = store.get(key);
    if (!value)
        ctx.fail(ErrorCode::NotFound,
                 "secrets.get: secret \"" + key + "\" not found: give it in the secrets file (--secrets FILE or $FLUXI_SECRETS, " +
                     "a KEY=VALUE line) or as the environment variable " + SecretStore::kEnvPrefix + key);
    net::markSensitive(*value);
    return Value::string(*value);
}

}  // namespace

FLUXI_BUILTIN("influxdata/influxdb/secrets", "get", "key", secretsGet);

}  // namespace fluxi
