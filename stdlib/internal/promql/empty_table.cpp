// promql.emptyTable(): one table with columns _start, _stop, _time (times) and _value (float) and
// no rows, keyed by _start and _stop -- the seed of PromQL's time() and vector(). The key values
// are the zero time, which the reference's own test gives as the epoch (1970-01-01T00:00:00Z).
#include "stdlib/internal/promql/promql_tables.h"

namespace fluxi {
namespace {

Value emptyTable(CallContext&, const Args&) {
    GroupKey key;
    key.cols = {{"_start", ColType::Time}, {"_stop", ColType::Time}};
    key.values = {Value::time(0), Value::time(0)};
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
