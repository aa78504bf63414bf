// universe.union(tables): merges two or more streams into one. Tables with the same group key become
// one table whose columns are the union of theirs (nulls where a part lacks a column); rows keep their
// order, stream by stream.
#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/stream_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

Value unionStreams(CallContext& ctx, const Args& args) {
    const Value& list = ctx.require(args, "tables", Kind::Array);
    const auto& elems = list.asArray().elems;
    if (elems.size() < 2)
        ctx.fail("union: tables must list at least two streams, got " + std::to_string(elems.size()));
    std::vector<StreamRef> inputs;
    for (size_t i = 0; i < elems.size(); i++) {
        if (!elems[i].is(Kind::Stream))
            ctx.fail("union: tables[" + std::to_string(i) + "] must be a stream of tables, got " +
                     kindName(elems[i].kind()));
        inputs.push_back(elems[i].objRef<StreamObj>());
    }
    CallContext site = ctx;
    StreamRef out = makeBlockingStream(
        tableops::makeConcatStream(std::move(inputs), "union"),
        [site](std::vector<TablePtr> tables) {
            return tableops::atCallSite(site, "union", [&] { return tableops::mergeByKey(std::move(tables)); });
        },
        "union");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "union", "tables", unionStreams);

}  // namespace fluxi
