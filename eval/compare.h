// Equality and ordering of values: `==`, `<`, sorting, dictionary keys, testing.diff.
#pragma once

#include "eval/value.h"

namespace fluxi {

// Deep structural equality. Int/UInt/Float compare numerically with each other; null equals null
// only here (Flux `==` with a null operand yields null, which the evaluator handles itself).
bool valuesEqual(const Value& a, const Value& b);

// Ordering for values of comparable kinds (numbers with numbers, strings, times, durations with
// equal month parts, bools). Returns <0, 0 or >0 and sets ok=false when the kinds cannot be ordered.
int compareValues(const Value& a, const Value& b, bool& ok);

// A total order over all values (kind first, then compareValues; nulls first), for sorting.
int totalOrder(const Value& a, const Value& b);

}  // namespace fluxi
