// Shared building blocks of the universe table transformations: gathering rows through a selection
// vector, constant columns, merging tables that share a group key (Flux keeps one table per key), a
// lazy stream that only blocks when a transformation changes group keys, and small helpers for keys,
// call sites and argument checking.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "eval/builtin.h"
#include "eval/stream.h"
#include "eval/table.h"

namespace fluxi::tableops {

// Row indices into a table, in output order.
using Selection = std::vector<uint32_t>;

// A new column holding src[sel[0]], src[sel[1]], ... (typed copy, nulls kept).
ColumnPtr gatherColumn(const Column& src, const uint32_t* sel, size_t n);
inline ColumnPtr gatherColumn(const Column& src, const Selection& sel) {
    return gatherColumn(src, sel.data(), sel.size());
}
// Rows [begin, end) of src; shares src when the range is the whole column.
ColumnPtr sliceColumn(const ColumnPtr& src, size_t begin, size_t end);
// A column of n copies of v (null when v is null). v must be of the column's kind or null.
ColumnPtr constantColumn(ColType type, const Value& v, size_t n);

// The rows of t picked by sel, with every column gathered; t itself when sel is every row in order.
TablePtr gatherRows(const TablePtr& t, const Selection& sel);
// Rows [begin, end) of t (same key and columns); t itself when that is every row.
TablePtr sliceRows(const TablePtr& t, size_t begin, size_t end);
// A table with t's columns (shared) and a different group key (whose columns must exist in t).
TablePtr withKey(const TablePtr& t, GroupKey key);

// Merges tables with equal group keys (rows in input order; tables in group key order, see
// GroupKey::less). Tables whose key is unique are passed through untouched.
std::vector<TablePtr> mergeByKey(std::vector<TablePtr> tables);

// Collects rows into one output table per group key, copying each row once; finish() gives the
// tables in group key order (GroupKey::less). Columns are the union of the columns of everything added (first-seen order; nulls where
// a source lacks a column). A key that only ever receives one whole table shares that table.
// add() throws std::runtime_error when one column name arrives with two types under one key.
class TableAccumulator {
public:
    // Adds the rows `sel` of t (every row when sel is null) under `key`, whose columns must be
    // columns of t.
    void add(GroupKey key, const TablePtr& t, const Selection* sel = nullptr);
    std::vector<TablePtr> finish();

private:
    struct Group {
        GroupKey key;
        TablePtr sole;  // the only thing added so far, added whole (not copied yet)
        std::vector<ColumnMeta> meta;
        std::vector<std::shared_ptr<Column>> cols;
        size_t nrows = 0;
        size_t reserved = 0;  // rows the columns have room for (grown geometrically)
    };
    static void append(Group& g, const Table& t, const Selection* sel);
    std::vector<Group> groups_;
    std::unordered_multimap<size_t, size_t> byHash_;
};

// A stream applying `fn` to each input table. While each result keeps the key of its input table,
// tables flow one at a time. As soon as a result has a different key (a group key column was
// dropped, renamed onto another, or given new values), the rest of the input is gathered and the
// results are merged by key, as Flux requires one table per group key. (Tables already passed on
// before that point are not revisited.) The input's query bounds carry over.
StreamRef makeRegroupStream(StreamRef input, std::function<std::vector<TablePtr>(const TablePtr&)> fn,
                            std::string origin);

// The tables of several streams one after another (lazy). Its query bounds span the inputs'
// bounds when every input has some.
StreamRef makeConcatStream(std::vector<StreamRef> inputs, std::string origin);

// A stream value from a StreamObj reference received as an argument.
inline StreamRef streamRef(const StreamObj& s) { return StreamRef(const_cast<StreamObj*>(&s)); }

// A hash of a cell value consistent with valuesEqual for values of one kind (-0.0 and 0.0 agree;
// null has its own hash). For hash maps over row values (distinct, unique, pivot, regrouping).
size_t hashCell(const Value& v);

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

// The row record `r` that per-row functions (filter, map) receive, filled from one table. Work the
// previous row already did is skipped when the record object is being reused: group key cells are
// set once, and a string cell holding the same string object is left alone. Null cells become
// typed nulls (Value::typedNull), so a function passing them on keeps the column type.
class RowFiller {
public:
    explicit RowFiller(const Table& t);
    // The record for row r (valid until the next call).
    Value row(size_t r);

private:
    const Table& t_;
    RowRecord rec_;
    const void* last_ = nullptr;  // the fields vector filled by the previous call
    std::vector<uint8_t> isKey_;
};

// The group key as a record {col: value, ...} in key order (tableFind's `key`).
Value keyRecord(const GroupKey& key);
// The group key restricted to the columns for which keep(name) is true.
GroupKey filterKey(const GroupKey& key, const std::function<bool(const std::string&)>& keep);

// Runs `body`, turning a plain std::exception (a table-model check) into a FluxError at the call site
// with `fname: ` in front. FluxErrors pass through unchanged. Use inside lazy stream callbacks.
template <class F>
auto atCallSite(const CallContext& ctx, std::string_view fname, F&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const FluxError&) {
        throw;
    } catch (const std::exception& e) {
        ctx.fail(std::string(fname) + ": " + e.what());
    }
}

// The column names given by a `columns` array argument (absent or null -> nullopt-like empty flag).
// Fails naming the argument when it is not an array of strings.
bool stringListArg(const CallContext& ctx, const Args& args, std::string_view fname, std::string_view name,
                   std::vector<std::string>& out);

// A column type for a value kind, failing with `what` in the message when the kind cannot be a column.
ColType columnTypeFor(const CallContext& ctx, Kind k, const std::string& what);

}  // namespace fluxi::tableops
