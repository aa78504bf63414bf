// Column kernels shared by every table transformation: typed copies of rows (a range, a selection,
// a selection with null rows), new columns gathered or sliced from others, and columns holding one
// repeated value. The copy loops switch on the column type once and then run over the typed arrays.
#pragma once

#include <cstdint>
#include <vector>

#include "eval/table.h"

namespace fluxi::tableops {

// Row indices into a table, in output order.
using Selection = std::vector<uint32_t>;

// Appends rows [b, e) of src to dst (same type).
void appendRange(Column& dst, const Column& src, size_t b, size_t e);
// Appends rows idx[0..n) of src to dst (same type).
void appendRows(Column& dst, const Column& src, const uint32_t* idx, size_t n);
// Appends rows idx[0..n) of src to dst, where the row number kNullRow stands for a null cell.
constexpr uint32_t kNullRow = UINT32_MAX;
void appendRowsOrNull(Column& dst, const Column& src, const uint32_t* idx, size_t n);

// A new column holding src[idx[0]], src[idx[1]], ... (typed copy, nulls kept).
ColumnPtr gatherColumn(const Column& src, const uint32_t* idx, size_t n);
inline ColumnPtr gatherColumn(const Column& src, const Selection& sel) {
    return gatherColumn(src, sel.data(), sel.size());
}
// A new column of type t whose cell i is row (cells[i] & 0xffffffff) of srcs[cells[i] >> 32], or null
// when cells[i] is kNoCell (cells gathered from several tables). Sources are of type t or null (a
// null source is never referenced).
constexpr uint64_t kNoCell = UINT64_MAX;
inline uint64_t cellRef(size_t src, size_t row) { return (static_cast<uint64_t>(src) << 32) | row; }
ColumnPtr gatherFromMany(ColType t, const std::vector<const Column*>& srcs, const uint64_t* cells, size_t n);
// A new column of type t holding, in order, rows sels[k] of srcs[k] (every row when sels[k] is null;
// a null srcs[k] gives that many nulls: counts[k] rows).
ColumnPtr concatColumns(ColType t, const std::vector<const Column*>& srcs, const std::vector<const Selection*>& sels,
                        const std::vector<size_t>& counts);
// A new column holding rows [b, e) of src.
ColumnPtr sliceColumn(const Column& src, size_t b, size_t e);
// Rows [b, e) of src; src itself when the range is the whole column (columns are immutable).
ColumnPtr sliceColumn(const ColumnPtr& src, size_t b, size_t e);
// Whether every cell of c equals v (as valuesEqual; a null v: every cell null). Typed loop, no boxing.
bool allCellsEqual(const Column& c, const Value& v);
// A column of n copies of v (a null v gives n nulls). v must be null or of the column's kind.
ColumnPtr constantColumn(ColType t, const Value& v, size_t n);

// Columns of one repeated value, remembered so that the next tables of a stream can share them:
// series usually differ in one or two key columns while _start, _stop, _measurement and _field
// repeat, and columns are immutable. Keeps the last few only.
class RepeatCache {
public:
    ColumnPtr get(ColType t, const Value& v, size_t n);

private:
    struct Entry {
        ColType type;
        Value value;
        size_t n;
        ColumnPtr col;
    };
    std::vector<Entry> entries_;
    size_t next_ = 0;
};

}  // namespace fluxi::tableops
