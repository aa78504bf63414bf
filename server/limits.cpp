// The limits of `fluxi serve` (see limits.h).
#include "server/limits.h"

#include <httplib.h>

#include "server/http_errors.h"

namespace fluxi::server {

bool readBody(const httplib::ContentReader& reader, httplib::Response& res, size_t maxBytes, std::string& body) {
    bool tooLarge = false;
    bool ok = reader([&](const char* data, size_t len) {
        if (body.size() + len > maxBytes) {
            tooLarge = true;
            return false;
        }
        body.append(data, len);
        return true;
    });
    if (ok) return true;
    // httplib answers a Content-Length above its payload limit with 413 before reading anything.
    res.set_header("Connection", "close");
    if (tooLarge || res.status == 413) {
        sendError(res, kTooLarge,
                  "request body exceeds the limit of " + std::to_string(maxBytes) +
                      " bytes (after decompression; see fluxi serve --max-body)");
    } else if (res.status == 415) {
        sendError(res, kUnsupportedMediaType, "unsupported Content-Encoding: send the body as is, or gzip it");
    } else {
        sendError(res, kInvalid, "cannot read the request body (truncated, or a corrupt gzip stream)");
    }
    return false;
}

QuerySlots::Outcome QuerySlots::acquire(std::chrono::steady_clock::time_point deadline) {
    std::unique_lock lock(mu_);
    if (shuttingDown_) return Outcome::ShuttingDown;
    if (running_ < maxRunning_) {
        running_++;
        return Outcome::Acquired;
    }
    if (waiting_ >= maxQueued_) return Outcome::QueueFull;
    waiting_++;
    bool got = cv_.wait_until(lock, deadline, [&] { return shuttingDown_ || running_ < maxRunning_; });
    waiting_--;
    if (shuttingDown_) return Outcome::ShuttingDown;
    if (!got) return Outcome::TimedOut;
    running_++;
    return Outcome::Acquired;
}

void QuerySlots::release() {
    {
        std::lock_guard lock(mu_);
        running_--;
    }
    cv_.notify_one();
}

void QuerySlots::shutDown() {
    {
        std::lock_guard lock(mu_);
        shuttingDown_ = true;
    }
    cv_.notify_all();
}

int QuerySlots::running() const {
    std::lock_guard lock(mu_);
    return running_;
}

void InFlight::begin() {
    std::lock_guard lock(mu_);
    count_++;
}

void InFlight::end() {
    {
        std::lock_guard lock(mu_);
        count_--;
    }
    cv_.notify_all();
}

bool InFlight::waitIdle(std::chrono::nanoseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return count_ == 0; });
}

int InFlight::count() const {
    std::lock_guard lock(mu_);
    return count_;
}

std::streamsize BoundedStringBuf::xsputn(const char* s, std::streamsize n) {
    size_t len = static_cast<size_t>(n);
    if (overflowed_ || data_.size() + len > limit_) {
        overflowed_ = true;
        return 0;
    }
    data_.append(s, len);
    return n;
}

BoundedStringBuf::int_type BoundedStringBuf::overflow(int_type c) {
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    char ch = traits_type::to_char_type(c);
    return xsputn(&ch, 1) == 1 ? c : traits_type::eof();
}

}  // namespace fluxi::server
