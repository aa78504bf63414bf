// Package influxdata/influxdb/v1: the InfluxDB 1.x-style schema functions, deprecated in the
// reference in favour of influxdata/influxdb/schema and the same functions here (see
// stdlib/influxdata/influxdb/schema), plus databases() (databases.cpp).
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("influxdata/influxdb/v1", R"flux(
import "influxdata/influxdb/schema"

fieldsAsCols = schema.fieldsAsCols
tagValues = schema.tagValues
measurementTagValues = schema.measurementTagValues
tagKeys = schema.tagKeys
measurementTagKeys = schema.measurementTagKeys
fieldKeys = schema.fieldKeys
measurementFieldKeys = schema.measurementFieldKeys
measurements = schema.measurements
)flux");

}  // namespace fluxi
