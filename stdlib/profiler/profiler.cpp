// profiler: the option enabledProfilers (default [""], no profiler). Naming "query" in it makes a
// run that goes through the embedding API (fluxi run, embedders) end with an extra result named
// "_profiler" holding the run's statistics (see query_profile.h).
#include "eval/builtin.h"

namespace fluxi {

FLUXI_OPTION("profiler", "enabledProfilers", [] { return makeArray({Value::string("")}); });

}  // namespace fluxi
