// influxdb.cardinality(bucket | bucketID, start, stop, predicate): the number of series of a bucket
// of the embedded store that have points in [start, stop) and satisfy the predicate, as one table
// with columns _start, _stop (the group key) and _value (int). A predicate on _measurement, _field
// and tags is answered from the series index; any other predicate runs over the data
// (from |> range |> filter) and a series counts when at least one of its rows passes.
#include "eval/builtin.h"
#include "eval/execution.h"
#include "eval/stream.h"
#include "eval/time.h"
#include "store/execution_store.h"
#include "store/pushdown.h"
#include "store/series_predicate.h"
#include "store/store.h"
#include "stdlib/influxdata/influxdb/store_builtins.h"

namespace fluxi {
namespace {

// A start/stop argument as range() reads it: a time, a duration relative to now(), or an int
// (Unix seconds).
int64_t boundOf(const CallContext& ctx, const Value& v, const char* name) {
    switch (v.kind()) {
        case Kind::Time: return v.asTime();
        case Kind::Duration:
            try {
                return addDuration(ctx.now(), v.asDuration());
            } catch (const TimeError& e) {
                ctx.fail(std::string("influxdb.cardinality: argument ") + name + ": " + e.what());
            }
        case Kind::Int: {
            int64_t ns = 0;
            if (__builtin_mul_overflow(v.asInt(), int64_t{1000000000}, &ns))
                ctx.fail(std::string("influxdb.cardinality: argument ") + name + " (" + std::to_string(v.asInt()) +
                         " Unix seconds) is outside the representable time range");
            return ns;
        }
        default:
            ctx.fail(std::string("influxdb.cardinality: argument ") + name +
                     " must be a time, a duration (relative to now()) or an int (Unix seconds), got " + kindName(v.kind()));
    }
}

// Series that pass the predicate, found by running it over the rows.
int64_t countByScan(CallContext& ctx, const Args& args, const Value& startV, const Value& stopV, const Value& pred) {
    Value data = fromStore(ctx, args);
    data = ctx.call(ctx.option("universe", "range"), {{"tables", data}, {"start", startV}, {"stop", stopV}});
    data = ctx.call(ctx.option("universe", "filter"), {{"tables", data}, {"fn", pred}});
    int64_t n = 0;
    std::unique_ptr<TableIterator> it = data.asStream().open();
    while (TablePtr t = it->next()) n += t->nrows > 0;
    return n;
}

Value cardinality(CallContext& ctx, const Args& args) {
    for (const char* remote : {"host", "token"})
        if (args.get(remote) && !args.get(remote)->isNull())
            ctx.fail(std::string("influxdb.cardinality: ") + remote +
                     " is not supported: fluxi reads only its embedded store (the --data folder)");
    const Value* name = ctx.optional(args, "bucket", Kind::String);
    const Value* id = ctx.optional(args, "bucketID", Kind::String);
    if (!name && !id) ctx.fail("influxdb.cardinality: missing required argument bucket (or bucketID)");
    if (name && id) ctx.fail("influxdb.cardinality: give either bucket or bucketID, not both");
    const Value* startArg = args.get("start");
    if (!startArg || startArg->isNull()) ctx.fail("influxdb.cardinality: missing required argument start");
    Value stopV = Value::time(ctx.now());
    if (const Value* s = args.get("stop"); s && !s->isNull()) stopV = *s;
    const int64_t start = boundOf(ctx, *startArg, "start");
    const int64_t stop = boundOf(ctx, stopV, "stop");
    const Value* pred = ctx.optional(args, "predicate", Kind::Function);

    if (start >= stop)
        ctx.fail("influxdb.cardinality: cannot query an empty range: start (" + formatTime(start) +
                 ") must be before stop (" + formatTime(stop) + ")");
    int64_t count = 0;
    {
        std::unique_ptr<store::SeriesPredicate> sp;
        if (pred) sp = store::pushDownFilter(*pred);
        if (pred && !sp) {
            count = countByScan(ctx, args, Value::time(start), Value::time(stop), *pred);
        } else {
            try {
                std::shared_ptr<store::Store> st = store::executionStore(ctx.execution());
                std::optional<store::BucketInfo> bucket =
                    name ? st->findBucket(name->asString()) : st->findBucketById(id->asString());
                if (!bucket)
                    ctx.fail(name ? "influxdb.cardinality: bucket \"" + name->asString() + "\" not found"
                                  : "influxdb.cardinality: no bucket with id \"" + id->asString() + "\"");
                count = static_cast<int64_t>(st->seriesWithPoints(*bucket, sp.get(), start, stop, ctx.now()).size());
            } catch (const store::StoreError& e) {
                ctx.fail(std::string("influxdb.cardinality: ") + e.what());
            }
        }
    }

    GroupKey key;
    key.cols = {{"_start", ColType::Time}, {"_stop", ColType::Time}};
    key.values = {Value::time(start), Value::time(stop)};
    TableBuilder b(key);
    b.column(static_cast<size_t>(b.addColumn("_start", ColType::Time))).appendInt(start);
    b.column(static_cast<size_t>(b.addColumn("_stop", ColType::Time))).appendInt(stop);
    b.column(static_cast<size_t>(b.addColumn("_value", ColType::Int))).appendInt(count);
    return Value::stream(makeMaterializedStream({b.finish()}, "influxdb.cardinality"));
}

}  // namespace

FLUXI_BUILTIN("influxdata/influxdb", "cardinality",
              "?bucket, ?bucketID, ?org, ?orgID, ?host, ?token, start, ?stop, ?predicate", cardinality);

}  // namespace fluxi
