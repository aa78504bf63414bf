// mqtt.publish(broker:, topic:, message:, qos:, retain:, clientid:, username:, password:,
// timeout:): sends one message to an MQTT broker and returns true once it is delivered (as its QoS
// requires); any failure (unreachable broker, refused connection, timeout) is an error.
#include "net/outbound_policy.h"
#include "stdlib/experimental/mqtt/broker_args.h"

namespace fluxi {
namespace {

Value mqttPublish(CallContext& ctx, const Args& args) {
    mqtt::BrokerOptions o = mqtt::readBrokerOptions(ctx, args, "mqtt.publish");
    std::string topic = ctx.requireString(args, "topic");
    if (topic.empty()) ctx.fail("mqtt.publish: empty topic");
    std::string message = ctx.requireString(args, "message");
    if (message.empty()) ctx.fail("mqtt.publish: empty message");
    const std::string target = o.broker + " topic " + topic;
    if (!net::mayPerformSideEffect("MQTT PUBLISH", target, message)) return Value::boolean(true);
    try {
        mqtt::Publisher p(o);
        p.publish(topic, message);
        net::noteSideEffectDone("MQTT PUBLISH", target, message);
    } catch (const mqtt::MqttError& e) {
        ctx.fail(e.code(), std::string("mqtt.publish: ") + e.what());
    }
    return Value::boolean(true);
}

}  // namespace

FLUXI_BUILTIN("experimental/mqtt", "publish",
              "broker, topic, message, ?qos, ?retain, ?clientid, ?username, ?password, ?timeout", mqttPublish);

}  // namespace fluxi
