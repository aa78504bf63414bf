// A local HTTP receiver for tests: listens on a free 127.0.0.1 port in a background thread, records
// every request, and answers with a status, body and delay the test chooses (per path or by default).
#pragma once

#include <httplib.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace fluxi::test {

struct ReceivedRequest {
    std::string method;
    std::string path;                               // without the query string
    std::multimap<std::string, std::string> query;  // decoded query parameters
    std::multimap<std::string, std::string, httplib::detail::ci> headers;
    std::string body;
    std::string header(const std::string& name) const {
        auto it = headers.find(name);
        return it == headers.end() ? std::string() : it->second;
    }
};

struct CannedResponse {
    int status = 200;
    std::string body;
    std::string contentType = "text/plain";
    std::chrono::milliseconds delay{0};
    std::string location;  // sent as the Location header when not empty (for redirects)
};

class HttpReceiver {
public:
    HttpReceiver() {
        auto handler = [this](const httplib::Request& req, httplib::Response& res) {
            CannedResponse answer;
            {
                std::lock_guard lock(mutex_);
                ReceivedRequest r{req.method, req.path, {}, {}, req.body};
                for (const auto& [k, v] : req.params) r.query.emplace(k, v);
                for (const auto& [k, v] : req.headers) r.headers.emplace(k, v);
                requests_.push_back(std::move(r));
                auto it = byPath_.find(req.path);
                answer = it == byPath_.end() ? default_ : it->second;
            }
            if (answer.delay.count() > 0) std::this_thread::sleep_for(answer.delay);
            res.status = answer.status;
            if (!answer.location.empty()) res.set_header("Location", answer.location);
            res.set_content(answer.body, answer.contentType.c_str());
        };
        server_.Get(".*", handler);
        server_.Post(".*", handler);
        server_.Put(".*", handler);
        server_.Patch(".*", handler);
        server_.Delete(".*", handler);
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ~HttpReceiver() {
        server_.stop();
        if (thread_.joinable()) thread_.join();
    }
    HttpReceiver(const HttpReceiver&) = delete;
    HttpReceiver& operator=(const HttpReceiver&) = delete;

    int port() const { return port_; }
    std::string url(const std::string& path = "/") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

    void respond(CannedResponse r) {
        std::lock_guard lock(mutex_);
        default_ = std::move(r);
    }
    void respond(const std::string& path, CannedResponse r) {
        std::lock_guard lock(mutex_);
        byPath_[path] = std::move(r);
    }
    std::vector<ReceivedRequest> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = -1;
    mutable std::mutex mutex_;
    std::vector<ReceivedRequest> requests_;
    std::map<std::string, CannedResponse> byPath_;
    CannedResponse default_;
};

}  // namespace fluxi::test
