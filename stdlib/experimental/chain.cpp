// experimental.chain(first, second): the tables of `second`, after `first` has been read to the end
// (so whatever `first` does -- writing with to(), failing -- happens before `second` starts). Both
// run each time the result is read.
#include "eval/builtin.h"
#include "eval/stream.h"

namespace fluxi {
namespace {

class ChainStream final : public StreamObj {
public:
    StreamRef first, second;
    std::unique_ptr<TableIterator> open() const override {
        collect(*first);
        return second->open();
    }
};

Value chainFn(CallContext& ctx, const Args& args) {
    auto s = make<ChainStream>();
    s->origin = "experimental.chain";
    s->first = ctx.require(args, "first", Kind::Stream).objRef<StreamObj>();
    s->second = ctx.require(args, "second", Kind::Stream).objRef<StreamObj>();
    s->bounds = s->second->bounds;
    return Value::stream(StreamRef(s));
}

}  // namespace

FLUXI_BUILTIN("experimental", "chain", "first, second", chainFn);

}  // namespace fluxi
