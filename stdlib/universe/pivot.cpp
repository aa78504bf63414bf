// universe.pivot(rowKey, columnKey, valueColumn): turns values stored down a column into columns. For
// each output group (the input key without the columnKey and valueColumn columns), every distinct
// rowKey tuple becomes a row (first-seen order) and every distinct columnKey value (several joined
// with "_", null as "null") becomes a column holding valueColumn's value for that row, or null. The
// last value wins when a row/column pair repeats. Other non-key columns are dropped. Output tables
// come in group key order.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>
#include <unordered_map>

#include "eval/builtin.h"
#include "eval/compare.h"
#include "eval/limits.h"
#include "eval/stream.h"
#include "eval/time.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/row_hash.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {


// One pivoted column: its label, type, and for each output row the input cell that fills it
// (tableops::cellRef into the group's sources; kNoCell while unset). The last write wins.
struct PivotColumn {
    std::string label;
    ColType type;
    std::vector<uint64_t> cells;
};

// One output column that is not pivoted: a group key column (one value) or a row key column.
struct BaseColumn {
    ColumnMeta meta;
    int rowKeyPos = -1;  // position in rowKey, or -1 for a key column
    Value keyValue;
};

// One output table being built.
struct PivotGroup {
    GroupKey key;
    std::vector<BaseColumn> base;  // key columns and row key columns, in the first table's order
    std::unique_ptr<tableops::TupleIndex> rows;  // distinct row key tuples -> output rows
    std::vector<ColType> rowTypes;
    std::vector<PivotColumn> pivots;
    std::unordered_map<std::string, size_t> pivotOf;
    std::vector<TablePtr> sources;
};

// The text a column key value contributes to a column label.
std::string labelPart(const Value& v) {
    switch (v.kind()) {
        case Kind::Null: return "null";
        case Kind::String: return v.asString();
        case Kind::Int: return std::to_string(v.asInt());
        case Kind::UInt: return std::to_string(v.asUInt());
        case Kind::Bool: return v.asBool() ? "true" : "false";
        case Kind::Time: return formatTime(v.asTime());
        case Kind::Float: {
            double f = v.asFloat();
            if (std::isnan(f)) return "NaN";
            if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
            char buf[64];
            auto res = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
            std::string s(buf, res.ptr);
            for (auto& ch : s)
                if (ch == 'e') ch = 'E';
            return s;
        }
        default: return "";
    }
}

struct PivotSpec {
    std::vector<std::string> rowKey, columnKey;
    std::string valueColumn;
    bool isColumnKey(const std::string& n) const {
        for (auto& c : columnKey)
            if (c == n) return true;
        return false;
    }
    bool isRowKey(const std::string& n) const {
        for (auto& c : rowKey)
            if (c == n) return true;
        return false;
    }
};

// Whether cells a and b of col give the same label text (bitwise for floats: -0.0 and 0.0 differ).
bool sameLabelCell(const Column& col, size_t a, size_t b) {
    if (col.type() == ColType::Float && col.isValid(a) && col.isValid(b))
        return std::memcmp(&col.floats()[a], &col.floats()[b], sizeof(double)) == 0;
    return tableops::cellsEqual(col, a, b);
}

class Pivoter {
public:
    Pivoter(const CallContext& ctx, const PivotSpec& spec) : ctx_(ctx), spec_(spec) {}

    void add(const TablePtr& t) {
        for (auto& n : spec_.rowKey)
            if (t->columnIndex(n) < 0) missing(n);
        for (auto& n : spec_.columnKey)
            if (t->columnIndex(n) < 0) missing(n);
        int vi = t->columnIndex(spec_.valueColumn);
        if (vi < 0) missing(spec_.valueColumn);
        const ColType valueType = t->meta[vi].type;

        GroupKey key = tableops::filterKey(
            t->key, [&](const std::string& n) { return n != spec_.valueColumn && !spec_.isColumnKey(n); });
        PivotGroup& g = groupFor(key, *t);
        const size_t n = t->nrows;
        if (n == 0) return;

        std::vector<const Column*> rowCols;
        for (size_t i = 0; i < spec_.rowKey.size(); i++) {
            const Column& c = t->column(static_cast<size_t>(t->columnIndex(spec_.rowKey[i])));
            if (c.type() != g.rowTypes[i])
                ctx_.fail("pivot: row key column \"" + spec_.rowKey[i] + "\" has type " + colTypeName(g.rowTypes[i]) +
                          " in one table and " + colTypeName(c.type()) + " in another with the same group key");
            rowCols.push_back(&c);
        }
        std::vector<size_t> colSrc;
        for (size_t c = 0; c < t->numColumns(); c++)
            if (spec_.isColumnKey(t->meta[c].name)) colSrc.push_back(c);  // table order, as the label joins them

        // The pivot column of each row: the label is computed once per run of equal column key
        // cells (once per table when they are all group key columns, the usual _field).
        bool constantLabel = true;
        for (size_t c : colSrc) constantLabel = constantLabel && t->key.has(t->meta[c].name);
        std::vector<uint32_t> pivotOfRow(constantLabel ? 1 : n);
        std::string label;
        for (size_t r = 0; r < pivotOfRow.size(); r++) {
            if (r > 0) {
                bool same = true;
                for (size_t c : colSrc) same = same && sameLabelCell(t->column(c), r, r - 1);
                if (same) {
                    pivotOfRow[r] = pivotOfRow[r - 1];
                    continue;
                }
            }
            label.clear();
            for (size_t i = 0; i < colSrc.size(); i++) {
                if (i) label += '_';
                label += labelPart(t->column(colSrc[i]).get(r));
            }
            pivotOfRow[r] = static_cast<uint32_t>(pivotFor(g, label, valueType));
        }

        std::vector<uint32_t> ids(n);
        const size_t rowsBefore = g.rows->size();
        g.rows->assign(rowCols, n, ids.data());
        const size_t nrows = g.rows->size();
        chargeCells(g.pivots.size() * (nrows - rowsBefore));
        for (auto& p : g.pivots) p.cells.resize(nrows, tableops::kNoCell);
        const size_t src = g.sources.size();
        g.sources.push_back(t);
        if (constantLabel) {
            uint64_t* cells = g.pivots[pivotOfRow[0]].cells.data();
            for (size_t r = 0; r < n; r++) cells[ids[r]] = tableops::cellRef(src, r);
        } else {
            for (size_t r = 0; r < n; r++) g.pivots[pivotOfRow[r]].cells[ids[r]] = tableops::cellRef(src, r);
        }
    }

    std::vector<TablePtr> finish() {
        std::vector<TablePtr> out;
        out.reserve(groups_.size());
        for (auto& g : groups_) {
            const size_t nrows = g.rows->size();
            TableBuilder b(g.key);
            for (auto& bc : g.base) {
                if (bc.rowKeyPos >= 0)
                    b.addColumn(bc.meta.name, ColumnPtr(g.rows->keyColumn(static_cast<size_t>(bc.rowKeyPos))));
                else
                    b.addColumn(bc.meta.name, tableops::constantColumn(bc.meta.type, bc.keyValue, nrows));
            }
            std::vector<const Column*> allValues, values;
            for (auto& t : g.sources) allValues.push_back(&t->column(static_cast<size_t>(t->columnIndex(spec_.valueColumn))));
            for (auto& p : g.pivots) {
                values = allValues;  // only sources of this column's type are referenced
                for (auto& v : values)
                    if (v->type() != p.type) v = nullptr;
                if (b.columnIndex(p.label) >= 0)
                    ctx_.fail("pivot: the new column \"" + p.label + "\" has the name of an existing column");
                p.cells.resize(nrows, tableops::kNoCell);
                b.addColumn(p.label, tableops::gatherFromMany(p.type, values, p.cells.data(), nrows));
                std::vector<uint64_t>().swap(p.cells);
            }
            out.push_back(b.finish());
        }
        std::stable_sort(out.begin(), out.end(),
                         [](const TablePtr& a, const TablePtr& b) { return a->key.less(b->key); });
        return out;
    }

private:
    [[noreturn]] void missing(const std::string& n) {
        ctx_.fail("pivot: specified column does not exist in table: " + n);
    }

    size_t pivotFor(PivotGroup& g, const std::string& label, ColType valueType) {
        auto pit = g.pivotOf.find(label);
        if (pit == g.pivotOf.end()) {
            chargeCells(g.rows->size());
            pit = g.pivotOf.emplace(label, g.pivots.size()).first;
            g.pivots.push_back({label, valueType, std::vector<uint64_t>(g.rows->size(), tableops::kNoCell)});
        } else if (g.pivots[pit->second].type != valueType) {
            ctx_.fail("pivot: values for column \"" + label + "\" have different types (" +
                      colTypeName(g.pivots[pit->second].type) + " and " + colTypeName(valueType) + ")");
        }
        return pit->second;
    }

    PivotGroup& groupFor(const GroupKey& key, const Table& t) {
        size_t h = key.hash();
        auto range = byHash_.equal_range(h);
        for (auto it = range.first; it != range.second; ++it)
            if (groups_[it->second].key.equals(key)) return groups_[it->second];
        byHash_.emplace(h, groups_.size());
        PivotGroup& g = groups_.emplace_back();
        g.key = key;
        for (auto& m : t.meta) {
            if (m.name == spec_.valueColumn || spec_.isColumnKey(m.name)) continue;
            if (!t.key.has(m.name) && !spec_.isRowKey(m.name)) continue;
            BaseColumn bc{m, -1, Value()};
            for (size_t i = 0; i < spec_.rowKey.size(); i++)
                if (spec_.rowKey[i] == m.name) bc.rowKeyPos = static_cast<int>(i);
            if (bc.rowKeyPos < 0) bc.keyValue = key.values[static_cast<size_t>(key.indexOf(m.name))];
            g.base.push_back(std::move(bc));
        }
        for (auto& n : spec_.rowKey) g.rowTypes.push_back(t.meta[static_cast<size_t>(t.columnIndex(n))].type);
        g.rows = std::make_unique<tableops::TupleIndex>(g.rowTypes);
        return g;
    }

    // The cell matrices (pivot columns x output rows: quadratic when many rows each bring a label of
    // their own) are charged to the run's memory budget before they grow.
    void chargeCells(size_t moreCells) {
        cellBytes_ += moreCells * sizeof(uint64_t);
        cellCharge_.set(cellBytes_, "pivoting");
    }

    const CallContext& ctx_;
    const PivotSpec& spec_;
    limits::MemoryCharge cellCharge_;
    size_t cellBytes_ = 0;
    std::vector<PivotGroup> groups_;  // references into it are held only within one add() call
    std::unordered_multimap<size_t, size_t> byHash_;
};

Value pivot(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    PivotSpec spec;
    if (!tableops::stringListArg(ctx, args, "pivot", "rowKey", spec.rowKey))
        ctx.fail("pivot: missing required argument rowKey");
    if (!tableops::stringListArg(ctx, args, "pivot", "columnKey", spec.columnKey))
        ctx.fail("pivot: missing required argument columnKey");
    spec.valueColumn = ctx.requireString(args, "valueColumn");
    for (auto& c : spec.columnKey)
        if (spec.isRowKey(c)) ctx.fail("pivot: column name found in both rowKey and columnKey: " + c);
    if (spec.columnKey.empty()) ctx.fail("pivot: columnKey must name at least one column");

    CallContext site = ctx;
    StreamRef out = makeBlockingStream(
        in,
        [site, spec](std::vector<TablePtr> tables) {
            return tableops::atCallSite(site, "pivot", [&] {
                Pivoter p(site, spec);
                for (auto& slot : tables) {
                    TablePtr t = std::move(slot);
                    p.add(t);
                }
                return p.finish();
            });
        },
        "pivot");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "pivot", "<-tables, rowKey, columnKey, valueColumn", pivot);

}  // namespace fluxi
