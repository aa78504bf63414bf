// Names of value kinds (used in type errors and by `types`/`display`), and the string objects'
// accounting against the run's memory budget (out of line: include/fluxi/value.h is public).
#include "eval/value.h"

namespace fluxi {

StringObj::StringObj(std::string v) : s(std::move(v)) { limits::noteAllocated(footprint(), "building strings"); }
StringObj::~StringObj() { limits::noteFreed(footprint()); }

const char* kindName(Kind k) {
    switch (k) {
        case Kind::Null: return "null";
        case Kind::Bool: return "bool";
        case Kind::Int: return "int";
        case Kind::UInt: return "uint";
        case Kind::Float: return "float";
        case Kind::String: return "string";
        case Kind::Duration: return "duration";
        case Kind::Time: return "time";
        case Kind::Regexp: return "regexp";
        case Kind::Bytes: return "bytes";
        case Kind::Array: return "array";
        case Kind::Record: return "record";
        case Kind::Dict: return "dict";
        case Kind::Function: return "function";
        case Kind::Stream: return "stream";
    }
    return "?";
}

}  // namespace fluxi
