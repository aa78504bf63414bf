// Test helper: a `fluxi serve` process (the real binary, FLUXI_BINARY) on a free 127.0.0.1 port with a
// temporary data folder, stopped with SIGTERM when the helper goes away; plus small HTTP helpers
// over net/http_client.h.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "net/http_client.h"
#include "tests/support/cli_run.h"

namespace fluxi::testutil {

class ServeProcess {
public:
    // Starts `fluxi serve --bind 127.0.0.1:0 --data DIR ARGS...` and waits (up to 20 s) for the line
    // naming the bound port. Throws std::runtime_error with the server's stderr when it does not start.
    explicit ServeProcess(std::vector<std::string> extraArgs = {}, std::string dataDir = "") {
        dataDir_ = dataDir.empty() ? (dir_.path / "data").string() : dataDir;
        log_ = (dir_.path / "serve.log").string();
        std::vector<std::string> args = {FLUXI_BINARY, "serve", "--bind", "127.0.0.1:0", "--data", dataDir_};
        args.insert(args.end(), extraArgs.begin(), extraArgs.end());
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (pid_ == 0) {
            std::FILE* f = std::freopen(log_.c_str(), "w", stderr);
            (void)f;
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            ::execv(argv[0], argv.data());
            std::_Exit(127);
        }
        const std::regex listening(R"(listening on http://127\.0\.0\.1:(\d+))");
        for (int i = 0; i < 400; i++) {
            std::smatch m;
            std::string text = log();
            if (std::regex_search(text, m, listening)) {
                port_ = std::stoi(m[1].str());
                return;
            }
            int status = 0;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                throw std::runtime_error("fluxi serve exited at start-up:\n" + text);
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        throw std::runtime_error("fluxi serve did not start within 20 s:\n" + log());
    }
    ~ServeProcess() { stop(); }
    ServeProcess(const ServeProcess&) = delete;
    ServeProcess& operator=(const ServeProcess&) = delete;

    int port() const { return port_; }
    std::string url(const std::string& path = "") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }
    const std::string& dataDir() const { return dataDir_; }
    const TempDir& dir() const { return dir_; }
    std::string log() const { return readFile(log_); }
    bool running() {
        if (pid_ <= 0) return false;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            exitStatus_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            pid_ = -1;
            return false;
        }
        return true;
    }
    void signal(int sig) const {
        if (pid_ > 0) ::kill(pid_, sig);
    }
    // Sends SIGTERM and waits (up to `seconds`; then SIGKILL); returns the exit status (128+N for a signal).
    int stop(int seconds = 60) {
        if (pid_ <= 0) return exitStatus_;
        ::kill(pid_, SIGTERM);
        for (int i = 0; i < seconds * 20; i++) {
            if (!running()) return exitStatus_;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        ::kill(pid_, SIGKILL);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
        exitStatus_ = 137;
        return exitStatus_;
    }

private:
    TempDir dir_;
    std::string dataDir_, log_;
    pid_t pid_ = -1;
    int port_ = 0;
    int exitStatus_ = -1;
};

// One request to the server.
inline net::HttpResponse httpCall(const std::string& method, const std::string& url, const std::string& body = "",
                                  net::HttpHeaders headers = {}, int timeoutMs = 30000) {
    net::HttpRequest req;
    req.method = method;
    req.url = url;
    req.body = body;
    req.headers = std::move(headers);
    req.timeout = std::chrono::milliseconds(timeoutMs);
    return net::send(req);
}

// A Flux query as application/vnd.flux, with `now` fixed through the JSON form when given.
inline net::HttpResponse fluxQuery(const ServeProcess& s, const std::string& flux, net::HttpHeaders headers = {}) {
    headers.emplace_back("Content-Type", "application/vnd.flux");
    return httpCall("POST", s.url("/api/v2/query?org=fluxi"), flux, std::move(headers));
}

}  // namespace fluxi::testutil
