// universe.stateTracking(fn, countColumn, durationColumn, durationUnit, timeColumn) and, in Flux over
// it, stateCount and stateDuration. Rows are visited in order; while fn(r) is true the count grows
// from 1 and the duration is the time since the first row of the current run (in durationUnit);
// a row where fn is false (or null) gets -1 in both and ends the run. The int columns are added
// after the existing ones (replacing a column of the same name).
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/time.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

struct StateSpec {
    Value fn;
    std::string countColumn, durationColumn, timeColumn;
    int64_t unit = kNanosPerSecond;
};

TablePtr trackTable(const CallContext& ctx, const StateSpec& s, const TablePtr& t) {
    const bool wantCount = !s.countColumn.empty(), wantDuration = !s.durationColumn.empty();
    const Column* times = nullptr;
    if (wantDuration) {
        int ti = t->columnIndex(s.timeColumn);
        if (ti < 0) ctx.fail(ErrorCode::FailedPrecondition, "stateTracking: column \"" + s.timeColumn + "\" not found (the time column)");
        if (t->meta[ti].type != ColType::Time)
            ctx.fail("stateTracking: column \"" + s.timeColumn + "\" must be of type time, got " +
                     colTypeName(t->meta[ti].type));
        times = &t->column(ti);
    }
    auto counts = std::make_shared<Column>(ColType::Int);
    auto durations = std::make_shared<Column>(ColType::Int);
    std::vector<std::string> names;
    for (auto& m : t->meta) names.push_back(m.name);
    RowRecord row(std::move(names));
    RepeatedCall call(ctx, s.fn, {"r"});
    int64_t count = 0, start = 0;
    bool inState = false;
    for (size_t r = 0; r < t->nrows; r++) {
        auto& f = row.beginRow();
        for (size_t c = 0; c < t->numColumns(); c++) f[c].second = t->column(c).get(r);
        Value res;
        {
            Value arg = row.value();
            res = call(arg);
        }
        if (!res.isNull() && !res.is(Kind::Bool))
            ctx.fail(std::string("stateTracking: fn must return a bool, got ") + kindName(res.kind()) + " (row " +
                     std::to_string(r) + ")");
        bool match = !res.isNull() && res.asBool();
        if (!match) {
            inState = false;
            count = 0;
            if (wantCount) counts->appendInt(-1);
            if (wantDuration) durations->appendInt(-1);
            continue;
        }
        count++;
        if (wantCount) counts->appendInt(count);
        if (wantDuration) {
            if (times->isNull(r))
                ctx.fail("stateTracking: null value in time column \"" + s.timeColumn + "\" (row " +
                         std::to_string(r) + ")");
            int64_t now = times->ints()[r];
            if (!inState) start = now;
            durations->appendInt((now - start) / s.unit);
        }
        inState = true;
    }
    TableBuilder b(t->key);
    auto replaced = [&](const std::string& n) {
        return (wantCount && n == s.countColumn) || (wantDuration && n == s.durationColumn);
    };
    for (size_t c = 0; c < t->numColumns(); c++)
        if (!replaced(t->meta[c].name)) b.addColumn(t->meta[c].name, t->cols[c]);
    if (wantCount) b.addColumn(s.countColumn, counts);
    if (wantDuration) b.addColumn(s.durationColumn, durations);
    return b.finish();
}

Value stateTracking(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    StateSpec s;
    s.fn = ctx.require(args, "fn", Kind::Function);
    if (s.fn.asFunction().paramIndex("r") < 0) ctx.fail("stateTracking: fn must take a parameter named r");
    s.countColumn = ctx.stringOr(args, "countColumn", "");
    s.durationColumn = ctx.stringOr(args, "durationColumn", "");
    s.timeColumn = ctx.stringOr(args, "timeColumn", "_time");
    if (s.countColumn.empty() && s.durationColumn.empty())
        ctx.fail("stateTracking: give countColumn, durationColumn or both");
    if (const Value* u = ctx.optional(args, "durationUnit", Kind::Duration)) {
        Duration d = u->asDuration();
        if (d.months != 0 || d.nanos <= 0)
            ctx.fail("stateTracking: durationUnit must be a positive duration without months, got " +
                     formatDuration(d));
        s.unit = d.nanos;
    }
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, s](const TablePtr& t) {
            return tableops::atCallSite(site, "stateTracking", [&] { return trackTable(site, s, t); });
        },
        "stateTracking");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "stateTracking",
              "<-tables, fn, ?countColumn, ?durationColumn, ?durationUnit, ?timeColumn", stateTracking);

FLUXI_FLUX_SOURCE("universe", R"flux(
stateCount = (fn, column="stateCount", tables=<-) => tables |> stateTracking(fn: fn, countColumn: column)
stateDuration = (fn, column="stateDuration", timeColumn="_time", unit=1s, tables=<-) =>
    tables |> stateTracking(fn: fn, durationColumn: column, timeColumn: timeColumn, durationUnit: unit)
)flux");

}  // namespace fluxi
