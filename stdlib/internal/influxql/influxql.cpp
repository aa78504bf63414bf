// internal/influxql: the time constants of InfluxQL -- its zero reference (the Unix epoch) and the
// earliest and latest times it can represent (the int64 nanosecond range less one value at the
// bottom and one at the top, which InfluxQL keeps for itself).
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("internal/influxql", R"flux(
epoch = 1970-01-01T00:00:00Z
minTime = 1677-09-21T00:12:43.145224194Z
maxTime = 2262-04-11T23:47:16.854775806Z
)flux");

}  // namespace fluxi
