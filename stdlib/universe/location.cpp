// universe.location: the option holding the default location ({zone, offset}) of the date functions
// and of calendar windows; UTC unless the script sets it (option location = timezone.location(...)).
#include "eval/builtin.h"
#include "eval/time.h"

namespace fluxi {
namespace {

Value defaultLocation() { return locationToValue(Location::utc()); }

}  // namespace

FLUXI_OPTION("universe", "location", defaultLocation);

}  // namespace fluxi
