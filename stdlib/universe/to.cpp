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
// protocol cannot hold (time, duration, ...) is an error.
#include <memory>

#include "eval/execution.h"
#include "eval/stream.h"
#include "stdlib/universe/store_builtins.h"
#include "store/execution_store.h"
#include "store/store.h"

namespace fluxi {

namespace {

struct ToSpec {
    std::string bucket;
    std::string timeColumn = "_time";
    std::string measurementColumn = "_measurement";
    bool tagsGiven = false;
    std::vector<std::string> tagColumns;
    Value fieldFn;  // null when absent
};

bool isDefaultTag(const ToSpec& spec, const ColumnMeta& m) {
    return m.type == ColType::String && m.name != spec.measurementColumn && m.name != "_field" &&
           m.name != "_value" && m.name != spec.timeColumn;
}

// Adds one field value to the current point; false for a null value.
bool addField(const CallContext& ctx, store::WriteBatch& batch, std::string_view field, int64_t time,
              const Value& v) {
    switch (v.kind()) {
        case Kind::Null: return false;
        case Kind::Float: batch.addFloat(field, time, v.asFloat()); return true;
        case Kind::Int: batch.addInt(field, time, v.asInt()); return true;
        case Kind::UInt: batch.addUInt(field, time, v.asUInt()); return true;
        case Kind::String: batch.addString(field, time, v.asString()); return true;
        case Kind::Bool: batch.addBool(field, time, v.asBool()); return true;
        default:
            ctx.fail("to: field \"" + std::string(field) + "\" has a value of type " + kindName(v.kind()) +
                     "; only float, int, uint, string and bool can be written");
    }
}

void stageTable(const CallContext& ctx, const ToSpec& spec, store::WriteBatch& batch, const Table& t) {
    if (t.nrows == 0) return;
    int timeIdx = t.columnIndex(spec.timeColumn);
    if (timeIdx < 0) ctx.fail("to: table has no time column \"" + spec.timeColumn + "\"");
    if (t.meta[static_cast<size_t>(timeIdx)].type != ColType::Time)
        ctx.fail("to: column \"" + spec.timeColumn + "\" must be of type time, got " +
                 colTypeName(t.meta[static_cast<size_t>(timeIdx)].type));
    int measIdx = t.columnIndex(spec.measurementColumn);
    if (measIdx < 0) ctx.fail("to: table has no measurement column \"" + spec.measurementColumn + "\"");
    if (t.meta[static_cast<size_t>(measIdx)].type != ColType::String)
        ctx.fail("to: measurement column \"" + spec.measurementColumn + "\" must be of type string");
    const Column& timeCol = t.column(static_cast<size_t>(timeIdx));
    const Column& measCol = t.column(static_cast<size_t>(measIdx));

    int fieldIdx = -1, valueIdx = -1;
    if (spec.fieldFn.isNull()) {
        fieldIdx = t.columnIndex("_field");
        valueIdx = t.columnIndex("_value");
        if (fieldIdx < 0 || valueIdx < 0)
            ctx.fail("to: table has no " + std::string(fieldIdx < 0 ? "_field" : "_value") +
                     " column; give fieldFn to name the fields");
        if (t.meta[static_cast<size_t>(fieldIdx)].type != ColType::String) ctx.fail("to: column _field must be a string");
    }

    // tag columns of this table
    std::vector<size_t> tagIdx;
    if (spec.tagsGiven) {
        for (const auto& name : spec.tagColumns) {
            int i = t.columnIndex(name);
            if (i < 0) continue;
            if (t.meta[static_cast<size_t>(i)].type != ColType::String)
                ctx.fail("to: tag column \"" + name + "\" must be of type string, got " +
                         colTypeName(t.meta[static_cast<size_t>(i)].type));
            tagIdx.push_back(static_cast<size_t>(i));
        }
    } else {
        for (size_t i = 0; i < t.meta.size(); i++)
            if (isDefaultTag(spec, t.meta[i])) tagIdx.push_back(i);
    }

    std::unique_ptr<RepeatedCall> call;
    std::unique_ptr<RowRecord> row;
    if (!spec.fieldFn.isNull()) {
        std::vector<std::string> names;
        for (auto& m : t.meta) names.push_back(m.name);
        row = std::make_unique<RowRecord>(std::move(names));
        call = std::make_unique<RepeatedCall>(ctx, spec.fieldFn, std::initializer_list<std::string_view>{"r"});
    }

    std::vector<store::TagView> tags;
    for (size_t r = 0; r < t.nrows; r++) {
        if (timeCol.isNull(r)) ctx.fail("to: row " + std::to_string(r + 1) + " has a null " + spec.timeColumn);
        if (measCol.isNull(r))
            ctx.fail("to: row " + std::to_string(r + 1) + " has a null " + spec.measurementColumn);
        int64_t time = timeCol.ints()[r];
        Value fields;
        if (call) {
            auto& cells = row->beginRow();
            for (size_t c = 0; c < t.meta.size(); c++) cells[c].second = t.column(c).get(r);
            fields = (*call)(row->value());
            if (!fields.is(Kind::Record))
                ctx.fail(std::string("to: fieldFn must return a record, got ") + kindName(fields.kind()));
        }
        tags.clear();
        for (size_t i : tagIdx) {
            const Column& c = t.column(i);
            if (c.isNull(r)) continue;
            const std::string& name = t.meta[i].name;
            if (call && !spec.tagsGiven && fields.asRecord().find(name)) continue;
            tags.push_back({name, c.strings()[r]->s});
        }
        try {
            batch.beginPoint(spec.bucket, measCol.strings()[r]->s, tags);
            if (call) {
                for (auto& [name, v] : fields.asRecord().fields) addField(ctx, batch, name, time, v);
            } else {
                const Column& fc = t.column(static_cast<size_t>(fieldIdx));
                if (fc.isNull(r)) ctx.fail("to: row " + std::to_string(r + 1) + " has a null _field");
                addField(ctx, batch, fc.strings()[r]->s, time, t.column(static_cast<size_t>(valueIdx)).get(r));
            }
        } catch (const store::StoreError& e) {
            ctx.fail(std::string("to: row ") + std::to_string(r + 1) + ": " + e.what());
        }
    }
}

}  // namespace

Value toStore(CallContext& ctx, const Args& args) {
    const StreamObj& in = ctx.requireStream(args);
    for (const char* remote : {"host", "token"})
        if (args.get(remote) && !args.get(remote)->isNull())
            ctx.fail(std::string("to: ") + remote +
                     " is not supported: fluxi writes only to its embedded store (the --data folder)");
    const Value* name = ctx.optional(args, "bucket", Kind::String);
    const Value* id = ctx.optional(args, "bucketID", Kind::String);
    if (!name && !id) ctx.fail("to: missing required argument bucket (or bucketID)");
    if (name && id) ctx.fail("to: give either bucket or bucketID, not both");
    Execution& ex = ctx.execution();
    std::shared_ptr<store::Store> st;
    try {
        st = store::executionStore(ex);
    } catch (const store::StoreError& e) {
        ctx.fail(std::string("to: ") + e.what());
    }
    auto spec = std::make_shared<ToSpec>();
    if (name) {
        spec->bucket = name->asString();
        if (spec->bucket.empty()) ctx.fail("to: bucket must not be empty");
    } else {
        std::optional<store::BucketInfo> b;
        try {
            b = st->findBucketById(id->asString());
        } catch (const store::StoreError& e) {
            ctx.fail(std::string("to: ") + e.what());
        }
        if (!b) ctx.fail("to: no bucket with id \"" + id->asString() + "\"");
        spec->bucket = b->name;
    }
    spec->timeColumn = ctx.stringOr(args, "timeColumn", "_time");
    spec->measurementColumn = ctx.stringOr(args, "measurementColumn", "_measurement");
    if (const Value* tc = args.get("tagColumns"); tc && !tc->isNull()) {
        spec->tagsGiven = true;
        spec->tagColumns = ctx.stringListOr(args, "tagColumns", {});
    }
    if (const Value* fn = ctx.optional(args, "fieldFn", Kind::Function)) spec->fieldFn = *fn;
    if (!ex.writes) ex.writes = std::make_shared<store::WriteBatch>();
    std::shared_ptr<store::WriteBatch> batch = ex.writes;
    CallContext site = ctx;  // the interpreter outlives the iteration of the script's streams
    StreamRef input(const_cast<StreamObj*>(&in));
    return Value::stream(makeMapTablesStream(
        input,
        [site, spec, batch](const TablePtr& t) {
            stageTable(site, *spec, *batch, *t);
            return t;
        },
        "to"));
}

FLUXI_BUILTIN("universe", "to", kToSignature, toStore);

}  // namespace fluxi
