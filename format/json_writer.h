// Results as JSON (`fluxi run --format json`):
//
//     [{"result":"_result","tables":[{"key":{"host":"a"},
//       "columns":[{"name":"host","type":"string","group":true},{"name":"_value","type":"float","group":false}],
//       "rows":[["a",1.5],["a",null]]}]}]
//
// written on one line followed by a newline. Column types use the Flux names (bool, int, uint, float,
// string, time). Cells: null for nulls, JSON numbers for int/uint/float (exact decimal, floats in
// shortest round-trip form without exponent), "NaN"/"+Inf"/"-Inf" strings for the float values JSON
// cannot hold, RFC3339Nano strings for times, true/false, and strings with JSON escapes (invalid
// UTF-8 bytes become U+FFFD). Tables are pulled from each stream one at a time.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "eval/execution.h"

namespace fluxi {

void writeJsonResults(const std::vector<NamedResult>& results, std::ostream& out);

// Appends s as a JSON string literal (with quotes).
void appendJsonString(std::string& out, std::string_view s);

}  // namespace fluxi
