// The builtins of the `array` package, shared with `experimental/array` (which registers the same
// functions under its own import path).
#pragma once

#include "eval/builtin.h"

namespace fluxi::array_pkg {

// array.from(<-rows): one table from an array of records.
Value from(CallContext& ctx, const Args& args);
// array.concat(<-arr, v): arr followed by v.
Value concat(CallContext& ctx, const Args& args);
// array.filter(<-arr, fn): the elements x for which fn(x) is true.
Value filter(CallContext& ctx, const Args& args);
// array.map(<-arr, fn): fn(x) for each element x.
Value map(CallContext& ctx, const Args& args);

}  // namespace fluxi::array_pkg
