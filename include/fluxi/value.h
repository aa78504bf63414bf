// Flux runtime values, the public part (installed with the embedding API, include/fluxi/fluxi.h).
// A Value is a small tagged union (24 bytes): scalars are stored inline, so creating an int, float,
// bool, time or duration never allocates; strings, arrays, records, dicts, functions, regexps, bytes
// and streams point to an immutable, reference-counted heap object. Everything here is inline for
// the interpreter's hot paths; the layouts of the composite objects (arrays, records, ...) and
// their accessors stay internal (eval/value.h).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fluxi {

// ---------------------------------------------------------------------------------------------
// Intrusive reference counting for immutable heap objects (atomic: values may cross threads when the
// task scheduler runs tasks side by side).
struct HeapObject {
    mutable std::atomic<uint32_t> refs{0};
    HeapObject() = default;
    HeapObject(const HeapObject&) = delete;
    HeapObject& operator=(const HeapObject&) = delete;
    virtual ~HeapObject() = default;
};

inline void retain(const HeapObject* o) {
    if (o) o->refs.fetch_add(1, std::memory_order_relaxed);
}
inline void release(const HeapObject* o) {
    if (o && o->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete o;
}

template <class T>
class Ref {
public:
    Ref() = default;
    Ref(T* p) : p_(p) { retain(p_); }  // NOLINT: implicit from raw new
    Ref(const Ref& o) : p_(o.p_) { retain(p_); }
    Ref(Ref&& o) noexcept : p_(o.p_) { o.p_ = nullptr; }
    template <class U>
    Ref(const Ref<U>& o) : p_(o.get()) { retain(p_); }
    ~Ref() { release(p_); }
    Ref& operator=(Ref o) noexcept {
        std::swap(p_, o.p_);
        return *this;
    }
    T* get() const { return p_; }
    // Wraps a pointer whose reference was already counted (e.g. by one bulk fetch_add for many
    // copies): no retain. detach() gives up the pointer without releasing it.
    static Ref adopt(T* p) {
        Ref r;
        r.p_ = p;
        return r;
    }
    T* detach() {
        T* p = p_;
        p_ = nullptr;
        return p;
    }
    T* operator->() const { return p_; }
    T& operator*() const { return *p_; }
    explicit operator bool() const { return p_ != nullptr; }

private:
    T* p_ = nullptr;
};

template <class T, class... A>
Ref<T> make(A&&... a) {
    return Ref<T>(new T(std::forward<A>(a)...));
}

// ---------------------------------------------------------------------------------------------
// Heap object kinds

// Immutable UTF-8 string, one allocation.
// Its size is noted against the run's memory budget.
struct StringObj final : HeapObject {
    std::string s;
    // Out of line (eval/value.cpp): they note the size against the run's budget, internal state this
    // header does not show. Making a string allocates anyway, so the call costs nothing measurable.
    explicit StringObj(std::string v);
    ~StringObj() override;
    size_t footprint() const { return sizeof(StringObj) + (s.capacity() > 15 ? s.capacity() : 0); }
};
using StrRef = Ref<StringObj>;

struct Value;
struct ArrayObj;
struct RecordObj;
struct DictObj;
struct FunctionObj;
struct RegexObj;
struct BytesObj;
struct StreamObj;
using StreamRef = Ref<StreamObj>;  // a lazy stream of tables (eval/stream.h)

// Months and nanoseconds are kept apart: `1mo` has no fixed length. Both carry the sign.
struct Duration {
    int64_t months = 0;
    int64_t nanos = 0;
    bool operator==(const Duration&) const = default;
    bool isZero() const { return months == 0 && nanos == 0; }
    bool isNegative() const { return months < 0 || nanos < 0; }
    Duration negated() const { return {-months, -nanos}; }
};

enum class Kind : uint8_t {
    Null,
    Bool,
    Int,
    UInt,
    Float,
    String,
    Duration,
    Time,
    Regexp,
    Bytes,
    Array,
    Record,
    Dict,
    Function,
    Stream,
};
const char* kindName(Kind k);  // "int", "string", "stream", ...

// A Flux value.
struct Value {
    Value() : kind_(Kind::Null) { u_.i = 0; }
    Value(const Value& o) : kind_(o.kind_), u_(o.u_) {
        if (isHeap()) retain(u_.obj);
    }
    Value(Value&& o) noexcept : kind_(o.kind_), u_(o.u_) { o.kind_ = Kind::Null; }
    ~Value() {
        if (isHeap()) release(u_.obj);
    }
    Value& operator=(Value o) noexcept {
        std::swap(kind_, o.kind_);
        std::swap(u_, o.u_);
        return *this;
    }

    // constructors
    static Value null() { return Value(); }
    static Value boolean(bool b) {
        Value v(Kind::Bool);
        v.u_.b = b;
        return v;
    }
    static Value integer(int64_t i) {
        Value v(Kind::Int);
        v.u_.i = i;
        return v;
    }
    static Value uinteger(uint64_t u) {
        Value v(Kind::UInt);
        v.u_.u = u;
        return v;
    }
    static Value floating(double f) {
        Value v(Kind::Float);
        v.u_.f = f;
        return v;
    }
    static Value time(int64_t nanosSinceEpoch) {
        Value v(Kind::Time);
        v.u_.i = nanosSinceEpoch;
        return v;
    }
    static Value duration(Duration d) {
        Value v(Kind::Duration);
        v.u_.d = d;
        return v;
    }
    static Value string(std::string s) { return fromObj(Kind::String, new StringObj(std::move(s))); }
    static Value string(const StrRef& s) { return fromObj(Kind::String, s.get()); }
    static Value array(Ref<ArrayObj> a);
    static Value record(Ref<RecordObj> r);
    static Value dict(Ref<DictObj> d);
    static Value function(Ref<FunctionObj> f);
    static Value regexp(Ref<RegexObj> r);
    static Value bytes(Ref<BytesObj> b);
    static Value stream(Ref<StreamObj> s);
    // A null that remembers the type of value it stands for (internal/debug's `null(type:)`). It is
    // an ordinary null everywhere (isNull(), kind() == Kind::Null); only code that builds a column
    // from values looks at nullType(), so that a column holding nothing but such nulls still gets a
    // type (array.from does). `k` is the kind of the missing value (Kind::Float for a float column).
    static Value typedNull(Kind k) {
        Value v;
        v.u_.i = kTypedNullTag | static_cast<int64_t>(k);
        return v;
    }

    // inspection
    Kind kind() const { return kind_; }
    bool isNull() const { return kind_ == Kind::Null; }
    bool is(Kind k) const { return kind_ == k; }
    bool isHeap() const { return kind_ >= Kind::String && kind_ != Kind::Duration && kind_ != Kind::Time; }
    // For a null made by typedNull(k): k. For any other null: Kind::Null. For a non-null value: its kind.
    Kind nullType() const {
        if (kind_ != Kind::Null) return kind_;
        return (u_.i & ~int64_t{0xff}) == kTypedNullTag ? static_cast<Kind>(u_.i & 0xff) : Kind::Null;
    }

    // unchecked accessors: the caller has checked kind()
    bool asBool() const { return u_.b; }
    int64_t asInt() const { return u_.i; }
    uint64_t asUInt() const { return u_.u; }
    double asFloat() const { return u_.f; }
    int64_t asTime() const { return u_.i; }
    Duration asDuration() const { return u_.d; }
    const std::string& asString() const { return static_cast<const StringObj*>(u_.obj)->s; }
    StrRef asStrRef() const { return StrRef(static_cast<StringObj*>(const_cast<HeapObject*>(u_.obj))); }
    const ArrayObj& asArray() const;
    const RecordObj& asRecord() const;
    const DictObj& asDict() const;
    const FunctionObj& asFunction() const;
    const RegexObj& asRegexp() const;
    const BytesObj& asBytes() const;
    const StreamObj& asStream() const;
    const HeapObject* heapObject() const { return isHeap() ? u_.obj : nullptr; }
    template <class T>
    Ref<T> objRef() const {
        return Ref<T>(static_cast<T*>(const_cast<HeapObject*>(u_.obj)));
    }

private:
    // Marks the payload of a typed null (the low byte holds the kind); a plain null's payload is 0.
    // The high bits make it a non-canonical address, so a moved-from pointer never looks like it.
    static constexpr int64_t kTypedNullTag = int64_t{0x7E5D} << 48;
    explicit Value(Kind k) : kind_(k) { u_.d = {}; }
    static Value fromObj(Kind k, const HeapObject* o) {
        Value v(k);
        v.u_.obj = o;
        retain(o);
        return v;
    }
    Kind kind_;
    union U {
        U() : i(0) {}
        bool b;
        int64_t i;
        uint64_t u;
        double f;
        Duration d;
        const HeapObject* obj;
    } u_;
};

}  // namespace fluxi
