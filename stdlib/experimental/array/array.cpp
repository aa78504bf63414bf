// experimental/array: the deprecated predecessor of `array`. from, concat, filter and map are the
// `array` builtins; toBool, toDuration, toFloat, toInt, toString, toTime and toUInt convert every
// element with the universe conversion of the same name (bool(v:), duration(v:), ...), so they
// accept and reject exactly what those accept and reject.
#include "eval/builtin.h"
#include "stdlib/array/array_functions.h"

namespace fluxi {

FLUXI_BUILTIN("experimental/array", "from", "<-rows", array_pkg::from);
FLUXI_BUILTIN("experimental/array", "concat", "<-arr, v", array_pkg::concat);
FLUXI_BUILTIN("experimental/array", "filter", "<-arr, fn", array_pkg::filter);
FLUXI_BUILTIN("experimental/array", "map", "<-arr, fn", array_pkg::map);

FLUXI_FLUX_SOURCE("experimental/array", R"flux(
toBool = (arr=<-) => map(arr: arr, fn: (x) => bool(v: x))
toDuration = (arr=<-) => map(arr: arr, fn: (x) => duration(v: x))
toFloat = (arr=<-) => map(arr: arr, fn: (x) => float(v: x))
toInt = (arr=<-) => map(arr: arr, fn: (x) => int(v: x))
toString = (arr=<-) => map(arr: arr, fn: (x) => string(v: x))
toTime = (arr=<-) => map(arr: arr, fn: (x) => time(v: x))
toUInt = (arr=<-) => map(arr: arr, fn: (x) => uint(v: x))
)flux");

}  // namespace fluxi
