// Table kernels shared by every package: tables made of picked or sliced rows, tables with a new
// key, the one-row-per-group output of an aggregate, rows sorted by time, and concatenating or
// merging tables that share a group key (Flux keeps one table per key). Built on column_ops.h.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "eval/kernels/column_ops.h"
#include "eval/table.h"

namespace fluxi::tableops {

// The rows of t picked by sel, with every column gathered; t itself when sel is every row in order.
TablePtr gatherRows(const TablePtr& t, const Selection& sel);
// Rows [begin, end) of t (same key and columns); t itself when that is every row.
TablePtr sliceRows(const TablePtr& t, size_t begin, size_t end);
// A table with t's columns (shared) and a different group key (whose columns must exist in t).
TablePtr withKey(const TablePtr& t, GroupKey key);

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

// The non-null times of a time column in ascending order (stable), copied only when the column is not
// sorted already: times[i] for i < n is the time of row `order[i]` (of row i when `sorted`).
struct TimeOrder {
    explicit TimeOrder(const Column& col);
    TimeOrder(const TimeOrder&) = delete;
    TimeOrder& operator=(const TimeOrder&) = delete;
    std::vector<uint32_t> order;  // empty when sorted
    bool sorted;
    const int64_t* times;
    size_t n;

private:
    std::vector<int64_t> copy_;
};

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

// Merges tables with equal group keys (rows in input order; tables in group key order, see
// GroupKey::less). Tables whose key is unique are passed through untouched.
std::vector<TablePtr> mergeByKey(std::vector<TablePtr> tables);

// Collects rows into one output table per group key (remembering tables and row lists; each
// column is built once, at its final size, in finish()); finish() gives the
// tables in group key order (GroupKey::less). Columns are the union of the columns of everything
// added (first-seen order; nulls where a source lacks a column). A key that only ever receives one
// whole table shares that table. add() throws std::runtime_error when one column name arrives with
// two types under one key.
class TableAccumulator {
public:
    // Adds the rows `sel` of t (every row when sel is null) under `key`, whose columns must be
    // columns of t.
    void add(GroupKey key, const TablePtr& t, const Selection* sel = nullptr);
    void add(GroupKey key, const TablePtr& t, Selection&& sel);  // the rows `sel` of t, taken over
    std::vector<TablePtr> finish();

private:
    // Rows of one added table (all of them when `rows` is null), copied once in finish().
    struct Piece {
        TablePtr table;
        std::unique_ptr<Selection> rows;
    };
    struct Group {
        GroupKey key;
        std::vector<ColumnMeta> meta;  // union of the pieces' columns, first-seen order
        std::vector<Piece> pieces;
        size_t nrows = 0;
    };
    void addPiece(GroupKey key, const TablePtr& t, std::unique_ptr<Selection> sel);
    std::vector<Group> groups_;
    std::unordered_multimap<size_t, size_t> byHash_;
};

// The group key as a record {col: value, ...} in key order (tableFind's `key`).
Value keyRecord(const GroupKey& key);
// The group key restricted to the columns for which keep(name) is true.
GroupKey filterKey(const GroupKey& key, const std::function<bool(const std::string&)>& keep);
// "{_measurement=cpu, host=a}": a group key for error messages.
std::string describeKey(const GroupKey& key);

}  // namespace fluxi::tableops
