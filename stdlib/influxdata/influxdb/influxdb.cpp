// Package influxdata/influxdb: from, to and buckets over the embedded store (the same builtins as the
// universe ones, see stdlib/universe/store_builtins.h).
#include "stdlib/universe/store_builtins.h"

namespace fluxi {

FLUXI_BUILTIN("influxdata/influxdb", "from", kFromSignature, fromStore);
FLUXI_BUILTIN("influxdata/influxdb", "to", kToSignature, toStore);
FLUXI_BUILTIN("influxdata/influxdb", "buckets", kBucketsSignature, bucketsOfStore);

}  // namespace fluxi
