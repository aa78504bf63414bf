// Shared machinery of the aggregate and selector builtins (see agg_builtin.h).
#include "eval/kernels/aggregate_builtins.h"

#include <map>

#include "eval/kernels/table_ops.h"

namespace fluxi::agg {

CallSite::CallSite(const CallContext& ctx, std::string fn)
    : fn_(std::move(fn)), file_(ctx.fileName()), loc_(ctx.site() ? ctx.site()->span.start : ast::SourceLoc{}) {}

void CallSite::fail(ErrorCode code, const std::string& message) const {
    throw FluxError(code, fn_ + ": " + message, file_, loc_);
}

int requireColumn(const CallSite& site, const Table& t, const std::string& name) {
    int i = t.columnIndex(name);
    if (i < 0)
        site.fail(ErrorCode::FailedPrecondition, "column \"" + name + "\" not found in table " + tableops::describeKey(t.key));
    return i;
}

int requireValueColumn(const CallSite& site, const Table& t, const std::string& name) {
    int i = requireColumn(site, t, name);
    if (t.key.has(name))
        site.fail("cannot aggregate column \"" + name + "\": it is part of the group key " + tableops::describeKey(t.key));
    return i;
}

Value reduceEachTable(CallContext& ctx, const Args& args, const char* fn, ReduceKind kind, ReduceOptions opt) {
    StreamRef in = ctx.requireStream(args);
    std::string column = ctx.stringOr(args, "column", "_value");
    CallSite site(ctx, fn);
    auto perTable = [site, column, kind, opt](const TablePtr& t) -> TablePtr {
        return site.guard([&] {
            int ci = requireValueColumn(site, *t, column);
            const Column& col = t->column(ci);
            std::string err;
            auto r = makeReducer(kind, col.type(), opt, err);
            if (!r) site.fail("column \"" + column + "\": " + err);
            auto result = std::make_shared<Column>(r->outputType());
            if (t->nrows == 0)
                r->reduceEmpty(*result);
            else
                r->reduce(col, RowRun{0, t->nrows}, *result);
            return tableops::keyedTable(t->key, 1, {{column, std::move(result)}});
        });
    };
    if (column == "_value" && (kind == ReduceKind::Count || kind == ReduceKind::Sum || kind == ReduceKind::Mean)) {
        FusedAggregate what;
        what.reduce = kind;
        what.options = opt;
        if (StreamRef pushed = in->withAggregate(what, perTable)) return Value::stream(pushed);
    }
    return Value::stream(makeMapTablesStream(in, perTable, fn));
}

Value selectEachTable(CallContext& ctx, const Args& args, const char* fn, SelectKind kind, double q, bool keepEmpty) {
    StreamRef in = ctx.requireStream(args);
    std::string column = ctx.stringOr(args, "column", "_value");
    CallSite site(ctx, fn);
    auto perTable = [site, column, kind, q, keepEmpty](const TablePtr& t) -> TablePtr {
        return site.guard([&]() -> TablePtr {
            int ci = requireColumn(site, *t, column);
            const Column& col = t->column(ci);
            std::string err;
            auto s = makeSelector(kind, col.type(), q, err);
            if (!s) site.fail(err);
            size_t row = s->select(col, RowRun{0, t->nrows});
            // No row: an empty table (aggregateWindow fills it), or a row of nulls for
            // exact_selector.
            if (row == Selector::npos) return keepEmpty ? tableops::nullRowTable(*t) : tableops::emptyLike(*t);
            return tableops::rowTable(*t, row);
        });
    };
    if (column == "_value" && !keepEmpty &&
        (kind == SelectKind::First || kind == SelectKind::Last || kind == SelectKind::Min || kind == SelectKind::Max)) {
        FusedAggregate what;
        what.selector = true;
        what.select = kind;
        if (StreamRef pushed = in->withAggregate(what, perTable)) return Value::stream(pushed);
    }
    return Value::stream(makeMapTablesStream(in, perTable, fn));
}

namespace {
std::map<BuiltinImpl, FusedAggregate>& fusedRegistry() {
    static std::map<BuiltinImpl, FusedAggregate> r;
    return r;
}
}  // namespace

bool registerFusedAggregate(BuiltinImpl impl, FusedAggregate what) {
    fusedRegistry()[impl] = what;
    return true;
}

const FusedAggregate* fusedAggregateFor(const Value& fn) {
    if (!fn.is(Kind::Function) || fn.asFunction().type != FunctionObj::Type::Builtin) return nullptr;
    const auto& b = static_cast<const BuiltinFunction&>(fn.asFunction());
    const BuiltinImpl* impl = b.impl.target<BuiltinImpl>();
    if (!impl) return nullptr;
    auto it = fusedRegistry().find(*impl);
    return it == fusedRegistry().end() ? nullptr : &it->second;
}

}  // namespace fluxi::agg
