// The routes of `fluxi serve`, one file per concern; server.cpp adds them all.
#pragma once

namespace httplib {
class Server;
}

namespace fluxi::server {

struct ServerContext;

void addHealthRoutes(httplib::Server& http, ServerContext& ctx);  // health_routes.cpp: /health /ping /ready
void addQueryRoute(httplib::Server& http, ServerContext& ctx);    // query_route.cpp: POST /api/v2/query
void addWriteRoutes(httplib::Server& http, ServerContext& ctx);   // write_route.cpp: /api/v2/write, v1 /write
void addBucketRoutes(httplib::Server& http, ServerContext& ctx);  // bucket_routes.cpp: /api/v2/buckets
void addV1QueryRoute(httplib::Server& http, ServerContext& ctx);  // v1_routes.cpp: /query (InfluxQL: 501)
void addTaskRoutes(httplib::Server& http, ServerContext& ctx);    // task_routes.cpp: /api/v2/tasks (read-only)

}  // namespace fluxi::server
