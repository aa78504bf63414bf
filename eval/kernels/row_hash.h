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
// Whether row ra of column a holds the same value as row rb of column b (same type; as above).
bool cellsEqual(const Column& a, size_t ra, const Column& b, size_t rb);

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

// Dense ids (0, 1, 2, ... in first-seen order) for distinct tuples of cells, over the rows of any
// number of tables whose tuple columns have the given types. The distinct tuples are kept as typed
// columns (one per tuple position), so a caller building one output row per tuple (pivot's row key,
// group's key values) takes them as they are. Equality as cellsEqual. Open addressing over mixed
// hashes: no allocation per row.
class TupleIndex {
public:
    explicit TupleIndex(std::vector<ColType> types);
    // ids[r] for each row r < n of `cols` (one column per tuple position, of the index's types).
    // Fast paths without hashing: rows equal to the tuples already held, position by position (the
    // tables of one series sharing their _time column), and a first table whose single int/time
    // column strictly increases (every row a new tuple).
    void assign(const std::vector<const Column*>& cols, size_t n, uint32_t* ids);
    size_t size() const { return count_; }
    // Position i of every distinct tuple, in id order.
    const std::shared_ptr<Column>& keyColumn(size_t i) const { return keys_[i]; }

private:
    void grow();
    void buildHashTable();  // hashes_ and slots_ for tuples added by a fast path
    std::vector<ColType> types_;
    std::vector<std::shared_ptr<Column>> keys_;
    size_t count_ = 0;
    bool hashed_ = true;            // hashes_ and slots_ cover every tuple
    std::vector<uint64_t> hashes_;  // per id
    std::vector<uint32_t> slots_;   // id + 1; 0 for an empty slot
    size_t mask_ = 0;
};

// Row hashes of a tuple of columns: h[r] combines cellHash of each column's row r (mixed, so that
// hashes of evenly spaced numbers such as timestamps spread over a power-of-two table).
void tupleHashes(const std::vector<const Column*>& cols, size_t n, std::vector<uint64_t>& h);

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
