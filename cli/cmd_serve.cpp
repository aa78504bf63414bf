// `fluxi serve [--bind HOST:PORT] [--data DIR] [--token-file F] [--tasks DIR] [--max-body SIZE]
// [--max-result-size SIZE] [--max-concurrent-queries N] [--max-queued-queries N] [--query-timeout DUR]
// [--max-query-memory SIZE] [--shutdown-grace DUR] [--quiet]`: the InfluxDB v2-compatible HTTP API (server/).
//
// SIGINT and SIGTERM are blocked in every thread and taken by one thread with sigwait: the first one
// shuts the server down gracefully (no new connection, requests under way finish, query evaluations get
// up to --shutdown-grace); a second one exits at once (acknowledged writes are committed already).
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <thread>

#include "cli/commands.h"
#include "cli/durability_option.h"
#include "server/options.h"
#include "server/server.h"
#include "store/data_dir.h"

namespace fluxi::cli {

namespace {

struct ServeFlags {
    std::string bind = "127.0.0.1:8086";
    std::string dataDir, tokenFile, tasksDir;
    std::string maxBody = "32MiB", maxResult = "256MiB", maxQueryMemory = "1GiB";
    int maxConcurrent = 8, maxQueued = 64;
    std::string queryTimeout = "60s", shutdownGrace = "30s";
    bool quiet = false;
};

int runServe(const ServeFlags& f) {
    server::ServeOptions o;
    std::string err;
    size_t queryMemory = 0;
    if (!server::parseBindAddress(f.bind, o.bindHost, o.port, err) ||
        !server::parseByteSize(f.maxBody, o.maxBodyBytes, err) ||
        !server::parseByteSize(f.maxResult, o.maxResultBytes, err) ||
        !server::parseServeDuration(f.queryTimeout, o.queryTimeoutNanos, err) ||
        !server::parseByteSize(f.maxQueryMemory, queryMemory, err) ||
        !server::parseServeDuration(f.shutdownGrace, o.shutdownGraceNanos, err)) {
        std::cerr << "fluxi serve: " << err << "\n";
        return 2;
    }
    if (f.maxConcurrent < 1 || f.maxQueued < 0) {
        std::cerr << "fluxi serve: --max-concurrent-queries must be at least 1 and --max-queued-queries at least 0\n";
        return 2;
    }
    o.maxQueryMemoryBytes = queryMemory;
    o.maxConcurrentQueries = f.maxConcurrent;
    o.maxQueuedQueries = f.maxQueued;
    o.dataDir = f.dataDir;
    o.tokenFile = f.tokenFile;
    o.tasksDir = f.tasksDir;
    o.logRequests = !f.quiet;

    // Block the signals before any thread exists, so that only the watcher receives them.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set, nullptr);

    server::Server srv(o);
    if (!srv.start(err)) {
        std::cerr << "fluxi serve: " << err << "\n";
        return 1;
    }
    std::atomic<bool> done{false}, idle{true};
    std::thread watcher([&] {
        int count = 0;
        while (true) {
            int sig = 0;
            if (sigwait(&set, &sig) != 0) continue;
            if (done) return;
            if (++count == 1) {
                std::cerr << "fluxi serve: " << (sig == SIGINT ? "SIGINT" : "SIGTERM")
                          << " received: shutting down (send it again to exit at once)" << std::endl;
                idle = srv.shutdown();
            } else {
                std::cerr << "fluxi serve: second signal: exiting now" << std::endl;
                std::_Exit(130);
            }
        }
    });
    // The line tests and scripts wait for: the address actually bound.
    std::cerr << "fluxi serve: listening on http://" << o.bindHost << ":" << srv.port() << " (data in "
              << store::resolveDataDir(o.dataDir) << (o.tokenFile.empty() ? ", no authentication" : ", token required")
              << ")" << std::endl;
    bool ok = srv.serve();
    done = true;
    pthread_kill(watcher.native_handle(), SIGTERM);
    watcher.join();
    if (!ok) {
        std::cerr << "fluxi serve: the server stopped listening unexpectedly\n";
        return 1;
    }
    if (!idle) {
        // Query threads still running past the grace period: they hold no acknowledged write.
        std::cerr << "fluxi serve: queries still running after the grace period were abandoned" << std::endl;
        std::_Exit(0);
    }
    std::cerr << "fluxi serve: stopped" << std::endl;
    return 0;
}

}  // namespace

void registerServe(CLI::App& app, int& exitCode) {
    auto f = std::make_shared<ServeFlags>();
    auto* cmd = app.add_subcommand("serve", "Serve the InfluxDB v2 HTTP API (query, write, buckets) over the store");
    cmd->add_option("--bind", f->bind, "HOST:PORT to listen on (default 127.0.0.1:8086; port 0 = any free port)");
    cmd->add_option("--data", f->dataDir, "Data folder of the embedded store (default $FLUXI_DATA or ./fluxi-data)");
    addDurabilityOption(cmd);
    cmd->add_option("--token-file", f->tokenFile, "Require `Authorization: Token T` with a token from this file (one per line)");
    cmd->add_option("--tasks", f->tasksDir, "Run the *.flux tasks of this folder on their schedule (read-only /api/v2/tasks)");
    cmd->add_option("--max-body", f->maxBody, "Largest request body, after gzip decompression (default 32MiB)");
    cmd->add_option("--max-result-size", f->maxResult, "Largest query response (annotated CSV; default 256MiB)");
    cmd->add_option("--max-concurrent-queries", f->maxConcurrent, "Queries evaluated at once (default 8)");
    cmd->add_option("--max-queued-queries", f->maxQueued, "Queries waiting for a free slot; beyond this: 503 (default 64)");
    cmd->add_option("--query-timeout", f->queryTimeout, "Time limit of a query, e.g. 30s (default 60s; 0s = none)");
    cmd->add_option("--max-query-memory", f->maxQueryMemory, "Memory budget of one query, e.g. 512MiB (default 1GiB; 0 = none)");
    cmd->add_option("--shutdown-grace", f->shutdownGrace, "How long shutdown waits for running queries (default 30s)");
    cmd->add_flag("--quiet", f->quiet, "No request log lines on stderr");
    cmd->callback([f, &exitCode] { exitCode = runServe(*f); });
}

}  // namespace fluxi::cli
