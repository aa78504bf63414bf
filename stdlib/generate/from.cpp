// generate.from(count, fn, start, stop): one table keyed by _start and _stop (the given bounds; a
// duration counts from now()) with `count` rows: row n has _time = start + n * ((stop - start) /
// count) (integer nanoseconds) and _value = fn(n: n), which must be an int.
#include "eval/builtin.h"
#include "eval/stream.h"
#include "stdlib/date/date_args.h"

namespace fluxi {
namespace {

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
    TableBuilder b(key);
    Column& startCol = b.column(b.addColumn("_start", ColType::Time));
    Column& stopCol = b.column(b.addColumn("_stop", ColType::Time));
    Column& time = b.column(b.addColumn("_time", ColType::Time));
    Column& value = b.column(b.addColumn("_value", ColType::Int));
    RepeatedCall call(ctx, fn, {"n"});
    for (int64_t n = 0; n < count; n++) {
        Value v = call(Value::integer(n));
        if (!v.is(Kind::Int))
            ctx.fail("generate.from: fn must return an int, got " + std::string(kindName(v.kind())) + " for n = " +
                     std::to_string(n));
        startCol.appendInt(start);
        stopCol.appendInt(stop);
        time.appendInt(start + n * step);
        value.appendInt(v.asInt());
    }
    std::vector<TablePtr> tables{b.finish()};
    auto s = makeMaterializedStream(std::move(tables), "generate.from");
    s->bounds = TimeBounds{start, stop};
    return Value::stream(s);
}

}  // namespace

FLUXI_BUILTIN("generate", "from", "count, fn, start, stop", fromFn);

}  // namespace fluxi
