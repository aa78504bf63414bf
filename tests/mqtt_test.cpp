// experimental/mqtt against a real mosquitto broker started by the test on a free loopback port
// (tests/support/mosquitto_broker.h), with a subscriber checking the exact topics and payloads:
// publish() with each QoS and retain, to() and its line protocol (tags, sorted fields, types,
// escapes, nulls, topics), and the errors (refused connection, a silent broker, authentication
// refused, bad arguments and columns).
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "tests/support/flux_run.h"
#include "tests/support/mosquitto_broker.h"

using fluxi::test::MosquittoBroker;
using fluxi::test::MqttSubscriber;
using fluxi::testutil::runTables;

namespace {

std::string publish(const std::string& broker, const std::string& args) {
    return runTables("import \"experimental/mqtt\"\nmqtt.publish(broker: \"" + broker + "\", " + args + ")");
}

}  // namespace

TEST_CASE("mqtt.publish: the message arrives on its topic with each QoS; retain keeps it for later subscribers") {
    MosquittoBroker broker;
    MqttSubscriber sub(broker.port());
    CHECK(publish(broker.url(), "topic: \"alerts/cpu\", message: \"wake up\"") == "true");
    CHECK(publish(broker.url(), "topic: \"alerts/q1\", message: \"one\", qos: 1, clientid: \"fluxi-test\"") == "true");
    CHECK(publish(broker.url(), "topic: \"alerts/q2\", message: \"two\", qos: 2, timeout: 5s") == "true");
    auto got = sub.waitFor(3);
    REQUIRE(got.size() == 3);
    CHECK(got[0].topic == "alerts/cpu");
    CHECK(got[0].payload == "wake up");
    CHECK(got[1].topic == "alerts/q1");
    CHECK(got[1].payload == "one");
    CHECK(got[2].topic == "alerts/q2");
    CHECK(got[2].payload == "two");

    CHECK(publish(broker.url(), "topic: \"state/door\", message: \"open\", retain: true") == "true");
    MqttSubscriber late(broker.port(), "state/#");
    auto kept = late.waitFor(1);
    REQUIRE(kept.size() == 1);
    CHECK(kept[0].payload == "open");
    CHECK(kept[0].retained);
    // A broker address without a scheme is tcp.
    CHECK(publish("127.0.0.1:" + std::to_string(broker.port()), "topic: \"t\", message: \"m\"") == "true");
}

TEST_CASE("mqtt.to: one line-protocol message per table, as the reference encodes it; tables pass through") {
    MosquittoBroker broker;
    MqttSubscriber sub(broker.port());
    std::string script = R"(
import "array"
import "experimental/mqtt"
import "internal/debug"
array.from(rows: [
    {_time: 2024-01-01T00:00:00Z, _measurement: "cpu", zone: "eu west", host: "a", _value: 1.5, n: 3, u: uint(v: 7), s: "say \"hi\"\\", ok: true, skip: "x"},
    {_time: 2024-01-01T00:00:01.5Z, _measurement: "cpu", zone: "eu west", host: "", _value: 100.0, n: -4, u: uint(v: "18446744073709551615"), s: "line1
line2", ok: false, skip: "y"},
    {_time: 2024-01-01T00:00:02Z, _measurement: "cpu", zone: "eu west", host: "b", _value: 2.0, n: 0, u: uint(v: 0), s: "", ok: true, skip: "z"},
])
    |> map(fn: (r) => ({r with n: if r.host == "b" then int(v: debug.null()) else r.n}))
    |> group(columns: ["host"])
    |> mqtt.to(broker: ")" + broker.url() + R"(", tagColumns: ["zone", "host"], valueColumns: ["_value", "s", "n", "u", "ok"])
    |> count(column: "_value")
)";
    CHECK(runTables(script) == "[host=\"\"] host:string,_value:int\n\"\",1\n[host=\"a\"] host:string,_value:int\n\"a\",1\n"
                               "[host=\"b\"] host:string,_value:int\n\"b\",1");
    auto got = sub.waitFor(3);
    REQUIRE(got.size() == 3);
    // Tables in group-key order: host "", "a", "b". Tags in column order, fields sorted by name,
    // an empty tag left out, ints and uints with "i" (uints above 2^63-1 capped), nulls left out.
    CHECK(got[0].topic == "/cpu/zone/eu\\ west");
    CHECK(got[0].payload ==
          "cpu,zone=eu\\ west _value=100,n=-4i,ok=false,s=\"line1\\nline2\",u=9223372036854775807i 1704067201500000000\n");
    CHECK(got[1].topic == "/cpu/zone/eu\\ west/host/a");
    CHECK(got[1].payload ==
          "cpu,zone=eu\\ west,host=a _value=1.5,n=3i,ok=true,s=\"say \\\"hi\\\"\\\\\",u=7i 1704067200000000000\n");
    CHECK(got[2].payload == "cpu,zone=eu\\ west,host=b _value=2,ok=true,s=\"\",u=0i 1704067202000000000\n");

    // A fixed topic and name; the default value column is _value; several rows make several lines.
    CHECK(runTables(R"(
import "array"
import "experimental/mqtt"
array.from(rows: [{_time: 1970-01-01T00:00:01Z, _value: 1}, {_time: 1970-01-01T00:00:02Z, _value: 2}])
    |> mqtt.to(broker: ")" + broker.url() + R"(", topic: "metrics/all", name: "m x", qos: 1)
)") == "[] _time:time,_value:int\n1970-01-01T00:00:01Z,1\n1970-01-01T00:00:02Z,2");
    got = sub.waitFor(4);
    REQUIRE(got.size() == 4);
    CHECK(got[3].topic == "metrics/all");
    CHECK(got[3].payload == "m\\ x _value=1i 1000000000\nm\\ x _value=2i 2000000000\n");
}

TEST_CASE("mqtt: unreachable, silent and refusing brokers are clear errors within the timeout") {
    int closed = fluxi::test::freeLoopbackPort();
    const std::string closedUrl = "tcp://127.0.0.1:" + std::to_string(closed);
    CHECK(publish(closedUrl, "topic: \"t\", message: \"m\"") ==
          "error: mqtt.publish: cannot connect to broker " + closedUrl + ": Connection refused");
    CHECK(runTables("import \"array\"\nimport \"experimental/mqtt\"\narray.from(rows: [{_time: 2024-01-01T00:00:00Z, "
                    "_measurement: \"m\", _value: 1.0}]) |> mqtt.to(broker: \"" + closedUrl + "\")") ==
          "error: mqtt.to: cannot connect to broker " + closedUrl + ": Connection refused");

    // A listener that accepts TCP but never answers the MQTT handshake.
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
    REQUIRE(::listen(fd, 4) == 0);
    REQUIRE(::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0);
    const std::string silent = "tcp://127.0.0.1:" + std::to_string(ntohs(a.sin_port));
    auto t0 = std::chrono::steady_clock::now();
    CHECK(publish(silent, "topic: \"t\", message: \"m\", timeout: 300ms") ==
          "error: mqtt.publish: broker " + silent + " did not accept the connection within the timeout (300ms)");
    auto took = std::chrono::steady_clock::now() - t0;
    CHECK(took < std::chrono::seconds(2));
    fluxi::Engine e;
    auto r = e.run("import \"experimental/mqtt\"\nmqtt.publish(broker: \"" + silent +
                   "\", topic: \"t\", message: \"m\", timeout: 200ms)");
    CHECK(r.code == fluxi::ErrorCode::DeadlineExceeded);
    ::close(fd);

    MosquittoBroker locked(/*allowAnonymous=*/false);
    CHECK(publish(locked.url(), "topic: \"t\", message: \"m\"") ==
          "error: mqtt.publish: broker " + locked.url() +
              " refused the connection: Connection Refused: not authorised.");
    CHECK(publish(locked.url(), "topic: \"t\", message: \"m\", username: \"u\", password: \"p\"") ==
          "error: mqtt.publish: broker " + locked.url() +
              " refused the connection: Connection Refused: not authorised.");
}

TEST_CASE("mqtt: bad arguments and columns are errors naming what is wrong") {
    MosquittoBroker broker;
    const std::string u = broker.url();
    CHECK(publish(u, "topic: \"\", message: \"m\"") == "error: mqtt.publish: empty topic");
    CHECK(publish(u, "topic: \"t\", message: \"\"") == "error: mqtt.publish: empty message");
    CHECK(publish(u, "topic: \"t\", message: \"m\", username: \"u\"") ==
          "error: mqtt.publish: password required with username");
    CHECK(publish(u, "topic: \"t\", message: \"m\", qos: 3") == "error: mqtt.publish: qos must be 0, 1 or 2, got 3");
    CHECK(publish(u, "topic: \"a/#\", message: \"m\"") ==
          "error: mqtt.publish: cannot publish to broker " + u +
              ": invalid topic \"a/#\" (no wildcards + or #, not empty)");
    CHECK(publish("ws://127.0.0.1:1", "topic: \"t\", message: \"m\"") ==
          "error: mqtt.publish: broker ws://127.0.0.1:1: WebSocket brokers are not supported by fluxi (use tcp:// or "
          "ssl://)");
    CHECK(publish("http://127.0.0.1:1", "topic: \"t\", message: \"m\"") ==
          "error: mqtt.publish: broker http://127.0.0.1:1: scheme must be tcp, mqtt, ssl, tls, mqtts or tcps but was "
          "http");
    auto to = [&](const std::string& row, const std::string& args) {
        return runTables("import \"array\"\nimport \"experimental/mqtt\"\narray.from(rows: [" + row +
                         "]) |> mqtt.to(broker: \"" + u + "\"" + args + ")");
    };
    CHECK(to("{_measurement: \"m\", _value: 1.0}", "") == "error: mqtt.to: could not get time column \"_time\"");
    CHECK(to("{_time: 2024-01-01T00:00:00Z, _value: 1.0}", "") ==
          "error: mqtt.to: row 1 has no measurement name: give name, or a string column _measurement");
    CHECK(to("{_time: 2024-01-01T00:00:00Z, _measurement: \"m\", t: 1, _value: 1.0}", ", tagColumns: [\"t\"]") ==
          "error: mqtt.to: invalid type for tag column t: int");
    CHECK(to("{_time: 2024-01-01T00:00:00Z, _measurement: \"m\", _value: 2024-01-01T00:00:00Z}", "") ==
          "error: mqtt.to: unsupported type time for value column _value");
    CHECK(to("{_time: 2024-01-01T00:00:00Z, _measurement: \"m\", _value: 0.0}", "") == "[] _time:time,_measurement:string,_value:float\n2024-01-01T00:00:00Z,\"m\",0.0");
    CHECK(to("{_time: 2024-01-01T00:00:00Z, _measurement: \"m\", _value: float(v: \"NaN\")}", "") ==
          "error: mqtt.to: column _value, row 1: NaN cannot be written in line protocol");
}

TEST_CASE("mqtt: fluxi check knows mqtt.to and mqtt.publish with their parameters") {
    fluxi::Engine e;
    CHECK(e.check("import \"experimental/mqtt\"\nimport \"array\"\narray.from(rows: [{_time: 2024-01-01T00:00:00Z, "
                  "_value: 1.0}]) |> mqtt.to(broker: \"tcp://localhost:1883\", topic: \"t\", qos: 1, retain: false, "
                  "clientid: \"c\", username: \"u\", password: \"p\", name: \"n\", timeout: 1s, timeColumn: \"_time\", "
                  "tagColumns: [], valueColumns: [\"_value\"])\nmqtt.publish(broker: \"tcp://localhost:1883\", topic: "
                  "\"t\", message: \"m\", qos: 0, retain: true, clientid: \"c\", username: \"u\", password: \"p\", "
                  "timeout: 2s)")
              .ok);
    auto bad = e.check("import \"experimental/mqtt\"\nmqtt.publish(broker: \"b\", topic: \"t\", message: \"m\", timeout: 5)");
    CHECK_FALSE(bad.ok);
    CHECK(bad.error.find("expected duration but found int (argument timeout)") != std::string::npos);
}
