// Package influxdata/influxdb/tasks: lastSuccess(orTime), the time of the last successful run of
// the running task. It is, in order: the option `lastSuccessTime` when set (by the script or the
// host, Engine::setOption("influxdata/influxdb/tasks", "lastSuccessTime", time)); else the scheduled
// time of the latest run logged as "success" in the store's run log for the task named by
// `option task = {name: ...}` (consulted only when the data folder exists); else orTime (a time, or
// a duration relative to now()).
#include <climits>
#include <filesystem>

#include "eval/builtin.h"
#include "eval/execution.h"
#include "eval/time.h"
#include "store/data_dir.h"
#include "store/execution_store.h"
#include "store/store.h"

namespace fluxi {
namespace {

// Marks lastSuccessTime as not set (no real time is this early).
constexpr int64_t kUnsetTime = INT64_MIN;

Value zeroTime() { return Value::time(kUnsetTime); }

// The latest successful scheduled time of the script's task in the run log, if any.
std::optional<int64_t> loggedSuccess(const CallContext& ctx) {
    Value task = ctx.option("", "task");
    if (!task.is(Kind::Record)) return std::nullopt;
    const Value* name = task.asRecord().find("name");
    if (!name || !name->is(Kind::String)) return std::nullopt;
    Execution& ex = ctx.execution();
    if (!ex.store) {
        std::error_code ec;
        if (!std::filesystem::exists(store::resolveDataDir(ex.dataDir), ec)) return std::nullopt;
    }
    try {
        return store::executionStore(ex)->lastScheduled(name->asString(), "success");
    } catch (const store::StoreError& e) {
        ctx.fail(ErrorCode::Unavailable, std::string("tasks.lastSuccess: ") + e.what());
    }
}

Value lastSuccess(CallContext& ctx, const Args& args) {
    const Value& set = ctx.require(args, "lastSuccessTime", Kind::Time);
    if (set.asTime() != kUnsetTime) return set;
    if (std::optional<int64_t> t = loggedSuccess(ctx)) return Value::time(*t);
    const Value* orTime = args.get("orTime");
    if (!orTime || orTime->isNull()) ctx.fail("tasks.lastSuccess: missing required argument orTime");
    switch (orTime->kind()) {
        case Kind::Time: return *orTime;
        case Kind::Duration:
            try {
                return Value::time(addDuration(ctx.now(), orTime->asDuration()));
            } catch (const TimeError& e) {
                ctx.fail(std::string("tasks.lastSuccess: argument orTime: ") + e.what());
            }
        default:
            ctx.fail(std::string("tasks.lastSuccess: argument orTime must be a time or a duration (relative to "
                                 "now()), got ") +
                     kindName(orTime->kind()));
    }
}

}  // namespace

FLUXI_VALUE("influxdata/influxdb/tasks", "_zeroTime", zeroTime);
FLUXI_BUILTIN("influxdata/influxdb/tasks", "_lastSuccess", "orTime, lastSuccessTime", lastSuccess);
FLUXI_FLUX_SOURCE("influxdata/influxdb/tasks", R"flux(
option lastSuccessTime = _zeroTime

lastSuccess = (orTime) => _lastSuccess(orTime: orTime, lastSuccessTime: lastSuccessTime)
)flux");

}  // namespace fluxi
