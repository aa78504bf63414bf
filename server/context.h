// What every route of `fluxi serve` shares: the settings, the one open store, authentication, the
// query limits and the loaded tasks. One ServerContext per server; routes hold a reference.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/auth.h"
#include "server/limits.h"
#include "server/options.h"
#include "task/runner.h"

namespace fluxi::store {
class Store;
}

namespace fluxi::server {

struct ServerContext {
    ServerContext(ServeOptions o, std::shared_ptr<store::Store> s, TokenAuth a)
        : options(std::move(o)), store(std::move(s)), auth(std::move(a)),
          slots(options.maxConcurrentQueries, options.maxQueuedQueries) {}

    const ServeOptions options;
    std::shared_ptr<store::Store> store;
    const TokenAuth auth;
    QuerySlots slots;
    InFlight queryThreads;                   // query evaluations still running (also past their timeout)
    std::vector<task::TaskDefinition> tasks; // with --tasks: what the scheduler runs
    std::atomic<bool> shuttingDown{false};

    // One line on stderr (serialised).
    void log(const std::string& line);

private:
    std::mutex logMu_;
};

}  // namespace fluxi::server
