// universe.rename(columns, fn): renames columns by a record {old: "new"} (every old name must exist)
// or by a function fn(column) -> new name. Renamed group key columns keep their place in the key.
// Column data is shared, never copied.
#include <map>
#include <memory>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

struct Renamer {
    bool byRecord = false;
    std::vector<std::pair<std::string, std::string>> mapping;  // old -> new
    Value fn;
    std::map<std::string, std::string, std::less<>> memo;  // fn results per old name

    std::string newName(const CallContext& ctx, const std::string& old, std::unique_ptr<RepeatedCall>& call) {
        if (byRecord) {
            for (auto& [from, to] : mapping)
                if (from == old) return to;
            return old;
        }
        auto it = memo.find(old);
        if (it != memo.end()) return it->second;
        if (!call) call = std::make_unique<RepeatedCall>(ctx, fn, std::initializer_list<std::string_view>{"column"});
        Value res = (*call)(Value::string(old));
        if (!res.is(Kind::String))
            ctx.fail(std::string("rename: fn must return a string, got ") + kindName(res.kind()) + " for column \"" +
                     old + "\"");
        memo.emplace(old, res.asString());
        return res.asString();
    }
};

TablePtr renameTable(const CallContext& ctx, const TablePtr& t, Renamer& rn) {
    if (rn.byRecord)
        for (auto& [from, to] : rn.mapping)
            if (t->columnIndex(from) < 0) ctx.fail(ErrorCode::FailedPrecondition, "rename: rename error: column \"" + from + "\" doesn't exist");
    std::unique_ptr<RepeatedCall> call;
    std::vector<std::string> names(t->numColumns());
    bool changed = false;
    for (size_t c = 0; c < t->numColumns(); c++) {
        names[c] = rn.newName(ctx, t->meta[c].name, call);
        changed = changed || names[c] != t->meta[c].name;
    }
    if (!changed) return t;
    GroupKey key = t->key;
    for (auto& kc : key.cols) kc.name = names[t->columnIndex(kc.name)];
    TableBuilder b(std::move(key));
    for (size_t c = 0; c < t->numColumns(); c++) {
        if (b.columnIndex(names[c]) >= 0)
            ctx.fail("rename: two columns would both be named \"" + names[c] + "\"");
        b.addColumn(names[c], t->cols[c]);
    }
    return b.finish();
}

Value rename(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    auto rn = std::make_shared<Renamer>();
    const Value* cols = ctx.optional(args, "columns", Kind::Record);
    const Value* fn = ctx.optional(args, "fn", Kind::Function);
    if (cols && fn) ctx.fail("rename: give either columns or fn, not both");
    if (!cols && !fn) ctx.fail("rename: missing argument columns (a record {old: \"new\"}) or fn");
    if (cols) {
        rn->byRecord = true;
        for (auto& [from, to] : cols->asRecord().fields) {
            if (!to.is(Kind::String))
                ctx.fail("rename: the new name for column \"" + from + "\" must be a string, got " + kindName(to.kind()));
            rn->mapping.emplace_back(from, to.asString());
        }
    } else {
        if (fn->asFunction().paramIndex("column") < 0) ctx.fail("rename: fn must take a parameter named column");
        rn->fn = *fn;
    }

    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, rn](const TablePtr& t) {
            return tableops::atCallSite(site, "rename", [&] { return renameTable(site, t, *rn); });
        },
        "rename");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "rename", "<-tables, ?columns, ?fn", rename);

}  // namespace fluxi
