// Equality and ordering of values (see compare.h).
#include "eval/compare.h"

#include <cmath>

#include "eval/function.h"
#include "eval/regex.h"

namespace fluxi {
namespace {

bool isNumber(Kind k) { return k == Kind::Int || k == Kind::UInt || k == Kind::Float; }

// Compares two numbers of possibly different kinds without losing precision for int/uint.
int compareNumbers(const Value& a, const Value& b) {
    Kind ka = a.kind(), kb = b.kind();
    if (ka == kb) {
        switch (ka) {
            case Kind::Int: return a.asInt() < b.asInt() ? -1 : a.asInt() > b.asInt();
            case Kind::UInt: return a.asUInt() < b.asUInt() ? -1 : a.asUInt() > b.asUInt();
            default: {
                double x = a.asFloat(), y = b.asFloat();
                return x < y ? -1 : (x > y ? 1 : 0);
            }
        }
    }
    if (ka == Kind::Float || kb == Kind::Float) {
        auto toF = [](const Value& v) {
            switch (v.kind()) {
                case Kind::Int: return static_cast<double>(v.asInt());
                case Kind::UInt: return static_cast<double>(v.asUInt());
                default: return v.asFloat();
            }
        };
        double x = toF(a), y = toF(b);
        return x < y ? -1 : (x > y ? 1 : 0);
    }
    // int vs uint
    if (ka == Kind::Int) {
        if (a.asInt() < 0) return -1;
        uint64_t x = static_cast<uint64_t>(a.asInt());
        return x < b.asUInt() ? -1 : x > b.asUInt();
    }
    return -compareNumbers(b, a);
}

}  // namespace

bool valuesEqual(const Value& a, const Value& b) {
    if (a.kind() != b.kind()) {
        if (isNumber(a.kind()) && isNumber(b.kind())) return compareNumbers(a, b) == 0;
        return false;
    }
    switch (a.kind()) {
        case Kind::Null: return true;
        case Kind::Bool: return a.asBool() == b.asBool();
        case Kind::Int: return a.asInt() == b.asInt();
        case Kind::UInt: return a.asUInt() == b.asUInt();
        case Kind::Float: return a.asFloat() == b.asFloat();
        case Kind::String: return a.asString() == b.asString();
        case Kind::Duration: return a.asDuration() == b.asDuration();
        case Kind::Time: return a.asTime() == b.asTime();
        case Kind::Regexp: return a.asRegexp().pattern == b.asRegexp().pattern;
        case Kind::Bytes: return a.asBytes().data == b.asBytes().data;
        case Kind::Array: {
            auto& x = a.asArray().elems;
            auto& y = b.asArray().elems;
            if (x.size() != y.size()) return false;
            for (size_t i = 0; i < x.size(); i++)
                if (!valuesEqual(x[i], y[i])) return false;
            return true;
        }
        case Kind::Record: {
            auto& x = a.asRecord().fields;
            auto& y = b.asRecord().fields;
            if (x.size() != y.size()) return false;
            for (auto& [k, v] : x) {
                const Value* o = b.asRecord().find(k);
                if (!o || !valuesEqual(v, *o)) return false;
            }
            return true;
        }
        case Kind::Dict: {
            auto& x = a.asDict().entries;
            auto& y = b.asDict().entries;
            if (x.size() != y.size()) return false;
            for (size_t i = 0; i < x.size(); i++)
                if (!valuesEqual(x[i].first, y[i].first) || !valuesEqual(x[i].second, y[i].second)) return false;
            return true;
        }
        case Kind::Function:
        case Kind::Stream: return a.heapObject() == b.heapObject();
    }
    return false;
}

int compareValues(const Value& a, const Value& b, bool& ok) {
    ok = true;
    if (isNumber(a.kind()) && isNumber(b.kind())) return compareNumbers(a, b);
    if (a.kind() != b.kind()) {
        ok = false;
        return 0;
    }
    switch (a.kind()) {
        case Kind::Bool: return static_cast<int>(a.asBool()) - static_cast<int>(b.asBool());
        case Kind::String: {
            int c = a.asString().compare(b.asString());
            return c < 0 ? -1 : (c > 0 ? 1 : 0);
        }
        case Kind::Time: return a.asTime() < b.asTime() ? -1 : a.asTime() > b.asTime();
        case Kind::Duration: {
            Duration x = a.asDuration(), y = b.asDuration();
            if (x.months != y.months) {
                if (x.nanos == 0 && y.nanos == 0) return x.months < y.months ? -1 : 1;
                ok = false;
                return 0;
            }
            return x.nanos < y.nanos ? -1 : x.nanos > y.nanos;
        }
        default: ok = false; return 0;
    }
}

int totalOrder(const Value& a, const Value& b) {
    if (a.isNull() || b.isNull()) return static_cast<int>(!a.isNull()) - static_cast<int>(!b.isNull());
    bool ok = false;
    int c = compareValues(a, b, ok);
    if (ok) return c;
    if (a.kind() != b.kind()) return static_cast<int>(a.kind()) < static_cast<int>(b.kind()) ? -1 : 1;
    return 0;
}

}  // namespace fluxi
