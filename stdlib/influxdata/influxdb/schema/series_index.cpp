// The schema functions answered from the store's series index (no point values are read):
//   _indexable(fn, column)                      whether the index can answer a predicate / column
//   _indexTagValues(bucket, tag, predicate, start, stop)
//   _indexTagKeys(bucket, predicate, start, stop)
// Each result is one table with a single string column `_value`, sorted, empty key (empty when
// nothing matches), as InfluxDB's metadata reads give it. The Flux part of the package (schema.cpp)
// calls these when _indexable says so and otherwise scans the data with from/range/filter.
#include <algorithm>
#include <set>

#include "eval/builtin.h"
#include "eval/execution.h"
#include "eval/function.h"
#include "eval/stream.h"
#include "eval/time.h"
#include "store/execution_store.h"
#include "store/pushdown.h"
#include "store/series_predicate.h"
#include "store/store.h"

namespace fluxi {
namespace {

// Columns every from() table has that are not series properties.
bool isPointColumn(std::string_view c) { return c == "_time" || c == "_value" || c == "_start" || c == "_stop"; }

// True when fn is `(r) => true`, which every series satisfies.
bool alwaysTrue(const Value& fn) {
    if (!fn.is(Kind::Function) || fn.asFunction().type != FunctionObj::Type::Closure) return false;
    const ast::FunctionExpr* fe = static_cast<const Closure&>(fn.asFunction()).expr;
    if (!fe || !fe->bodyExpr || fe->bodyExpr->kind != ast::NodeKind::Identifier) return false;
    auto* id = static_cast<const ast::Identifier*>(fe->bodyExpr.get());
    return id->name == "true" && id->res.where == ast::Resolution::Where::Universe;
}

bool pushdownOn(const CallContext& ctx) {
    return ctx.execution().pushdown && store::pushdownEnabledByEnvironment();
}

// A start/stop argument as a time: a time, a duration relative to now(), or an int (Unix seconds).
int64_t boundArg(const CallContext& ctx, const Args& args, const char* fname, const char* name) {
    const Value* v = args.get(name);
    if (!v || v->isNull()) ctx.fail(std::string(fname) + ": missing required argument " + name);
    switch (v->kind()) {
        case Kind::Time: return v->asTime();
        case Kind::Duration:
            try {
                return addDuration(ctx.now(), v->asDuration());
            } catch (const TimeError& e) {
                ctx.fail(std::string(fname) + ": argument " + name + ": " + e.what());
            }
        case Kind::Int: {
            int64_t ns = 0;
            if (__builtin_mul_overflow(v->asInt(), int64_t{1000000000}, &ns))
                ctx.fail(std::string(fname) + ": argument " + name + " (" + std::to_string(v->asInt()) +
                         " Unix seconds) is outside the representable time range");
            return ns;
        }
        default:
            ctx.fail(std::string(fname) + ": argument " + name +
                     " must be a time, a duration (relative to now()) or an int (Unix seconds), got " +
                     kindName(v->kind()));
    }
}

// The series of the bucket matching the predicate with points in [start, stop).
std::vector<store::SeriesInfo> matchingSeries(const CallContext& ctx, const Args& args, const char* fname) {
    const std::string bucketName = ctx.requireString(args, "bucket");
    const Value& pred = ctx.require(args, "predicate", Kind::Function);
    int64_t start = boundArg(ctx, args, fname, "start");
    int64_t stop = boundArg(ctx, args, fname, "stop");
    if (start >= stop)
        ctx.fail(std::string(fname) + ": cannot query an empty range: start (" + formatTime(start) +
                 ") must be before stop (" + formatTime(stop) + ")");
    std::unique_ptr<store::SeriesPredicate> sp;
    if (!alwaysTrue(pred)) {
        std::string why;
        sp = store::pushDownFilter(pred, &why);
        if (!sp) ctx.fail(std::string(fname) + ": the predicate cannot be answered from the series index: " + why);
    }
    try {
        std::shared_ptr<store::Store> st = store::executionStore(ctx.execution());
        std::optional<store::BucketInfo> bucket = st->findBucket(bucketName);
        if (!bucket) ctx.fail(ErrorCode::NotFound, std::string(fname) + ": bucket \"" + bucketName + "\" not found");
        return st->seriesWithPoints(*bucket, sp.get(), start, stop, ctx.now());
    } catch (const store::StoreError& e) {
        ctx.fail(ErrorCode::Unavailable, std::string(fname) + ": " + e.what());
    }
}

// One table, empty key, a single string column `_value` holding `values` in order.
Value valueTable(const std::set<std::string>& values, const char* origin) {
    TableBuilder b;
    int c = b.addColumn("_value", ColType::String);
    Column& col = b.column(static_cast<size_t>(c));
    col.reserve(values.size());
    for (const std::string& v : values) col.appendString(std::string_view(v));
    return Value::stream(makeMaterializedStream({b.finish()}, origin));
}

Value indexable(CallContext& ctx, const Args& args) {
    const Value& fn = ctx.require(args, "fn", Kind::Function);
    if (const Value* col = ctx.optional(args, "column", Kind::String); col && isPointColumn(col->asString()))
        return Value::boolean(false);
    if (!pushdownOn(ctx)) return Value::boolean(false);
    return Value::boolean(alwaysTrue(fn) || store::pushDownFilter(fn) != nullptr);
}

Value indexTagValues(CallContext& ctx, const Args& args) {
    const std::string tag = ctx.requireString(args, "tag");
    if (isPointColumn(tag)) ctx.fail("schema.tagValues: " + tag + " is not a tag, _measurement or _field");
    std::set<std::string> values;
    for (const store::SeriesInfo& s : matchingSeries(ctx, args, "schema.tagValues")) {
        if (tag == "_measurement") values.insert(s.measurement);
        else if (tag == "_field") values.insert(s.field);
        else if (const std::string* v = s.tag(tag)) values.insert(*v);
    }
    return valueTable(values, "schema.tagValues");
}

Value indexTagKeys(CallContext& ctx, const Args& args) {
    std::vector<store::SeriesInfo> series = matchingSeries(ctx, args, "schema.tagKeys");
    std::set<std::string> keys;
    if (!series.empty()) keys = {"_field", "_measurement", "_start", "_stop"};
    for (const store::SeriesInfo& s : series)
        for (const store::Tag& t : s.tags) keys.insert(t.key);
    return valueTable(keys, "schema.tagKeys");
}

}  // namespace

FLUXI_BUILTIN("influxdata/influxdb/schema", "_indexable", "fn, ?column", indexable);
FLUXI_BUILTIN("influxdata/influxdb/schema", "_indexTagValues", "bucket, tag, predicate, start, stop", indexTagValues);
FLUXI_BUILTIN("influxdata/influxdb/schema", "_indexTagKeys", "bucket, predicate, start, stop", indexTagKeys);

}  // namespace fluxi
