// universe.sort(columns, desc): orders the rows of each table by the listed columns (default
// ["_value"]), left to right. Nulls come first in both directions (as the reference implementation
// does); NaN sorts after every other float. The sort is stable; group key columns and columns a
// table does not have are skipped. A table already in order is passed through untouched.
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "eval/builtin.h"
#include "eval/limits.h"
#include "eval/stream.h"
#include "eval/kernels/table_ops.h"
#include "eval/kernels/builtin_helpers.h"

namespace fluxi {
namespace {

using tableops::Selection;

// One sort column, with raw pointers for fast comparisons.
struct SortKey {
    const Column* col;
    bool nulls;
};

// <0, 0, >0 comparing the non-null cells a and b of col, ascending.
inline int compareCells(const Column& col, uint32_t a, uint32_t b) {
    switch (col.type()) {
        case ColType::Int:
        case ColType::Time: {
            int64_t x = col.ints()[a], y = col.ints()[b];
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        case ColType::UInt: {
            uint64_t x = col.uints()[a], y = col.uints()[b];
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        case ColType::Float: {
            double x = col.floats()[a], y = col.floats()[b];
            bool xn = std::isnan(x), yn = std::isnan(y);
            if (xn || yn) return xn == yn ? 0 : (xn ? 1 : -1);
            return x < y ? -1 : (x > y ? 1 : 0);
        }
        case ColType::Bool: return static_cast<int>(col.bools()[a]) - static_cast<int>(col.bools()[b]);
        case ColType::String: {
            int c = col.strings()[a]->s.compare(col.strings()[b]->s);
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
        }
    }
    return 0;
}

struct RowLess {
    const std::vector<SortKey>* keys;
    bool desc;
    bool operator()(uint32_t a, uint32_t b) const {
        for (const SortKey& k : *keys) {
            if (k.nulls) {
                bool na = k.col->isNull(a), nb = k.col->isNull(b);
                if (na || nb) {
                    if (na && nb) continue;
                    return na;  // nulls first
                }
            }
            int c = compareCells(*k.col, a, b);
            if (c != 0) return desc ? c > 0 : c < 0;
        }
        return false;
    }
};

// Sorts by one numeric column without nulls-aware indirection: (class, value, row) items, where
// the class puts nulls first and NaN where the general comparison does (last ascending, right after
// the nulls descending), and the row breaks ties so the result is stable.
template <class T>
struct NumericItem {
    uint8_t cls;
    T v;
    uint32_t row;
};

template <class T>
NumericItem<T> numericItem(const Column& col, const T* data, size_t r, bool desc) {
    uint8_t cls = 1;
    T v = data[r];
    if (col.isNull(r)) {
        cls = 0;
        v = T{};
    } else if constexpr (std::is_floating_point_v<T>) {
        if (std::isnan(v)) {
            cls = desc ? 1 : 2;
            v = T{};
        } else {
            cls = desc ? 2 : 1;
        }
    } else if (desc) {
        cls = 2;
    }
    return {cls, v, static_cast<uint32_t>(r)};
}

template <class T>
struct NumericItemLess {
    bool desc;
    bool operator()(const NumericItem<T>& a, const NumericItem<T>& b) const {
        if (a.cls != b.cls) return a.cls < b.cls;
        if (a.v != b.v) return desc ? a.v > b.v : a.v < b.v;
        return a.row < b.row;
    }
};

// The first `limit` rows (all when limit >= n) of the stable sort of one numeric column: a full
// sort, or for a small limit one pass keeping the best `limit` items in a heap.
template <class T>
Selection sortNumeric(const Column& col, const T* data, bool desc, size_t limit) {
    const size_t n = col.size();
    NumericItemLess<T> less{desc};
    std::vector<NumericItem<T>> items;
    if (limit < n / 4) {
        items.reserve(limit + 1);
        for (size_t r = 0; r < n && limit > 0; r++) {
            NumericItem<T> it = numericItem(col, data, r, desc);
            if (items.size() < limit) {
                items.push_back(it);
                std::push_heap(items.begin(), items.end(), less);  // max-heap: the worst kept item on top
            } else if (less(it, items.front())) {
                std::pop_heap(items.begin(), items.end(), less);
                items.back() = it;
                std::push_heap(items.begin(), items.end(), less);
            }
        }
        std::sort_heap(items.begin(), items.end(), less);
    } else {
        items.resize(n);
        for (size_t r = 0; r < n; r++) items[r] = numericItem(col, data, r, desc);
        std::sort(items.begin(), items.end(), less);
        items.resize(std::min(limit, n));
    }
    Selection perm(items.size());
    for (size_t i = 0; i < items.size(); i++) perm[i] = items[i].row;
    return perm;
}

// The rows of t in sorted order, keeping the first `limit` (sort |> limit(n: limit)). A table
// already in order is only sliced.
TablePtr sortTable(const TablePtr& t, const std::vector<std::string>& columns, bool desc,
                   size_t limit = SIZE_MAX) {
    std::vector<SortKey> keys;
    for (auto& name : columns) {
        int c = t->columnIndex(name);
        if (c < 0 || t->key.has(name)) continue;
        const Column& col = t->column(static_cast<size_t>(c));
        keys.push_back({&col, col.nullCount() > 0});
    }
    const size_t keep = std::min(limit, t->nrows);
    if (t->nrows < 2 || keys.empty()) return tableops::sliceRows(t, 0, keep);
    RowLess less{&keys, desc};
    bool sorted = true;
    for (size_t r = 1; r < t->nrows && sorted; r++)
        sorted = !less(static_cast<uint32_t>(r), static_cast<uint32_t>(r - 1));
    if (sorted) return tableops::sliceRows(t, 0, keep);
    // The sort keys and the permutation, charged to the run's memory budget before they are made.
    limits::MemoryCharge scratch;
    const size_t items = limit < t->nrows / 4 ? limit + 1 : t->nrows;
    scratch.set(items * sizeof(NumericItem<int64_t>) + 2 * t->nrows * sizeof(uint32_t), "sorting");
    Selection perm;
    bool done = false;
    if (keys.size() == 1) {
        const Column& col = *keys[0].col;
        done = true;
        switch (col.type()) {
            case ColType::Int:
            case ColType::Time: perm = sortNumeric(col, col.ints(), desc, limit); break;
            case ColType::UInt: perm = sortNumeric(col, col.uints(), desc, limit); break;
            case ColType::Float: perm = sortNumeric(col, col.floats(), desc, limit); break;
            default: done = false; break;
        }
    }
    if (!done) {
        perm.resize(t->nrows);
        for (size_t r = 0; r < t->nrows; r++) perm[r] = static_cast<uint32_t>(r);
        auto stableLess = [&less](uint32_t a, uint32_t b) { return less(a, b) || (!less(b, a) && a < b); };
        if (keep < t->nrows / 4) {
            std::partial_sort(perm.begin(), perm.begin() + static_cast<std::ptrdiff_t>(keep), perm.end(), stableLess);
            perm.resize(keep);
        } else {
            std::stable_sort(perm.begin(), perm.end(), less);
            perm.resize(keep);
        }
    }
    return tableops::gatherRows(t, perm);
}

Value sort(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::vector<std::string> columns{"_value"};
    tableops::stringListArg(ctx, args, "sort", "columns", columns);
    bool desc = ctx.boolOr(args, "desc", false);
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, columns, desc](const TablePtr& t) {
            return tableops::atCallSite(site, "sort", [&] { return sortTable(t, columns, desc); });
        },
        "sort");
    return Value::stream(out);
}

// _sortLimit(n, desc, columns): sort(columns, desc) |> limit(n) in one step, selecting the first n
// rows without sorting the rest (top and bottom are written over it).
Value sortLimit(CallContext& ctx, const Args& args) {
    StreamRef in = ctx.requireStream(args);
    std::vector<std::string> columns{"_value"};
    tableops::stringListArg(ctx, args, "sort", "columns", columns);
    bool desc = ctx.require(args, "desc", Kind::Bool).asBool();
    int64_t n = ctx.require(args, "n", Kind::Int).asInt();
    if (n < 0) ctx.fail("limit: n must not be negative, got " + std::to_string(n));
    const size_t limit = static_cast<size_t>(n);
    CallContext site = ctx;
    StreamRef out = makeMapTablesStream(
        in,
        [site, columns, desc, limit](const TablePtr& t) {
            return tableops::atCallSite(site, "sort", [&] { return sortTable(t, columns, desc, limit); });
        },
        "sort");
    return Value::stream(out);
}

}  // namespace

FLUXI_BUILTIN("universe", "sort", "<-tables, ?columns, ?desc", sort);
FLUXI_BUILTIN("universe", "_sortLimit", "<-tables, n, desc, ?columns", sortLimit);

}  // namespace fluxi
