// The v1 /query route (GET and POST). InfluxQL is not part of fluxi: the route answers 501 with an
// error saying so, so that v1 clients get a clear reason instead of a 404. (v1 /write is in
// write_route.cpp: it maps onto buckets cleanly.)
#include <httplib.h>

#include "server/context.h"
#include "server/http_errors.h"
#include "server/routes.h"

namespace fluxi::server {

void addV1QueryRoute(httplib::Server& http, ServerContext&) {
    auto notImplemented = [](const httplib::Request&, httplib::Response& res) {
        sendError(res, kNotImplemented,
                  "InfluxQL (/query) is not supported by fluxi serve: send Flux to POST /api/v2/query");
    };
    http.Get("/query", notImplemented);
    http.Post("/query", notImplemented);
}

}  // namespace fluxi::server
