// Package runtime: version() returns the fluxi version string.
#include "eval/builtin.h"

namespace fluxi {
namespace {

Value version(CallContext&, const Args&) { return Value::string(FLUXI_VERSION); }

}  // namespace

FLUXI_BUILTIN("runtime", "version", "", version);

}  // namespace fluxi
