// mqtt.to(tables, broker:, topic:, qos:, retain:, clientid:, username:, password:, name:, timeout:,
// timeColumn:, tagColumns:, valueColumns:): sends each input table to an MQTT broker as one message
// of line protocol (one line per row, see line_encoding.h) and passes the tables through.
//
// As the reference: the measurement is `name`, else the `_measurement` column; timeColumn "_time";
// tagColumns none; valueColumns ["_value"] (an empty list means the default); without `topic` each
// message goes to the topic derived from its first line, "/measurement/tagkey/tagvalue/...". A
// table without rows sends nothing. One connection serves the whole call, and the messages are
// sent once per call even when the result is read more than once. Unlike the reference (which
// ignores a failed publish), a broker that cannot be reached or does not acknowledge in time is an
// error.
#include <algorithm>
#include <memory>
#include <stdexcept>

#include "net/outbound_policy.h"
#include "eval/kernels/stream_ops.h"
#include "eval/stream.h"
#include "stdlib/experimental/mqtt/broker_args.h"
#include "stdlib/experimental/mqtt/line_encoding.h"

namespace fluxi {
namespace {

Value mqttTo(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    auto broker = std::make_shared<mqtt::BrokerOptions>(mqtt::readBrokerOptions(ctx, args, "mqtt.to"));
    auto spec = std::make_shared<mqtt::LineSpec>();
    std::string topic = ctx.stringOr(args, "topic", "");
    spec->name = ctx.stringOr(args, "name", "");
    spec->timeColumn = ctx.stringOr(args, "timeColumn", "_time");
    spec->tagColumns = ctx.stringListOr(args, "tagColumns", {});
    spec->valueColumns = ctx.stringListOr(args, "valueColumns", {});
    if (spec->valueColumns.empty()) spec->valueColumns = {"_value"};
    CallContext site = ctx;
    return Value::stream(tableops::makeOnceStream(
        in,
        [site, broker, spec, topic](std::vector<TablePtr> tables) {
            std::unique_ptr<mqtt::Publisher> publisher;
            for (const TablePtr& t : tables) {
                mqtt::EncodedTable msg;
                try {
                    msg = mqtt::encodeTable(*t, *spec);
                } catch (const std::invalid_argument& e) {
                    site.fail(ErrorCode::FailedPrecondition, std::string("mqtt.to: ") + e.what());
                }
                if (msg.lines.empty()) continue;
                const std::string& to = topic.empty() ? msg.firstTopic : topic;
                const std::string target = broker->broker + " topic " + to;
                if (!net::mayPerformSideEffect("MQTT PUBLISH", target, msg.lines)) continue;
                try {
                    if (!publisher) publisher = std::make_unique<mqtt::Publisher>(*broker);
                    publisher->publish(to, msg.lines);
                    net::noteSideEffectDone("MQTT PUBLISH", target, msg.lines);
                } catch (const mqtt::MqttError& e) {
                    site.fail(e.code(), std::string("mqtt.to: ") + e.what());
                }
            }
            return tables;
        },
        "mqtt.to"));
}

}  // namespace

FLUXI_BUILTIN("experimental/mqtt", "to",
              "<-tables, broker, ?topic, ?qos, ?retain, ?clientid, ?username, ?password, ?name, ?timeout, "
              "?timeColumn, ?tagColumns, ?valueColumns",
              mqttTo);

}  // namespace fluxi
