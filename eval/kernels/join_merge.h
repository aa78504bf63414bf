// Sort-merge matching of the rows of two tables on lists of columns, shared by universe.join() and
// the join package. Each side's rows are sorted (stably) by its join columns; then runs of rows with
// equal join values are walked in ascending order, reporting runs found on both sides (to be paired
// left-major) and runs found on one side only. A join value that is null never matches anything.
#pragma once

#include <cstdint>
#include <vector>

#include "eval/table.h"

namespace fluxi::joinops {

// The join columns of one side: cols[i] is a column index of t (-1: absent, read as null).
struct JoinColumns {
    const Table* t = nullptr;
    std::vector<int> cols;
    Value at(size_t col, uint32_t row) const {
        return cols[col] < 0 ? Value() : t->column(cols[col]).get(row);
    }
};

// Row numbers of t in ascending order of the join values (nulls first, ties in input order).
std::vector<uint32_t> sortRows(const JoinColumns& side);

// Orders row ra of a against row rb of b by their join values (same number of columns).
int compareRows(const JoinColumns& a, uint32_t ra, const JoinColumns& b, uint32_t rb);

// True when some join value of the row is null.
bool hasNullKey(const JoinColumns& side, uint32_t row);

// A run [begin, end) of positions in a sorted row list.
struct Run {
    size_t begin, end;
};

// Walks both sorted row lists in key order. Calls both(leftRun, rightRun) for equal, non-null join
// values present on both sides, leftOnly(run) / rightOnly(run) for values present on one side only
// (or holding a null).
template <class Both, class LeftOnly, class RightOnly>
void mergeRuns(const JoinColumns& l, const std::vector<uint32_t>& ls, const JoinColumns& r,
               const std::vector<uint32_t>& rs, Both&& both, LeftOnly&& leftOnly, RightOnly&& rightOnly) {
    auto runEnd = [](const JoinColumns& side, const std::vector<uint32_t>& s, size_t b) {
        size_t e = b + 1;
        if (hasNullKey(side, s[b])) return e;  // a null never equals anything, itself included
        while (e < s.size() && compareRows(side, s[b], side, s[e]) == 0) e++;
        return e;
    };
    size_t i = 0, j = 0;
    while (i < ls.size() || j < rs.size()) {
        if (j >= rs.size()) {
            size_t e = runEnd(l, ls, i);
            leftOnly(Run{i, e});
            i = e;
            continue;
        }
        if (i >= ls.size()) {
            size_t e = runEnd(r, rs, j);
            rightOnly(Run{j, e});
            j = e;
            continue;
        }
        int c = compareRows(l, ls[i], r, rs[j]);
        if (c == 0 && hasNullKey(l, ls[i])) c = -1;  // nulls on both sides: neither matches
        if (c < 0) {
            size_t e = runEnd(l, ls, i);
            leftOnly(Run{i, e});
            i = e;
        } else if (c > 0) {
            size_t e = runEnd(r, rs, j);
            rightOnly(Run{j, e});
            j = e;
        } else {
            size_t le = runEnd(l, ls, i), re = runEnd(r, rs, j);
            both(Run{i, le}, Run{j, re});
            i = le;
            j = re;
        }
    }
}

}  // namespace fluxi::joinops
