// POST /api/v2/query: runs Flux against the server's store and answers annotated CSV in the requested
// dialect, or InfluxDB's JSON error with the matching status.
//
// Each query runs on its own thread with --max-query-memory as the Engine's memory budget (a query over
// it fails as `fluxi run` does, answered 429 with the evaluator's message). The handler stops waiting
// at --query-timeout: it answers 500 at once and cancels the evaluation (Engine::cancel), which ends
// soon after and frees its concurrency slot; what its to() staged is refused (Engine::setCancelCheck), so
// a client that got an error never sees its writes applied. cpp-httplib 0.11 does not tell a handler
// that its client went away, so a query whose client disconnected runs until it ends or times out.
#include <httplib.h>

#include <chrono>
#include <future>
#include <memory>
#include <mutex>
#include <ostream>
#include <thread>

#include "api/engine.h"
#include "server/context.h"
#include "server/http_errors.h"
#include "server/query_request.h"
#include "server/routes.h"

namespace fluxi::server {

namespace {

using Clock = std::chrono::steady_clock;

struct QueryAnswer {
    int status = 200;
    std::string body;
    std::string contentType;
};

// The first line of a formatted diagnostic ("<query>:1:5: error: undefined identifier x").
std::string firstLine(const std::string& text) {
    size_t nl = text.find('\n');
    return nl == std::string::npos ? text : text.substr(0, nl);
}

// One query evaluation, shared by the handler and the thread that runs it.
class QueryJob {
public:
    enum State { Running, Committing, Abandoned };

    QueryJob(ServerContext& ctx, QueryRequest req) : ctx_(ctx), req_(std::move(req)) {}

    // Runs on the query thread.
    QueryAnswer evaluate() {
        Engine engine;
        engine.setStore(ctx_.store);
        engine.setTypeCheck(true);
        if (req_.now) engine.setNow(*req_.now);
        // The time limit is the handler's (it answers and cancels at the deadline, see abandon()).
        engine.setLimits({ctx_.options.maxQueryMemoryBytes, std::chrono::nanoseconds(0)});
        engine.setCancelCheck([this] {
            int expected = Running;
            return !state_.compare_exchange_strong(expected, Committing);
        });
        {
            std::lock_guard lock(engineMu_);
            if (state_ == Abandoned) return {};  // the handler answered already
            engine_ = &engine;
        }
        RunResult r = engine.run(req_.query, "<query>");
        {
            std::lock_guard lock(engineMu_);
            engine_ = nullptr;
        }
        QueryAnswer a;
        if (!r.ok) {
            HttpErrorKind kind = errorKindOf(r.code);
            a.status = kind.status;
            a.body = errorBody(kind, firstLine(r.error));
            a.contentType = "application/json; charset=utf-8";
            return a;
        }
        BoundedStringBuf buf(ctx_.options.maxResultBytes);
        {
            std::ostream os(&buf);
            writeAnnotatedCsv(r.results, os, req_.dialect);
        }
        if (buf.overflowed()) {
            a.status = kTooLarge.status;
            a.body = errorBody(kTooLarge, "the query result exceeds the limit of " +
                                              std::to_string(ctx_.options.maxResultBytes) +
                                              " bytes (fluxi serve --max-result-size): narrow the range or aggregate");
            a.contentType = "application/json; charset=utf-8";
            return a;
        }
        a.body = std::move(buf.str());
        a.contentType = "text/csv; charset=utf-8";
        return a;
    }

    // The handler gave up waiting: true when the run had not begun committing its writes (they will be
    // refused); false when it is committing (the handler must wait for its answer).
    bool abandon() {
        int expected = Running;
        if (!state_.compare_exchange_strong(expected, Abandoned)) return false;
        std::lock_guard lock(engineMu_);
        if (engine_) engine_->cancel();
        return true;
    }

private:
    ServerContext& ctx_;
    QueryRequest req_;
    std::atomic<int> state_{Running};
    std::mutex engineMu_;
    Engine* engine_ = nullptr;  // while evaluate() runs it
};

void handleQuery(ServerContext& ctx, const httplib::Request& req, httplib::Response& res,
                 const httplib::ContentReader& reader) {
    std::string body;
    if (!readBody(reader, res, ctx.options.maxBodyBytes, body)) return;
    QueryRequest q;
    try {
        q = decodeQueryRequest(req.get_header_value("Content-Type"), body);
    } catch (const QueryRequestError& e) {
        sendError(res, e.unsupported ? kNotImplemented : kInvalid, e.what());
        return;
    }
    const int64_t timeout = ctx.options.queryTimeoutNanos;
    const Clock::time_point deadline =
        timeout > 0 ? Clock::now() + std::chrono::nanoseconds(timeout) : Clock::time_point::max();
    switch (ctx.slots.acquire(deadline)) {
        case QuerySlots::Outcome::Acquired: break;
        case QuerySlots::Outcome::QueueFull:
            res.set_header("Retry-After", "1");
            sendError(res, kUnavailable,
                      "too many queries: " + std::to_string(ctx.options.maxConcurrentQueries) + " running and " +
                          std::to_string(ctx.options.maxQueuedQueries) +
                          " waiting (fluxi serve --max-concurrent-queries, --max-queued-queries); try again later");
            return;
        case QuerySlots::Outcome::TimedOut:
            res.set_header("Retry-After", "1");
            sendError(res, kUnavailable, "the query waited its whole time limit for a free query slot; try again later");
            return;
        case QuerySlots::Outcome::ShuttingDown:
            sendError(res, kUnavailable, "the server is shutting down");
            return;
    }
    auto job = std::make_shared<QueryJob>(ctx, std::move(q));
    auto promise = std::make_shared<std::promise<QueryAnswer>>();
    std::future<QueryAnswer> answer = promise->get_future();
    ctx.queryThreads.begin();
    try {
        std::thread([&ctx, job, promise] {
            try {
                promise->set_value(job->evaluate());
            } catch (const std::exception& e) {
                QueryAnswer a;
                a.status = 500;
                a.body = errorBody(kInternal, std::string("query failed: ") + e.what());
                a.contentType = "application/json; charset=utf-8";
                promise->set_value(std::move(a));
            }
            ctx.slots.release();
            ctx.queryThreads.end();
        }).detach();
    } catch (const std::system_error& e) {  // no thread could be started
        ctx.slots.release();
        ctx.queryThreads.end();
        sendError(res, kUnavailable, std::string("cannot start the query: ") + e.what());
        return;
    }
    if (answer.wait_until(deadline) != std::future_status::ready && job->abandon()) {
        sendError(res, kInternal,
                  "the query exceeded its time limit of " + std::to_string(timeout / 1000000) +
                      " ms (fluxi serve --query-timeout); it wrote nothing");
        return;
    }
    QueryAnswer a = answer.get();
    res.status = a.status;
    res.set_content(std::move(a.body), a.contentType);
}

}  // namespace

void addQueryRoute(httplib::Server& http, ServerContext& ctx) {
    http.Post("/api/v2/query", [&ctx](const httplib::Request& req, httplib::Response& res,
                                      const httplib::ContentReader& reader) { handleQuery(ctx, req, res, reader); });
}

}  // namespace fluxi::server
