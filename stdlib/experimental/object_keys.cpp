// experimental.objectKeys(o): the field names of record o, in the order they were written.
#include "eval/builtin.h"

namespace fluxi {
namespace {

Value objectKeysFn(CallContext& ctx, const Args& args) {
    const Value& o = ctx.require(args, "o", Kind::Record);
    std::vector<Value> keys;
    keys.reserve(o.asRecord().fields.size());
    for (auto& field : o.asRecord().fields) keys.push_back(Value::string(field.first));
    return makeArray(std::move(keys));
}

}  // namespace

FLUXI_BUILTIN("experimental", "objectKeys", "o", objectKeysFn);

}  // namespace fluxi
