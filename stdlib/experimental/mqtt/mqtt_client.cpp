// libmosquitto publisher (see mqtt_client.h). The connection runs without a background thread:
// mosquitto_loop() is called here with the time left before the deadline.
#include "stdlib/experimental/mqtt/mqtt_client.h"

#include <mosquitto.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <mutex>

namespace fluxi::mqtt {

struct Publisher::State {
    bool connected = false;
    int connack = -1;          // the broker's CONNACK code once it answered
    bool disconnected = false;
    int publishedMid = -1;     // the last message id the library reported as delivered
    int waitingMid = -2;
};

namespace {

using Clock = std::chrono::steady_clock;

struct BrokerAddress {
    std::string host;
    int port = 1883;
    bool tls = false;
};

BrokerAddress parseBroker(const std::string& url) {
    BrokerAddress a;
    std::string rest = url;
    auto sep = url.find("://");
    if (sep != std::string::npos) {
        std::string scheme = url.substr(0, sep);
        for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        rest = url.substr(sep + 3);
        if (scheme == "ssl" || scheme == "tls" || scheme == "mqtts" || scheme == "tcps") {
            a.tls = true;
            a.port = 8883;
        } else if (scheme == "ws" || scheme == "wss") {
            throw MqttError(ErrorCode::Unimplemented,
                            "broker " + url + ": WebSocket brokers are not supported by fluxi (use tcp:// or ssl://)");
        } else if (scheme != "tcp" && scheme != "mqtt") {
            throw MqttError(ErrorCode::Invalid,
                            "broker " + url + ": scheme must be tcp, mqtt, ssl, tls, mqtts or tcps but was " + scheme);
        }
    }
    auto slash = rest.find('/');
    if (slash != std::string::npos) rest = rest.substr(0, slash);
    if (auto at = rest.rfind('@'); at != std::string::npos) rest = rest.substr(at + 1);
    std::string portText;
    if (!rest.empty() && rest[0] == '[') {  // [ipv6]:port
        auto close = rest.find(']');
        if (close == std::string::npos) throw MqttError(ErrorCode::Invalid, "broker " + url + ": missing ']'");
        a.host = rest.substr(1, close - 1);
        if (close + 1 < rest.size()) {
            if (rest[close + 1] != ':') throw MqttError(ErrorCode::Invalid, "broker " + url + ": expected :port after ']'");
            portText = rest.substr(close + 2);
        }
    } else {
        auto colon = rest.rfind(':');
        a.host = rest.substr(0, colon);
        if (colon != std::string::npos) portText = rest.substr(colon + 1);
    }
    if (a.host.empty()) throw MqttError(ErrorCode::Invalid, "broker \"" + url + "\": missing the host name");
    if (!portText.empty()) {
        char* end = nullptr;
        long p = std::strtol(portText.c_str(), &end, 10);
        if (*end != '\0' || p < 1 || p > 65535)
            throw MqttError(ErrorCode::Invalid, "broker " + url + ": invalid port \"" + portText + "\"");
        a.port = static_cast<int>(p);
    }
    return a;
}

void initLibraryOnce() {
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });
}

std::string errnoText(int rc) {
    if (rc == MOSQ_ERR_ERRNO) return std::strerror(errno);
    return mosquitto_strerror(rc);
}

}  // namespace

Publisher::Publisher(const BrokerOptions& options) : opt_(options), st_(std::make_unique<State>()) {
    BrokerAddress addr = parseBroker(opt_.broker);
    initLibraryOnce();
    mosq_ = mosquitto_new(opt_.clientId.empty() ? nullptr : opt_.clientId.c_str(), true, st_.get());
    if (!mosq_) throw MqttError(ErrorCode::Internal, std::string("cannot create an MQTT client: ") + std::strerror(errno));
    mosquitto_connect_callback_set(mosq_, [](mosquitto*, void* obj, int rc) {
        auto* st = static_cast<State*>(obj);
        st->connack = rc;
        st->connected = rc == 0;
    });
    mosquitto_publish_callback_set(mosq_, [](mosquitto*, void* obj, int mid) {
        static_cast<State*>(obj)->publishedMid = mid;
    });
    mosquitto_disconnect_callback_set(mosq_, [](mosquitto*, void* obj, int) {
        static_cast<State*>(obj)->disconnected = true;
    });
    try {
        if (!opt_.username.empty()) {
            int rc = mosquitto_username_pw_set(mosq_, opt_.username.c_str(),
                                               opt_.password.empty() ? nullptr : opt_.password.c_str());
            if (rc != MOSQ_ERR_SUCCESS) throw MqttError(ErrorCode::Invalid, std::string("username: ") + mosquitto_strerror(rc));
        }
        if (addr.tls) {
            int rc = mosquitto_tls_set(mosq_, nullptr, "/etc/ssl/certs", nullptr, nullptr, nullptr);
            if (rc != MOSQ_ERR_SUCCESS)
                throw MqttError(ErrorCode::Unavailable, std::string("TLS setup failed: ") + mosquitto_strerror(rc));
        }
        int rc = mosquitto_connect_async(mosq_, addr.host.c_str(), addr.port, 60);
        if (rc != MOSQ_ERR_SUCCESS)
            throw MqttError(rc == MOSQ_ERR_INVAL ? ErrorCode::Invalid : ErrorCode::Unavailable,
                            "cannot connect to broker " + opt_.broker + ": " + errnoText(rc));
        loopUntil([](const State& s) { return s.connack >= 0; }, "connect");
        if (!st_->connected)
            throw MqttError(ErrorCode::Unavailable,
                            "broker " + opt_.broker + " refused the connection: " + mosquitto_connack_string(st_->connack));
    } catch (...) {
        mosquitto_destroy(mosq_);
        throw;
    }
}

Publisher::~Publisher() {
    if (st_->connected && !st_->disconnected) {
        mosquitto_disconnect(mosq_);
        // Let the DISCONNECT packet go out (bounded: a few short loops).
        for (int i = 0; i < 10 && !st_->disconnected; i++)
            if (mosquitto_loop(mosq_, 20, 1) != MOSQ_ERR_SUCCESS) break;
    }
    mosquitto_destroy(mosq_);
}

void Publisher::loopUntil(bool (*done)(const State&), const char* waitingFor) {
    auto deadline = Clock::now() + std::chrono::nanoseconds(opt_.timeoutNanos);
    while (!done(*st_)) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            std::string secs = std::to_string(opt_.timeoutNanos / 1000000) + "ms";
            if (std::string(waitingFor) == "connect")
                throw MqttError(ErrorCode::DeadlineExceeded,
                                "broker " + opt_.broker + " did not accept the connection within the timeout (" + secs + ")");
            throw MqttError(ErrorCode::DeadlineExceeded,
                            "mqtt publish: timeout reached (" + secs + ", broker " + opt_.broker + ")");
        }
        int rc = mosquitto_loop(mosq_, static_cast<int>(std::min<long long>(left, 100)), 1);
        if (rc != MOSQ_ERR_SUCCESS) {
            std::string why = errnoText(rc);
            if (st_->connack > 0) return;  // refused: the caller reports the CONNACK code
            throw MqttError(ErrorCode::Unavailable, std::string(st_->connected ? "lost the connection to broker "
                                                                                 : "cannot connect to broker ") +
                                                        opt_.broker + ": " + why);
        }
    }
}

void Publisher::publish(const std::string& topic, const std::string& payload) {
    int mid = 0;
    int rc = mosquitto_publish(mosq_, &mid, topic.c_str(), static_cast<int>(payload.size()), payload.data(), opt_.qos,
                               opt_.retain);
    if (rc != MOSQ_ERR_SUCCESS) {
        ErrorCode code = (rc == MOSQ_ERR_INVAL || rc == MOSQ_ERR_PAYLOAD_SIZE || rc == MOSQ_ERR_MALFORMED_UTF8)
                             ? ErrorCode::Invalid
                             : ErrorCode::Unavailable;
        std::string why = rc == MOSQ_ERR_INVAL ? "invalid topic \"" + topic + "\" (no wildcards + or #, not empty)"
                                               : errnoText(rc);
        throw MqttError(code, "cannot publish to broker " + opt_.broker + ": " + why);
    }
    st_->waitingMid = mid;
    loopUntil([](const State& s) { return s.publishedMid == s.waitingMid; }, "publish");
}

}  // namespace fluxi::mqtt
