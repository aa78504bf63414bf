// universe.now: the `now` option. Its default returns the run's time (Execution::now: fixed by the
// host with --now or by the task scheduler, else the wall clock read once per run).
#include <chrono>

#include "eval/builtin.h"
#include "eval/execution.h"

namespace fluxi {
namespace {

Value runNow(CallContext& ctx, const Args&) {
    Execution& ex = ctx.execution();
    if (!ex.now)
        ex.now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
    return Value::time(*ex.now);
}

Value makeNow() { return makeBuiltin("universe", "now", "", runNow); }

}  // namespace

FLUXI_OPTION("universe", "now", makeNow);

}  // namespace fluxi
