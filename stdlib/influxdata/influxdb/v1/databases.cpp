// v1.databases(): the buckets of the embedded store seen as InfluxDB 1.x databases, one row each:
// databaseName (the bucket name), retentionPolicy ("autogen"), retentionPeriod (ns, 0 = forever),
// default (true), bucketID and organizationID (empty: fluxi has no organizations). One table with
// an empty group key, sorted by name.
#include "eval/builtin.h"
#include "eval/execution.h"
#include "eval/stream.h"
#include "store/execution_store.h"
#include "store/store.h"

namespace fluxi {
namespace {

Value databases(CallContext& ctx, const Args& args) {
    for (const char* remote : {"host", "token"})
        if (args.get(remote) && !args.get(remote)->isNull())
            ctx.fail(std::string("v1.databases: ") + remote +
                     " is not supported: fluxi reads only its embedded store (the --data folder)");
    std::vector<store::BucketInfo> list;
    try {
        list = store::executionStore(ctx.execution())->listBuckets();
    } catch (const store::StoreError& e) {
        ctx.fail(ErrorCode::Unavailable, std::string("v1.databases: ") + e.what());
    }
    TableBuilder b;
    size_t org = static_cast<size_t>(b.addColumn("organizationID", ColType::String));
    size_t name = static_cast<size_t>(b.addColumn("databaseName", ColType::String));
    size_t policy = static_cast<size_t>(b.addColumn("retentionPolicy", ColType::String));
    size_t period = static_cast<size_t>(b.addColumn("retentionPeriod", ColType::Int));
    size_t dflt = static_cast<size_t>(b.addColumn("default", ColType::Bool));
    size_t id = static_cast<size_t>(b.addColumn("bucketID", ColType::String));
    StrRef empty = make<StringObj>(std::string());
    StrRef autogen = make<StringObj>(std::string("autogen"));
    for (const store::BucketInfo& bk : list) {
        b.column(org).appendString(empty);
        b.column(name).appendString(bk.name);
        b.column(policy).appendString(autogen);
        b.column(period).appendInt(bk.retention);
        b.column(dflt).appendBool(true);
        b.column(id).appendString(bk.id);
    }
    return Value::stream(makeMaterializedStream({b.finish()}, "v1.databases"));
}

}  // namespace

FLUXI_BUILTIN("influxdata/influxdb/v1", "databases", "?org, ?orgID, ?host, ?token", databases);

}  // namespace fluxi
