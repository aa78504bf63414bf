// system.time(): the wall-clock time of the machine when called (not the script's now(): that one is
// fixed for the whole run and follows `option now`; this one moves and ignores it).
#include <chrono>

#include "eval/builtin.h"

namespace fluxi {
namespace {

Value systemTime(CallContext&, const Args&) {
    auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch());
    return Value::time(ns.count());
}

}  // namespace

FLUXI_BUILTIN("system", "time", "", systemTime);

}  // namespace fluxi
