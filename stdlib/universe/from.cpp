// from(bucket:, bucketID:): the data of a bucket of the embedded store as a stream of tables, one
// per series (see store/store_stream.h); with host: a remote server's bucket (remote.h).
// influxdata/influxdb registers it too.
#include "eval/builtin.h"
#include "eval/execution.h"
#include "store/pushdown.h"
#include "store/execution_store.h"
#include "store/store.h"
#include "store/store_stream.h"
#include "stdlib/influxdata/influxdb/remote.h"
#include "stdlib/influxdata/influxdb/store_builtins.h"

namespace fluxi {

Value fromStore(CallContext& ctx, const Args& args) {
    const Value* name = ctx.optional(args, "bucket", Kind::String);
    const Value* id = ctx.optional(args, "bucketID", Kind::String);
    if (!name && !id) ctx.fail("from: missing required argument bucket (or bucketID)");
    if (name && id) ctx.fail("from: give either bucket or bucketID, not both");
    if (const Value* host = ctx.optional(args, "host", Kind::String)) {
        // a remote InfluxDB 2-compatible server (stdlib/influxdata/influxdb/remote.h)
        remote::ServerSpec server;
        server.host = host->asString();
        while (!server.host.empty() && server.host.back() == '/') server.host.pop_back();
        if (server.host.rfind("http://", 0) != 0 && server.host.rfind("https://", 0) != 0)
            ctx.fail("from: host must be an http:// or https:// URL, not \"" + host->asString() + "\"");
        server.org = ctx.stringOr(args, "org", "");
        server.orgID = ctx.stringOr(args, "orgID", "");
        server.token = ctx.stringOr(args, "token", "");
        return Value::stream(remote::makeRemoteFromStream(std::move(server), name ? name->asString() : "",
                                                          id ? id->asString() : ""));
    }
    if (args.get("token") && !args.get("token")->isNull())
        ctx.fail("from: token is only used with host (a remote server); the embedded store has no tokens");
    Execution& ex = ctx.execution();
    std::shared_ptr<store::Store> st;
    try {
        st = store::executionStore(ex);
    } catch (const store::NoStoreError& e) {
        ctx.fail(ErrorCode::NotFound, name ? "from: bucket \"" + name->asString() + "\" not found: " + e.what()
                                           : std::string("from: ") + e.what());
    } catch (const store::StoreError& e) {
        ctx.fail(ErrorCode::Unavailable, std::string("from: ") + e.what());
    }
    std::optional<store::BucketInfo> bucket;
    try {
        bucket = name ? st->findBucket(name->asString()) : st->findBucketById(id->asString());
    } catch (const store::StoreError& e) {
        ctx.fail(ErrorCode::Unavailable, std::string("from: ") + e.what());
    }
    if (!bucket)
        ctx.fail(ErrorCode::NotFound, name ? "from: bucket \"" + name->asString() + "\" not found"
                      : "from: no bucket with id \"" + id->asString() + "\"");
    store::StoreStreamOptions opts;
    opts.pushdown = ex.pushdown && store::pushdownEnabledByEnvironment();
    opts.now = ctx.now();
    return Value::stream(store::makeStoreStream(st, std::move(*bucket), opts));
}

FLUXI_BUILTIN("universe", "from", kFromSignature, fromStore);

}  // namespace fluxi
