// InfluxDB 1.x for tests, Debian's influxd: a temporary config (meta, data and WAL in a temporary
// folder, HTTP and the RPC service on free 127.0.0.1 ports, reporting and monitoring off, queries
// logged), stopped by the destructor. write() and query() talk to its HTTP API.
//
// A missing influxd binary is an error (the constructor throws), never a skipped test:
// scripts/install-deps.sh installs the influxdb package.
#pragma once

#include <signal.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "net/http_client.h"
#include "tests/support/service_process.h"

namespace fluxi::test {

class InfluxdServer {
public:
    InfluxdServer() : dir_("fluxi-influxd") {
        std::string bin = findProgram({"/usr/bin/influxd", "/usr/sbin/influxd", "/usr/local/bin/influxd"});
        if (bin.empty())
            throw std::runtime_error("influxd was not found: run scripts/install-deps.sh (Debian package influxdb)");
        port_ = freeLoopbackPort();
        int rpcPort = freeLoopbackPort();
        std::string conf = dir_.sub("influxdb.conf");
        std::ofstream(conf) << "reporting-disabled = true\n"
                            << "bind-address = \"127.0.0.1:" << rpcPort << "\"\n"
                            << "[meta]\n  dir = \"" << dir_.sub("meta") << "\"\n"
                            << "[data]\n  dir = \"" << dir_.sub("data") << "\"\n  wal-dir = \"" << dir_.sub("wal")
                            << "\"\n  query-log-enabled = true\n"
                            << "[http]\n  bind-address = \"127.0.0.1:" << port_ << "\"\n  log-enabled = false\n"
                            << "[monitor]\n  store-enabled = false\n"
                            << "[continuous_queries]\n  enabled = false\n";
        log_ = dir_.sub("influxd.log");
        pid_ = (std::fflush(stdout), std::fflush(stderr), ::fork());
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            FILE* in = std::freopen("/dev/null", "r", stdin);
            FILE* out = std::freopen(log_.c_str(), "a", stdout);
            (void)in;
            (void)out;
            ::dup2(STDOUT_FILENO, STDERR_FILENO);
            ::execl(bin.c_str(), bin.c_str(), "-config", conf.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        // Ready once /ping answers (the port opens before the meta store is).
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
        for (;;) {
            if (waitForPort(port_, std::chrono::milliseconds(200))) {
                try {
                    if (call("GET", "/ping", "").status == 204) break;
                } catch (const std::exception&) {
                }
            }
            if (std::chrono::steady_clock::now() > deadline) {
                stop();
                throw std::runtime_error("influxd did not answer /ping on 127.0.0.1:" + std::to_string(port_) + ": " + log());
            }
        }
    }
    ~InfluxdServer() { stop(); }
    InfluxdServer(const InfluxdServer&) = delete;
    InfluxdServer& operator=(const InfluxdServer&) = delete;

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    // An InfluxQL statement (CREATE DATABASE, ...); throws unless answered 200.
    std::string query(const std::string& q, const std::string& db = "") {
        net::HttpResponse r = call("POST", "/query?" + (db.empty() ? "" : "db=" + net::percentEncode(db) + "&") +
                                               "q=" + net::percentEncode(q), "");
        if (r.status != 200) throw std::runtime_error("influxd answered " + std::to_string(r.status) + ": " + r.body);
        return r.body;
    }
    // Line protocol (ns precision) into db; throws unless answered 204.
    void write(const std::string& db, const std::string& lines) {
        net::HttpResponse r = call("POST", "/write?db=" + net::percentEncode(db), lines);
        if (r.status != 204) throw std::runtime_error("influxd answered " + std::to_string(r.status) + ": " + r.body);
    }
    std::string log() const {
        std::ifstream in(log_);
        std::stringstream ss;
        ss << in.rdbuf();
        return ss.str();
    }

private:
    net::HttpResponse call(const std::string& method, const std::string& path, const std::string& body) {
        net::HttpRequest req;
        req.method = method;
        req.url = url() + path;
        req.body = body;
        req.timeout = std::chrono::seconds(30);
        return net::send(req);
    }
    void stop() {
        if (pid_ > 0) {
            ::kill(pid_, SIGTERM);
            int status = 0;
            ::waitpid(pid_, &status, 0);
            pid_ = -1;
        }
    }
    ServiceDir dir_;
    std::string log_;
    int port_ = 0;
    pid_t pid_ = -1;
};

}  // namespace fluxi::test
