// Table plumbing shared by the windowing and aggregate builtins: copying runs or picked rows of a
// column, columns of one repeated value, the one-row-per-group output of an aggregate, sorting rows
// by time, and gluing together tables that share a group key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eval/table.h"

namespace fluxi::agg {

// Appends rows [b, e) of src to dst (same type).
void appendRange(Column& dst, const Column& src, size_t b, size_t e);
// Appends rows idx[0..n) of src to dst (same type).
void appendRows(Column& dst, const Column& src, const uint32_t* idx, size_t n);
// Appends rows idx[0..n) of src to dst, where the row number kNullRow stands for a null cell.
constexpr uint32_t kNullRow = UINT32_MAX;
void appendRowsOrNull(Column& dst, const Column& src, const uint32_t* idx, size_t n);
// A new column holding rows [b, e) of src.
ColumnPtr sliceColumn(const Column& src, size_t b, size_t e);
// A new column holding rows idx[0..n) of src.
ColumnPtr gatherColumn(const Column& src, const uint32_t* idx, size_t n);
// A column of n copies of v (a null v gives n nulls). v must be null or of the column's kind.
ColumnPtr repeatColumn(ColType t, const Value& v, size_t n);

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

// The output of an aggregate for one group: the group key columns (each repeating its key value
// `nrows` times, from `cache` when given) followed by `extra` columns, which must hold `nrows` rows
// each.
TablePtr keyedTable(const GroupKey& key, size_t nrows, std::vector<std::pair<std::string, ColumnPtr>> extra,
                    RepeatCache* cache = nullptr);

// The rows of t listed in `rows` (all rows when null; a contiguous run when `first` is given
// instead: rows [first, nrows)), same key, with some columns swapped for new ones already holding
// exactly the output rows (`replaced`: column index -> data, type may differ) and new columns
// added at the end.
struct RowPick {
    const std::vector<uint32_t>* rows = nullptr;
    size_t first = 0;
};
TablePtr rebuildTable(const Table& t, RowPick pick, const std::vector<std::pair<size_t, ColumnPtr>>& replaced,
                      const std::vector<std::pair<std::string, ColumnPtr>>& appended = {});

// Row `row` of `t` as its own table (same columns and key).
TablePtr rowTable(const Table& t, size_t row);

// A table with t's columns and key and no rows.
TablePtr emptyLike(const Table& t);

// A table with t's columns and key whose only row holds the key values and nulls elsewhere (what
// Flux's table.fill adds to an empty table).
TablePtr nullRowTable(const Table& t);

// Row order of a time column: `order` receives the row numbers with a non-null time, sorted by
// time (stable). Returns true when the valid rows were already in order and none was null, in
// which case `order` is left empty.
bool sortedByTime(const Column& times, std::vector<uint32_t>& order);

// Concatenates tables that share one group key. Columns are matched by name (in order of first
// appearance); a table lacking a column contributes nulls to it. Throws std::runtime_error naming
// the column when two tables give it different types.
TablePtr concatTables(const std::vector<TablePtr>& parts);

// Tables in first-seen order of their group keys, merging those with equal keys (concatTables).
class KeyedTableSet {
public:
    void add(TablePtr t);
    std::vector<TablePtr> finish();

private:
    std::vector<std::vector<TablePtr>> groups_;
    std::unordered_multimap<size_t, size_t> byHash_;  // key hash -> index in groups_
};

// "{_measurement=cpu, host=a}": a group key for error messages.
std::string describeKey(const GroupKey& key);

}  // namespace fluxi::agg
