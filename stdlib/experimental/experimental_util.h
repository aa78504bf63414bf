// Shared helpers of the `experimental` package builtins: reaching the universe function an
// experimental variant builds on, and small table checks with messages that name the function.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/table.h"

namespace fluxi::experimental_pkg {

// Calls the universe builtin `name` (e.g. "distinct") with named arguments; `caller` names the
// experimental function in the error raised when this build has no such universe function.
Value callUniverse(const CallContext& ctx, const char* caller, const char* name,
                   std::vector<std::pair<std::string, Value>> args);

// The pipe argument as a stream value.
inline Value tablesArg(const CallContext& ctx, const Args& args) {
    return Value::stream(ctx.requireStream(args));
}

// A stream of `in`'s tables without the empty ones (several experimental functions drop them).
StreamRef dropEmptyTables(const Value& in, std::string origin);

}  // namespace fluxi::experimental_pkg
