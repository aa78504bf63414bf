// Hashing and equality of cell values and of tuples of values, for hash maps over rows (distinct,
// unique, pivot, group, regrouping): one definition, so every package groups values the same way.
// Nulls are equal to each other; floats compare by value with -0.0 == 0.0.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "eval/kernels/column_ops.h"
#include "eval/compare.h"
#include "eval/table.h"

namespace fluxi::tableops {

// A hash of a cell value consistent with valuesEqual for values of one kind (-0.0 and 0.0 agree;
// null has its own hash).
size_t hashCell(const Value& v);
// The hash of row r of a column (NaNs hash alike), and whether two rows of a column hold the same
// value (nulls equal nulls, NaN equals NaN).
uint64_t cellHash(const Column& col, size_t r);
bool cellsEqual(const Column& col, size_t a, size_t b);

// Hash and equality of tuples of values of equal length (kinds must match as well as values), for
// unordered maps keyed by std::vector<Value>.
struct ValueTupleHash {
    size_t operator()(const std::vector<Value>& vs) const {
        size_t h = vs.size();
        for (auto& v : vs) h = h * 1000003u ^ hashCell(v);
        return h;
    }
};
struct ValueTupleEq {
    bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const {
        for (size_t i = 0; i < a.size(); i++)
            if (a[i].kind() != b[i].kind() || !valuesEqual(a[i], b[i])) return false;
        return true;
    }
};

// Rows of a table split by the values of some of its columns: groups in first-appearance order,
// each with its rows in order, and the first row of each group (whose cells are the group's values).
// Nulls are equal to each other; floats compare by value with -0.0 == 0.0 and NaN == NaN.
struct Partition {
    std::vector<Selection> groups;
    std::vector<uint32_t> first;
};
Partition partitionRows(const Table& t, const std::vector<size_t>& cols);

// The rows of col whose value has not appeared in an earlier row, in order (all nulls count as one
// value; NaN never equals anything, so every NaN row is new).
Selection firstOccurrences(const Column& col);

}  // namespace fluxi::tableops
