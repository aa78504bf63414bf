// Text of table cells as the output formats print them: booleans as true/false, integers in
// decimal, floats in the shortest form that reads back exactly without an exponent (+Inf, -Inf,
// NaN), strings as they are, times in RFC3339Nano. Shared by the CSV, table and JSON writers.
#pragma once

#include <string>

#include "eval/table.h"

namespace fluxi {

void appendFloatText(std::string& out, double v);

// Appends the text of a non-null cell (the caller handles nulls).
void appendCellText(std::string& out, const Column& col, size_t row);

// Appends the text of a column-kind value (bool, int, uint, float, string, time); nothing for null.
void appendValueText(std::string& out, const Value& v);

}  // namespace fluxi
