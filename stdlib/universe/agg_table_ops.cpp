// Table plumbing for the windowing and aggregate builtins (see agg_table_ops.h). The copy loops
// switch on the column type once and then run over the typed arrays.
#include "stdlib/universe/agg_table_ops.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "eval/compare.h"
#include "eval/format.h"

namespace fluxi::agg {

namespace {

void requireSameType(const Column& dst, const Column& src) {
    if (dst.type() != src.type())
        throw std::logic_error(std::string("cannot copy a ") + colTypeName(src.type()) + " column into a " +
                               colTypeName(dst.type()) + " column");
}

// Calls append(row) for each row, with the null test hoisted when the source has no nulls.
template <class Rows, class Append>
void copyCells(Column& dst, const Column& src, const Rows& rows, size_t n, Append append) {
    if (src.nullCount() == 0) {
        for (size_t i = 0; i < n; i++) append(rows(i));
    } else {
        for (size_t i = 0; i < n; i++) {
            size_t r = rows(i);
            if (src.isValid(r))
                append(r);
            else
                dst.appendNull();
        }
    }
}

template <class Rows>
void copyRows(Column& dst, const Column& src, const Rows& rows, size_t n) {
    requireSameType(dst, src);
    dst.reserve(dst.size() + n);
    switch (src.type()) {
        case ColType::Bool: {
            const uint8_t* v = src.bools();
            copyCells(dst, src, rows, n, [&](size_t r) { dst.appendBool(v[r] != 0); });
            break;
        }
        case ColType::Int:
        case ColType::Time: {
            const int64_t* v = src.ints();
            copyCells(dst, src, rows, n, [&](size_t r) { dst.appendInt(v[r]); });
            break;
        }
        case ColType::UInt: {
            const uint64_t* v = src.uints();
            copyCells(dst, src, rows, n, [&](size_t r) { dst.appendUInt(v[r]); });
            break;
        }
        case ColType::Float: {
            const double* v = src.floats();
            copyCells(dst, src, rows, n, [&](size_t r) { dst.appendFloat(v[r]); });
            break;
        }
        case ColType::String: {
            const StrRef* v = src.strings();
            copyCells(dst, src, rows, n, [&](size_t r) { dst.appendString(v[r]); });
            break;
        }
    }
}

}  // namespace

void appendRange(Column& dst, const Column& src, size_t b, size_t e) {
    if (src.nullCount() == 0 && dst.type() == src.type()) {
        // Whole runs of numbers copy as one block.
        if (src.type() == ColType::Int || src.type() == ColType::Time) return dst.appendInts(src.ints() + b, e - b);
        if (src.type() == ColType::Float) return dst.appendFloats(src.floats() + b, e - b);
    }
    copyRows(dst, src, [b](size_t i) { return b + i; }, e - b);
}

void appendRows(Column& dst, const Column& src, const uint32_t* idx, size_t n) {
    copyRows(dst, src, [idx](size_t i) { return static_cast<size_t>(idx[i]); }, n);
}

void appendRowsOrNull(Column& dst, const Column& src, const uint32_t* idx, size_t n) {
    requireSameType(dst, src);
    dst.reserve(dst.size() + n);
    for (size_t i = 0; i < n; i++) {
        if (idx[i] == kNullRow)
            dst.appendNull();
        else
            dst.appendFrom(src, idx[i]);
    }
}

ColumnPtr sliceColumn(const Column& src, size_t b, size_t e) {
    if (b == 0 && e == src.size()) return std::make_shared<Column>(src);
    auto c = std::make_shared<Column>(src.type());
    appendRange(*c, src, b, e);
    return c;
}

ColumnPtr gatherColumn(const Column& src, const uint32_t* idx, size_t n) {
    auto c = std::make_shared<Column>(src.type());
    appendRows(*c, src, idx, n);
    return c;
}

ColumnPtr repeatColumn(ColType t, const Value& v, size_t n) {
    auto c = std::make_shared<Column>(t);
    c->reserve(n);
    if (!c->appendRepeated(v, n))
        throw std::logic_error(std::string("cannot fill a ") + colTypeName(t) + " column with a " + kindName(v.kind()));
    return c;
}

ColumnPtr RepeatCache::get(ColType t, const Value& v, size_t n) {
    for (auto& e : entries_)
        if (e.type == t && e.n == n && e.value.kind() == v.kind() && valuesEqual(e.value, v)) return e.col;
    ColumnPtr c = repeatColumn(t, v, n);
    constexpr size_t kKeep = 16;
    if (entries_.size() < kKeep) {
        entries_.push_back({t, v, n, c});
    } else {
        entries_[next_] = {t, v, n, c};
        next_ = (next_ + 1) % kKeep;
    }
    return c;
}

TablePtr keyedTable(const GroupKey& key, size_t nrows, std::vector<std::pair<std::string, ColumnPtr>> extra,
                    RepeatCache* cache) {
    TableBuilder b(key);
    for (size_t k = 0; k < key.cols.size(); k++)
        b.addColumn(key.cols[k].name, cache ? cache->get(key.cols[k].type, key.values[k], nrows)
                                            : repeatColumn(key.cols[k].type, key.values[k], nrows));
    for (auto& [name, col] : extra) b.addColumn(name, std::move(col));
    return b.finish();
}

TablePtr rebuildTable(const Table& t, RowPick pick, const std::vector<std::pair<size_t, ColumnPtr>>& replaced,
                      const std::vector<std::pair<std::string, ColumnPtr>>& appended) {
    TableBuilder b(t.key);
    for (size_t c = 0; c < t.numColumns(); c++) {
        ColumnPtr col;
        for (auto& [ci, data] : replaced)
            if (ci == c) col = data;
        if (!col) {
            if (pick.rows)
                col = gatherColumn(t.column(c), pick.rows->data(), pick.rows->size());
            else if (pick.first == 0)
                col = t.cols[c];
            else
                col = sliceColumn(t.column(c), std::min(pick.first, t.nrows), t.nrows);
        }
        b.addColumn(t.meta[c].name, std::move(col));
    }
    for (auto& [name, col] : appended) {
        int existing = b.columnIndex(name);
        if (existing >= 0) throw std::runtime_error("column \"" + name + "\" already exists");
        b.addColumn(name, col);
    }
    return b.finish();
}

TablePtr rowTable(const Table& t, size_t row) {
    TableBuilder b(t.key);
    for (size_t c = 0; c < t.numColumns(); c++) {
        auto col = std::make_shared<Column>(t.meta[c].type);
        col->appendFrom(t.column(c), row);
        b.addColumn(t.meta[c].name, std::move(col));
    }
    return b.finish();
}

TablePtr emptyLike(const Table& t) {
    TableBuilder b(t.key);
    for (auto& m : t.meta) b.addColumn(m.name, m.type);
    return b.finish();
}

TablePtr nullRowTable(const Table& t) {
    TableBuilder b(t.key);
    for (size_t c = 0; c < t.numColumns(); c++) {
        int k = t.key.indexOf(t.meta[c].name);
        Value v = k >= 0 ? t.key.values[k] : Value::null();
        b.addColumn(t.meta[c].name, repeatColumn(t.meta[c].type, v, 1));
    }
    return b.finish();
}

bool sortedByTime(const Column& times, std::vector<uint32_t>& order) {
    order.clear();
    const int64_t* ts = times.ints();
    size_t n = times.size();
    bool noNulls = times.nullCount() == 0;
    if (noNulls) {
        bool sorted = true;
        for (size_t i = 1; i < n && sorted; i++) sorted = ts[i - 1] <= ts[i];
        if (sorted) return true;
    }
    order.reserve(n - times.nullCount());
    for (size_t i = 0; i < n; i++)
        if (noNulls || times.isValid(i)) order.push_back(static_cast<uint32_t>(i));
    std::stable_sort(order.begin(), order.end(), [ts](uint32_t a, uint32_t b) { return ts[a] < ts[b]; });
    return false;
}

TablePtr concatTables(const std::vector<TablePtr>& parts) {
    if (parts.empty()) throw std::logic_error("concatTables: no tables");
    if (parts.size() == 1) return parts[0];
    // Columns by first appearance.
    std::vector<ColumnMeta> cols;
    for (auto& p : parts)
        for (auto& m : p->meta) {
            auto it = std::find_if(cols.begin(), cols.end(), [&](const ColumnMeta& c) { return c.name == m.name; });
            if (it == cols.end())
                cols.push_back(m);
            else if (it->type != m.type)
                throw std::runtime_error("column \"" + m.name + "\" is " + colTypeName(it->type) +
                                         " in one table and " + colTypeName(m.type) + " in another with the same group key");
        }
    TableBuilder b(parts[0]->key);
    size_t total = 0;
    for (auto& p : parts) total += p->nrows;
    for (auto& m : cols) {
        int ci = b.addColumn(m.name, m.type);
        Column& out = b.column(ci);
        out.reserve(total);
        for (auto& p : parts) {
            int src = p->columnIndex(m.name);
            if (src >= 0)
                appendRange(out, p->column(src), 0, p->nrows);
            else
                for (size_t i = 0; i < p->nrows; i++) out.appendNull();
        }
    }
    return b.finish();
}

void KeyedTableSet::add(TablePtr t) {
    size_t h = t->key.hash();
    auto range = byHash_.equal_range(h);
    for (auto it = range.first; it != range.second; ++it)
        if (groups_[it->second][0]->key.equals(t->key)) {
            groups_[it->second].push_back(std::move(t));
            return;
        }
    byHash_.emplace(h, groups_.size());
    groups_.push_back({std::move(t)});
}

std::vector<TablePtr> KeyedTableSet::finish() {
    std::vector<TablePtr> out;
    out.reserve(groups_.size());
    for (auto& g : groups_) out.push_back(concatTables(g));
    groups_.clear();
    byHash_.clear();
    return out;
}

std::string describeKey(const GroupKey& key) {
    std::string s = "{";
    for (size_t i = 0; i < key.cols.size(); i++) {
        if (i) s += ", ";
        s += key.cols[i].name + "=" + (key.values[i].isNull() ? std::string("null") : formatValue(key.values[i]));
    }
    return s + "}";
}

}  // namespace fluxi::agg
