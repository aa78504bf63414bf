// A small MQTT publisher over libmosquitto for experimental/mqtt: connect to one broker, publish
// messages, disconnect. Every step is bounded by the caller's timeout (connecting, waiting for the
// broker's CONNACK, and each publish until the broker acknowledges it, or until it is written for
// QoS 0), so an unreachable or silent broker is an error after at most that long.
//
// Broker addresses are URLs as the reference takes them: "tcp://host:port" (also "mqtt://"; a
// broker without a scheme is tcp), "ssl://", "tls://", "mqtts://" or "tcps://" for TLS verified
// against the system's CA certificates. The port defaults to 1883 (8883 with TLS). WebSocket
// brokers ("ws://", "wss://") are not supported.
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

#include "eval/error.h"

struct mosquitto;

namespace fluxi::mqtt {

class MqttError : public std::runtime_error {
public:
    MqttError(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
    ErrorCode code() const { return code_; }

private:
    ErrorCode code_;
};

struct BrokerOptions {
    std::string broker;  // URL as given (for messages)
    std::string clientId = "flux-mqtt";
    std::string username, password;  // no authentication when username is empty
    int qos = 0;
    bool retain = false;
    int64_t timeoutNanos = 1000000000;  // 1s
};

class Publisher {
public:
    // Connects; throws MqttError (Invalid for a bad address, Unavailable when the broker cannot be
    // reached or refuses the connection, DeadlineExceeded when it does not answer in time).
    explicit Publisher(const BrokerOptions& options);
    ~Publisher();  // disconnects
    Publisher(const Publisher&) = delete;
    Publisher& operator=(const Publisher&) = delete;

    // Publishes one message and waits until it is delivered as its QoS requires.
    void publish(const std::string& topic, const std::string& payload);

    struct State;  // what the libmosquitto callbacks report

private:
    void loopUntil(bool (*done)(const State&), const char* waitingFor);
    BrokerOptions opt_;
    mosquitto* mosq_ = nullptr;
    std::unique_ptr<State> st_;
};

}  // namespace fluxi::mqtt
