// universe.map(fn): builds each output row from the record fn(r) returns. Output columns are the
// record's fields (first-seen order); a column's type comes from its first non-null value, and a
// column that is null in every row takes the type of its typed nulls (a null read from a column
// keeps that column's type) or of the input column of that name, and is dropped when it has neither;
// a table left without columns is dropped. Group key columns that the record keeps
// stay in the key, with the row's value: rows whose key values change are regrouped; key columns
// the record drops leave the key. Columns the record passes through unchanged share the input data.
#include <cstring>
#include <string_view>
#include <unordered_map>

#include "eval/builtin.h"
#include "eval/column_expr.h"
#include "eval/function.h"
#include "eval/compare.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/row_hash.h"
#include "eval/kernels/stream_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

using tableops::Selection;

// One output column while rows are being mapped.
struct OutCol {
    std::string name;
    std::shared_ptr<Column> col;  // created once the type is known
    size_t pendingNulls = 0;      // rows seen before the type was known (all null)
    size_t filled = 0;            // rows accounted for
    Kind nullKind = Kind::Null;   // the type a typed null gave, while no value has
    // While every row so far gave exactly the input column's cell (`{r with ...}` leaves most
    // columns alone), nothing is appended and the input column is shared in the end.
    const Column* same = nullptr;
    int sameIndex = -1;
};

// Whether v is exactly the cell (col, r): same kind and bits (so NaN and -0.0 pass through as is).
bool isCell(const Column& col, size_t r, const Value& v) {
    if (col.isNull(r)) return v.isNull();
    switch (col.type()) {
        case ColType::Int: return v.is(Kind::Int) && v.asInt() == col.ints()[r];
        case ColType::Time: return v.is(Kind::Time) && v.asTime() == col.ints()[r];
        case ColType::UInt: return v.is(Kind::UInt) && v.asUInt() == col.uints()[r];
        case ColType::Float: {
            if (!v.is(Kind::Float)) return false;
            double a = v.asFloat(), b = col.floats()[r];
            return std::memcmp(&a, &b, sizeof a) == 0;
        }
        case ColType::Bool: return v.is(Kind::Bool) && v.asBool() == (col.bools()[r] != 0);
        case ColType::String:
            return v.is(Kind::String) &&
                   (v.heapObject() == col.strings()[r].get() || v.asString() == col.strings()[r]->s);
    }
    return false;
}

// Appends row r's value v to oc (r == oc.filled).
void appendCell(const CallContext& ctx, OutCol& oc, size_t r, const Value& v, size_t nrows) {
    if (oc.same) {
        if (isCell(*oc.same, r, v)) return;
        // First difference: the rows so far become a column of their own, typed by the input
        // column if one of them has a value (else they are untyped nulls), then go on normally.
        bool anyValue = false;
        for (size_t k = 0; k < r && !anyValue; k++) anyValue = oc.same->isValid(k);
        if (anyValue) {
            oc.col = std::make_shared<Column>(oc.same->type());
            oc.col->reserve(nrows);
            for (size_t k = 0; k < r; k++) oc.col->appendFrom(*oc.same, k);
        } else {
            oc.pendingNulls = r;
        }
        oc.same = nullptr;
    }
    if (v.isNull()) {
        if (oc.col) {
            oc.col->appendNull();
        } else {
            oc.pendingNulls++;
            ColType t;
            if (oc.nullKind == Kind::Null && kindToColType(v.nullType(), t)) oc.nullKind = v.nullType();
        }
        return;
    }
    if (!oc.col) {
        ColType type = tableops::columnTypeFor(ctx, v.kind(), "map: column \"" + oc.name + "\"");
        oc.col = std::make_shared<Column>(type);
        oc.col->reserve(nrows);
        for (size_t k = 0; k < oc.pendingNulls; k++) oc.col->appendNull();
    }
    if (!oc.col->appendValue(v))
        ctx.fail("map: column \"" + oc.name + "\" has type " + colTypeName(oc.col->type()) +
                 " in earlier rows but row " + std::to_string(r) + " gives a " + kindName(v.kind()));
}


// The output columns computed by column loops (eval/column_expr.h) when fn is `(r) => ({r with
// c: EXPR, ...})` or `(r) => ({a: EXPR, ...})` (or a block of assignments returning such a record)
// and every EXPR compiles; false when the interpreter must map this table (not compilable, a row
// that would raise an error, or a column with no value, whose type the interpreter's typed-null
// rules decide).
bool mapVectorized(const CallContext& ctx, const TablePtr& t, const Value& fn, std::vector<ColumnMeta>& meta,
                   std::vector<ColumnPtr>& data) {
    if (!fn.is(Kind::Function) || fn.asFunction().type != FunctionObj::Type::Closure) return false;
    const Closure& c = static_cast<const Closure&>(fn.asFunction());
    if (c.params.size() != 1 || c.paramIndex("r") != 0) return false;
    const ast::Expr* result = functionResult(*c.expr);  // the body, or the return after assignments
    if (!result || result->kind != ast::NodeKind::RecordExpr) return false;
    const auto& rec = static_cast<const ast::RecordExpr&>(*result);
    struct Field {
        std::string name;
        int input = -1;                 // the input column passed on unchanged
        const ast::Expr* expr = nullptr;  // or the expression computing it
    };
    std::vector<Field> fields;
    if (rec.with) {
        if (rec.with->kind != ast::NodeKind::Identifier) return false;
        auto* id = static_cast<const ast::Identifier*>(rec.with.get());
        if (id->res.where != ast::Resolution::Where::Local || id->res.index != 0) return false;
        for (size_t i = 0; i < t->numColumns(); i++) fields.push_back({t->meta[i].name, static_cast<int>(i), nullptr});
    }
    for (auto& p : rec.properties) {
        if (!p.value) return false;
        Field* f = nullptr;
        for (auto& x : fields)
            if (x.name == p.key) f = &x;
        if (f && !rec.with) return false;  // duplicate key: the interpreter reports it
        if (!f) f = &fields.emplace_back(Field{p.key, -1, nullptr});
        f->input = -1;
        f->expr = p.value.get();
    }
    const size_t nrows = t->nrows;
    for (auto& f : fields) {
        if (!f.expr) {
            meta.push_back(t->meta[static_cast<size_t>(f.input)]);
            data.push_back(t->cols[static_cast<size_t>(f.input)]);
            continue;
        }
        auto x = ColumnExpr::compile(ctx.interpreter(), c, f.expr, *t, 0);
        if (!x) return false;
        int in = x->columnIndex();
        if (in >= 0 && t->meta[static_cast<size_t>(in)].name == f.name) {  // `c: r.c` passes c on
            meta.push_back(t->meta[static_cast<size_t>(in)]);
            data.push_back(t->cols[static_cast<size_t>(in)]);
            continue;
        }
        ColumnPtr col = x->evalColumn(t);
        if (!col || col->nullCount() == nrows) return false;
        meta.push_back({f.name, col->type()});
        data.push_back(std::move(col));
    }
    return true;
}

std::vector<TablePtr> finishMapped(const TablePtr& t, std::vector<ColumnMeta>& meta, std::vector<ColumnPtr>& data);

std::vector<TablePtr> mapTable(const CallContext& ctx, const TablePtr& t, const Value& fn) {
    const size_t nrows = t->nrows;

    if (nrows == 0) {
        // No row to learn the output columns from: keep an empty table with the key columns.
        TableBuilder b(t->key);
        for (auto& kc : t->key.cols) b.addColumn(kc.name, kc.type);
        return {b.finish()};
    }

    {
        std::vector<ColumnMeta> meta;
        std::vector<ColumnPtr> data;
        if (!columnLoopsDisabled() && mapVectorized(ctx, t, fn, meta, data)) return finishMapped(t, meta, data);
    }

    tableops::RowFiller rows(*t);
    RepeatedCall call(ctx, fn, {"r"});

    std::vector<OutCol> cols;
    std::vector<size_t> hint;  // record field position -> index in cols (last row's layout)
    for (size_t r = 0; r < nrows; r++) {
        Value res;
        {
            Value arg = rows.row(r);
            res = call(arg);
        }
        if (!res.is(Kind::Record))
            ctx.fail(std::string("map: fn must return a record, got ") + kindName(res.kind()) + " (row " +
                     std::to_string(r) + ")");
        const auto& out = res.asRecord().fields;
        if (hint.size() < out.size()) hint.resize(out.size(), SIZE_MAX);
        for (size_t i = 0; i < out.size(); i++) {
            const std::string& name = out[i].first;
            const Value& v = out[i].second;
            size_t ci = hint[i];
            if (ci >= cols.size() || cols[ci].name != name) {
                ci = SIZE_MAX;
                for (size_t j = 0; j < cols.size(); j++)
                    if (cols[j].name == name) {
                        ci = j;
                        break;
                    }
                if (ci == SIZE_MAX) {
                    ci = cols.size();
                    OutCol oc{name, nullptr, r, r};
                    int in = t->columnIndex(name);
                    if (r == 0 && in >= 0) {
                        oc.same = &t->column(static_cast<size_t>(in));
                        oc.sameIndex = in;
                    }
                    cols.push_back(std::move(oc));
                }
                hint[i] = ci;
            }
            OutCol& oc = cols[ci];
            if (oc.filled > r) continue;  // (cannot happen: record fields are unique)
            appendCell(ctx, oc, r, v, nrows);
            oc.filled = r + 1;
        }
        // Columns this row's record did not mention are null in this row.
        for (auto& oc : cols) {
            if (oc.filled > r) continue;
            appendCell(ctx, oc, r, Value(), nrows);
            oc.filled = r + 1;
        }
    }

    // Final columns: typed ones, plus all-null ones that keep the type of an input column.
    std::vector<ColumnMeta> meta;
    std::vector<ColumnPtr> data;
    for (auto& oc : cols) {
        if (oc.same) {
            meta.push_back(t->meta[oc.sameIndex]);
            data.push_back(t->cols[oc.sameIndex]);
            continue;
        }
        if (oc.col) {
            meta.push_back({oc.name, oc.col->type()});
            data.push_back(oc.col);
            continue;
        }
        // Only nulls: typed by a typed null, else by the input column of that name, else dropped.
        ColType type;
        if (!kindToColType(oc.nullKind, type)) {
            int in = t->columnIndex(oc.name);
            if (in < 0) continue;  // untyped nulls cannot form a column
            type = t->meta[in].type;
        }
        meta.push_back({oc.name, type});
        data.push_back(tableops::constantColumn(type, Value::null(), nrows));
    }

    return finishMapped(t, meta, data);
}

// The mapped table(s) from the output columns: key columns the record kept stay in the key; rows
// whose key values changed are regrouped.
std::vector<TablePtr> finishMapped(const TablePtr& t, std::vector<ColumnMeta>& meta, std::vector<ColumnPtr>& data) {
    const size_t nrows = t->nrows;
    // Nothing typed to output (every value was an untyped null): no table, as in Flux.
    if (meta.empty()) return {};

    // Key columns the record kept; does every row still carry the input key value?
    std::vector<size_t> keyCols;  // indices into meta
    std::vector<size_t> keyIdx;   // matching index into t->key
    bool sameKey = true;
    for (size_t k = 0; k < t->key.cols.size(); k++) {
        for (size_t j = 0; j < meta.size(); j++) {
            if (meta[j].name != t->key.cols[k].name) continue;
            keyCols.push_back(j);
            keyIdx.push_back(k);
            if (meta[j].type != t->key.cols[k].type) {
                sameKey = false;
                break;
            }
            sameKey = sameKey && tableops::allCellsEqual(*data[j], t->key.values[k]);
            break;
        }
    }

    if (sameKey) {
        GroupKey key;
        for (size_t i = 0; i < keyCols.size(); i++) {
            key.cols.push_back(t->key.cols[keyIdx[i]]);
            key.values.push_back(t->key.values[keyIdx[i]]);
        }
        TableBuilder b(std::move(key));
        for (size_t j = 0; j < meta.size(); j++) b.addColumn(meta[j].name, data[j]);
        return {b.finish()};
    }

    // Regroup the rows by their key values (first-appearance order).
    std::unordered_map<std::vector<Value>, size_t, tableops::ValueTupleHash, tableops::ValueTupleEq> groupOf;
    std::vector<Selection> groups;
    std::vector<std::vector<Value>> groupValues;
    std::vector<Value> tuple(keyCols.size());
    for (size_t r = 0; r < nrows; r++) {
        for (size_t i = 0; i < keyCols.size(); i++) tuple[i] = data[keyCols[i]]->get(r);
        auto [it, inserted] = groupOf.emplace(tuple, groups.size());
        if (inserted) {
            groups.emplace_back();
            groupValues.push_back(tuple);
        }
        groups[it->second].push_back(static_cast<uint32_t>(r));
    }
    std::vector<TablePtr> outTables;
    outTables.reserve(groups.size());
    for (size_t g = 0; g < groups.size(); g++) {
        GroupKey key;
        for (size_t i = 0; i < keyCols.size(); i++) {
            key.cols.push_back(meta[keyCols[i]]);
            key.values.push_back(groupValues[g][i]);
        }
        TableBuilder b(std::move(key));
        for (size_t j = 0; j < meta.size(); j++) b.addColumn(meta[j].name, tableops::gatherColumn(*data[j], groups[g]));
        outTables.push_back(b.finish());
    }
    return outTables;
}

Value map(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    const Value& fn = ctx.require(args, "fn", Kind::Function);
    ctx.optional(args, "mergeKey", Kind::Bool);  // deprecated; accepted and ignored as in Flux
    if (fn.asFunction().paramIndex("r") < 0) ctx.fail("map: fn must take a parameter named r (the row record)");

    CallContext site = ctx;
    Value fnv = fn;
    StreamRef out = tableops::makeRegroupStream(
        in,
        [site, fnv](const TablePtr& t) {
            return tableops::atCallSite(site, "map", [&] { return mapTable(site, t, fnv); });
        },
        "map");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "map", "<-tables, fn, ?mergeKey", map);

}  // namespace fluxi
