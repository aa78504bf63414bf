// Column kernels (see column_ops.h).
#include "eval/kernels/column_ops.h"

#include <stdexcept>
#include <string>

#include "eval/compare.h"

namespace fluxi::tableops {

namespace {

void requireSameType(const Column& dst, const Column& src) {
    if (dst.type() != src.type())
        throw std::logic_error(std::string("cannot copy a ") + colTypeName(src.type()) + " column into a " +
                               colTypeName(dst.type()) + " column");
}

// Calls append(row) for each row, with the null test hoisted when the source has no nulls.
template <class Rows, class Append>
void copyCells(Column& dst, const Column& src, const Rows& rows, size_t n, Append append) {
    if (src.nullCount() == 0) {
        for (size_t i = 0; i < n; i++) append(rows(i));
    } else {
        for (size_t i = 0; i < n; i++) {
            size_t r = rows(i);
            if (src.isValid(r))
                append(r);
            else
                dst.appendNull();
        }
    }
}

template <class Rows>
void copyRows(Column& dst, const Column& src, const Rows& rows, size_t n) {
    requireSameType(dst, src);
    dst.reserve(dst.size() + n);
    switch (src.type()) {
        case ColType::Bool: {
            const uint8_t* v = src.bools();
            copyCells(dst, src, rows, n, [&](size_t r) { dst.appendBool(v[r] != 0); });
            break;
        }
        case ColType::Int:
        case ColType::Time: {
            const int64_t* v = src.ints();
            copyCells(dst, src, rows, n, [&](size_t r) { dst.appendInt(v[r]); });
            break;
        }
        case ColType::UInt: {
            const uint64_t* v = src.uints();
            copyCells(dst, src, rows, n, [&](size_t r) { dst.appendUInt(v[r]); });
            break;
        }
        case ColType::Float: {
            const double* v = src.floats();
            copyCells(dst, src, rows, n, [&](size_t r) { dst.appendFloat(v[r]); });
            break;
        }
        case ColType::String: {
            const StrRef* v = src.strings();
            copyCells(dst, src, rows, n, [&](size_t r) { dst.appendString(v[r]); });
            break;
        }
    }
}

}  // namespace

void appendRange(Column& dst, const Column& src, size_t b, size_t e) {
    if (src.nullCount() == 0 && dst.type() == src.type()) {
        // Whole runs of numbers copy as one block.
        if (src.type() == ColType::Int || src.type() == ColType::Time) return dst.appendInts(src.ints() + b, e - b);
        if (src.type() == ColType::Float) return dst.appendFloats(src.floats() + b, e - b);
        if (src.type() == ColType::UInt) return dst.appendUInts(src.uints() + b, e - b);
        if (src.type() == ColType::String) return dst.appendStrings(src.strings() + b, e - b);
    }
    copyRows(dst, src, [b](size_t i) { return b + i; }, e - b);
}

void appendRows(Column& dst, const Column& src, const uint32_t* idx, size_t n) {
    copyRows(dst, src, [idx](size_t i) { return static_cast<size_t>(idx[i]); }, n);
}

void appendRowsOrNull(Column& dst, const Column& src, const uint32_t* idx, size_t n) {
    requireSameType(dst, src);
    dst.reserve(dst.size() + n);
    for (size_t i = 0; i < n; i++) {
        if (idx[i] == kNullRow)
            dst.appendNull();
        else
            dst.appendFrom(src, idx[i]);
    }
}

ColumnPtr gatherColumn(const Column& src, const uint32_t* idx, size_t n) {
    auto c = std::make_shared<Column>(src.type());
    appendRows(*c, src, idx, n);
    return c;
}

ColumnPtr gatherFromMany(ColType t, const std::vector<const Column*>& srcs, const uint64_t* cells, size_t n) {
    auto c = std::make_shared<Column>(t);
    c->reserve(n);
    bool nulls = false;
    for (const Column* s : srcs)
        if (s) {
            requireSameType(*c, *s);
            nulls = nulls || s->nullCount() > 0;
        }
    for (size_t i = 0; i < n && !nulls; i++) nulls = cells[i] == kNoCell;
    auto each = [&](auto append) {
        for (size_t i = 0; i < n; i++) {
            uint64_t ref = cells[i];
            if (nulls) {
                if (ref == kNoCell || srcs[ref >> 32]->isNull(ref & 0xffffffffu)) {
                    c->appendNull();
                    continue;
                }
            }
            append(*srcs[ref >> 32], static_cast<size_t>(ref & 0xffffffffu));
        }
    };
    switch (t) {
        case ColType::Bool: each([&](const Column& s, size_t r) { c->appendBool(s.bools()[r] != 0); }); break;
        case ColType::Int:
        case ColType::Time: each([&](const Column& s, size_t r) { c->appendInt(s.ints()[r]); }); break;
        case ColType::UInt: each([&](const Column& s, size_t r) { c->appendUInt(s.uints()[r]); }); break;
        case ColType::Float: each([&](const Column& s, size_t r) { c->appendFloat(s.floats()[r]); }); break;
        case ColType::String: each([&](const Column& s, size_t r) { c->appendString(s.strings()[r]); }); break;
    }
    return c;
}

ColumnPtr concatColumns(ColType t, const std::vector<const Column*>& srcs, const std::vector<const Selection*>& sels,
                        const std::vector<size_t>& counts) {
    auto c = std::make_shared<Column>(t);
    size_t total = 0;
    for (size_t n : counts) total += n;
    c->reserve(total);
    for (size_t k = 0; k < srcs.size(); k++) {
        if (!srcs[k]) {
            c->appendRepeated(Value::null(), counts[k]);
        } else if (sels[k]) {
            appendRows(*c, *srcs[k], sels[k]->data(), sels[k]->size());
        } else {
            appendRange(*c, *srcs[k], 0, counts[k]);
        }
    }
    return c;
}

ColumnPtr sliceColumn(const Column& src, size_t b, size_t e) {
    if (b == 0 && e == src.size()) return std::make_shared<Column>(src);
    auto c = std::make_shared<Column>(src.type());
    appendRange(*c, src, b, e);
    return c;
}

ColumnPtr sliceColumn(const ColumnPtr& src, size_t b, size_t e) {
    if (b == 0 && e == src->size()) return src;
    return sliceColumn(*src, b, e);
}

bool allCellsEqual(const Column& c, const Value& v) {
    const size_t n = c.size();
    if (v.isNull()) return c.nullCount() == n;
    if (c.nullCount() > 0) return false;
    switch (c.type()) {
        case ColType::Int:
        case ColType::Time: {
            if (!(v.is(Kind::Int) || v.is(Kind::Time)) || (c.type() == ColType::Time) != v.is(Kind::Time)) break;
            const int64_t k = v.is(Kind::Time) ? v.asTime() : v.asInt();
            const int64_t* d = c.ints();
            for (size_t i = 0; i < n; i++)
                if (d[i] != k) return false;
            return true;
        }
        case ColType::Float: {
            if (!v.is(Kind::Float)) break;
            const double k = v.asFloat();
            const double* d = c.floats();
            for (size_t i = 0; i < n; i++)
                if (!(d[i] == k)) return false;
            return true;
        }
        case ColType::String: {
            if (!v.is(Kind::String)) break;
            const StringObj* k = v.asStrRef().get();
            const StrRef* d = c.strings();
            for (size_t i = 0; i < n; i++)
                if (d[i].get() != k && d[i]->s != k->s) return false;
            return true;
        }
        default: break;
    }
    for (size_t i = 0; i < n; i++)
        if (!valuesEqual(c.get(i), v)) return false;
    return true;
}

ColumnPtr constantColumn(ColType t, const Value& v, size_t n) {
    auto c = std::make_shared<Column>(t);
    c->reserve(n);
    if (c->appendRepeated(v, n)) return c;
    // int and time columns both hold int64 nanoseconds/numbers: either kind of value fills either.
    const bool int64Column = t == ColType::Int || t == ColType::Time;
    if (int64Column && (v.kind() == Kind::Int || v.kind() == Kind::Time)) {
        Value same = t == ColType::Time ? Value::time(v.asInt()) : Value::integer(v.asInt());
        if (c->appendRepeated(same, n)) return c;
    }
    throw std::logic_error(std::string("cannot fill a ") + colTypeName(t) + " column with a " + kindName(v.kind()));
}

ColumnPtr RepeatCache::get(ColType t, const Value& v, size_t n) {
    for (auto& e : entries_)
        if (e.type == t && e.n == n && e.value.kind() == v.kind() && valuesEqual(e.value, v)) return e.col;
    ColumnPtr c = constantColumn(t, v, n);
    constexpr size_t kKeep = 16;
    if (entries_.size() < kKeep) {
        entries_.push_back({t, v, n, c});
    } else {
        entries_[next_] = {t, v, n, c};
        next_ = (next_ + 1) % kKeep;
    }
    return c;
}

}  // namespace fluxi::tableops
