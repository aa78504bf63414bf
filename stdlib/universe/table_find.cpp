// Extracting values from streams: tableFind(fn) picks the first table whose group key (given to fn
// as the record `key`) satisfies fn; getColumn and getRecord read a column as an array or a row as
// a record from a table; findColumn and findRecord combine the two and give [] / {} when nothing
// matches. These read their input right away (their results are plain values).
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

// The first table of `in` whose key satisfies fn, or null.
TablePtr findTable(const CallContext& ctx, const StreamRef& in, const Value& fn, const char* fname) {
    if (fn.asFunction().paramIndex("key") < 0)
        ctx.fail(std::string(fname) + ": fn must take a parameter named key (the group key record)");
    RepeatedCall call(ctx, fn, {"key"});
    std::unique_ptr<TableIterator> it = in->open();
    while (TablePtr t = it->next()) {
        Value res = call(tableops::keyRecord(t->key));
        if (res.is(Kind::Bool)) {
            if (res.asBool()) return t;
        } else if (!res.isNull()) {
            ctx.fail(std::string(fname) + ": fn must return a bool, got " + kindName(res.kind()));
        }
    }
    return nullptr;
}

Value columnArray(const Table& t, size_t c) {
    auto arr = make<ArrayObj>();
    arr->elems.reserve(t.nrows);
    const Column& col = t.column(c);
    for (size_t r = 0; r < t.nrows; r++) arr->elems.push_back(col.get(r));
    arr->noteSize();
    return Value::array(arr);
}

Value rowRecord(const Table& t, size_t r) {
    auto rec = make<RecordObj>();
    rec->fields.reserve(t.numColumns());
    for (size_t c = 0; c < t.numColumns(); c++) rec->fields.emplace_back(t.meta[c].name, t.column(c).get(r));
    rec->noteSize();
    return Value::record(rec);
}

// The first table of a stream given as `table`.
TablePtr firstTable(const CallContext& ctx, const Args& args, const char* fname) {
    StreamRef in = ctx.requireStream(args, "table");
    TablePtr t = in->open()->next();
    if (!t) ctx.fail(ErrorCode::NotFound, std::string(fname) + ": the input stream has no table");
    return t;
}

Value tableFind(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    const Value& fn = ctx.require(args, "fn", Kind::Function);
    TablePtr t = tableops::atCallSite(ctx, "tableFind", [&] { return findTable(ctx, in, fn, "tableFind"); });
    if (!t) ctx.fail(ErrorCode::NotFound, "tableFind: no table found whose group key matches fn");
    StreamRef out = makeMaterializedStream({t}, "tableFind");
    out->bounds = in->bounds;
    return Value::stream(out);
}

Value getColumn(CallContext& ctx, const Args& args) {
    std::string column = ctx.requireString(args, "column");
    TablePtr t = tableops::atCallSite(ctx, "getColumn", [&] { return firstTable(ctx, args, "getColumn"); });
    int c = t->columnIndex(column);
    if (c < 0) ctx.fail("getColumn: cannot find column \"" + column + "\" in the table");
    return columnArray(*t, static_cast<size_t>(c));
}

Value getRecord(CallContext& ctx, const Args& args) {
    int64_t idx = ctx.require(args, "idx", Kind::Int).asInt();
    TablePtr t = tableops::atCallSite(ctx, "getRecord", [&] { return firstTable(ctx, args, "getRecord"); });
    if (idx < 0 || static_cast<size_t>(idx) >= t->nrows)
        ctx.fail(ErrorCode::OutOfRange, "getRecord: index " + std::to_string(idx) + " is out of bounds (the table has " +
                 std::to_string(t->nrows) + " rows)");
    return rowRecord(*t, static_cast<size_t>(idx));
}

Value findColumn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    const Value& fn = ctx.require(args, "fn", Kind::Function);
    std::string column = ctx.requireString(args, "column");
    TablePtr t = tableops::atCallSite(ctx, "findColumn", [&] { return findTable(ctx, in, fn, "findColumn"); });
    int c = t ? t->columnIndex(column) : -1;
    if (c < 0) return makeArray({});
    return columnArray(*t, static_cast<size_t>(c));
}

Value findRecord(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    const Value& fn = ctx.require(args, "fn", Kind::Function);
    int64_t idx = ctx.require(args, "idx", Kind::Int).asInt();
    TablePtr t = tableops::atCallSite(ctx, "findRecord", [&] { return findTable(ctx, in, fn, "findRecord"); });
    if (!t || idx < 0 || static_cast<size_t>(idx) >= t->nrows) return makeRecord({});
    return rowRecord(*t, static_cast<size_t>(idx));
}

}  // namespace

FLUXI_BUILTIN("universe", "tableFind", "<-tables, fn", tableFind);
FLUXI_BUILTIN("universe", "getColumn", "<-table, column", getColumn);
FLUXI_BUILTIN("universe", "getRecord", "<-table, idx", getRecord);
FLUXI_BUILTIN("universe", "findColumn", "<-tables, fn, column", findColumn);
FLUXI_BUILTIN("universe", "findRecord", "<-tables, fn, idx", findRecord);

}  // namespace fluxi
