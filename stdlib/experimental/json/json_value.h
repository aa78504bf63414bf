// JSON -> Flux values, as the reference's JSON decoding builtins give them: objects become records
// (keys sorted, the last of duplicate keys wins), arrays arrays, every number a float, null null.
// Shared by experimental/json.parse and experimental/dynamic.jsonParse.
#pragma once

#include <string_view>

#include "eval/builtin.h"
#include "format/json_reader.h"

namespace fluxi {

Value jsonToValue(const json::Node& n);

// Parses the `data` argument (bytes) of a JSON decoding builtin named `fname`; a malformed document
// fails the call with the position inside the data.
Value parseJsonArgument(CallContext& ctx, const Args& args, std::string_view fname);

}  // namespace fluxi
