// Reading the broker arguments of experimental/mqtt (see broker_args.h).
#include "stdlib/experimental/mqtt/broker_args.h"

namespace fluxi::mqtt {

BrokerOptions readBrokerOptions(CallContext& ctx, const Args& args, const char* fname) {
    const std::string f(fname);
    BrokerOptions o;
    o.broker = ctx.requireString(args, "broker");
    if (o.broker.empty()) ctx.fail(f + ": broker must not be empty (e.g. \"tcp://localhost:1883\")");
    o.clientId = ctx.stringOr(args, "clientid", "flux-mqtt");
    if (const Value* u = ctx.optional(args, "username", Kind::String)) {
        const Value* p = ctx.optional(args, "password", Kind::String);
        if (!p) ctx.fail(f + ": password required with username");
        o.username = u->asString();
        o.password = p->asString();
    }
    int64_t qos = ctx.intOr(args, "qos", 0);
    if (qos < 0 || qos > 2) ctx.fail(f + ": qos must be 0, 1 or 2, got " + std::to_string(qos));
    o.qos = static_cast<int>(qos);
    o.retain = ctx.boolOr(args, "retain", false);
    if (const Value* t = ctx.optional(args, "timeout", Kind::Duration)) {
        Duration d = t->asDuration();
        if (d.months != 0 || d.nanos <= 0)
            ctx.fail(f + ": timeout must be a positive duration without months or years (e.g. 5s)");
        o.timeoutNanos = d.nanos;
    }
    return o;
}

}  // namespace fluxi::mqtt
