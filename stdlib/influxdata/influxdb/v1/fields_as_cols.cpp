// influxdata/influxdb/v1.fieldsAsCols(): one row per _time with a column per _field holding its
// _value (pivot on _time and _field), the shape InfluxDB 1.x queries return.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("influxdata/influxdb/v1", R"flux(
fieldsAsCols = (tables=<-) => tables |> pivot(rowKey: ["_time"], columnKey: ["_field"], valueColumn: "_value")
)flux");

}  // namespace fluxi
