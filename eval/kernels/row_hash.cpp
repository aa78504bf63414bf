// Hashing and equality of cells and rows (see row_hash.h).
#include "eval/kernels/row_hash.h"

#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace fluxi::tableops {

size_t hashCell(const Value& v) {
    switch (v.kind()) {
        case Kind::Null: return 0x9e3779b97f4a7c15ULL;
        case Kind::Bool: return v.asBool() ? 0x51ed27 : 0x2545f4;
        case Kind::Int:
        case Kind::Time: return std::hash<int64_t>{}(v.asInt()) * 31 + static_cast<size_t>(v.kind());
        case Kind::UInt: return std::hash<uint64_t>{}(v.asUInt());
        case Kind::Float: {
            double f = v.asFloat();
            if (f == 0) f = 0;  // -0.0 == 0.0
            return std::hash<double>{}(f);
        }
        case Kind::String: return std::hash<std::string_view>{}(v.asString());
        default: return static_cast<size_t>(v.kind());
    }
}

uint64_t cellHash(const Column& col, size_t r) {
    if (col.isNull(r)) return 0x9e3779b97f4a7c15ULL;
    switch (col.type()) {
        case ColType::Int:
        case ColType::Time: return std::hash<int64_t>{}(col.ints()[r]);
        case ColType::UInt: return std::hash<uint64_t>{}(col.uints()[r]);
        case ColType::Float: {
            double f = col.floats()[r];
            if (f == 0) f = 0;
            if (std::isnan(f)) return 0x7ff8;
            return std::hash<double>{}(f);
        }
        case ColType::Bool: return col.bools()[r] ? 3 : 5;
        case ColType::String: return std::hash<std::string_view>{}(col.strings()[r]->s);
    }
    return 0;
}

bool cellsEqual(const Column& col, size_t a, size_t b) { return cellsEqual(col, a, col, b); }

bool cellsEqual(const Column& ca, size_t a, const Column& cb, size_t b) {
    bool na = ca.isNull(a), nb = cb.isNull(b);
    if (na || nb) return na && nb;
    switch (ca.type()) {
        case ColType::Int:
        case ColType::Time: return ca.ints()[a] == cb.ints()[b];
        case ColType::UInt: return ca.uints()[a] == cb.uints()[b];
        case ColType::Float: {
            double x = ca.floats()[a], y = cb.floats()[b];
            return x == y || (std::isnan(x) && std::isnan(y));
        }
        case ColType::Bool: return ca.bools()[a] == cb.bools()[b];
        case ColType::String: {
            const StrRef& x = ca.strings()[a];
            const StrRef& y = cb.strings()[b];
            return x.get() == y.get() || x->s == y->s;
        }
    }
    return false;
}

namespace {

inline uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

// h[r] = h[r] * 1000003 ^ cellHash(col, r), with the type switch hoisted out of the loop.
void combineHashes(const Column& col, size_t n, uint64_t* h) {
    const bool nulls = col.nullCount() > 0;
    auto each = [&](auto cell) {
        for (size_t r = 0; r < n; r++) {
            uint64_t c = nulls && col.isNull(r) ? 0x9e3779b97f4a7c15ULL : cell(r);
            h[r] = (h[r] * 1000003u) ^ c;
        }
    };
    switch (col.type()) {
        case ColType::Int:
        case ColType::Time: {
            const int64_t* v = col.ints();
            each([v](size_t r) { return std::hash<int64_t>{}(v[r]); });
            return;
        }
        case ColType::Float:
        case ColType::String: each([&col](size_t r) { return cellHash(col, r); }); return;
        case ColType::UInt: {
            const uint64_t* v = col.uints();
            each([v](size_t r) { return std::hash<uint64_t>{}(v[r]); });
            return;
        }
        case ColType::Bool: {
            const uint8_t* v = col.bools();
            each([v](size_t r) -> uint64_t { return v[r] ? 3 : 5; });
            return;
        }
    }
}

bool rowsEqual(const std::vector<const Column*>& a, size_t ra, const std::vector<const Column*>& b, size_t rb) {
    for (size_t i = 0; i < a.size(); i++)
        if (!cellsEqual(*a[i], ra, *b[i], rb)) return false;
    return true;
}

}  // namespace

void tupleHashes(const std::vector<const Column*>& cols, size_t n, std::vector<uint64_t>& h) {
    h.assign(n, cols.size());
    for (const Column* c : cols) combineHashes(*c, n, h.data());
    for (size_t r = 0; r < n; r++) h[r] = mix(h[r]);
}

TupleIndex::TupleIndex(std::vector<ColType> types) : types_(std::move(types)) {
    for (ColType t : types_) keys_.push_back(std::make_shared<Column>(t));
    slots_.assign(64, 0);
    mask_ = 63;
}

void TupleIndex::grow() {
    slots_.assign(slots_.size() * 2, 0);
    mask_ = slots_.size() - 1;
    for (size_t id = 0; id < hashes_.size(); id++) {
        size_t i = hashes_[id] & mask_;
        while (slots_[i] != 0) i = (i + 1) & mask_;
        slots_[i] = static_cast<uint32_t>(id + 1);
    }
}

void TupleIndex::buildHashTable() {
    std::vector<const Column*> keys;
    for (auto& k : keys_) keys.push_back(k.get());
    tupleHashes(keys, count_, hashes_);
    size_t cap = 64;
    while (cap < 2 * count_ + 2) cap *= 2;
    slots_.assign(cap / 2, 0);  // grow() doubles it and inserts every id
    grow();
    hashed_ = true;
}

namespace {

// The number of leading rows of `cols` equal to the tuples 0, 1, ... of `keys`.
size_t matchingPrefix(const std::vector<const Column*>& keys, const std::vector<const Column*>& cols, size_t n) {
    size_t m = n;
    for (size_t k = 0; k < cols.size() && m > 0; k++) {
        const Column& a = *keys[k];
        const Column& b = *cols[k];
        size_t i = 0;
        if ((a.type() == ColType::Int || a.type() == ColType::Time) && a.nullCount() == 0 && b.nullCount() == 0) {
            const int64_t* x = a.ints();
            const int64_t* y = b.ints();
            while (i < m && x[i] == y[i]) i++;
        } else {
            while (i < m && cellsEqual(a, i, b, i)) i++;
        }
        m = i;
    }
    return m;
}

bool strictlyIncreasing(const Column& c, size_t n) {
    if (!(c.type() == ColType::Int || c.type() == ColType::Time) || c.nullCount() > 0) return false;
    const int64_t* v = c.ints();
    for (size_t i = 1; i < n; i++)
        if (v[i] <= v[i - 1]) return false;
    return true;
}

}  // namespace

void TupleIndex::assign(const std::vector<const Column*>& cols, size_t n, uint32_t* ids) {
    for (size_t i = 0; i < cols.size(); i++)
        if (cols[i]->type() != types_[i])
            throw std::logic_error(std::string("TupleIndex: a ") + colTypeName(cols[i]->type()) +
                                   " column where a " + colTypeName(types_[i]) + " column was expected");
    std::vector<const Column*> keys;
    for (auto& k : keys_) keys.push_back(k.get());
    if (n == 0) return;
    // Rows equal to the tuples held, in the same positions: ids are positions.
    size_t start = 0;
    if (count_ > 0 && !cols.empty()) {
        start = matchingPrefix(keys, cols, std::min(n, count_));
        for (size_t r = 0; r < start; r++) ids[r] = static_cast<uint32_t>(r);
        if (start == n) return;
    } else if (count_ == 0 && cols.size() == 1 && strictlyIncreasing(*cols[0], n)) {
        keys_[0]->reserve(n);
        appendRange(*keys_[0], *cols[0], 0, n);
        for (size_t r = 0; r < n; r++) ids[r] = static_cast<uint32_t>(r);
        count_ = n;
        hashed_ = false;
        return;
    }
    if (!hashed_) buildHashTable();
    std::vector<uint64_t> h;
    tupleHashes(cols, n, h);
    for (size_t r = start; r < n; r++) {
        // Fast path: the same tuple as the previous row (runs of one group).
        if (r > 0 && h[r] == h[r - 1] && rowsEqual(cols, r, cols, r - 1)) {
            ids[r] = ids[r - 1];
            continue;
        }
        size_t i = h[r] & mask_;
        uint32_t id = UINT32_MAX;
        while (slots_[i] != 0) {
            uint32_t cand = slots_[i] - 1;
            if (hashes_[cand] == h[r] && rowsEqual(keys, cand, cols, r)) {
                id = cand;
                break;
            }
            i = (i + 1) & mask_;
        }
        if (id == UINT32_MAX) {
            id = static_cast<uint32_t>(count_++);
            hashes_.push_back(h[r]);
            for (size_t k = 0; k < cols.size(); k++) keys_[k]->appendFrom(*cols[k], r);
            slots_[i] = id + 1;
            if (hashes_.size() * 2 > slots_.size()) grow();
        }
        ids[r] = id;
    }
}

Partition partitionRows(const Table& t, const std::vector<size_t>& cols) {
    Partition p;
    std::vector<const Column*> cs;
    std::vector<ColType> types;
    for (size_t c : cols) {
        cs.push_back(&t.column(c));
        types.push_back(t.column(c).type());
    }
    TupleIndex index(std::move(types));
    std::vector<uint32_t> ids(t.nrows);
    index.assign(cs, t.nrows, ids.data());
    p.groups.resize(index.size());
    p.first.assign(index.size(), UINT32_MAX);
    std::vector<uint32_t> counts(index.size(), 0);
    for (uint32_t id : ids) counts[id]++;
    for (size_t g = 0; g < index.size(); g++) p.groups[g].reserve(counts[g]);
    for (size_t r = 0; r < t.nrows; r++) {
        uint32_t g = ids[r];
        if (p.groups[g].empty()) p.first[g] = static_cast<uint32_t>(r);
        p.groups[g].push_back(static_cast<uint32_t>(r));
    }
    return p;
}

Selection firstOccurrences(const Column& col) {
    Selection sel;
    const size_t n = col.size();
    const bool nulls = col.nullCount() > 0;
    bool sawNull = false;
    auto null = [&](size_t r) {
        if (!nulls || !col.isNull(r)) return false;
        if (!sawNull) sel.push_back(static_cast<uint32_t>(r));
        sawNull = true;
        return true;
    };
    switch (col.type()) {
        case ColType::Int:
        case ColType::Time: {
            std::unordered_set<int64_t> seen;
            for (size_t r = 0; r < n; r++)
                if (!null(r) && seen.insert(col.ints()[r]).second) sel.push_back(static_cast<uint32_t>(r));
            break;
        }
        case ColType::UInt: {
            std::unordered_set<uint64_t> seen;
            for (size_t r = 0; r < n; r++)
                if (!null(r) && seen.insert(col.uints()[r]).second) sel.push_back(static_cast<uint32_t>(r));
            break;
        }
        case ColType::Float: {
            std::unordered_set<double> seen;
            for (size_t r = 0; r < n; r++) {
                if (null(r)) continue;
                double f = col.floats()[r];
                if (f == 0) f = 0;  // -0.0 and 0.0 are one value
                if (std::isnan(f) || seen.insert(f).second) sel.push_back(static_cast<uint32_t>(r));
            }
            break;
        }
        case ColType::Bool: {
            bool seen[2] = {false, false};
            for (size_t r = 0; r < n; r++) {
                if (null(r)) continue;
                int b = col.bools()[r] ? 1 : 0;
                if (!seen[b]) sel.push_back(static_cast<uint32_t>(r));
                seen[b] = true;
            }
            break;
        }
        case ColType::String: {
            std::unordered_set<std::string_view> seen;
            for (size_t r = 0; r < n; r++)
                if (!null(r) && seen.insert(col.strings()[r]->s).second) sel.push_back(static_cast<uint32_t>(r));
            break;
        }
    }
    return sel;
}

}  // namespace fluxi::tableops
