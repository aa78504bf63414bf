// The table model (see table.h): typed column arrays with a validity bitmap, group keys (equality,
// hashing, ordering) and the builder that assembles and checks a table.
#include "eval/table.h"

#include <sys/mman.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <functional>
#include <stdexcept>

#include "eval/compare.h"

namespace fluxi {

const char* colTypeName(ColType t) {
    switch (t) {
        case ColType::Bool: return "bool";
        case ColType::Int: return "int";
        case ColType::UInt: return "uint";
        case ColType::Float: return "float";
        case ColType::String: return "string";
        case ColType::Time: return "time";
    }
    return "?";
}

Kind colTypeKind(ColType t) {
    switch (t) {
        case ColType::Bool: return Kind::Bool;
        case ColType::Int: return Kind::Int;
        case ColType::UInt: return Kind::UInt;
        case ColType::Float: return Kind::Float;
        case ColType::String: return Kind::String;
        case ColType::Time: return Kind::Time;
    }
    return Kind::Null;
}

bool kindToColType(Kind k, ColType& out) {
    switch (k) {
        case Kind::Bool: out = ColType::Bool; return true;
        case Kind::Int: out = ColType::Int; return true;
        case Kind::UInt: out = ColType::UInt; return true;
        case Kind::Float: out = ColType::Float; return true;
        case Kind::String: out = ColType::String; return true;
        case Kind::Time: out = ColType::Time; return true;
        default: return false;
    }
}

// ---------------------------------------------------------------------------------------------
// Column

Value Column::get(size_t row) const {
    if (!isValid(row)) return Value::null();
    switch (type_) {
        case ColType::Bool: return Value::boolean(bools_[row] != 0);
        case ColType::Int: return Value::integer(ints_[row]);
        case ColType::UInt: return Value::uinteger(uints_[row]);
        case ColType::Float: return Value::floating(floats_[row]);
        case ColType::String: return Value::string(strings_[row]);
        case ColType::Time: return Value::time(ints_[row]);
    }
    return Value::null();
}

size_t Column::bufferBytes() const {
    return validity_.capacity() * sizeof(uint64_t) + ints_.capacity() * sizeof(int64_t) +
           uints_.capacity() * sizeof(uint64_t) + floats_.capacity() * sizeof(double) + bools_.capacity() +
           strings_.capacity() * sizeof(StrRef);
}

void Column::account() {
    charge_.set(bufferBytes(), "building a table");
    limits::check("building a table");
}

Column::Column(const Column& o)
    : type_(o.type_), size_(o.size_), nulls_(o.nulls_), validity_(o.validity_), ints_(o.ints_), uints_(o.uints_),
      floats_(o.floats_), bools_(o.bools_), strings_(o.strings_) {
    charge_.set(bufferBytes(), "copying a column");
}

// A large buffer about to be filled is backed by transparent huge pages where the system allows
// them (`madvise` mode): filling it then takes one page fault per 2 MiB instead of one per 4 KiB,
// which is most of the cost of building a big column on a virtual machine. Only the whole 2 MiB
// pages inside the buffer are advised; the contents are unaffected.
static void adviseHugePages(const void* p, size_t bytes) {
    constexpr uintptr_t kHugePage = uintptr_t{2} << 20;
    if (bytes < 2 * kHugePage) return;
    const uintptr_t begin = (reinterpret_cast<uintptr_t>(p) + kHugePage - 1) & ~(kHugePage - 1);
    const uintptr_t end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kHugePage - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

void Column::reserve(size_t n) {
    if (n > size_ && limits::current()) {
        // Charge before allocating: a huge reservation fails as a memory limit, not std::bad_alloc.
        size_t per = type_ == ColType::Bool ? 1 : type_ == ColType::String ? sizeof(StrRef) : 8;
        size_t want = n > (SIZE_MAX / 16) ? SIZE_MAX / 2 : n * per + (validity_.empty() ? 0 : (n + 63) / 64 * 8);
        charge_.set(std::max(want, bufferBytes()), "building a table");
    }
    switch (type_) {
        case ColType::Bool: bools_.reserve(n); break;
        case ColType::Int:
        case ColType::Time:
            ints_.reserve(n);
            adviseHugePages(ints_.data(), ints_.capacity() * sizeof(int64_t));
            break;
        case ColType::UInt:
            uints_.reserve(n);
            adviseHugePages(uints_.data(), uints_.capacity() * sizeof(uint64_t));
            break;
        case ColType::Float:
            floats_.reserve(n);
            adviseHugePages(floats_.data(), floats_.capacity() * sizeof(double));
            break;
        case ColType::String: strings_.reserve(n); break;
    }
    if (!validity_.empty()) validity_.reserve((n + 63) / 64);
    if (limits::current()) charge_.set(bufferBytes(), "building a table");
}

// Records that the row being appended (index size_) is valid. Only touches the bitmap once a null
// has been seen.
void Column::markValid() {
    if (validity_.empty()) return;
    size_t w = size_ >> 6;
    if (w >= validity_.size()) validity_.push_back(0);
    validity_[w] |= uint64_t{1} << (size_ & 63);
}

void Column::appendNull() {
    if (validity_.empty()) {
        // First null: every earlier row is valid.
        validity_.assign((size_ >> 6) + 1, 0);
        for (size_t w = 0; w < (size_ >> 6); w++) validity_[w] = ~uint64_t{0};
        if (size_ & 63) validity_[size_ >> 6] = (uint64_t{1} << (size_ & 63)) - 1;
    } else {
        size_t w = size_ >> 6;
        if (w >= validity_.size()) validity_.push_back(0);
        validity_[w] &= ~(uint64_t{1} << (size_ & 63));
    }
    switch (type_) {
        case ColType::Bool: bools_.push_back(0); break;
        case ColType::Int:
        case ColType::Time: ints_.push_back(0); break;
        case ColType::UInt: uints_.push_back(0); break;
        case ColType::Float: floats_.push_back(0); break;
        case ColType::String: strings_.emplace_back(); break;
    }
    nulls_++;
    rowAppended();
}

void Column::appendBool(bool b) {
    markValid();
    bools_.push_back(b ? 1 : 0);
    rowAppended();
}

void Column::appendInt(int64_t i) {
    markValid();
    ints_.push_back(i);
    rowAppended();
}

void Column::appendUInt(uint64_t u) {
    markValid();
    uints_.push_back(u);
    rowAppended();
}

void Column::appendFloat(double f) {
    markValid();
    floats_.push_back(f);
    rowAppended();
}

void Column::appendString(StrRef s) {
    if (!s) {  // a missing string object is a null cell
        appendNull();
        return;
    }
    markValid();
    strings_.push_back(std::move(s));
    rowAppended();
}

void Column::appendInts(const int64_t* v, size_t n) {
    if (!validity_.empty()) {
        for (size_t i = 0; i < n; i++) appendInt(v[i]);
        return;
    }
    ints_.insert(ints_.end(), v, v + n);
    rowsAppended(n);
}

void Column::appendUInts(const uint64_t* v, size_t n) {
    if (!validity_.empty()) {
        for (size_t i = 0; i < n; i++) appendUInt(v[i]);
        return;
    }
    uints_.insert(uints_.end(), v, v + n);
    rowsAppended(n);
}

void Column::appendFloats(const double* v, size_t n) {
    if (!validity_.empty()) {
        for (size_t i = 0; i < n; i++) appendFloat(v[i]);
        return;
    }
    floats_.insert(floats_.end(), v, v + n);
    rowsAppended(n);
}

void Column::appendStrings(const StrRef* v, size_t n) {
    if (!validity_.empty()) {
        for (size_t i = 0; i < n; i++) appendString(v[i]);
        return;
    }
    strings_.reserve(strings_.size() + n);
    for (size_t i = 0; i < n;) {
        StringObj* p = v[i].get();
        size_t j = i + 1;
        while (j < n && v[j].get() == p) j++;
        // One reference-count update per run of one string object (tag columns repeat one string).
        p->refs.fetch_add(static_cast<uint32_t>(j - i), std::memory_order_relaxed);
        for (size_t k = i; k < j; k++) strings_.push_back(StrRef::adopt(p));
        i = j;
    }
    size_ += n;
}

void Column::appendString(std::string_view s) { appendString(make<StringObj>(std::string(s))); }

bool Column::appendValue(const Value& v) {
    if (v.isNull()) {
        appendNull();
        return true;
    }
    if (v.kind() != colTypeKind(type_)) return false;
    switch (type_) {
        case ColType::Bool: appendBool(v.asBool()); break;
        case ColType::Int: appendInt(v.asInt()); break;
        case ColType::Time: appendInt(v.asTime()); break;
        case ColType::UInt: appendUInt(v.asUInt()); break;
        case ColType::Float: appendFloat(v.asFloat()); break;
        case ColType::String: appendString(v.asStrRef()); break;
    }
    return true;
}

void Column::appendFrom(const Column& src, size_t row) {
    if (src.type_ != type_)
        throw std::logic_error(std::string("Column::appendFrom: cannot append a ") + colTypeName(src.type_) +
                               " cell to a " + colTypeName(type_) + " column");
    if (src.isNull(row)) {
        appendNull();
        return;
    }
    switch (type_) {
        case ColType::Bool: appendBool(src.bools_[row] != 0); break;
        case ColType::Int:
        case ColType::Time: appendInt(src.ints_[row]); break;
        case ColType::UInt: appendUInt(src.uints_[row]); break;
        case ColType::Float: appendFloat(src.floats_[row]); break;
        case ColType::String: appendString(src.strings_[row]); break;
    }
}

Column::~Column() {
    size_t n = strings_.size();
    for (size_t i = 0; i < n;) {
        StringObj* p = strings_[i].get();
        size_t j = i + 1;
        while (j < n && strings_[j].get() == p) j++;
        if (p && j - i > 1) {
            // Drop all but one of the run's references at once; the vector releases the last one.
            p->refs.fetch_sub(static_cast<uint32_t>(j - i - 1), std::memory_order_acq_rel);
            for (size_t k = i + 1; k < j; k++) strings_[k].detach();
        }
        i = j;
    }
}

bool Column::appendRepeated(const Value& v, size_t n) {
    if (n == 0) return v.isNull() || v.kind() == colTypeKind(type_);
    if (v.isNull()) {
        for (size_t i = 0; i < n; i++) appendNull();
        return true;
    }
    if (v.kind() != colTypeKind(type_)) return false;
    if (!validity_.empty()) {
        for (size_t i = 0; i < n; i++) appendValue(v);
        return true;
    }
    switch (type_) {
        case ColType::Bool: bools_.insert(bools_.end(), n, v.asBool() ? 1 : 0); break;
        case ColType::Int:
        case ColType::Time: ints_.insert(ints_.end(), n, v.asInt()); break;
        case ColType::UInt: uints_.insert(uints_.end(), n, v.asUInt()); break;
        case ColType::Float: floats_.insert(floats_.end(), n, v.asFloat()); break;
        case ColType::String: {
            StringObj* p = v.asStrRef().get();
            p->refs.fetch_add(static_cast<uint32_t>(n), std::memory_order_relaxed);
            strings_.reserve(strings_.size() + n);
            for (size_t i = 0; i < n; i++) strings_.push_back(StrRef::adopt(p));
            break;
        }
    }
    rowsAppended(n);
    return true;
}

// ---------------------------------------------------------------------------------------------
// GroupKey

int GroupKey::indexOf(std::string_view name) const {
    for (size_t i = 0; i < cols.size(); i++)
        if (cols[i].name == name) return static_cast<int>(i);
    return -1;
}

bool GroupKey::equals(const GroupKey& o) const {
    if (cols.size() != o.cols.size()) return false;
    for (size_t i = 0; i < cols.size(); i++) {
        // Fast path: same position (keys built from the same schema).
        size_t j = i;
        if (o.cols[i].name != cols[i].name) {
            int k = o.indexOf(cols[i].name);
            if (k < 0) return false;
            j = static_cast<size_t>(k);
        }
        if (o.cols[j].type != cols[i].type) return false;
        if (!valuesEqual(values[i], o.values[j])) return false;
    }
    return true;
}

namespace {

uint64_t mix(uint64_t h) {
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

uint64_t hashValue(const Value& v) {
    switch (v.kind()) {
        case Kind::Null: return 0x9e3779b97f4a7c15ULL;
        case Kind::Bool: return v.asBool() ? 3 : 5;
        case Kind::Int:
        case Kind::Time: return static_cast<uint64_t>(v.asInt());
        case Kind::UInt: return v.asUInt();
        case Kind::Float: {
            double f = v.asFloat();
            if (f == 0) f = 0;  // -0.0 == 0.0
            return std::bit_cast<uint64_t>(f);
        }
        case Kind::String: return std::hash<std::string_view>{}(v.asString());
        default: return static_cast<uint64_t>(v.kind());
    }
}

}  // namespace

size_t GroupKey::hash() const {
    // Order-independent (equals ignores column order): a sum of per-column hashes.
    uint64_t h = cols.size();
    for (size_t i = 0; i < cols.size(); i++) {
        uint64_t c = std::hash<std::string_view>{}(cols[i].name) * 31 + static_cast<uint64_t>(cols[i].type);
        h += mix(c ^ mix(hashValue(values[i])));
    }
    return static_cast<size_t>(h);
}

bool GroupKey::less(const GroupKey& o) const {
    // Compare the keys as if their columns were sorted by name, so the order agrees with equals().
    auto sortedIdx = [](const GroupKey& k) {
        std::vector<size_t> idx(k.cols.size());
        for (size_t i = 0; i < idx.size(); i++) idx[i] = i;
        std::sort(idx.begin(), idx.end(), [&](size_t a, size_t b) { return k.cols[a].name < k.cols[b].name; });
        return idx;
    };
    std::vector<size_t> a = sortedIdx(*this), b = sortedIdx(o);
    size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; i++) {
        int c = cols[a[i]].name.compare(o.cols[b[i]].name);
        if (c != 0) return c < 0;
    }
    if (a.size() != b.size()) return a.size() < b.size();
    for (size_t i = 0; i < n; i++) {
        if (cols[a[i]].type != o.cols[b[i]].type) return cols[a[i]].type < o.cols[b[i]].type;
        int c = totalOrder(values[a[i]], o.values[b[i]]);
        if (c != 0) return c < 0;
    }
    return false;
}

// ---------------------------------------------------------------------------------------------
// Table

int Table::columnIndex(std::string_view name) const {
    for (size_t i = 0; i < meta.size(); i++)
        if (meta[i].name == name) return static_cast<int>(i);
    return -1;
}

// ---------------------------------------------------------------------------------------------
// TableBuilder

int TableBuilder::addColumn(std::string name, ColType type) {
    if (columnIndex(name) >= 0) throw std::runtime_error("duplicate column \"" + name + "\" in table");
    names_.push_back({std::move(name), type});
    mut_.push_back(std::make_shared<Column>(type));
    shared_.emplace_back();
    return static_cast<int>(names_.size() - 1);
}

int TableBuilder::addColumn(std::string name, ColumnPtr data) {
    if (!data) throw std::logic_error("TableBuilder::addColumn: null column data for \"" + name + "\"");
    if (columnIndex(name) >= 0) throw std::runtime_error("duplicate column \"" + name + "\" in table");
    names_.push_back({std::move(name), data->type()});
    mut_.emplace_back();
    shared_.push_back(std::move(data));
    return static_cast<int>(names_.size() - 1);
}

int TableBuilder::columnIndex(std::string_view name) const {
    for (size_t i = 0; i < names_.size(); i++)
        if (names_[i].name == name) return static_cast<int>(i);
    return -1;
}

Column& TableBuilder::column(size_t i) {
    if (!mut_[i]) {
        mut_[i] = std::make_shared<Column>(*shared_[i]);
        shared_[i].reset();
    }
    return *mut_[i];
}

void Table::noteSize() {
    size_t bytes = sizeof(Table) + 64 /* shared_ptr control block */ +
                   meta.capacity() * (sizeof(ColumnMeta) + 16) + cols.capacity() * sizeof(ColumnPtr) +
                   key.cols.capacity() * (sizeof(ColumnMeta) + 16) + key.values.capacity() * sizeof(Value);
    if (bytes > notedBytes_) limits::noteAllocated(bytes - notedBytes_, "building tables");
    notedBytes_ = std::max(bytes, notedBytes_);
}

TablePtr TableBuilder::finish() {
    auto t = std::make_shared<Table>();
    size_t n = names_.size();
    t->cols.reserve(n);
    for (size_t i = 0; i < n; i++) t->cols.push_back(mut_[i] ? ColumnPtr(mut_[i]) : shared_[i]);
    t->nrows = n ? t->cols[0]->size() : 0;
    for (size_t i = 1; i < n; i++) {
        if (t->cols[i]->size() != t->nrows)
            throw std::runtime_error("table columns differ in length: \"" + names_[0].name + "\" has " +
                                     std::to_string(t->nrows) + " rows but \"" + names_[i].name + "\" has " +
                                     std::to_string(t->cols[i]->size()));
    }
    if (key_.values.size() != key_.cols.size())
        throw std::runtime_error("group key has " + std::to_string(key_.cols.size()) + " columns but " +
                                 std::to_string(key_.values.size()) + " values");
    // Check the key columns and put them in table column order.
    std::vector<std::pair<size_t, size_t>> order;  // (table column index, key index)
    order.reserve(key_.cols.size());
    for (size_t k = 0; k < key_.cols.size(); k++) {
        const ColumnMeta& kc = key_.cols[k];
        int c = columnIndex(kc.name);
        if (c < 0) throw std::runtime_error("group key column \"" + kc.name + "\" is not a column of the table");
        if (names_[c].type != kc.type)
            throw std::runtime_error("group key column \"" + kc.name + "\" has type " + colTypeName(kc.type) +
                                     " but the table column has type " + colTypeName(names_[c].type));
        const Value& v = key_.values[k];
        if (!v.isNull() && v.kind() != colTypeKind(kc.type))
            throw std::runtime_error("group key value for \"" + kc.name + "\" is a " + kindName(v.kind()) +
                                     ", expected " + colTypeName(kc.type));
        order.emplace_back(static_cast<size_t>(c), k);
    }
    bool sorted = std::is_sorted(order.begin(), order.end());
    if (!sorted) std::sort(order.begin(), order.end());
    for (size_t i = 1; i < order.size(); i++)
        if (order[i].first == order[i - 1].first)
            throw std::runtime_error("group key lists column \"" + key_.cols[order[i].second].name + "\" twice");
    if (!sorted) {
        GroupKey k;
        k.cols.reserve(order.size());
        k.values.reserve(order.size());
        for (auto& [c, idx] : order) {
            k.cols.push_back(std::move(key_.cols[idx]));
            k.values.push_back(std::move(key_.values[idx]));
        }
        key_ = std::move(k);
    }
    t->meta = std::move(names_);
    t->key = std::move(key_);
    names_.clear();
    mut_.clear();
    shared_.clear();
    key_ = GroupKey{};
    t->noteSize();
    return t;
}

}  // namespace fluxi
