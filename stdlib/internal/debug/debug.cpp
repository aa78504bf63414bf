// internal/debug: helpers the reference uses to steer its planner in tests. fluxi has no physical
// planner, so each of them passes its input through unchanged (see README, "Differences").
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("internal/debug", R"flux(
pass = (tables=<-) => tables
slurp = (tables=<-) => tables
sink = (tables=<-) => tables
opaque = (tables=<-) => tables
)flux");

}  // namespace fluxi
