// `fluxi serve`'s server: the InfluxDB v2-compatible HTTP API over the embedded store (and the task
// scheduler with --tasks), its start-up and its graceful shutdown.
//
// Lifecycle: start() opens the store, reads the token file, loads the tasks and binds the socket (all
// errors are reported before anything is served); serve() answers requests until shutdown() is called
// (from another thread, e.g. a signal watcher). shutdown() stops accepting, lets the requests under
// way finish (writes are acknowledged only after their commit, so none is lost), waits up to the
// grace period for query evaluations still running, and stops the scheduler.
#pragma once

#include <memory>
#include <string>
#include <thread>

#include "server/options.h"

namespace httplib {
class Server;
}
namespace fluxi::task {
class Scheduler;
}

namespace fluxi::server {

struct ServerContext;

class Server {
public:
    explicit Server(ServeOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // False with `error` set when the server cannot start.
    bool start(std::string& error);
    int port() const { return port_; }  // the bound port (useful with port 0)
    // Serves until shutdown(); returns false when listening failed.
    bool serve();
    // Thread-safe; returns once serve() may return. True when every query evaluation had ended
    // within the grace period.
    bool shutdown();

private:
    ServeOptions options_;
    std::unique_ptr<ServerContext> ctx_;
    std::unique_ptr<httplib::Server> http_;
    std::unique_ptr<task::Scheduler> scheduler_;
    std::thread schedulerThread_;
    int port_ = 0;
};

}  // namespace fluxi::server
