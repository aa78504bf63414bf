// Package influxdata/influxdb: from, to and buckets over the embedded store (the same builtins as the
// universe ones, see stdlib/universe/store_builtins.h), and wideTo, which writes pivoted rows as
// experimental.to does.
#include "stdlib/influxdata/influxdb/store_builtins.h"

namespace fluxi {
namespace {

Value wideTo(CallContext& ctx, const Args& args) { return writeTablesToStore(ctx, args, true, "wideTo"); }

}  // namespace

FLUXI_BUILTIN("influxdata/influxdb", "from", kFromSignature, fromStore);
FLUXI_BUILTIN("influxdata/influxdb", "to", kToSignature, toStore);
FLUXI_BUILTIN("influxdata/influxdb", "buckets", kBucketsSignature, bucketsOfStore);
FLUXI_BUILTIN("influxdata/influxdb", "wideTo", kWideToSignature, wideTo);

}  // namespace fluxi
