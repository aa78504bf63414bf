// Flux runtime values, the internal part: the composite objects (arrays, records, dicts, bytes) and
// their accessors. Value itself, its reference counting and strings are in include/fluxi/value.h
// (public: the embedding API hands values out).
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eval/limits_state.h"
#include "fluxi/value.h"

namespace fluxi {

// ---------------------------------------------------------------------------------------------
// Composite objects (immutable once built and shared).

// Its size is noted against the run's memory budget (eval/limits.h); code that fills `elems` after
// construction calls noteSize() when done.
struct ArrayObj final : HeapObject {
    std::vector<Value> elems;
    ArrayObj() = default;
    explicit ArrayObj(std::vector<Value> e) : elems(std::move(e)) { noteSize(); }
    ~ArrayObj() override { limits::noteFreed(noted_); }
    void noteSize() {
        size_t now = elems.capacity() * sizeof(Value);
        if (now > noted_) limits::noteAllocated(now - noted_, "building an array");
        else limits::noteFreed(noted_ - now);
        noted_ = now;
    }

private:
    size_t noted_ = 0;
};

// Records keep their fields in the order they were written (that is the order they print in).
// Their size is noted against the run's memory budget like arrays': code that fills `fields` after
// construction calls noteSize() when done.
struct RecordObj final : HeapObject {
    std::vector<std::pair<std::string, Value>> fields;
    std::string packagePath;  // set when this record is an imported package (`strings`, `testing`)
    RecordObj() = default;
    explicit RecordObj(std::vector<std::pair<std::string, Value>> f) : fields(std::move(f)) { noteSize(); }
    ~RecordObj() override { limits::noteFreed(noted_); }
    void noteSize() {
        size_t now = sizeof(RecordObj) + fields.capacity() * sizeof(fields[0]);
        for (const auto& field : fields)
            if (field.first.capacity() > 15) now += field.first.capacity();
        if (now > noted_) limits::noteAllocated(now - noted_, "building records");
        else limits::noteFreed(noted_ - now);
        noted_ = now;
    }
    const Value* find(std::string_view name) const {
        for (auto& [k, v] : fields)
            if (k == name) return &v;
        return nullptr;
    }

private:
    size_t noted_ = 0;
};

// Dictionaries: keys of one type, kept sorted by key (see eval/compare.h) for lookups and printing.
// Their size is noted against the run's memory budget: code that fills `entries` after construction
// calls noteSize() when done.
struct DictObj final : HeapObject {
    std::vector<std::pair<Value, Value>> entries;
    DictObj() = default;
    explicit DictObj(std::vector<std::pair<Value, Value>> e) : entries(std::move(e)) { noteSize(); }
    ~DictObj() override { limits::noteFreed(noted_); }
    void noteSize() {
        size_t now = sizeof(DictObj) + entries.capacity() * sizeof(entries[0]);
        if (now > noted_) limits::noteAllocated(now - noted_, "building a dictionary");
        else limits::noteFreed(noted_ - now);
        noted_ = now;
    }

private:
    size_t noted_ = 0;
};

struct BytesObj final : HeapObject {
    std::string data;
    explicit BytesObj(std::string d) : data(std::move(d)) { limits::noteAllocated(footprint(), "building bytes"); }
    ~BytesObj() override { limits::noteFreed(footprint()); }
    size_t footprint() const { return sizeof(BytesObj) + (data.capacity() > 15 ? data.capacity() : 0); }
};

inline Value Value::array(Ref<ArrayObj> a) { return fromObj(Kind::Array, a.get()); }
inline Value Value::record(Ref<RecordObj> r) { return fromObj(Kind::Record, r.get()); }
inline Value Value::dict(Ref<DictObj> d) { return fromObj(Kind::Dict, d.get()); }
inline Value Value::bytes(Ref<BytesObj> b) { return fromObj(Kind::Bytes, b.get()); }
inline const ArrayObj& Value::asArray() const { return *static_cast<const ArrayObj*>(u_.obj); }
inline const RecordObj& Value::asRecord() const { return *static_cast<const RecordObj*>(u_.obj); }
inline const DictObj& Value::asDict() const { return *static_cast<const DictObj*>(u_.obj); }
inline const BytesObj& Value::asBytes() const { return *static_cast<const BytesObj*>(u_.obj); }

// Convenience builders.
inline Value makeRecord(std::vector<std::pair<std::string, Value>> fields) {
    return Value::record(make<RecordObj>(std::move(fields)));
}
inline Value makeArray(std::vector<Value> elems) { return Value::array(make<ArrayObj>(std::move(elems))); }

}  // namespace fluxi
