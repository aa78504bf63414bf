// The JSON encoder of json.encode, shared with the other builtins that produce JSON
// (experimental/dynamic.jsonEncode).
#pragma once

#include <string>

#include "eval/builtin.h"

namespace fluxi {

struct JsonEncodeStyle {
    std::string fname;     // the builtin named in error messages ("json.encode")
    bool displayDictKeys;  // dictionary keys that are not strings are written as their Flux literal
                           // text (otherwise such a dictionary is an error)
};

// v as JSON text (see encode.cpp for the mapping); fails the call on values JSON cannot hold.
std::string encodeJson(const CallContext& ctx, const Value& v, const JsonEncodeStyle& style);

}  // namespace fluxi
