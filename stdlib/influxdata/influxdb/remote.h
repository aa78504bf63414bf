// from(host:) and to(host:): a remote InfluxDB 2-compatible server (InfluxDB 2, InfluxDB Cloud, another
// `fluxi serve`) as a data source and sink, over net/http_client.h.
//
// from(): the stream sends `from(bucket) |> range(start, stop) |> filter(fn)...` to POST
// {host}/api/v2/query with the range and the filters pushed down to it (the filters the store takes:
// comparisons of _measurement, _field and tags with strings and regexes, and/or), and reads the
// annotated CSV answer into tables. Other stages run locally on what came back.
// to(): each table's rows become line protocol sent to POST {host}/api/v2/write?bucket=&org=&precision=ns
// in batches, as the tables pass (the remote server commits each batch; nothing is staged locally).
#pragma once

#include <string>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "net/http_client.h"

namespace fluxi::remote {

struct ServerSpec {
    std::string host;  // base URL, e.g. http://127.0.0.1:8086 (no trailing slash)
    std::string org, orgID, token;
};

// The HTTP headers and the `org`/`orgID` query string for a request to `server`.
std::string orgQuery(const ServerSpec& server);

// An error answer of the remote server as a FluxError (the `message` of its JSON error body).
[[noreturn]] void failRemote(const std::string& what, const std::string& url, const net::HttpResponse& r);

StreamRef makeRemoteFromStream(ServerSpec server, std::string bucket, std::string bucketID);

// to(host:): writes the tables of `ctx`'s piped input; `args` as to() takes them.
Value remoteTo(CallContext& ctx, const Args& args, const std::string& fname);

}  // namespace fluxi::remote
