// An MQTT broker for tests, Debian's mosquitto: a temporary config listening on a free 127.0.0.1
// port (anonymous clients allowed unless the test says otherwise), stopped by the destructor. And
// a subscriber (libmosquitto, its own network thread) that records every message it receives, so a
// test can check the exact topic and payload a script published.
//
// A missing mosquitto binary is an error (the constructor throws), never a skipped test:
// scripts/install-deps.sh installs the mosquitto package.
#pragma once

#include <mosquitto.h>
#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/service_process.h"

namespace fluxi::test {

class MosquittoBroker {
public:
    explicit MosquittoBroker(bool allowAnonymous = true) : dir_("fluxi-mqtt") {
        std::string bin = findProgram({"/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"});
        if (bin.empty())
            throw std::runtime_error("the mosquitto broker was not found: run scripts/install-deps.sh (Debian package mosquitto)");
        port_ = freeLoopbackPort();
        std::string conf = dir_.sub("mosquitto.conf");
        std::ofstream(conf) << "listener " << port_ << " 127.0.0.1\n"
                            << "allow_anonymous " << (allowAnonymous ? "true" : "false") << "\n"
                            << "persistence false\n";
        pid_ = (std::fflush(stdout), std::fflush(stderr), ::fork());
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            FILE* in = std::freopen("/dev/null", "r", stdin);
            FILE* out = std::freopen(dir_.sub("mosquitto.log").c_str(), "a", stdout);
            (void)in;
            (void)out;
            ::dup2(STDOUT_FILENO, STDERR_FILENO);
            // As root, mosquitto drops to the "mosquitto" user, which must be able to read the config.
            ::execl(bin.c_str(), bin.c_str(), "-c", conf.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        if (!waitForPort(port_, std::chrono::seconds(10))) {
            stop();
            throw std::runtime_error("mosquitto did not start listening on 127.0.0.1:" + std::to_string(port_));
        }
    }
    ~MosquittoBroker() { stop(); }
    MosquittoBroker(const MosquittoBroker&) = delete;
    MosquittoBroker& operator=(const MosquittoBroker&) = delete;

    int port() const { return port_; }
    std::string url() const { return "tcp://127.0.0.1:" + std::to_string(port_); }

private:
    void stop() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status = 0;
            ::waitpid(pid_, &status, 0);
            pid_ = -1;
        }
    }
    ServiceDir dir_;
    int port_ = 0;
    pid_t pid_ = -1;
};

struct MqttMessage {
    std::string topic;
    std::string payload;
    bool retained = false;
};

class MqttSubscriber {
public:
    // Subscribes to `pattern` ("#": everything) and returns once the broker acknowledged it.
    MqttSubscriber(int port, const std::string& pattern = "#") {
        mosquitto_lib_init();
        mosq_ = mosquitto_new(nullptr, true, this);
        if (!mosq_) throw std::runtime_error("mosquitto_new failed");
        mosquitto_connect_callback_set(mosq_, [](mosquitto* m, void* obj, int rc) {
            auto* self = static_cast<MqttSubscriber*>(obj);
            if (rc == 0) mosquitto_subscribe(m, nullptr, self->pattern_.c_str(), 1);
        });
        mosquitto_subscribe_callback_set(mosq_, [](mosquitto*, void* obj, int, int, const int*) {
            auto* self = static_cast<MqttSubscriber*>(obj);
            std::lock_guard lock(self->mu_);
            self->subscribed_ = true;
            self->cv_.notify_all();
        });
        mosquitto_message_callback_set(mosq_, [](mosquitto*, void* obj, const mosquitto_message* m) {
            auto* self = static_cast<MqttSubscriber*>(obj);
            std::lock_guard lock(self->mu_);
            self->messages_.push_back({m->topic, std::string(static_cast<const char*>(m->payload),
                                                             static_cast<size_t>(m->payloadlen)),
                                       m->retain});
            self->cv_.notify_all();
        });
        pattern_ = pattern;
        if (mosquitto_connect(mosq_, "127.0.0.1", port, 60) != MOSQ_ERR_SUCCESS)
            throw std::runtime_error("the test subscriber cannot connect to the broker");
        mosquitto_loop_start(mosq_);
        std::unique_lock lock(mu_);
        if (!cv_.wait_for(lock, std::chrono::seconds(10), [&] { return subscribed_; }))
            throw std::runtime_error("the test subscriber's subscription was not acknowledged");
    }
    ~MqttSubscriber() {
        mosquitto_disconnect(mosq_);
        mosquitto_loop_stop(mosq_, false);
        mosquitto_destroy(mosq_);
    }
    MqttSubscriber(const MqttSubscriber&) = delete;
    MqttSubscriber& operator=(const MqttSubscriber&) = delete;

    // Waits (up to `limit`) until at least n messages arrived and returns all received so far.
    std::vector<MqttMessage> waitFor(size_t n, std::chrono::milliseconds limit = std::chrono::seconds(5)) {
        std::unique_lock lock(mu_);
        cv_.wait_for(lock, limit, [&] { return messages_.size() >= n; });
        return messages_;
    }

private:
    mosquitto* mosq_ = nullptr;
    std::string pattern_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool subscribed_ = false;
    std::vector<MqttMessage> messages_;
};

}  // namespace fluxi::test
