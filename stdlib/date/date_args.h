// Argument helpers shared by the date package builtins: "timeable" arguments (a time, or a duration
// counted from now()) and the optional `location` argument that defaults to the `location` option.
#pragma once

#include <string_view>

#include "eval/builtin.h"
#include "eval/time.h"

namespace fluxi::datepkg {

// The instant named by argument `name`: a time as is, a duration added to now() (months on the
// calendar), or an int as nanoseconds since the epoch. Fails naming the function and argument.
int64_t requireTimeable(CallContext& ctx, const Args& args, std::string_view name, std::string_view fn);

// The `location` argument, or the universe `location` option when it is absent, or UTC. The
// reference stays valid until the next call on this thread.
const Location& locationArg(CallContext& ctx, const Args& args, std::string_view fn);

// The time argument `timeArg` (a time, or a duration counted from now()) moved by the duration
// argument `d` -- backwards when `backwards` -- on the calendar of the location argument. Errors
// name `fn`. Shared by date.add/sub and experimental.addDuration/subDuration.
Value shiftTime(CallContext& ctx, const Args& args, std::string_view timeArg, std::string_view fn, bool backwards);

}  // namespace fluxi::datepkg
