// The settings of `fluxi serve` (cli/cmd_serve.cpp fills them from the command line), and the parsing
// of the size and duration texts its flags take.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace fluxi::server {

struct ServeOptions {
    std::string bindHost = "127.0.0.1";
    int port = 8086;                          // 0: any free port (the server reports the one it got)
    std::string dataDir;                      // resolved by store::resolveDataDir
    std::string tokenFile;                    // empty: no authentication
    std::string tasksDir;                     // empty: no task scheduler
    size_t maxBodyBytes = 32u << 20;          // request bodies, after gzip decompression
    size_t maxResultBytes = 256u << 20;       // annotated CSV of one query response
    int maxConcurrentQueries = 8;             // queries evaluated at once
    int maxQueuedQueries = 64;                // queries waiting for a slot; beyond: 503
    int64_t queryTimeoutNanos = 60'000'000'000LL;      // 0: none
    uint64_t maxQueryMemoryBytes = 1ull << 30;         // memory budget of one query's evaluation; 0: none
    int64_t shutdownGraceNanos = 30'000'000'000LL;     // how long SIGTERM waits for in-flight queries
    int64_t readTimeoutNanos = 10'000'000'000LL;       // a client that sends nothing for this long is dropped
    bool logRequests = true;                  // one line per request on stderr (never a token)
};

// "10MB", "512KiB", "1GB", "1048576" (bytes; K/M/G are powers of 1024 with or without "i"/"B").
// False with `error` set on anything else or on overflow.
bool parseByteSize(std::string_view text, size_t& out, std::string& error);

// A Flux duration literal without calendar units ("30s", "1m30s", "500ms"); false with `error` on
// bad text, months/years, or a negative value.
bool parseServeDuration(std::string_view text, int64_t& nanos, std::string& error);

// "127.0.0.1:8086", ":8086" (127.0.0.1), "localhost:0", "[::1]:8086". False with `error` when malformed.
bool parseBindAddress(std::string_view text, std::string& host, int& port, std::string& error);

}  // namespace fluxi::server
