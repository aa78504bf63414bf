// experimental.join(left, right, fn): joins two streams on the group key and `_time`. Each left
// table is paired with the right table that has an equal group key (tables without a partner are
// dropped); within a pair, every left row is matched with each right row of the same `_time` (rows
// with a null time match nothing), in left row order, and fn(left: leftRow, right: rightRow) builds
// the output row, which must keep the group key (an error otherwise, as in the reference). Output
// columns come in name order.
#include <algorithm>
#include <unordered_map>

#include "stdlib/experimental/group_extend.h"
#include "stdlib/experimental/record_rows.h"
#include "eval/kernels/aggregate_builtins.h"
#include "eval/kernels/join_output.h"
#include "eval/kernels/table_ops.h"

namespace fluxi {
namespace {

using agg::CallSite;

// Row records of one table, rebuilt per row without allocating.
struct RowReader {
    const Table& t;
    RowRecord rec;
    explicit RowReader(const Table& table) : t(table), rec(names(table)) {}
    static std::vector<std::string> names(const Table& t) {
        std::vector<std::string> n;
        for (auto& m : t.meta) n.push_back(m.name);
        return n;
    }
    Value row(size_t r) {
        auto& fields = rec.beginRow();
        for (size_t c = 0; c < t.numColumns(); c++) fields[c].second = t.column(c).get(r);
        return rec.value();
    }
};

const Column& timeColumn(const CallSite& site, const Table& t, const char* side) {
    int ci = t.columnIndex("_time");
    if (ci < 0)
        site.fail(std::string(side) + " table " + tableops::describeKey(t.key) + " has no _time column");
    const Column& c = t.column(static_cast<size_t>(ci));
    if (c.type() != ColType::Time)
        site.fail(std::string(side) + " table " + tableops::describeKey(t.key) + ": column _time has type " +
                  colTypeName(c.type()) + ", expected time");
    return c;
}

std::vector<TablePtr> joinPair(const CallContext& ctx, const CallSite& site, const Value& fn, const Table& left,
                               const Table& right) {
    const Column& lt = timeColumn(site, left, "left");
    const Column& rt = timeColumn(site, right, "right");
    std::unordered_multimap<int64_t, uint32_t> rightRows;
    for (size_t r = 0; r < right.nrows; r++)
        if (rt.isValid(r)) rightRows.emplace(rt.ints()[r], static_cast<uint32_t>(r));

    RowReader lr(left), rr(right);
    RepeatedCall call(ctx, fn, {"left", "right"});
    experimental_pkg::RecordRowsBuilder out;
    std::vector<uint32_t> matches;
    for (size_t l = 0; l < left.nrows; l++) {
        if (lt.isNull(l)) continue;
        auto [b, e] = rightRows.equal_range(lt.ints()[l]);
        if (b == e) continue;
        matches.clear();
        for (auto it = b; it != e; ++it) matches.push_back(it->second);
        std::sort(matches.begin(), matches.end());
        for (uint32_t r : matches) {
            Value args[2] = {lr.row(l), rr.row(r)};
            Value result = call(args);
            if (!result.is(Kind::Record))
                site.fail(std::string("fn must return a record, got ") + kindName(result.kind()));
            if (const ColumnMeta* c = tableops::keyColumnChanged(result.asRecord(), left.key))
                site.fail("argument 'fn' may not modify group key (column \"" + c->name + "\" of " +
                          tableops::describeKey(left.key) + ")");
            std::string err = out.add(result.asRecord());
            if (!err.empty()) site.fail(err);
        }
    }
    if (out.rows() == 0) return {};
    std::vector<std::string> keyCols;
    for (auto& m : left.key.cols) keyCols.push_back(m.name);
    return experimental_pkg::extendGroupKey(tableops::withColumnsByName(out.finish()), keyCols);
}

class JoinStream final : public StreamObj {
public:
    StreamRef left, right;
    Value fn;
    std::shared_ptr<const CallContext> ctx;
    CallSite site;
    JoinStream(const CallContext& c) : ctx(std::make_shared<CallContext>(c)), site(c, "experimental.join") {}

    std::unique_ptr<TableIterator> open() const override {
        std::vector<TablePtr> rights = collect(*right);
        std::vector<TablePtr> lefts = collect(*left);
        tableops::KeyedTableSet out;
        site.guard([&] {
            std::unordered_multimap<size_t, size_t> rightByKey;
            for (size_t i = 0; i < rights.size(); i++) rightByKey.emplace(rights[i]->key.hash(), i);
            for (auto& l : lefts) {
                auto [b, e] = rightByKey.equal_range(l->key.hash());
                for (auto it = b; it != e; ++it) {
                    const TablePtr& r = rights[it->second];
                    if (!l->key.equals(r->key)) continue;
                    for (auto& t : joinPair(*ctx, site, fn, *l, *r)) out.add(t);
                    break;
                }
            }
            return 0;
        });
        return makeMaterializedStream(out.finish(), origin)->open();
    }
};

Value joinFn(CallContext& ctx, const Args& args) {
    auto s = make<JoinStream>(ctx);
    s->origin = "experimental.join";
    s->left = ctx.require(args, "left", Kind::Stream).objRef<StreamObj>();
    s->right = ctx.require(args, "right", Kind::Stream).objRef<StreamObj>();
    s->fn = ctx.require(args, "fn", Kind::Function);
    const FunctionObj& f = s->fn.asFunction();
    if (f.paramIndex("left") < 0 || f.paramIndex("right") < 0)
        ctx.fail("experimental.join: fn must take parameters named left and right");
    if (s->left->bounds) s->bounds = s->left->bounds;
    return Value::stream(StreamRef(s));
}

}  // namespace

FLUXI_BUILTIN("experimental", "join", "left, right, fn", joinFn);

}  // namespace fluxi
