// universe.pivot(rowKey, columnKey, valueColumn): turns values stored down a column into columns. For
// each output group (the input key without the columnKey and valueColumn columns), every distinct
// rowKey tuple becomes a row (first-seen order) and every distinct columnKey value (several joined
// with "_", null as "null") becomes a column holding valueColumn's value for that row, or null. The
// last value wins when a row/column pair repeats. Other non-key columns are dropped. Output tables
// come in group key order.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "eval/builtin.h"
#include "eval/compare.h"
#include "eval/stream.h"
#include "eval/time.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/row_hash.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {


struct PivotColumn {
    std::string label;
    ColType type;
    std::vector<Value> cells;  // one per output row (null until set)
};

// One output table being built.
struct PivotGroup {
    GroupKey key;
    std::vector<ColumnMeta> base;  // key columns and row key columns, in the first table's order
    std::vector<std::shared_ptr<Column>> baseData;
    std::unordered_map<std::vector<Value>, size_t, tableops::ValueTupleHash, tableops::ValueTupleEq> rowOf;
    std::vector<PivotColumn> pivots;
    std::unordered_map<std::string, size_t> pivotOf;
    size_t nrows = 0;
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

        // Where each base column and row key column comes from in this table.
        std::vector<int> baseSrc(g.base.size());
        for (size_t i = 0; i < g.base.size(); i++) baseSrc[i] = t->columnIndex(g.base[i].name);
        std::vector<size_t> rowSrc, colSrc;
        for (auto& n : spec_.rowKey) rowSrc.push_back(static_cast<size_t>(t->columnIndex(n)));
        for (size_t c = 0; c < t->numColumns(); c++)
            if (spec_.isColumnKey(t->meta[c].name)) colSrc.push_back(c);  // table order, as the label joins them

        // When the column key columns are all group key columns (the usual _field), the label is the
        // same for every row.
        bool constantLabel = true;
        for (size_t c : colSrc) constantLabel = constantLabel && t->key.has(t->meta[c].name);
        std::vector<Value> tuple(rowSrc.size());
        std::string label;
        for (size_t r = 0; r < t->nrows; r++) {
            if (!constantLabel || r == 0) {
                label.clear();
                for (size_t i = 0; i < colSrc.size(); i++) {
                    if (i) label += '_';
                    label += labelPart(t->column(colSrc[i]).get(r));
                }
            }
            auto pit = g.pivotOf.find(label);
            if (pit == g.pivotOf.end()) {
                pit = g.pivotOf.emplace(label, g.pivots.size()).first;
                g.pivots.push_back({label, valueType, std::vector<Value>(g.nrows)});
            } else if (g.pivots[pit->second].type != valueType) {
                ctx_.fail("pivot: values for column \"" + label + "\" have different types (" +
                          colTypeName(g.pivots[pit->second].type) + " and " + colTypeName(valueType) + ")");
            }
            for (size_t i = 0; i < rowSrc.size(); i++) tuple[i] = t->column(rowSrc[i]).get(r);
            auto [rit, inserted] = g.rowOf.emplace(tuple, g.nrows);
            if (inserted) {
                for (size_t i = 0; i < g.base.size(); i++) {
                    if (baseSrc[i] < 0) g.baseData[i]->appendNull();
                    else g.baseData[i]->appendFrom(t->column(static_cast<size_t>(baseSrc[i])), r);
                }
                g.nrows++;
                for (auto& p : g.pivots) p.cells.emplace_back();
            }
            g.pivots[pit->second].cells[rit->second] = t->column(static_cast<size_t>(vi)).get(r);
        }
    }

    std::vector<TablePtr> finish() {
        std::vector<TablePtr> out;
        out.reserve(groups_.size());
        for (auto& g : groups_) {
            TableBuilder b(g.key);
            for (size_t i = 0; i < g.base.size(); i++) b.addColumn(g.base[i].name, ColumnPtr(g.baseData[i]));
            for (auto& p : g.pivots) {
                if (b.columnIndex(p.label) >= 0)
                    ctx_.fail("pivot: the new column \"" + p.label + "\" has the name of an existing column");
                auto col = std::make_shared<Column>(p.type);
                col->reserve(p.cells.size());
                for (auto& v : p.cells) col->appendValue(v);
                b.addColumn(p.label, ColumnPtr(std::move(col)));
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
            g.base.push_back(m);
            g.baseData.push_back(std::make_shared<Column>(m.type));
        }
        return g;
    }

    const CallContext& ctx_;
    const PivotSpec& spec_;
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
