// universe.reduce(fn, identity): folds the rows of each table into one record, starting from
// `identity` and calling fn(r: row, accumulator: previous result) for each row. The output row is
// the group key plus the accumulator's other fields in name order (a field named like a key column
// replaces that key value, regrouping the table; two tables ending with the same key are an error).
// Column types come from the values; as in the reference, a field other than a key column that is
// null at the end is an error. An empty table gives the identity.
#include <algorithm>
#include <unordered_map>

#include "eval/compare.h"
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

using agg::CallSite;

TablePtr reduceTable(const CallContext& ctx, const CallSite& site, const Table& t, const Value& fn,
                     const Value& identity) {
    Value acc = identity;
    if (t.nrows > 0) {
        std::vector<std::string> names;
        for (auto& m : t.meta) names.push_back(m.name);
        RowRecord row(std::move(names));
        RepeatedCall call(ctx, fn, {"r", "accumulator"});
        Value args[2];
        for (size_t r = 0; r < t.nrows; r++) {
            auto& fields = row.beginRow();
            for (size_t c = 0; c < t.numColumns(); c++) fields[c].second = t.column(c).get(r);
            args[0] = row.value();
            args[1] = std::move(acc);
            acc = call(args);
            args[0] = Value();
            if (!acc.is(Kind::Record))
                site.fail(std::string("fn must return a record, got ") + kindName(acc.kind()) + " (row " +
                          std::to_string(r) + ")");
        }
    }
    // The output: key columns (possibly overridden by fields), then the other fields.
    const auto& fields = acc.asRecord().fields;
    const RecordObj& id = identity.asRecord();
    auto typeOf = [&](const std::string& name, const Value& v) {
        ColType ty;
        if (kindToColType(v.kind(), ty)) return ty;
        if (!v.isNull())
            site.fail("field \"" + name + "\" of the accumulator is a " + kindName(v.kind()) +
                      ", which cannot be stored in a table column");
        const Value* iv = id.find(name);
        if (iv && kindToColType(iv->kind(), ty)) return ty;
        if (int k = t.key.indexOf(name); k >= 0) return t.key.cols[k].type;
        site.fail("field \"" + name + "\" is null and its identity value gives no type");
    };
    GroupKey key;
    TableBuilder b;
    for (size_t k = 0; k < t.key.cols.size(); k++) {
        const std::string& name = t.key.cols[k].name;
        const Value* over = acc.asRecord().find(name);
        Value v = over ? *over : t.key.values[k];
        ColType ty = over ? typeOf(name, v) : t.key.cols[k].type;
        key.cols.push_back({name, ty});
        key.values.push_back(v);
        b.addColumn(name, tableops::constantColumn(ty, v, 1));
    }
    std::vector<size_t> others;
    for (size_t f = 0; f < fields.size(); f++)
        if (!t.key.has(fields[f].first)) others.push_back(f);
    std::stable_sort(others.begin(), others.end(),
                     [&](size_t x, size_t y) { return fields[x].first < fields[y].first; });
    for (size_t f : others) {
        const auto& [name, v] = fields[f];
        if (v.isNull())
            site.fail(ErrorCode::Invalid, "null values are not supported for \"" + name + "\" in the reduce() function");
        b.addColumn(name, tableops::constantColumn(typeOf(name, v), v, 1));
    }
    b.key() = std::move(key);
    return b.finish();
}

// The reduced tables of one pass over the input; remembers the output keys to catch two tables
// reduced into the same group.
class ReduceIterator final : public TableIterator {
public:
    ReduceIterator(StreamRef input, std::shared_ptr<const std::function<TablePtr(const TablePtr&)>> fn,
                   CallSite site)
        : input_(std::move(input)), in_(input_->open()), fn_(std::move(fn)), site_(std::move(site)) {}
    TablePtr next() override {
        TablePtr t = in_->next();
        if (!t) return nullptr;
        TablePtr out = (*fn_)(t);
        size_t h = out->key.hash();
        auto range = seen_.equal_range(h);
        for (auto it = range.first; it != range.second; ++it)
            if (it->second.equals(out->key))
                site_.fail("two tables were reduced into the same group key " + tableops::describeKey(out->key));
        seen_.emplace(h, out->key);
        return out;
    }

private:
    StreamRef input_;
    std::unique_ptr<TableIterator> in_;
    std::shared_ptr<const std::function<TablePtr(const TablePtr&)>> fn_;
    CallSite site_;
    std::unordered_multimap<size_t, GroupKey> seen_;
};

struct ReduceStream final : StreamObj {
    StreamRef input;
    std::shared_ptr<const std::function<TablePtr(const TablePtr&)>> fn;
    std::optional<CallSite> site;
    std::unique_ptr<TableIterator> open() const override { return std::make_unique<ReduceIterator>(input, fn, *site); }
};

Value reduceFn(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    Value fn = ctx.require(args, "fn", Kind::Function);
    Value identity = ctx.require(args, "identity", Kind::Record);
    CallSite site(ctx, "reduce");
    CallContext callCtx = ctx;
    auto s = make<ReduceStream>();
    s->origin = "reduce";
    s->bounds = in->bounds;
    s->input = in;
    s->site = site;
    s->fn = std::make_shared<const std::function<TablePtr(const TablePtr&)>>(
        [callCtx, site, fn, identity](const TablePtr& t) {
            return site.guard([&] { return reduceTable(callCtx, site, *t, fn, identity); });
        });
    return Value::stream(StreamRef(s));
}

}  // namespace

FLUXI_BUILTIN("universe", "reduce", "<-tables, fn, identity", reduceFn);

}  // namespace fluxi
