// Hashing and equality of cells and rows (see row_hash.h).
#include "eval/kernels/row_hash.h"

#include <cmath>
#include <functional>
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

bool cellsEqual(const Column& col, size_t a, size_t b) {
    bool na = col.isNull(a), nb = col.isNull(b);
    if (na || nb) return na && nb;
    switch (col.type()) {
        case ColType::Int:
        case ColType::Time: return col.ints()[a] == col.ints()[b];
        case ColType::UInt: return col.uints()[a] == col.uints()[b];
        case ColType::Float: {
            double x = col.floats()[a], y = col.floats()[b];
            return x == y || (std::isnan(x) && std::isnan(y));
        }
        case ColType::Bool: return col.bools()[a] == col.bools()[b];
        case ColType::String: {
            const StrRef& x = col.strings()[a];
            const StrRef& y = col.strings()[b];
            return x.get() == y.get() || x->s == y->s;
        }
    }
    return false;
}

Partition partitionRows(const Table& t, const std::vector<size_t>& cols) {
    Partition p;
    std::unordered_multimap<uint64_t, uint32_t> byHash;  // hash -> group
    uint32_t lastGroup = UINT32_MAX;
    for (size_t r = 0; r < t.nrows; r++) {
        // Fast path: same values as the previous row's group.
        if (lastGroup != UINT32_MAX) {
            bool same = true;
            for (size_t c : cols) same = same && cellsEqual(t.column(c), r, p.first[lastGroup]);
            if (same) {
                p.groups[lastGroup].push_back(static_cast<uint32_t>(r));
                continue;
            }
        }
        uint64_t h = cols.size();
        for (size_t c : cols) h = (h * 1000003u) ^ cellHash(t.column(c), r);
        uint32_t g = UINT32_MAX;
        auto range = byHash.equal_range(h);
        for (auto it = range.first; it != range.second && g == UINT32_MAX; ++it) {
            bool same = true;
            for (size_t c : cols) same = same && cellsEqual(t.column(c), r, p.first[it->second]);
            if (same) g = it->second;
        }
        if (g == UINT32_MAX) {
            g = static_cast<uint32_t>(p.groups.size());
            byHash.emplace(h, g);
            p.groups.emplace_back();
            p.first.push_back(static_cast<uint32_t>(r));
        }
        p.groups[g].push_back(static_cast<uint32_t>(r));
        lastGroup = g;
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
