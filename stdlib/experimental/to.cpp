// experimental.to(bucket:, bucketID:): writes pivoted rows to the embedded store -- the group key
// columns (except _measurement, _start and _stop) are the tags, every other column except _time is a
// field named after it -- staged with the run's other writes, and passes the tables through. The
// same function as influxdata/influxdb.wideTo (stdlib/influxdata/influxdb/influxdb.cpp).
#include "stdlib/influxdata/influxdb/store_builtins.h"

namespace fluxi {
namespace {

Value experimentalTo(CallContext& ctx, const Args& args) {
    return writeTablesToStore(ctx, args, true, "experimental.to");
}

}  // namespace

FLUXI_BUILTIN("experimental", "to", kWideToSignature, experimentalTo);

}  // namespace fluxi
