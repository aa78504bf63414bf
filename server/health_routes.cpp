// GET /health, GET|HEAD /ping and GET /ready: liveness answers as InfluxDB 2 gives them. They need no
// token (as in InfluxDB).
#include <httplib.h>

#include <chrono>

#include "eval/time.h"
#include "server/context.h"
#include "server/routes.h"
#include "task/runner.h"

namespace fluxi::server {

namespace {
const std::string kVersion = std::string("fluxi-") + FLUXI_VERSION;
}

void addHealthRoutes(httplib::Server& http, ServerContext& ctx) {
    http.Get("/health", [&ctx](const httplib::Request&, httplib::Response& res) {
        if (ctx.shuttingDown.load()) {
            res.status = 503;
            res.set_content(R"({"name":"fluxi","message":"shutting down","status":"fail","checks":[],"version":")" +
                                kVersion + R"(","commit":""})",
                            "application/json; charset=utf-8");
            return;
        }
        res.set_content(R"({"name":"fluxi","message":"ready for queries and writes","status":"pass","checks":[],"version":")" +
                            kVersion + R"(","commit":""})",
                        "application/json; charset=utf-8");
    });
    auto ping = [](const httplib::Request&, httplib::Response& res) {
        res.status = 204;
        res.set_header("X-Influxdb-Version", kVersion);
        res.set_header("X-Influxdb-Build", "fluxi");
    };
    http.Get("/ping", ping);
    http.Options("/ping", ping);
    const int64_t started = task::wallClockNow();
    http.Get("/ready", [started](const httplib::Request&, httplib::Response& res) {
        int64_t up = task::wallClockNow() - started;
        res.set_content(R"({"status":"ready","started":")" + formatTime(started) + R"(","up":")" +
                            task::formatElapsed(up) + "\"}",
                        "application/json; charset=utf-8");
    });
}

}  // namespace fluxi::server
