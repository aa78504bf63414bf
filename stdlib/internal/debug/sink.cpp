// debug.sink(<-tables): reads its whole input (so everything upstream runs, errors included) and
// outputs no tables at all.
#include "eval/builtin.h"
#include "eval/stream.h"

namespace fluxi {
namespace {

Value sink(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    StreamRef out = makeBlockingStream(in,
                                       [](std::vector<TablePtr>) { return std::vector<TablePtr>{}; }, "debug.sink");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("internal/debug", "sink", "<-tables", sink);

}  // namespace fluxi
