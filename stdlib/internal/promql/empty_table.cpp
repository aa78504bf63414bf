// promql.emptyTable(): one table with columns _start, _stop, _time (times) and _value (float) and
// no rows, keyed by _start and _stop -- the seed of PromQL's time() and vector(). The key values
// are the reference's: the zero Go time, which as nanoseconds since the epoch wraps around to
// 1754-08-30T22:43:41.128654848Z.
#include "stdlib/internal/promql/promql_tables.h"

namespace fluxi {
namespace {

constexpr int64_t kGoZeroTimeNanos = -6795364578871345152;

Value emptyTable(CallContext&, const Args&) {
    GroupKey key;
    key.cols = {{"_start", ColType::Time}, {"_stop", ColType::Time}};
    key.values = {Value::time(kGoZeroTimeNanos), Value::time(kGoZeroTimeNanos)};
    TableBuilder b(key);
    b.addColumn("_start", ColType::Time);
    b.addColumn("_stop", ColType::Time);
    b.addColumn("_time", ColType::Time);
    b.addColumn("_value", ColType::Float);
    return Value::stream(makeMaterializedStream({b.finish()}, "promql.emptyTable"));
}

}  // namespace

FLUXI_BUILTIN("internal/promql", "emptyTable", "", emptyTable);

}  // namespace fluxi
