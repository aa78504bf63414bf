// The human-readable table view of results (`fluxi run --format table`, the default on a terminal),
// laid out like the Flux REPL:
//
//     Result: _result
//     Table: keys: [host]
//               host:string                      _time:time                  _value:float
//     ----------------------  ------------------------------  ----------------------------
//                          a            2021-01-01T00:00:00Z                           1.5
//
// For each result a `Result: NAME` line, then for each table a `Table: keys: [k1, k2]` line, a
// header of right-aligned `name:type` labels (group key columns first, in key order, then the
// others in table order), a line of dashes and the rows, right-aligned. Each column is as wide as
// its widest value or label, at least the REPL's minimum for its type, and is followed by two
// spaces. Nulls print as empty cells, times in RFC3339Nano, floats in shortest round-trip form.
// Widths count UTF-8 characters. Unlike the REPL, an empty table still prints its header.
//
// With a maximum width (`fluxi run --width N`, or the terminal's width), a table wider than that is
// printed compact (each column only as wide as its label and values, without the REPL's minimums),
// and when even that does not fit, row by row: a `Row N:` line, then one `name:type  value` line per
// column.
#pragma once

#include <ostream>
#include <vector>

#include "eval/execution.h"

namespace fluxi {

// Prints every result, pulling each stream's tables one at a time. `maxWidth` 0: no limit.
void printTables(const std::vector<NamedResult>& results, std::ostream& out, size_t maxWidth = 0);

// Prints one table (from the `Table: keys:` line on).
void printTable(const Table& table, std::ostream& out, size_t maxWidth = 0);

}  // namespace fluxi
