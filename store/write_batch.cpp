// Staging of points in memory (WriteBatch, see store.h): series are interned by key so each point
// costs one hash lookup and a 24-byte record; string values go to one arena.
#include <algorithm>

#include "store/write_batch_impl.h"

namespace fluxi::store {

const char* valueTypeName(ValueType t) {
    switch (t) {
        case ValueType::Float: return "float";
        case ValueType::Int: return "integer";
        case ValueType::UInt: return "unsigned";
        case ValueType::String: return "string";
        case ValueType::Bool: return "boolean";
    }
    return "?";
}

WriteBatch::WriteBatch() : impl_(std::make_unique<Impl>()) {}
WriteBatch::~WriteBatch() = default;
WriteBatch::WriteBatch(WriteBatch&&) noexcept = default;
WriteBatch& WriteBatch::operator=(WriteBatch&&) noexcept = default;

size_t WriteBatch::size() const { return impl_->points.size(); }
size_t WriteBatch::seriesCount() const { return impl_->series.size(); }

void WriteBatch::clear() {
    auto& m = *impl_;
    m.series.clear();
    m.points.clear();
    m.strings.clear();
    m.index.clear();
    m.inPoint = false;
}

void WriteBatch::setSourceLine(size_t line) { impl_->sourceLine = line; }

void WriteBatch::beginPoint(std::string_view bucket, std::string_view measurement, std::span<const TagView> tags) {
    auto& m = *impl_;
    m.inPoint = false;
    if (bucket.empty()) throw StoreError("empty bucket name");
    if (measurement.empty()) throw StoreError("empty measurement name");
    m.sortBuf.clear();
    for (const TagView& t : tags) {
        if (t.key.empty()) throw StoreError("empty tag key");
        if (!t.value.empty()) m.sortBuf.push_back(t);
    }
    if (m.sortBuf.size() > 1) {
        std::sort(m.sortBuf.begin(), m.sortBuf.end(),
                  [](const TagView& a, const TagView& b) { return a.key < b.key; });
        for (size_t i = 1; i < m.sortBuf.size(); i++)
            if (m.sortBuf[i].key == m.sortBuf[i - 1].key)
                throw StoreError("duplicate tag key \"" + std::string(m.sortBuf[i].key) + "\"");
    }
    m.bucket.assign(bucket);
    m.measurement.assign(measurement);
    if (m.tags.size() < m.sortBuf.size()) m.tags.resize(m.sortBuf.size());
    m.ntags = m.sortBuf.size();
    m.prefix.clear();
    appendKeyPart(m.prefix, bucket);
    appendKeyPart(m.prefix, measurement);
    m.prefix.push_back(static_cast<char>(std::min<size_t>(m.ntags, 255)));
    for (size_t i = 0; i < m.ntags; i++) {
        m.tags[i].key.assign(m.sortBuf[i].key);
        m.tags[i].value.assign(m.sortBuf[i].value);
        appendKeyPart(m.prefix, m.sortBuf[i].key);
        appendKeyPart(m.prefix, m.sortBuf[i].value);
    }
    m.inPoint = true;
}

uint32_t WriteBatch::Impl::seriesFor(std::string_view field, ValueType type) {
    if (!inPoint) throw StoreError("internal error: field added before beginPoint");
    if (field.empty()) throw StoreError("empty field name");
    keyBuf.assign(prefix);
    appendKeyPart(keyBuf, field);
    auto it = index.find(std::string_view(keyBuf));
    if (it != index.end()) {
        const Series& s = series[it->second];
        if (s.type != type)
            throw StoreError("field type conflict: field \"" + s.field + "\" of measurement \"" + s.measurement +
                             "\" is " + valueTypeName(s.type) + " earlier in this batch, got " +
                             valueTypeName(type));
        return it->second;
    }
    if (series.size() >= UINT32_MAX) throw StoreError("too many series in one batch");
    Series s;
    s.key = keyBuf;
    s.bucket = bucket;
    s.measurement = measurement;
    s.tags.assign(tags.begin(), tags.begin() + static_cast<std::ptrdiff_t>(ntags));
    s.field.assign(field);
    s.type = type;
    s.sourceLine = sourceLine;
    auto idx = static_cast<uint32_t>(series.size());
    series.push_back(std::move(s));
    index.emplace(keyBuf, idx);
    return idx;
}

void WriteBatch::addFloat(std::string_view field, int64_t time, double v) {
    Impl::Point p{impl_->seriesFor(field, ValueType::Float), 0, time, {}};
    p.v.f = v;
    impl_->points.push_back(p);
}
void WriteBatch::addInt(std::string_view field, int64_t time, int64_t v) {
    Impl::Point p{impl_->seriesFor(field, ValueType::Int), 0, time, {}};
    p.v.i = v;
    impl_->points.push_back(p);
}
void WriteBatch::addUInt(std::string_view field, int64_t time, uint64_t v) {
    Impl::Point p{impl_->seriesFor(field, ValueType::UInt), 0, time, {}};
    p.v.u = v;
    impl_->points.push_back(p);
}
void WriteBatch::addBool(std::string_view field, int64_t time, bool v) {
    Impl::Point p{impl_->seriesFor(field, ValueType::Bool), 0, time, {}};
    p.v.i = v ? 1 : 0;
    impl_->points.push_back(p);
}
void WriteBatch::addString(std::string_view field, int64_t time, std::string_view v) {
    if (v.size() > UINT32_MAX) throw StoreError("string value too long");
    Impl::Point p{impl_->seriesFor(field, ValueType::String), static_cast<uint32_t>(v.size()), time, {}};
    p.v.u = impl_->strings.size();
    impl_->strings.append(v);
    impl_->points.push_back(p);
}

void WriteBatch::append(const WriteBatch& other) {
    auto& m = *impl_;
    const auto& o = *other.impl_;
    std::vector<uint32_t> remap(o.series.size());
    for (size_t i = 0; i < o.series.size(); i++) {
        const auto& s = o.series[i];
        auto it = m.index.find(std::string_view(s.key));
        if (it != m.index.end()) {
            if (m.series[it->second].type != s.type)
                throw StoreError("field type conflict: field \"" + s.field + "\" of measurement \"" + s.measurement +
                                 "\" is " + valueTypeName(m.series[it->second].type) + ", got " +
                                 valueTypeName(s.type));
            remap[i] = it->second;
        } else {
            remap[i] = static_cast<uint32_t>(m.series.size());
            m.series.push_back(s);
            m.index.emplace(s.key, remap[i]);
        }
    }
    size_t strBase = m.strings.size();
    m.strings.append(o.strings);
    m.points.reserve(m.points.size() + o.points.size());
    for (Impl::Point p : o.points) {
        if (o.series[p.series].type == ValueType::String) p.v.u += strBase;
        p.series = remap[p.series];
        m.points.push_back(p);
    }
}

void SeriesColumns::clear() {
    times.clear();
    floats.clear();
    ints.clear();
    uints.clear();
    strings.clear();
    bools.clear();
}

const std::string* SeriesInfo::tag(std::string_view key) const {
    for (const Tag& t : tags)
        if (t.key == key) return &t.value;
    return nullptr;
}

}  // namespace fluxi::store
