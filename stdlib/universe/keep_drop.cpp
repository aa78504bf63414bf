// universe.keep and universe.drop: keep or remove columns named in `columns` (names a table does not
// have are ignored) or chosen by a predicate fn(column). Dropped group key columns leave the key, so
// tables whose keys become equal are merged. Column data is shared, never copied.
#include <map>
#include <memory>
#include <set>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/stream_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

// Which columns survive, decided by a name list or a predicate (memoized per column name).
struct ColumnChooser {
    bool keepMode;                 // keep(): true; drop(): false
    bool byList = false;
    std::set<std::string, std::less<>> listed;
    Value fn;
    std::map<std::string, bool, std::less<>> memo;  // predicate results

    bool survives(const CallContext& ctx, const std::string& name, std::unique_ptr<RepeatedCall>& call) {
        bool chosen;
        if (byList) {
            chosen = listed.count(name) > 0;
        } else {
            auto it = memo.find(name);
            if (it != memo.end()) {
                chosen = it->second;
            } else {
                if (!call) call = std::make_unique<RepeatedCall>(ctx, fn, std::initializer_list<std::string_view>{"column"});
                Value res = (*call)(Value::string(name));
                if (!res.isNull() && !res.is(Kind::Bool))
                    ctx.fail(std::string(keepMode ? "keep" : "drop") + ": fn must return a bool, got " +
                             kindName(res.kind()) + " for column \"" + name + "\"");
                chosen = res.is(Kind::Bool) && res.asBool();
                memo.emplace(name, chosen);
            }
        }
        return keepMode ? chosen : !chosen;
    }
};

TablePtr keepDropTable(const CallContext& ctx, const TablePtr& t, ColumnChooser& chooser) {
    std::unique_ptr<RepeatedCall> call;
    std::vector<bool> keep(t->numColumns());
    bool all = true;
    for (size_t c = 0; c < t->numColumns(); c++) {
        keep[c] = chooser.survives(ctx, t->meta[c].name, call);
        all = all && keep[c];
    }
    if (all) return t;
    GroupKey key = tableops::filterKey(t->key, [&](const std::string& n) { return keep[t->columnIndex(n)]; });
    TableBuilder b(std::move(key));
    for (size_t c = 0; c < t->numColumns(); c++)
        if (keep[c]) b.addColumn(t->meta[c].name, t->cols[c]);
    return b.finish();
}

Value keepOrDrop(CallContext& ctx, const Args& args, bool keepMode) {
    const char* fname = keepMode ? "keep" : "drop";
    StreamRef in = ctx.requireStream(args);
    auto chooser = std::make_shared<ColumnChooser>();
    chooser->keepMode = keepMode;
    std::vector<std::string> names;
    bool hasList = tableops::stringListArg(ctx, args, fname, "columns", names);
    const Value* fn = ctx.optional(args, "fn", Kind::Function);
    if (hasList && fn) ctx.fail(std::string(fname) + ": give either columns or fn, not both");
    if (!hasList && !fn) ctx.fail(std::string(fname) + ": missing argument columns (a list of names) or fn (a predicate)");
    if (hasList) {
        chooser->byList = true;
        chooser->listed.insert(names.begin(), names.end());
    } else {
        if (fn->asFunction().paramIndex("column") < 0)
            ctx.fail(std::string(fname) + ": fn must take a parameter named column");
        chooser->fn = *fn;
    }

    CallContext site = ctx;
    StreamRef out = tableops::makeRegroupStream(
        in,
        [site, chooser, fname](const TablePtr& t) -> std::vector<TablePtr> {
            return {tableops::atCallSite(site, fname, [&] { return keepDropTable(site, t, *chooser); })};
        },
        fname);
    return Value::stream(out);
}

Value keep(CallContext& ctx, const Args& args) { return keepOrDrop(ctx, args, true); }
Value drop(CallContext& ctx, const Args& args) { return keepOrDrop(ctx, args, false); }

}  // namespace

FLUXI_BUILTIN("universe", "keep", "<-tables, ?columns, ?fn", keep);
FLUXI_BUILTIN("universe", "drop", "<-tables, ?columns, ?fn", drop);

}  // namespace fluxi
