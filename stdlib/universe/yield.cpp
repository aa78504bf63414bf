// universe.yield(name:): marks a stream as a named result of the script and passes it through.
#include "eval/builtin.h"
#include "eval/execution.h"
#include "eval/stream.h"

namespace fluxi {
namespace {

Value yieldResult(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::string name = ctx.stringOr(args, "name", "_result");
    Execution& ex = ctx.execution();
    for (auto& r : ex.results)
        if (r.name == name && r.stream.get() != in.get())
            ctx.fail("yield: a result named \"" + name + "\" was already yielded; give each yield its own name");
    StreamRef ref = in;
    bool already = false;
    for (auto& r : ex.results) already = already || (r.stream.get() == in.get() && r.name == name);
    if (!already) ex.results.push_back({name, ref});
    return Value::stream(ref);
}

}  // namespace

FLUXI_BUILTIN("universe", "yield", "<-tables, ?name", yieldResult);

}  // namespace fluxi
