// generate.from(count, fn, start, stop): one table keyed by _start and _stop (the given bounds; a
// duration counts from now()) with `count` rows: row n has _time = start + n * ((stop - start) /
// count) (integer nanoseconds) and _value = fn(n: n), which must be an int.
#include <algorithm>
#include <memory>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/column_expr.h"
#include "eval/function.h"
#include "eval/kernels/column_ops.h"
#include "stdlib/date/date_args.h"

namespace fluxi {
namespace {

// fn(n) for n = 0..rows-1 as a column loop (eval/column_expr.h) when fn is `(n) => EXPR` with an
// int EXPR that compiles and no row fails or gives null; false when fn must be called row by row.
// Evaluated in chunks, so the intermediate vectors stay small.
bool generatedByColumnLoop(const CallContext& ctx, const Value& fn, size_t rows, std::vector<int64_t>& out) {
    if (rows == 0 || fn.asFunction().type != FunctionObj::Type::Closure) return false;
    const Closure& c = static_cast<const Closure&>(fn.asFunction());
    if (c.params.size() != 1 || !c.expr->bodyExpr) return false;
    constexpr size_t kChunk = 1 << 16;
    std::unique_ptr<ColumnExpr> x;
    out.clear();
    out.reserve(rows);
    for (size_t begin = 0; begin < rows; begin += kChunk) {
        const size_t len = std::min(kChunk, rows - begin);
        TableBuilder b;
        Column& n = b.column(b.addColumn("n", ColType::Int));
        n.reserve(len);
        for (size_t i = 0; i < len; i++) n.appendInt(static_cast<int64_t>(begin + i));
        TablePtr t = b.finish();
        if (!x) {
            x = ColumnExpr::compileWithColumnParams(ctx.interpreter(), c, c.expr->bodyExpr.get(), *t, {{0u, 0}});
            if (!x || x->kind() != Kind::Int) return false;
        }
        ColumnVector v;
        if (!x->eval(*t, v) || !v.allValid()) return false;
        out.insert(out.end(), v.intData(), v.intData() + len);
    }
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
    const size_t rows = static_cast<size_t>(count);
    std::vector<int64_t> times(rows), values;
    for (size_t n = 0; n < rows; n++) times[n] = start + static_cast<int64_t>(n) * step;
    if (!generatedByColumnLoop(ctx, fn, rows, values)) {
        values.resize(rows);
        RepeatedCall call(ctx, fn, {"n"});
        for (int64_t n = 0; n < count; n++) {
            Value v = call(Value::integer(n));
            if (!v.is(Kind::Int))
                ctx.fail("generate.from: fn must return an int, got " + std::string(kindName(v.kind())) + " for n = " +
                         std::to_string(n));
            values[static_cast<size_t>(n)] = v.asInt();
        }
    }
    TableBuilder b(key);
    b.addColumn("_start", tableops::constantColumn(ColType::Time, Value::time(start), rows));
    b.addColumn("_stop", tableops::constantColumn(ColType::Time, Value::time(stop), rows));
    b.column(b.addColumn("_time", ColType::Time)).appendInts(times.data(), rows);
    b.column(b.addColumn("_value", ColType::Int)).appendInts(values.data(), rows);
    std::vector<TablePtr> tables{b.finish()};
    auto s = makeMaterializedStream(std::move(tables), "generate.from");
    s->bounds = TimeBounds{start, stop};
    return Value::stream(s);
}

}  // namespace

FLUXI_BUILTIN("generate", "from", "count, fn, start, stop", fromFn);

}  // namespace fluxi
