// internal/debug: helpers the reference uses to steer its planner in tests. fluxi has no physical
// planner, so pass, slurp and opaque hand their input on unchanged (see README, "Differences");
// sink (sink.cpp) reads its input and outputs nothing.
#include "eval/builtin.h"

namespace fluxi {

FLUXI_FLUX_SOURCE("internal/debug", R"flux(
pass = (tables=<-) => tables
slurp = (tables=<-) => tables
opaque = (tables=<-) => tables
)flux");

}  // namespace fluxi
