// from(bucket:, bucketID:): the data of a bucket of the embedded store as a stream of tables, one
// per series (see store/store_stream.h). influxdata/influxdb registers it too.
#include "eval/builtin.h"
#include "eval/execution.h"
#include "store/pushdown.h"
#include "store/execution_store.h"
#include "store/store.h"
#include "store/store_stream.h"
#include "stdlib/influxdata/influxdb/store_builtins.h"

namespace fluxi {

Value fromStore(CallContext& ctx, const Args& args) {
    for (const char* remote : {"host", "token"})
        if (args.get(remote) && !args.get(remote)->isNull())
            ctx.fail(std::string("from: ") + remote +
                     " is not supported: fluxi reads only its embedded store (the --data folder)");
    const Value* name = ctx.optional(args, "bucket", Kind::String);
    const Value* id = ctx.optional(args, "bucketID", Kind::String);
    if (!name && !id) ctx.fail("from: missing required argument bucket (or bucketID)");
    if (name && id) ctx.fail("from: give either bucket or bucketID, not both");
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
