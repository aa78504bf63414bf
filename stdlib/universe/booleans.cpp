// universe.true and universe.false: Flux's booleans are predeclared identifiers, not keywords.
#include "eval/builtin.h"

namespace fluxi {
namespace {
Value trueValue() { return Value::boolean(true); }
Value falseValue() { return Value::boolean(false); }
}  // namespace

FLUXI_VALUE("universe", "true", trueValue);
FLUXI_VALUE("universe", "false", falseValue);

}  // namespace fluxi
