// Table kernels (see table_ops.h).
#include "eval/kernels/table_ops.h"

#include <algorithm>
#include <stdexcept>

#include "eval/value_text.h"

namespace fluxi::tableops {

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
    addPiece(std::move(key), t, sel ? std::make_unique<Selection>(*sel) : nullptr);
}

void TableAccumulator::add(GroupKey key, const TablePtr& t, Selection&& sel) {
    addPiece(std::move(key), t, std::make_unique<Selection>(std::move(sel)));
}

void TableAccumulator::addPiece(GroupKey key, const TablePtr& t, std::unique_ptr<Selection> sel) {
    size_t h = key.hash();
    Group* g = nullptr;
    auto range = byHash_.equal_range(h);
    for (auto it = range.first; it != range.second && !g; ++it)
        if (groups_[it->second].key.equals(key)) g = &groups_[it->second];
    if (!g) {
        byHash_.emplace(h, groups_.size());
        g = &groups_.emplace_back();
        g->key = std::move(key);
    }
    // Union of the columns, checked now so that a type conflict is reported when it arrives.
    for (const ColumnMeta& m : t->meta) {
        size_t j = 0;
        while (j < g->meta.size() && g->meta[j].name != m.name) j++;
        if (j == g->meta.size()) {
            g->meta.push_back(m);
        } else if (g->meta[j].type != m.type) {
            throw std::runtime_error("column \"" + m.name + "\" has type " + colTypeName(g->meta[j].type) +
                                     " in one table and " + colTypeName(m.type) +
                                     " in another with the same group key");
        }
    }
    g->nrows += sel ? sel->size() : t->nrows;
    Piece p{t, std::move(sel)};
    g->pieces.push_back(std::move(p));
}

std::vector<TablePtr> TableAccumulator::finish() {
    std::vector<TablePtr> out;
    out.reserve(groups_.size());
    for (auto& g : groups_) {
        if (g.pieces.size() == 1 && !g.pieces[0].rows) {
            const TablePtr& sole = g.pieces[0].table;
            out.push_back(g.key.equals(sole->key) ? sole : withKey(sole, g.key));
            continue;
        }
        // Each column is built once at its final size from the pieces' rows (typed bulk copies).
        TableBuilder b(g.key);
        std::vector<const Column*> srcs(g.pieces.size());
        std::vector<const Selection*> sels(g.pieces.size());
        std::vector<size_t> counts(g.pieces.size());
        for (size_t k = 0; k < g.pieces.size(); k++) {
            sels[k] = g.pieces[k].rows.get();
            counts[k] = sels[k] ? sels[k]->size() : g.pieces[k].table->nrows;
        }
        for (const ColumnMeta& m : g.meta) {
            for (size_t k = 0; k < g.pieces.size(); k++) {
                int c = g.pieces[k].table->columnIndex(m.name);
                srcs[k] = c < 0 ? nullptr : &g.pieces[k].table->column(static_cast<size_t>(c));
            }
            b.addColumn(m.name, concatColumns(m.type, srcs, sels, counts));
        }
        g.pieces.clear();
        out.push_back(b.finish());
    }
    groups_.clear();
    byHash_.clear();
    // Output in group key order, as the reference's table caches give them.
    std::stable_sort(out.begin(), out.end(), [](const TablePtr& a, const TablePtr& b) { return a->key.less(b->key); });
    return out;
}

TablePtr keyedTable(const GroupKey& key, size_t nrows, std::vector<std::pair<std::string, ColumnPtr>> extra,
                    RepeatCache* cache) {
    TableBuilder b(key);
    for (size_t k = 0; k < key.cols.size(); k++)
        b.addColumn(key.cols[k].name, cache ? cache->get(key.cols[k].type, key.values[k], nrows)
                                            : constantColumn(key.cols[k].type, key.values[k], nrows));
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
        b.addColumn(t.meta[c].name, constantColumn(t.meta[c].type, v, 1));
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

TimeOrder::TimeOrder(const Column& col) : sorted(sortedByTime(col, order)), times(col.ints()), n(col.size()) {
    if (sorted) return;
    n = order.size();
    copy_.resize(n);
    for (size_t i = 0; i < n; i++) copy_[i] = times[order[i]];
    times = copy_.data();
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


Value keyRecord(const GroupKey& key) {
    auto rec = make<RecordObj>();
    rec->fields.reserve(key.cols.size());
    for (size_t i = 0; i < key.cols.size(); i++) rec->fields.emplace_back(key.cols[i].name, key.values[i]);
    rec->noteSize();
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

std::string describeKey(const GroupKey& key) {
    std::string s = "{";
    for (size_t i = 0; i < key.cols.size(); i++) {
        if (i) s += ", ";
        s += key.cols[i].name + "=" + (key.values[i].isNull() ? std::string("null") : formatValue(key.values[i]));
    }
    return s + "}";
}

}  // namespace fluxi::tableops
