// internal/location: the option `location`, a {zone, offset} record (UTC by default) in the form
// timezone.location() and timezone.fixed() return and the universe `location` option takes.
#include "eval/builtin.h"
#include "eval/time.h"

namespace fluxi {

FLUXI_OPTION("internal/location", "location", [] { return locationToValue(Location::utc()); });

}  // namespace fluxi
