// internal/boolean: the constants `true` and `false` under package names, for scripts in which the
// universe names are shadowed.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_VALUE("internal/boolean", "true", [] { return Value::boolean(true); });
FLUXI_VALUE("internal/boolean", "false", [] { return Value::boolean(false); });

}  // namespace fluxi
