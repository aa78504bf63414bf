// The limits `fluxi serve` enforces: request bodies read with a cap (after decompression), at most N
// queries evaluated at once with a bounded queue of waiting ones (beyond it: 503), a cap on the bytes of
// a query response, and the count of query threads still running (which shutdown waits for).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <streambuf>
#include <string>

namespace httplib {
struct Request;
struct Response;
class ContentReader;
}  // namespace httplib

namespace fluxi::server {

// Reads the whole (decompressed) body through `reader` into `body`. On failure answers `res` itself
// (413 past `maxBytes`, 400 when the body cannot be read) and returns false.
bool readBody(const httplib::ContentReader& reader, httplib::Response& res, size_t maxBytes, std::string& body);

// At most `running` holders at once; at most `queued` callers wait for a slot (each up to a deadline).
class QuerySlots {
public:
    QuerySlots(int running, int queued) : maxRunning_(running), maxQueued_(queued) {}
    enum class Outcome { Acquired, QueueFull, TimedOut, ShuttingDown };
    Outcome acquire(std::chrono::steady_clock::time_point deadline);
    void release();
    // Wakes the waiters (they get ShuttingDown) and refuses new ones.
    void shutDown();
    int running() const;

private:
    mutable std::mutex mu_;
    std::condition_variable cv_;
    int maxRunning_, maxQueued_;
    int running_ = 0, waiting_ = 0;
    bool shuttingDown_ = false;
};

// Counts work that outlives its HTTP handler (a query that timed out runs on until its cancellation
// takes effect, see query_route.cpp).
class InFlight {
public:
    void begin();
    void end();
    // Waits until nothing is in flight or `timeout` passed; true when idle.
    bool waitIdle(std::chrono::nanoseconds timeout);
    int count() const;

private:
    mutable std::mutex mu_;
    std::condition_variable cv_;
    int count_ = 0;
};

// A string sink that takes at most `limit` bytes; past it, writes fail (the stream goes bad) and
// overflowed() is true.
class BoundedStringBuf : public std::streambuf {
public:
    explicit BoundedStringBuf(size_t limit) : limit_(limit) {}
    std::string& str() { return data_; }
    bool overflowed() const { return overflowed_; }

protected:
    std::streamsize xsputn(const char* s, std::streamsize n) override;
    int_type overflow(int_type c) override;

private:
    size_t limit_;
    bool overflowed_ = false;
    std::string data_;
};

}  // namespace fluxi::server
