// The join package: join.tables(left, right, on, as, method) and, written in Flux over it,
// join.inner/left/right/full/time. Tables of the two streams are paired by equal group keys. Within
// a pair, rows match when every comparison of `on` -- which must be `l.a == r.b` terms joined by
// `and` -- holds (sort-merge: output rows come in ascending order of the `on` values, left-major for
// equal values). `as(l, r)` builds each output row. Outer methods also emit unmatched rows, with the
// missing side replaced by a default record: the other table's columns, null except the group key
// columns (when the other stream has no table with that key, the columns of its first table; only
// the key columns when it has none). As in the reference, every output record must keep the group
// key (each key column present with the key's value: `as` cannot change it), and output columns
// come in name order.
#include <algorithm>
#include <optional>
#include <unordered_map>

#include "eval/builtin.h"
#include "eval/function.h"
#include "eval/stream.h"
#include "eval/kernels/join_merge.h"
#include "eval/kernels/join_output.h"
#include "eval/kernels/record_rows.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

enum class Method { Inner, Left, Right, Full };

struct OnPair {
    std::string left, right;  // column names compared
};

[[noreturn]] void badOn(const CallContext& ctx, const std::string& why) {
    ctx.fail("join.tables: on must be a function (l, r) => whose body compares columns of l and r with == "
             "joined by `and`, e.g. (l, r) => l.id == r.id and l._time == r._time; " +
             why);
}

// `l.x` or `r.x`: which parameter (0 = l, 1 = r) and the column; -1 when it is not such a term.
int memberOf(const ast::Expr* e, std::string& column) {
    if (e->kind != ast::NodeKind::MemberExpr) return -1;
    auto* m = static_cast<const ast::MemberExpr*>(e);
    if (m->object->kind != ast::NodeKind::Identifier) return -1;
    const std::string& id = static_cast<const ast::Identifier*>(m->object.get())->name;
    column = m->property;
    if (id == "l") return 0;
    if (id == "r") return 1;
    return -1;
}

void collectOn(const CallContext& ctx, const ast::Expr* e, std::vector<OnPair>& out) {
    if (e->kind == ast::NodeKind::LogicalExpr) {
        auto* le = static_cast<const ast::LogicalExpr*>(e);
        if (le->op != ast::LogicalOp::And) badOn(ctx, "found `or`");
        collectOn(ctx, le->left.get(), out);
        collectOn(ctx, le->right.get(), out);
        return;
    }
    if (e->kind != ast::NodeKind::BinaryExpr) badOn(ctx, std::string("found a ") + ast::nodeKindName(e->kind));
    auto* be = static_cast<const ast::BinaryExpr*>(e);
    if (be->op != ast::BinaryOp::Eq)
        badOn(ctx, std::string("found the operator ") + ast::binaryOpText(be->op));
    std::string a, b;
    int sa = memberOf(be->left.get(), a), sb = memberOf(be->right.get(), b);
    if (sa < 0 || sb < 0 || sa == sb) badOn(ctx, "each comparison needs one column of l and one of r");
    out.push_back(sa == 0 ? OnPair{a, b} : OnPair{b, a});
}

std::vector<OnPair> parseOn(const CallContext& ctx, const Value& fn) {
    const FunctionObj& f = fn.asFunction();
    if (f.type != FunctionObj::Type::Closure) badOn(ctx, "got a builtin function");
    if (f.paramIndex("l") < 0 || f.paramIndex("r") < 0) badOn(ctx, "its parameters must be named l and r");
    const ast::FunctionExpr* fe = static_cast<const Closure&>(f).expr;
    const ast::Expr* body = fe->bodyExpr.get();
    if (!body && fe->block && fe->block->body.size() == 1 &&
        fe->block->body[0]->kind == ast::NodeKind::ReturnStmt)
        body = static_cast<const ast::ReturnStmt*>(fe->block->body[0].get())->argument.get();
    if (!body) badOn(ctx, "its body must be a single expression");
    std::vector<OnPair> out;
    collectOn(ctx, body, out);
    return out;
}

struct Spec {
    std::vector<OnPair> on;
    Value as;
    Method method;
};

// A record of the table's columns for one row.
class Rows {
public:
    explicit Rows(const Table& t) : t_(t), rec_(names(t)) {}
    Value row(uint32_t r) {
        auto& f = rec_.beginRow();
        for (size_t c = 0; c < t_.numColumns(); c++) f[c].second = t_.column(c).get(r);
        return rec_.value();
    }

private:
    static std::vector<std::string> names(const Table& t) {
        std::vector<std::string> n;
        for (auto& m : t.meta) n.push_back(m.name);
        return n;
    }
    const Table& t_;
    RowRecord rec_;
};

// What stands in for a missing row: `t`'s columns, null except the key columns; or, without a
// table, the key columns alone.
Value defaultRecord(const Table* t, const GroupKey& key) {
    std::vector<std::pair<std::string, Value>> fields;
    if (t) {
        for (auto& m : t->meta) {
            int k = key.indexOf(m.name);
            fields.emplace_back(m.name, k >= 0 ? key.values[k] : Value());
        }
    } else {
        for (size_t k = 0; k < key.cols.size(); k++) fields.emplace_back(key.cols[k].name, key.values[k]);
    }
    return makeRecord(std::move(fields));
}

// Fails unless `rec` holds every column of `key` with the key's value.
void checkKeyKept(const CallContext& ctx, const RecordObj& rec, const GroupKey& key) {
    if (const ColumnMeta* c = tableops::keyColumnChanged(rec, key))
        ctx.fail("join.tables: join cannot modify group key: output record has a missing or invalid value for "
                 "column '" + c->name + ":" + colTypeName(c->type) + "'");
}

// `otherSample`: a table of the other stream, whose columns make the default record when the other
// stream has no table with this key (null when it has no table at all).
void joinPair(const CallContext& ctx, const Spec& spec, const Table* lt, const Table* rt, const GroupKey& key,
              const Table* otherSample, RepeatedCall& as, tableops::RecordRowsBuilder& rows) {
    auto emit = [&](const Value& l, const Value& r) {
        Value args[2] = {l, r};
        Value res = as(args);
        if (!res.is(Kind::Record))
            ctx.fail(std::string("join.tables: as must return a record, got ") + kindName(res.kind()));
        checkKeyKept(ctx, res.asRecord(), key);
        rows.add(ctx, res.asRecord());
    };
    const bool keepLeft = spec.method == Method::Left || spec.method == Method::Full;
    const bool keepRight = spec.method == Method::Right || spec.method == Method::Full;
    if (!lt || !rt) {
        const Table* t = lt ? lt : rt;
        if (lt ? !keepLeft : !keepRight) return;
        Rows rs(*t);
        Value dflt = defaultRecord(otherSample, key);
        for (uint32_t r = 0; r < t->nrows; r++) {
            Value v = rs.row(r);
            if (lt) emit(v, dflt);
            else emit(dflt, v);
        }
        return;
    }
    joinops::JoinColumns jl, jr;
    jl.t = lt;
    jr.t = rt;
    for (auto& p : spec.on) {
        jl.cols.push_back(lt->columnIndex(p.left));
        jr.cols.push_back(rt->columnIndex(p.right));
    }
    std::vector<uint32_t> ls = joinops::sortRows(jl), rs = joinops::sortRows(jr);
    Rows lrows(*lt), rrows(*rt);
    Value ldef = defaultRecord(lt, key), rdef = defaultRecord(rt, key);
    joinops::mergeRuns(
        jl, ls, jr, rs,
        [&](joinops::Run a, joinops::Run b) {
            for (size_t i = a.begin; i < a.end; i++) {
                Value l = lrows.row(ls[i]);
                for (size_t j = b.begin; j < b.end; j++) emit(l, rrows.row(rs[j]));
            }
        },
        [&](joinops::Run a) {
            if (keepLeft)
                for (size_t i = a.begin; i < a.end; i++) emit(lrows.row(ls[i]), rdef);
        },
        [&](joinops::Run b) {
            if (keepRight)
                for (size_t j = b.begin; j < b.end; j++) emit(ldef, rrows.row(rs[j]));
        });
}

// The first row of the first table that has one, as a record; a default record when none has.
Value sampleRow(const std::vector<TablePtr>& tables) {
    for (auto& t : tables)
        if (t->nrows > 0) {
            std::vector<std::pair<std::string, Value>> fields;
            for (size_t c = 0; c < t->numColumns(); c++) fields.emplace_back(t->meta[c].name, t->column(c).get(0));
            return makeRecord(std::move(fields));
        }
    return tables.empty() ? makeRecord({}) : defaultRecord(tables[0].get(), tables[0]->key);
}

// Column types that `as` gives for rows of the two streams, learnt by calling it once on a sample
// row of each side: what types an output column that came out null in every row should have (in
// Flux such a column is still typed, by the type of `as`).
std::unordered_map<std::string, ColType> probeTypes(RepeatedCall& as, const std::vector<TablePtr>& lefts,
                                                    const std::vector<TablePtr>& rights) {
    std::unordered_map<std::string, ColType> types;
    Value args[2] = {sampleRow(lefts), sampleRow(rights)};
    Value res;
    try {
        res = as(args);
    } catch (const LimitExceeded&) {
        throw;
    } catch (const FluxError&) {
        return types;  // no sample that `as` accepts: such columns stay untyped
    }
    if (!res.is(Kind::Record)) return types;
    for (auto& [name, v] : res.asRecord().fields) {
        ColType t;
        if (!v.isNull() && kindToColType(v.kind(), t)) types.emplace(name, t);
    }
    return types;
}

std::vector<TablePtr> joinStreams(const CallContext& ctx, const Spec& spec, const std::vector<TablePtr>& lefts,
                                  const std::vector<TablePtr>& rights) {
    std::unordered_multimap<size_t, size_t> rightByKey;
    for (size_t i = 0; i < rights.size(); i++) rightByKey.emplace(rights[i]->key.hash(), i);
    std::vector<bool> rightUsed(rights.size(), false);
    RepeatedCall as(ctx, spec.as, {"l", "r"});
    tableops::RecordRowsBuilder rows("join.tables");
    std::vector<TablePtr> out;
    std::optional<std::unordered_map<std::string, ColType>> probed;
    auto hint = [&](const std::string& name, ColType& t) {
        if (!probed) probed = probeTypes(as, lefts, rights);
        auto it = probed->find(name);
        if (it == probed->end()) return false;
        t = it->second;
        return true;
    };
    auto flush = [&](const GroupKey& key) {
        for (auto& t : rows.finish(key.cols, hint)) out.push_back(tableops::withColumnsByName(t));
    };
    for (auto& l : lefts) {
        const Table* match = nullptr;
        auto range = rightByKey.equal_range(l->key.hash());
        for (auto it = range.first; it != range.second; ++it)
            if (!rightUsed[it->second] && rights[it->second]->key.equals(l->key)) {
                match = rights[it->second].get();
                rightUsed[it->second] = true;
                break;
            }
        joinPair(ctx, spec, l.get(), match, l->key, rights.empty() ? nullptr : rights[0].get(), as, rows);
        flush(l->key);
    }
    for (size_t i = 0; i < rights.size(); i++)
        if (!rightUsed[i]) {
            joinPair(ctx, spec, nullptr, rights[i].get(), rights[i]->key, lefts.empty() ? nullptr : lefts[0].get(), as,
                     rows);
            flush(rights[i]->key);
        }
    return tableops::mergeByKey(std::move(out));
}

Value tables(CallContext& ctx, const Args& args) {
    StreamRef left = ctx.requireStream(args, "left");
    StreamRef right = ctx.requireStream(args, "right");
    Spec spec;
    spec.on = parseOn(ctx, ctx.require(args, "on", Kind::Function));
    spec.as = ctx.require(args, "as", Kind::Function);
    if (spec.as.asFunction().paramIndex("l") < 0 || spec.as.asFunction().paramIndex("r") < 0)
        ctx.fail("join.tables: as must be a function with parameters l and r");
    std::string method = ctx.requireString(args, "method");
    if (method == "inner") spec.method = Method::Inner;
    else if (method == "left") spec.method = Method::Left;
    else if (method == "right") spec.method = Method::Right;
    else if (method == "full") spec.method = Method::Full;
    else ctx.fail("join.tables: method must be \"inner\", \"left\", \"right\" or \"full\", got \"" + method + "\"");

    CallContext site = ctx;
    StreamRef rightRef = right;
    StreamRef out = makeBlockingStream(
        left,
        [site, spec, rightRef](std::vector<TablePtr> lefts) {
            return tableops::atCallSite(site, "join.tables",
                                        [&] { return joinStreams(site, spec, lefts, collect(*rightRef)); });
        },
        "join.tables");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("join", "tables", "<-left, right, on, as, method", tables);

FLUXI_FLUX_SOURCE("join", R"flux(
time = (left=<-, right, as, method="inner") =>
    tables(left: left, right: right, on: (l, r) => l._time == r._time, as: as, method: method)
inner = (left=<-, right, on, as) => tables(left: left, right: right, on: on, as: as, method: "inner")
full = (left=<-, right, on, as) => tables(left: left, right: right, on: on, as: as, method: "full")
left = (left=<-, right, on, as) => tables(left: left, right: right, on: on, as: as, method: "left")
right = (left=<-, right, on, as) => tables(left: left, right: right, on: on, as: as, method: "right")
)flux");

}  // namespace fluxi
