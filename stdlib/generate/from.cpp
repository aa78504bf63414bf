// generate.from(count, fn, start, stop): one table keyed by _start and _stop (the given bounds; a
// duration counts from now()) with `count` rows: row n has _time = start + n * ((stop - start) /
// count) (integer nanoseconds) and _value = fn(n: n), which must be an int.
#include <algorithm>
#include <memory>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/column_expr.h"
#include "eval/function.h"
#include "stdlib/date/date_args.h"

namespace fluxi {
namespace {

constexpr size_t kChunkRows = 1 << 16;
constexpr size_t kReserveRows = size_t{1} << 24;

// fn(n) for n = begin..begin+len-1 as a column loop (eval/column_expr.h) when fn is `(n) => EXPR` with
// an int EXPR that compiles and no row of the chunk fails or gives null; false when the chunk must be
// called row by row. `compiled` keeps the compiled expression between chunks (`tried` once).
bool chunkByColumnLoop(const CallContext& ctx, const Value& fn, size_t begin, size_t len,
                       std::unique_ptr<ColumnExpr>& compiled, bool& tried, int64_t* out) {
    if (fn.asFunction().type != FunctionObj::Type::Closure || columnLoopsDisabled()) return false;
    const Closure& c = static_cast<const Closure&>(fn.asFunction());
    const ast::Expr* result = functionResult(*c.expr);
    if (c.params.size() != 1 || !result) return false;
    TableBuilder b;
    Column& n = b.column(b.addColumn("n", ColType::Int));
    std::vector<int64_t> ns(len);
    for (size_t i = 0; i < len; i++) ns[i] = static_cast<int64_t>(begin + i);
    n.appendInts(ns.data(), len);
    TablePtr t = b.finish();
    if (!tried) {
        tried = true;
        compiled = ColumnExpr::compileWithColumnParams(ctx.interpreter(), c, result, *t, {{0u, 0}});
        if (compiled && compiled->kind() != Kind::Int) compiled.reset();
    }
    if (!compiled) return false;
    ColumnVector v;
    if (!compiled->eval(*t, v) || !v.allValid()) return false;
    std::copy(v.intData(), v.intData() + len, out);
    return true;
}

Value fromFn(CallContext& ctx, const Args& args) {
    int64_t count = ctx.require(args, "count", Kind::Int).asInt();
    const Value& fn = ctx.require(args, "fn", Kind::Function);
    int64_t start = datepkg::requireTimeable(ctx, args, "start", "generate.from");
    int64_t stop = datepkg::requireTimeable(ctx, args, "stop", "generate.from");
    if (count < 0) ctx.fail("generate.from: count must not be negative, got " + std::to_string(count));
    if (stop < start) ctx.fail("generate.from: stop must not be before start");
    if (fn.asFunction().paramIndex("n") < 0) ctx.fail("generate.from: fn must take a parameter named n");
    int64_t step = count > 0 ? static_cast<int64_t>((static_cast<__int128>(stop) - start) / count) : 0;

    GroupKey key;
    key.cols = {{"_start", ColType::Time}, {"_stop", ColType::Time}};
    key.values = {Value::time(start), Value::time(stop)};
    // Built chunk by chunk so that the run's limits (eval/limits.h) check the time between chunks.
    const size_t rows = static_cast<size_t>(count);
    TableBuilder b(key);
    Column& startCol = b.column(b.addColumn("_start", ColType::Time));
    Column& stopCol = b.column(b.addColumn("_stop", ColType::Time));
    Column& timeCol = b.column(b.addColumn("_time", ColType::Time));
    Column& valueCol = b.column(b.addColumn("_value", ColType::Int));
    // Reserved up to kReserveRows (charged to the run's memory budget before allocating): chunks
    // then fill the columns without reallocating. A larger count grows past it as usual, so a huge
    // one still meets the time limit or the memory budget while it is being built.
    for (Column* c : {&startCol, &stopCol, &timeCol, &valueCol}) c->reserve(std::min(rows, kReserveRows));
    const size_t firstChunk = std::min(rows, kChunkRows);
    std::vector<int64_t> starts(firstChunk, start), stops(firstChunk, stop), times(firstChunk), values(firstChunk);
    std::unique_ptr<ColumnExpr> compiled;
    bool tried = false;
    RepeatedCall call(ctx, fn, {"n"});
    for (size_t begin = 0; begin < rows; begin += kChunkRows) {
        const size_t len = std::min(kChunkRows, rows - begin);
        for (size_t i = 0; i < len; i++) times[i] = start + static_cast<int64_t>(begin + i) * step;
        if (!chunkByColumnLoop(ctx, fn, begin, len, compiled, tried, values.data())) {
            for (size_t i = 0; i < len; i++) {
                const int64_t n = static_cast<int64_t>(begin + i);
                Value v = call(Value::integer(n));
                if (!v.is(Kind::Int))
                    ctx.fail("generate.from: fn must return an int, got " + std::string(kindName(v.kind())) +
                             " for n = " + std::to_string(n));
                values[i] = v.asInt();
            }
        }
        startCol.appendInts(starts.data(), len);
        stopCol.appendInts(stops.data(), len);
        timeCol.appendInts(times.data(), len);
        valueCol.appendInts(values.data(), len);
    }
    std::vector<TablePtr> tables{b.finish()};
    auto s = makeMaterializedStream(std::move(tables), "generate.from");
    s->bounds = TimeBounds{start, stop};
    return Value::stream(s);
}

}  // namespace

FLUXI_BUILTIN("generate", "from", "count, fn, start, stop", fromFn);

}  // namespace fluxi
