// Sorting and comparing rows by their join values (see join_merge.h).
#include "eval/kernels/join_merge.h"

#include <algorithm>
#include <numeric>

#include "eval/compare.h"

namespace fluxi::joinops {

int compareRows(const JoinColumns& a, uint32_t ra, const JoinColumns& b, uint32_t rb) {
    for (size_t c = 0; c < a.cols.size(); c++) {
        int o = totalOrder(a.at(c, ra), b.at(c, rb));
        if (o != 0) return o;
    }
    return 0;
}

bool hasNullKey(const JoinColumns& side, uint32_t row) {
    for (size_t c = 0; c < side.cols.size(); c++)
        if (side.cols[c] < 0 || side.t->column(side.cols[c]).isNull(row)) return true;
    return false;
}

std::vector<uint32_t> sortRows(const JoinColumns& side) {
    std::vector<uint32_t> rows(side.t->nrows);
    std::iota(rows.begin(), rows.end(), 0u);
    // Single time/int column without nulls (the common `on: ["_time"]`): compare the raw array.
    if (side.cols.size() == 1 && side.cols[0] >= 0) {
        const Column& c = side.t->column(side.cols[0]);
        if (c.nullCount() == 0 && (c.type() == ColType::Time || c.type() == ColType::Int)) {
            const int64_t* v = c.ints();
            std::stable_sort(rows.begin(), rows.end(), [v](uint32_t x, uint32_t y) { return v[x] < v[y]; });
            return rows;
        }
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [&side](uint32_t x, uint32_t y) { return compareRows(side, x, side, y) < 0; });
    return rows;
}

}  // namespace fluxi::joinops
