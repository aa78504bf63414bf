// The table model: a table is a list of typed columns stored as contiguous arrays with a validity
// bitmap, plus a group key (the columns whose value every row shares). Columns are immutable once a
// table is built and are shared between tables (shared_ptr), so pass-through transformations
// (keep, drop, rename, group-key-only changes) copy no data.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eval/limits.h"
#include "eval/value.h"

namespace fluxi {

enum class ColType : uint8_t { Bool, Int, UInt, Float, String, Time };
const char* colTypeName(ColType t);  // Flux names: "bool", "int", "uint", "float", "string", "time"
// Value kind stored in a column of that type, and back (Kind::Null and non-column kinds -> false).
Kind colTypeKind(ColType t);
bool kindToColType(Kind k, ColType& out);

// One column's data. Int and Time use `ints`, UInt `uints`, Float `floats`, Bool `bools`,
// String `strings`. A null cell holds a zero/empty placeholder in the data array and a 0 bit in
// `validity`; an empty `validity` means "no nulls".
class Column {
public:
    explicit Column(ColType t) : type_(t) {}
    // Releases runs of the same string object with one reference-count update per run (tag and
    // key columns repeat one string for every row).
    ~Column();
    Column(const Column& o);  // the copy is charged to this thread's run budget
    Column(Column&&) noexcept = default;
    Column& operator=(const Column&) = default;
    Column& operator=(Column&&) noexcept = default;

    ColType type() const { return type_; }
    size_t size() const { return size_; }
    size_t nullCount() const { return nulls_; }
    bool isValid(size_t row) const {
        return validity_.empty() || ((validity_[row >> 6] >> (row & 63)) & 1);
    }
    bool isNull(size_t row) const { return !isValid(row); }

    const int64_t* ints() const { return ints_.data(); }
    const uint64_t* uints() const { return uints_.data(); }
    const double* floats() const { return floats_.data(); }
    const uint8_t* bools() const { return bools_.data(); }
    const StrRef* strings() const { return strings_.data(); }

    // Cell as a Value (Value::null() for a null cell). Never allocates (strings are shared).
    Value get(size_t row) const;

    // building
    void reserve(size_t n);
    void appendNull();
    void appendBool(bool b);
    void appendInt(int64_t i);     // Int or Time column
    void appendUInt(uint64_t u);
    void appendFloat(double f);
    void appendString(StrRef s);
    void appendString(std::string_view s);  // allocates; prefer the StrRef overload in loops
    // Bulk appends of n non-null cells (one copy, no per-cell bookkeeping when there are no nulls).
    void appendInts(const int64_t* v, size_t n);  // Int or Time column
    void appendUInts(const uint64_t* v, size_t n);
    void appendFloats(const double* v, size_t n);
    void appendStrings(const StrRef* v, size_t n);  // non-null strings; one refcount update per run
    // Appends a Value of the column's kind, or null. Returns false (and appends nothing) when the
    // value's kind does not fit the column.
    bool appendValue(const Value& v);
    // Appends row `row` of `src` (same type).
    void appendFrom(const Column& src, size_t row);
    // Bulk append of n copies of v (null or of the column's kind; returns false and appends nothing
    // otherwise -- strings take one reference-count update in all).
    bool appendRepeated(const Value& v, size_t n);

    // The bytes of the column's buffers (capacity), as charged to the run's memory budget.
    size_t bufferBytes() const;

private:
    void markValid();
    // Every kRowsPerCheck rows: charge the buffers to the run's memory budget and check its time
    // limit and cancellation (eval/limits.h). Throws LimitExceeded.
    void account();
    void rowAppended() {
        if ((++size_ & (limits::kRowsPerCheck - 1)) == 0) [[unlikely]]
            account();
    }
    void rowsAppended(size_t n) {
        size_t before = size_;
        size_ += n;
        if (before / limits::kRowsPerCheck != size_ / limits::kRowsPerCheck) account();
    }
    limits::MemoryCharge charge_;
    ColType type_;
    size_t size_ = 0;
    size_t nulls_ = 0;
    std::vector<uint64_t> validity_;
    std::vector<int64_t> ints_;
    std::vector<uint64_t> uints_;
    std::vector<double> floats_;
    std::vector<uint8_t> bools_;
    std::vector<StrRef> strings_;
};
using ColumnPtr = std::shared_ptr<const Column>;

struct ColumnMeta {
    std::string name;
    ColType type;
    bool operator==(const ColumnMeta&) const = default;
};

// The group key of a table: column names/types with their (shared) values, in table column order.
struct GroupKey {
    std::vector<ColumnMeta> cols;
    std::vector<Value> values;

    int indexOf(std::string_view name) const;
    bool has(std::string_view name) const { return indexOf(name) >= 0; }
    // Equal when the same set of columns (in any order) hold equal values.
    bool equals(const GroupKey& o) const;
    size_t hash() const;  // consistent with equals
    // Total order used to sort tables for output: by column names then values.
    bool less(const GroupKey& o) const;
};

class Table;
using TablePtr = std::shared_ptr<const Table>;

class Table {
public:
    std::vector<ColumnMeta> meta;
    std::vector<ColumnPtr> cols;  // cols[i] describes meta[i]
    GroupKey key;
    size_t nrows = 0;

    Table() = default;
    // A copy is not noted: only tables made by TableBuilder::finish count against the run's memory.
    Table(const Table& o) : meta(o.meta), cols(o.cols), key(o.key), nrows(o.nrows) {}
    Table& operator=(const Table& o) {
        meta = o.meta;
        cols = o.cols;
        key = o.key;
        nrows = o.nrows;
        return *this;
    }
    ~Table() { limits::noteFreed(notedBytes_); }
    // Notes the table's own size (not its columns': they charge themselves) against the run's budget.
    void noteSize();

    size_t numColumns() const { return meta.size(); }
    int columnIndex(std::string_view name) const;
    const Column& column(size_t i) const { return *cols[i]; }
    bool empty() const { return nrows == 0; }

private:
    size_t notedBytes_ = 0;
};

// Builds a table column by column. Usage: add columns, append cells, then finish(). finish()
// checks that every column has the same length and that the key columns exist.
class TableBuilder {
public:
    // The group key is given whole (columns, types and values); finish() checks that each key
    // column exists in the table with that type.
    explicit TableBuilder(GroupKey key = {}) : key_(std::move(key)) {}

    int addColumn(std::string name, ColType type);  // returns its index; replaces nothing
    int addColumn(std::string name, ColumnPtr data);  // shares existing data
    int columnIndex(std::string_view name) const;
    // Mutable access for appending. A column added shared is copied on first access (copy-on-write),
    // so shared data is never modified.
    Column& column(size_t i);
    size_t numColumns() const { return names_.size(); }
    GroupKey& key() { return key_; }

    // Throws std::runtime_error when column lengths differ or a key column is missing.
    TablePtr finish();

private:
    GroupKey key_;
    std::vector<ColumnMeta> names_;
    std::vector<std::shared_ptr<Column>> mut_;
    std::vector<ColumnPtr> shared_;  // set when the column was added shared
};

}  // namespace fluxi
