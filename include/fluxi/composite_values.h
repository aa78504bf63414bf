// Arrays and records for code that sees only the public headers (an embedder's host builtin reading
// its arguments, a run's values): their layouts are internal (eval/value.h), so they are read and
// made through these functions. Each throws std::invalid_argument when the value is of another kind.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fluxi/value.h"

namespace fluxi {

std::vector<Value> arrayElements(const Value& array);
std::vector<std::pair<std::string, Value>> recordFields(const Value& record);  // in written order
Value recordField(const Value& record, std::string_view name);                // null when missing
Value arrayValue(std::vector<Value> elements);  // of one kind (nulls aside), as Flux requires
Value recordValue(std::vector<std::pair<std::string, Value>> fields);

}  // namespace fluxi
