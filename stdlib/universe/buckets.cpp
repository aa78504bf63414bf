// buckets(): one table listing the buckets of the embedded store, with the columns InfluxDB gives:
// name, id, organizationID (empty: fluxi has no organizations), retentionPolicy (empty) and
// retentionPeriod (ns, 0 = forever).
#include "eval/execution.h"
#include "eval/stream.h"
#include "stdlib/influxdata/influxdb/store_builtins.h"
#include "store/execution_store.h"
#include "store/store.h"

namespace fluxi {

Value bucketsOfStore(CallContext& ctx, const Args& args) {
    for (const char* remote : {"host", "token"})
        if (args.get(remote) && !args.get(remote)->isNull())
            ctx.fail(std::string("buckets: ") + remote +
                     " is not supported: fluxi reads only its embedded store (the --data folder)");
    Execution& ex = ctx.execution();
    std::vector<store::BucketInfo> list;  // no store yet: no buckets
    try {
        list = store::executionStore(ex)->listBuckets();
    } catch (const store::NoStoreError&) {
    } catch (const store::StoreError& e) {
        ctx.fail(ErrorCode::Unavailable, std::string("buckets: ") + e.what());
    }
    TableBuilder b;
    size_t name = static_cast<size_t>(b.addColumn("name", ColType::String));
    size_t id = static_cast<size_t>(b.addColumn("id", ColType::String));
    size_t org = static_cast<size_t>(b.addColumn("organizationID", ColType::String));
    size_t policy = static_cast<size_t>(b.addColumn("retentionPolicy", ColType::String));
    size_t period = static_cast<size_t>(b.addColumn("retentionPeriod", ColType::Int));
    StrRef empty = make<StringObj>(std::string());
    for (auto& bk : list) {
        b.column(name).appendString(bk.name);
        b.column(id).appendString(bk.id);
        b.column(org).appendString(empty);
        b.column(policy).appendString(empty);
        b.column(period).appendInt(bk.retention);
    }
    return Value::stream(makeMaterializedStream({b.finish()}, "buckets"));
}

FLUXI_BUILTIN("universe", "buckets", kBucketsSignature, bucketsOfStore);

}  // namespace fluxi
