// The server of `fluxi serve` (see server.h): httplib set-up, authentication before routing, request
// log lines, JSON bodies for the errors httplib answers itself, and the shutdown sequence.
#include "server/server.h"

#include <httplib.h>

#include <filesystem>
#include <iostream>
#include <set>

#include "server/context.h"
#include "server/http_errors.h"
#include "server/routes.h"
#include "store/data_dir.h"
#include "store/store.h"
#include "task/scheduler.h"

namespace fluxi::server {

void ServerContext::log(const std::string& line) {
    std::lock_guard lock(logMu_);
    std::cerr << line << std::endl;
}

namespace {

// Routes anyone may call (as in InfluxDB).
bool isPublic(const std::string& path) { return path == "/health" || path == "/ping" || path == "/ready"; }
bool isV1(const std::string& path) { return path == "/write" || path == "/query"; }

std::vector<task::TaskDefinition> loadTasks(const std::string& dir, ServerContext& ctx, std::string& error) {
    std::vector<task::TaskDefinition> tasks;
    std::vector<std::string> files;
    try {
        files = task::taskFilesIn(dir);
    } catch (const std::exception& e) {
        error = std::string("--tasks: ") + e.what();
        return tasks;
    }
    std::set<std::string> names;
    for (const std::string& f : files) {
        try {
            task::TaskDefinition t = task::loadTask(f);
            if (!names.insert(t.options.name).second) {
                ctx.log(f + ": error: another task file is already named " + t.options.name + "; skipped");
                continue;
            }
            tasks.push_back(std::move(t));
        } catch (const std::exception& e) {
            std::string msg = e.what();
            while (!msg.empty() && msg.back() == '\n') msg.pop_back();
            ctx.log(msg + "\nfluxi serve: skipped the task file " + f);
        }
    }
    if (files.empty()) ctx.log("fluxi serve: warning: no *.flux task file in " + dir);
    return tasks;
}

}  // namespace

Server::Server(ServeOptions options) : options_(std::move(options)) {}

Server::~Server() {
    if (schedulerThread_.joinable()) {
        scheduler_->stop();
        schedulerThread_.join();
    }
}

bool Server::start(std::string& error) {
    const std::string dir = store::resolveDataDir(options_.dataDir);
    std::shared_ptr<store::Store> st;
    try {
        st = store::Store::open(dir, store::Store::OpenMode::ReadWrite);
    } catch (const std::exception& e) {
        error = std::string("cannot open the store: ") + e.what();
        return false;
    }
    TokenAuth auth;
    if (!options_.tokenFile.empty()) {
        try {
            auth = TokenAuth::fromFile(options_.tokenFile);
        } catch (const std::exception& e) {
            error = e.what();
            return false;
        }
    }
    ctx_ = std::make_unique<ServerContext>(options_, st, std::move(auth));
    if (!options_.tasksDir.empty()) {
        ctx_->tasks = loadTasks(options_.tasksDir, *ctx_, error);
        if (!error.empty()) return false;
    }

    http_ = std::make_unique<httplib::Server>();
    httplib::Server& http = *http_;
    ServerContext& ctx = *ctx_;
    const size_t threads = static_cast<size_t>(std::max(16, options_.maxConcurrentQueries + 8));
    http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    http.set_payload_max_length(options_.maxBodyBytes);
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::nanoseconds(options_.readTimeoutNanos));
    http.set_read_timeout(std::max<time_t>(1, static_cast<time_t>(secs.count())), 0);
    http.set_write_timeout(std::max<time_t>(1, static_cast<time_t>(secs.count())), 0);
    http.set_keep_alive_timeout(5);
    http.set_keep_alive_max_count(1000);

    http.set_pre_routing_handler([&ctx](const httplib::Request& req, httplib::Response& res) {
        if (isPublic(req.path) || ctx.auth.allows(req, isV1(req.path))) return httplib::Server::HandlerResponse::Unhandled;
        res.set_header("Connection", "close");  // the body is not read
        sendError(res, kUnauthorized, "unauthorized access");
        return httplib::Server::HandlerResponse::Handled;
    });
    // httplib answers some errors itself (404 no route, 413 by Content-Length, 400 bad request line):
    // give those InfluxDB's JSON body too.
    http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req, httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        switch (res.status) {
            case 404: sendError(res, kNotFound, "path not found: " + req.path); break;
            case 405: sendError(res, kMethodNotAllowed, "method not allowed"); break;
            case 413: sendError(res, kTooLarge, "request body too large (fluxi serve --max-body)"); break;
            case 415: sendError(res, kUnsupportedMediaType, "unsupported Content-Encoding: send the body as is, or gzip it"); break;
            default: {
                HttpErrorKind k{res.status, res.status >= 500 ? "internal error" : "invalid"};
                sendError(res, k, "request failed with HTTP status " + std::to_string(res.status));
            }
        }
        return httplib::Server::HandlerResponse::Handled;
    }));
    http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        std::string what = "unknown error";
        try {
            std::rethrow_exception(ep);
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
        }
        sendError(res, kInternal, what);
    });
    if (options_.logRequests) {
        // Method, path (no query string: v1 clients put credentials there) and status; never a header.
        http.set_logger([&ctx](const httplib::Request& req, const httplib::Response& res) {
            ctx.log(req.method + " " + req.path + " " + std::to_string(res.status) + " " +
                    std::to_string(res.body.size()) + "B");
        });
    }
    addHealthRoutes(http, ctx);
    addQueryRoute(http, ctx);
    addWriteRoutes(http, ctx);
    addBucketRoutes(http, ctx);
    addV1QueryRoute(http, ctx);
    addTaskRoutes(http, ctx);

    if (options_.port == 0) {
        port_ = http.bind_to_any_port(options_.bindHost);
        if (port_ <= 0) {
            error = "cannot bind to " + options_.bindHost + " (any port)";
            return false;
        }
    } else {
        if (!http.bind_to_port(options_.bindHost, options_.port)) {
            error = "cannot bind to " + options_.bindHost + ":" + std::to_string(options_.port) +
                    " (in use, or not an address of this machine)";
            return false;
        }
        port_ = options_.port;
    }

    if (!ctx.tasks.empty()) {
        task::SchedulerSettings settings;
        settings.run.dataDir = dir;
        settings.print = [&ctx](const std::string& line) { ctx.log("task: " + line); };
        scheduler_ = std::make_unique<task::Scheduler>(ctx.tasks, st, settings);
        schedulerThread_ = std::thread([this] { scheduler_->run(); });
    }
    return true;
}

bool Server::serve() { return http_->listen_after_bind(); }

bool Server::shutdown() {
    ctx_->shuttingDown = true;
    ctx_->slots.shutDown();  // queries waiting for a slot get 503
    http_->stop();           // no new connection; requests under way finish
    bool idle = ctx_->queryThreads.waitIdle(std::chrono::nanoseconds(options_.shutdownGraceNanos));
    if (schedulerThread_.joinable()) {
        scheduler_->stop();
        schedulerThread_.join();
        scheduler_->abandonRunning();
    }
    return idle;
}

}  // namespace fluxi::server
