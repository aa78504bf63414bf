// to(bucket:, bucketID:, timeColumn:, measurementColumn:, tagColumns:, fieldFn:): stages the rows of
// its input as points in the run's pending writes (Execution::writes, applied only when the whole
// script succeeds) and passes the tables through unchanged.
//
// Defaults, as InfluxDB: timeColumn "_time", measurementColumn "_measurement"; tagColumns every
// string column except the measurement column, `_field` and `_value` (and, with fieldFn, the names
// fieldFn returns). Without fieldFn each row writes the field named by `_field` with the value of
// `_value`; with fieldFn, `fieldFn(r)` returns a record of field names and values. Null values are
// skipped (a row with no non-null field writes nothing), null tags are left out. A null time or
// measurement, a missing `_field`/`_value` column (without fieldFn) or a value of a type line
// protocol cannot hold (time, duration, ...) is an error. experimental.to() and influxdb.wideTo()
// share this code with pivoted rows (store::TablePointSpec::pivoted).
#include <memory>

#include "eval/execution.h"
#include "eval/stream.h"
#include "stdlib/influxdata/influxdb/remote.h"
#include "stdlib/influxdata/influxdb/store_builtins.h"
#include "store/execution_store.h"
#include "store/store.h"
#include "store/table_points.h"

namespace fluxi {

Value writeTablesToStore(CallContext& ctx, const Args& args, bool pivoted, std::string_view fname) {
    const std::string f(fname);
    StreamRef in = ctx.requireStream(args);
    if (args.get("host") && !args.get("host")->isNull()) {
        if (pivoted) ctx.fail(ErrorCode::Unimplemented, f + ": host is not supported here (use to(host:) with _field/_value rows)");
        return remote::remoteTo(ctx, args, f);  // a remote server (stdlib/influxdata/influxdb/remote.h)
    }
    if (args.get("token") && !args.get("token")->isNull())
        ctx.fail(f + ": token is only used with host (a remote server); the embedded store has no tokens");
    const Value* name = ctx.optional(args, "bucket", Kind::String);
    const Value* id = ctx.optional(args, "bucketID", Kind::String);
    if (!name && !id) ctx.fail(f + ": missing required argument bucket (or bucketID)");
    if (name && id) ctx.fail(f + ": give either bucket or bucketID, not both");
    Execution& ex = ctx.execution();
    std::shared_ptr<store::Store> st;
    try {
        st = store::executionStore(ex, store::StoreUse::Write);
    } catch (const store::StoreError& e) {
        ctx.fail(ErrorCode::Unavailable, f + ": " + e.what());
    }
    auto spec = std::make_shared<store::TablePointSpec>();
    if (name) {
        spec->bucket = name->asString();
        if (spec->bucket.empty()) ctx.fail(f + ": bucket must not be empty");
    } else {
        std::optional<store::BucketInfo> b;
        try {
            b = st->findBucketById(id->asString());
        } catch (const store::StoreError& e) {
            ctx.fail(ErrorCode::Unavailable, f + ": " + e.what());
        }
        if (!b) ctx.fail(ErrorCode::NotFound, f + ": no bucket with id \"" + id->asString() + "\"");
        spec->bucket = b->name;
    }
    spec->pivoted = pivoted;
    spec->timeColumn = ctx.stringOr(args, "timeColumn", "_time");
    spec->measurementColumn = ctx.stringOr(args, "measurementColumn", "_measurement");
    if (const Value* tc = args.get("tagColumns"); tc && !tc->isNull()) {
        spec->tagsGiven = true;
        spec->tagColumns = ctx.stringListOr(args, "tagColumns", {});
    }
    if (!ex.writes) ex.writes = std::make_shared<store::WriteBatch>();
    std::shared_ptr<store::WriteBatch> batch = ex.writes;
    CallContext site = ctx;  // the interpreter outlives the iteration of the script's streams
    if (const Value* fn = ctx.optional(args, "fieldFn", Kind::Function)) {
        // one RepeatedCall per stream: it reuses the function's frame from row to row
        auto call = std::make_shared<RepeatedCall>(site, *fn, std::initializer_list<std::string_view>{"r"});
        spec->fieldFn = [call](const Value& row) { return (*call)(row); };
    }
    StreamRef input = in;
    return Value::stream(makeMapTablesStream(
        input,
        [site, spec, batch, f](const TablePtr& t) {
            try {
                store::stageTablePoints(*t, *spec, *batch);
            } catch (const store::StoreError& e) {
                site.fail(f + ": " + e.what());
            }
            return t;
        },
        f));
}

Value toStore(CallContext& ctx, const Args& args) { return writeTablesToStore(ctx, args, false, "to"); }

FLUXI_BUILTIN("universe", "to", kToSignature, toStore);

}  // namespace fluxi
