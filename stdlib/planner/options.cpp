// planner: the options scripts set to switch planner rules off. fluxi has no rule-based planner,
// so the options are accepted and have no effect.
#include "eval/builtin.h"

namespace fluxi {
namespace {
Value emptyList() { return makeArray({}); }
}  // namespace

FLUXI_OPTION("planner", "disablePhysicalRules", emptyList);
FLUXI_OPTION("planner", "disableLogicalRules", emptyList);

}  // namespace fluxi
