// Shared building blocks of the universe table transformations (see table_ops.h): typed row
// gathering, constant columns, concatenation and merging of tables by group key, and the regrouping
// and concatenating streams.
#include "stdlib/universe/table_ops.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unordered_set>
#include <unordered_map>
#include <utility>

namespace fluxi::tableops {

namespace {

// Appends src[sel[i]] for each i, typed, keeping nulls.
void appendSelected(Column& dst, const Column& src, const uint32_t* sel, size_t n) {
    const bool nulls = src.nullCount() > 0;
    switch (src.type()) {
        case ColType::Int:
        case ColType::Time: {
            const int64_t* d = src.ints();
            for (size_t i = 0; i < n; i++) {
                uint32_t r = sel[i];
                if (nulls && src.isNull(r)) dst.appendNull();
                else dst.appendInt(d[r]);
            }
            break;
        }
        case ColType::UInt: {
            const uint64_t* d = src.uints();
            for (size_t i = 0; i < n; i++) {
                uint32_t r = sel[i];
                if (nulls && src.isNull(r)) dst.appendNull();
                else dst.appendUInt(d[r]);
            }
            break;
        }
        case ColType::Float: {
            const double* d = src.floats();
            for (size_t i = 0; i < n; i++) {
                uint32_t r = sel[i];
                if (nulls && src.isNull(r)) dst.appendNull();
                else dst.appendFloat(d[r]);
            }
            break;
        }
        case ColType::Bool: {
            const uint8_t* d = src.bools();
            for (size_t i = 0; i < n; i++) {
                uint32_t r = sel[i];
                if (nulls && src.isNull(r)) dst.appendNull();
                else dst.appendBool(d[r] != 0);
            }
            break;
        }
        case ColType::String: {
            const StrRef* d = src.strings();
            for (size_t i = 0; i < n; i++) {
                uint32_t r = sel[i];
                if (nulls && src.isNull(r)) dst.appendNull();
                else dst.appendString(d[r]);
            }
            break;
        }
    }
}

// Appends src rows [begin, end), typed, keeping nulls.
void appendRange(Column& dst, const Column& src, size_t begin, size_t end) {
    const bool nulls = src.nullCount() > 0;
    switch (src.type()) {
        case ColType::Int:
        case ColType::Time: {
            const int64_t* d = src.ints();
            for (size_t r = begin; r < end; r++) {
                if (nulls && src.isNull(r)) dst.appendNull();
                else dst.appendInt(d[r]);
            }
            break;
        }
        case ColType::UInt: {
            const uint64_t* d = src.uints();
            for (size_t r = begin; r < end; r++) {
                if (nulls && src.isNull(r)) dst.appendNull();
                else dst.appendUInt(d[r]);
            }
            break;
        }
        case ColType::Float: {
            const double* d = src.floats();
            for (size_t r = begin; r < end; r++) {
                if (nulls && src.isNull(r)) dst.appendNull();
                else dst.appendFloat(d[r]);
            }
            break;
        }
        case ColType::Bool: {
            const uint8_t* d = src.bools();
            for (size_t r = begin; r < end; r++) {
                if (nulls && src.isNull(r)) dst.appendNull();
                else dst.appendBool(d[r] != 0);
            }
            break;
        }
        case ColType::String: {
            const StrRef* d = src.strings();
            for (size_t r = begin; r < end; r++) {
                if (nulls && src.isNull(r)) dst.appendNull();
                else dst.appendString(d[r]);
            }
            break;
        }
    }
}

}  // namespace

ColumnPtr gatherColumn(const Column& src, const uint32_t* sel, size_t n) {
    auto out = std::make_shared<Column>(src.type());
    out->reserve(n);
    appendSelected(*out, src, sel, n);
    return out;
}

ColumnPtr sliceColumn(const ColumnPtr& src, size_t begin, size_t end) {
    if (begin == 0 && end == src->size()) return src;
    auto out = std::make_shared<Column>(src->type());
    out->reserve(end - begin);
    appendRange(*out, *src, begin, end);
    return out;
}

ColumnPtr constantColumn(ColType type, const Value& v, size_t n) {
    auto out = std::make_shared<Column>(type);
    out->reserve(n);
    if (v.isNull()) {
        for (size_t i = 0; i < n; i++) out->appendNull();
        return out;
    }
    switch (type) {
        case ColType::Int:
        case ColType::Time: {
            int64_t x = v.asInt();
            for (size_t i = 0; i < n; i++) out->appendInt(x);
            break;
        }
        case ColType::UInt:
            for (size_t i = 0; i < n; i++) out->appendUInt(v.asUInt());
            break;
        case ColType::Float:
            for (size_t i = 0; i < n; i++) out->appendFloat(v.asFloat());
            break;
        case ColType::Bool:
            for (size_t i = 0; i < n; i++) out->appendBool(v.asBool());
            break;
        case ColType::String: {
            StrRef s = v.asStrRef();
            for (size_t i = 0; i < n; i++) out->appendString(s);
            break;
        }
    }
    return out;
}

TablePtr gatherRows(const TablePtr& t, const Selection& sel) {
    if (sel.size() == t->nrows) {
        bool identity = true;
        for (size_t i = 0; i < sel.size() && identity; i++) identity = sel[i] == i;
        if (identity) return t;
    }
    TableBuilder b(t->key);
    for (size_t c = 0; c < t->numColumns(); c++) b.addColumn(t->meta[c].name, gatherColumn(t->column(c), sel));
    return b.finish();
}

TablePtr sliceRows(const TablePtr& t, size_t begin, size_t end) {
    if (begin == 0 && end >= t->nrows) return t;
    if (begin > end) begin = end;
    TableBuilder b(t->key);
    for (size_t c = 0; c < t->numColumns(); c++) b.addColumn(t->meta[c].name, sliceColumn(t->cols[c], begin, end));
    return b.finish();
}

TablePtr withKey(const TablePtr& t, GroupKey key) {
    TableBuilder b(std::move(key));
    for (size_t c = 0; c < t->numColumns(); c++) b.addColumn(t->meta[c].name, t->cols[c]);
    return b.finish();
}

std::vector<TablePtr> mergeByKey(std::vector<TablePtr> tables) {
    TableAccumulator acc;
    for (auto& t : tables) {
        GroupKey key = t->key;
        acc.add(std::move(key), t);
        t.reset();
    }
    return acc.finish();
}

void TableAccumulator::add(GroupKey key, const TablePtr& t, const Selection* sel) {
    size_t h = key.hash();
    Group* g = nullptr;
    auto range = byHash_.equal_range(h);
    for (auto it = range.first; it != range.second && !g; ++it)
        if (groups_[it->second].key.equals(key)) g = &groups_[it->second];
    if (!g) {
        byHash_.emplace(h, groups_.size());
        g = &groups_.emplace_back();
        g->key = std::move(key);
        if (!sel) {
            g->sole = t;
            return;
        }
    }
    if (g->sole) {
        TablePtr first = std::move(g->sole);
        g->sole.reset();
        append(*g, *first, nullptr);
    }
    append(*g, *t, sel);
}

void TableAccumulator::append(Group& g, const Table& t, const Selection* sel) {
    const size_t n = sel ? sel->size() : t.nrows;
    if (g.nrows + n > g.reserved) {
        g.reserved = std::max(g.nrows + n, 2 * g.reserved);
        for (auto& col : g.cols) col->reserve(g.reserved);
    }
    std::vector<bool> filled(g.meta.size(), false);
    for (size_t c = 0; c < t.numColumns(); c++) {
        const ColumnMeta& m = t.meta[c];
        size_t j = 0;
        while (j < g.meta.size() && g.meta[j].name != m.name) j++;
        if (j == g.meta.size()) {
            // A new column: null in the rows gathered so far.
            g.meta.push_back(m);
            auto col = std::make_shared<Column>(m.type);
            col->reserve(g.reserved);
            for (size_t r = 0; r < g.nrows; r++) col->appendNull();
            g.cols.push_back(std::move(col));
            filled.push_back(false);
        } else if (g.meta[j].type != m.type) {
            throw std::runtime_error("column \"" + m.name + "\" has type " + colTypeName(g.meta[j].type) +
                                     " in one table and " + colTypeName(m.type) +
                                     " in another with the same group key");
        }
        Column& dst = *g.cols[j];
        if (sel) appendSelected(dst, t.column(c), sel->data(), n);
        else appendRange(dst, t.column(c), 0, n);
        filled[j] = true;
    }
    for (size_t j = 0; j < g.meta.size(); j++)
        if (!filled[j])
            for (size_t r = 0; r < n; r++) g.cols[j]->appendNull();
    g.nrows += n;
}

std::vector<TablePtr> TableAccumulator::finish() {
    std::vector<TablePtr> out;
    out.reserve(groups_.size());
    for (auto& g : groups_) {
        if (g.sole) {
            out.push_back(g.key.equals(g.sole->key) ? g.sole : withKey(g.sole, g.key));
            continue;
        }
        TableBuilder b(g.key);
        for (size_t j = 0; j < g.meta.size(); j++) b.addColumn(g.meta[j].name, ColumnPtr(g.cols[j]));
        out.push_back(b.finish());
    }
    groups_.clear();
    byHash_.clear();
    // Output in group key order, as the reference's table caches give them.
    std::stable_sort(out.begin(), out.end(), [](const TablePtr& a, const TablePtr& b) { return a->key.less(b->key); });
    return out;
}

// ---------------------------------------------------------------------------------------------
// Streams

namespace {

using PerTableFn = std::function<std::vector<TablePtr>(const TablePtr&)>;

class RegroupIterator final : public TableIterator {
public:
    RegroupIterator(StreamRef input, std::shared_ptr<const PerTableFn> fn)
        : input_(std::move(input)), in_(input_->open()), fn_(std::move(fn)) {}

    TablePtr next() override {
        for (;;) {
            if (pos_ < pending_.size()) return std::move(pending_[pos_++]);
            if (drained_) return nullptr;
            TablePtr t = in_->next();
            if (!t) return nullptr;
            std::vector<TablePtr> outs = (*fn_)(t);
            bool sameKey = outs.size() <= 1;
            for (auto& o : outs) sameKey = sameKey && o->key.equals(t->key);
            if (!sameKey) {
                // Keys change: gather everything that is left and merge by key.
                while (TablePtr rest = in_->next()) {
                    std::vector<TablePtr> more = (*fn_)(rest);
                    for (auto& m : more) outs.push_back(std::move(m));
                }
                outs = mergeByKey(std::move(outs));
                drained_ = true;
            }
            pending_ = std::move(outs);
            pos_ = 0;
        }
    }

private:
    StreamRef input_;
    std::unique_ptr<TableIterator> in_;
    std::shared_ptr<const PerTableFn> fn_;
    std::vector<TablePtr> pending_;
    size_t pos_ = 0;
    bool drained_ = false;
};

struct RegroupStream final : StreamObj {
    StreamRef input;
    std::shared_ptr<const PerTableFn> fn;
    std::unique_ptr<TableIterator> open() const override { return std::make_unique<RegroupIterator>(input, fn); }
};

class ConcatIterator final : public TableIterator {
public:
    explicit ConcatIterator(std::vector<StreamRef> inputs) : inputs_(std::move(inputs)) {}
    TablePtr next() override {
        while (idx_ < inputs_.size()) {
            if (!cur_) cur_ = inputs_[idx_]->open();
            if (TablePtr t = cur_->next()) return t;
            cur_.reset();
            idx_++;
        }
        return nullptr;
    }

private:
    std::vector<StreamRef> inputs_;
    std::unique_ptr<TableIterator> cur_;
    size_t idx_ = 0;
};

struct ConcatStream final : StreamObj {
    std::vector<StreamRef> inputs;
    std::unique_ptr<TableIterator> open() const override { return std::make_unique<ConcatIterator>(inputs); }
};

}  // namespace

StreamRef makeRegroupStream(StreamRef input, PerTableFn fn, std::string origin) {
    auto s = make<RegroupStream>();
    s->origin = std::move(origin);
    s->bounds = input->bounds;
    s->input = std::move(input);
    s->fn = std::make_shared<const PerTableFn>(std::move(fn));
    return s;
}

StreamRef makeConcatStream(std::vector<StreamRef> inputs, std::string origin) {
    auto s = make<ConcatStream>();
    s->origin = std::move(origin);
    // Query bounds: the span covering every input's bounds, when all of them have some.
    bool allBounded = !inputs.empty();
    TimeBounds hull{INT64_MAX, INT64_MIN};
    for (auto& in : inputs) {
        if (!in->bounds) {
            allBounded = false;
            break;
        }
        hull.start = std::min(hull.start, in->bounds->start);
        hull.stop = std::max(hull.stop, in->bounds->stop);
    }
    if (allBounded) s->bounds = hull;
    s->inputs = std::move(inputs);
    return s;
}

// ---------------------------------------------------------------------------------------------
// Keys and arguments

size_t hashCell(const Value& v) {
    switch (v.kind()) {
        case Kind::Null: return 0x9e3779b97f4a7c15ULL;
        case Kind::Bool: return v.asBool() ? 0x51ed27 : 0x2545f4;
        case Kind::Int:
        case Kind::Time: return std::hash<int64_t>{}(v.asInt()) * 31 + static_cast<size_t>(v.kind());
        case Kind::UInt: return std::hash<uint64_t>{}(v.asUInt());
        case Kind::Float: {
            double f = v.asFloat();
            if (f == 0) f = 0;  // -0.0 == 0.0
            return std::hash<double>{}(f);
        }
        case Kind::String: return std::hash<std::string_view>{}(v.asString());
        default: return static_cast<size_t>(v.kind());
    }
}

namespace {

uint64_t cellHash(const Column& col, size_t r) {
    if (col.isNull(r)) return 0x9e3779b97f4a7c15ULL;
    switch (col.type()) {
        case ColType::Int:
        case ColType::Time: return std::hash<int64_t>{}(col.ints()[r]);
        case ColType::UInt: return std::hash<uint64_t>{}(col.uints()[r]);
        case ColType::Float: {
            double f = col.floats()[r];
            if (f == 0) f = 0;
            if (std::isnan(f)) return 0x7ff8;
            return std::hash<double>{}(f);
        }
        case ColType::Bool: return col.bools()[r] ? 3 : 5;
        case ColType::String: return std::hash<std::string_view>{}(col.strings()[r]->s);
    }
    return 0;
}

bool cellsEqual(const Column& col, size_t a, size_t b) {
    bool na = col.isNull(a), nb = col.isNull(b);
    if (na || nb) return na && nb;
    switch (col.type()) {
        case ColType::Int:
        case ColType::Time: return col.ints()[a] == col.ints()[b];
        case ColType::UInt: return col.uints()[a] == col.uints()[b];
        case ColType::Float: {
            double x = col.floats()[a], y = col.floats()[b];
            return x == y || (std::isnan(x) && std::isnan(y));
        }
        case ColType::Bool: return col.bools()[a] == col.bools()[b];
        case ColType::String: {
            const StrRef& x = col.strings()[a];
            const StrRef& y = col.strings()[b];
            return x.get() == y.get() || x->s == y->s;
        }
    }
    return false;
}

}  // namespace

Partition partitionRows(const Table& t, const std::vector<size_t>& cols) {
    Partition p;
    std::unordered_multimap<uint64_t, uint32_t> byHash;  // hash -> group
    uint32_t lastGroup = UINT32_MAX;
    for (size_t r = 0; r < t.nrows; r++) {
        // Fast path: same values as the previous row's group.
        if (lastGroup != UINT32_MAX) {
            bool same = true;
            for (size_t c : cols) same = same && cellsEqual(t.column(c), r, p.first[lastGroup]);
            if (same) {
                p.groups[lastGroup].push_back(static_cast<uint32_t>(r));
                continue;
            }
        }
        uint64_t h = cols.size();
        for (size_t c : cols) h = (h * 1000003u) ^ cellHash(t.column(c), r);
        uint32_t g = UINT32_MAX;
        auto range = byHash.equal_range(h);
        for (auto it = range.first; it != range.second && g == UINT32_MAX; ++it) {
            bool same = true;
            for (size_t c : cols) same = same && cellsEqual(t.column(c), r, p.first[it->second]);
            if (same) g = it->second;
        }
        if (g == UINT32_MAX) {
            g = static_cast<uint32_t>(p.groups.size());
            byHash.emplace(h, g);
            p.groups.emplace_back();
            p.first.push_back(static_cast<uint32_t>(r));
        }
        p.groups[g].push_back(static_cast<uint32_t>(r));
        lastGroup = g;
    }
    return p;
}

Selection firstOccurrences(const Column& col) {
    Selection sel;
    const size_t n = col.size();
    const bool nulls = col.nullCount() > 0;
    bool sawNull = false;
    auto null = [&](size_t r) {
        if (!nulls || !col.isNull(r)) return false;
        if (!sawNull) sel.push_back(static_cast<uint32_t>(r));
        sawNull = true;
        return true;
    };
    switch (col.type()) {
        case ColType::Int:
        case ColType::Time: {
            std::unordered_set<int64_t> seen;
            for (size_t r = 0; r < n; r++)
                if (!null(r) && seen.insert(col.ints()[r]).second) sel.push_back(static_cast<uint32_t>(r));
            break;
        }
        case ColType::UInt: {
            std::unordered_set<uint64_t> seen;
            for (size_t r = 0; r < n; r++)
                if (!null(r) && seen.insert(col.uints()[r]).second) sel.push_back(static_cast<uint32_t>(r));
            break;
        }
        case ColType::Float: {
            std::unordered_set<double> seen;
            for (size_t r = 0; r < n; r++) {
                if (null(r)) continue;
                double f = col.floats()[r];
                if (f == 0) f = 0;  // -0.0 and 0.0 are one value
                if (std::isnan(f) || seen.insert(f).second) sel.push_back(static_cast<uint32_t>(r));
            }
            break;
        }
        case ColType::Bool: {
            bool seen[2] = {false, false};
            for (size_t r = 0; r < n; r++) {
                if (null(r)) continue;
                int b = col.bools()[r] ? 1 : 0;
                if (!seen[b]) sel.push_back(static_cast<uint32_t>(r));
                seen[b] = true;
            }
            break;
        }
        case ColType::String: {
            std::unordered_set<std::string_view> seen;
            for (size_t r = 0; r < n; r++)
                if (!null(r) && seen.insert(col.strings()[r]->s).second) sel.push_back(static_cast<uint32_t>(r));
            break;
        }
    }
    return sel;
}

namespace {

std::vector<std::string> columnNames(const Table& t) {
    std::vector<std::string> names;
    names.reserve(t.numColumns());
    for (auto& m : t.meta) names.push_back(m.name);
    return names;
}

}  // namespace

RowFiller::RowFiller(const Table& t) : t_(t), rec_(columnNames(t)), isKey_(t.numColumns()) {
    for (size_t c = 0; c < t.numColumns(); c++) isKey_[c] = t.key.has(t.meta[c].name) ? 1 : 0;
}

Value RowFiller::row(size_t r) {
    auto& fields = rec_.beginRow();
    // A different fields vector means a fresh record object: every cell must be set.
    const bool fresh = &fields != last_;
    last_ = &fields;
    const size_t n = fields.size();
    for (size_t c = 0; c < n; c++) {
        if (!fresh && isKey_[c]) continue;  // same value in every row
        const Column& col = t_.column(c);
        Value& dst = fields[c].second;
        if (col.isNull(r)) {
            dst = Value::typedNull(colTypeKind(col.type()));  // r.x keeps the column's type
            continue;
        }
        if (col.type() == ColType::String && dst.heapObject() == col.strings()[r].get())
            continue;  // already this string
        dst = col.get(r);
    }
    return rec_.value();
}

Value keyRecord(const GroupKey& key) {
    auto rec = make<RecordObj>();
    rec->fields.reserve(key.cols.size());
    for (size_t i = 0; i < key.cols.size(); i++) rec->fields.emplace_back(key.cols[i].name, key.values[i]);
    return Value::record(rec);
}

GroupKey filterKey(const GroupKey& key, const std::function<bool(const std::string&)>& keep) {
    GroupKey out;
    for (size_t i = 0; i < key.cols.size(); i++) {
        if (!keep(key.cols[i].name)) continue;
        out.cols.push_back(key.cols[i]);
        out.values.push_back(key.values[i]);
    }
    return out;
}

bool stringListArg(const CallContext& ctx, const Args& args, std::string_view fname, std::string_view name,
                   std::vector<std::string>& out) {
    const Value* v = args.get(name);
    if (!v || v->isNull()) return false;
    if (!v->is(Kind::Array))
        ctx.fail(std::string(fname) + ": argument " + std::string(name) + " must be an array of strings, got " +
                 kindName(v->kind()));
    out.clear();
    for (auto& e : v->asArray().elems) {
        if (!e.is(Kind::String))
            ctx.fail(std::string(fname) + ": argument " + std::string(name) +
                     " must be an array of strings, found an element of type " + kindName(e.kind()));
        out.push_back(e.asString());
    }
    return true;
}

ColType columnTypeFor(const CallContext& ctx, Kind k, const std::string& what) {
    ColType t;
    if (!kindToColType(k, t))
        ctx.fail(what + " has type " + kindName(k) +
                 ", which cannot be stored in a table column (expected bool, int, uint, float, string or time)");
    return t;
}

}  // namespace fluxi::tableops
