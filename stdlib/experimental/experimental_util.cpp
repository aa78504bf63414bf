// Helpers shared by the `experimental` package builtins (see experimental_util.h).
#include "stdlib/experimental/experimental_util.h"

namespace fluxi::experimental_pkg {

Value callUniverse(const CallContext& ctx, const char* caller, const char* name,
                   std::vector<std::pair<std::string, Value>> args) {
    // A package's members are read the same way as its options.
    Value fn = ctx.option("universe", name);
    if (!fn.is(Kind::Function))
        ctx.fail(ErrorCode::Unimplemented, std::string(caller) + " is built on universe." + name + ", which fluxi does not implement yet");
    return ctx.call(fn, std::move(args));
}

StreamRef dropEmptyTables(const Value& in, std::string origin) {
    return makeMapTablesStream(
        in.objRef<StreamObj>(), [](const TablePtr& t) { return t->nrows > 0 ? t : TablePtr(); }, std::move(origin));
}

}  // namespace fluxi::experimental_pkg
