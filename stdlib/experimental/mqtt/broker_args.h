// The arguments publish() and to() share: broker, clientid, username, password, qos, retain,
// timeout, read as the reference reads them (clientid "flux-mqtt", timeout 1s, a username needs a
// password).
#pragma once

#include "eval/builtin.h"
#include "stdlib/experimental/mqtt/mqtt_client.h"

namespace fluxi::mqtt {

BrokerOptions readBrokerOptions(CallContext& ctx, const Args& args, const char* fname);

}  // namespace fluxi::mqtt
