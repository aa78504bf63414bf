// Printing values as text, three ways:
//  - formatValue: Flux literal syntax (REPL, CLI, messages): 1, 1.0, "a\n", 1h30m,
//    2024-01-01T00:00:00Z, /re/, [1, 2], {a: 1, b: "x"}, ["k": 1];
//  - valueToString: what string() and "${...}" interpolation give (strings raw, scalars as text);
//  - displayValue: what display() gives (strings raw inside composites too, record fields sorted,
//    composites of more than three items on several lines, the same as the reference Flux).
#pragma once

#include <string>

#include "eval/value.h"

namespace fluxi {

// Flux literal syntax for a value (also declared in include/fluxi/fluxi.h).
std::string formatValue(const Value& v);

// The string() conversion: strings unchanged, bytes as their UTF-8 text, ints/uints in decimal,
// floats in shortest round-trip decimal without an exponent ("10.12", "1000000"), bools, times with
// nine fraction digits ("2020-01-01T01:01:01.000000000Z"), durations as literals ("1h"). Throws
// FluxError "cannot convert KIND to string" for other kinds (the caller adds the position).
std::string valueToString(const Value& v);
// False for kinds string() cannot convert (null, arrays, records, dicts, functions, streams,
// regexps).
bool isStringable(Kind k);

// The display() text of a value.
std::string displayValue(const Value& v);

// Floats: shortest text that reads back to the same double.
//  formatFloatLiteral: always distinguishable from an int ("1.0", "0.5", "1e+21", "NaN", "+Inf").
//  formatFloatPlain: never an exponent ("1", "0.0000001", "1000000000000000000000").
//  formatFloatGo: like Go's %v ("1", "1e+06", "1.5e-07"), used by display().
std::string formatFloatLiteral(double f);
std::string formatFloatPlain(double f);
std::string formatFloatGo(double f);

// A Flux string literal for s, quotes included, with \" \\ \n \r \t \${ and \xNN escapes.
std::string quoteString(const std::string& s);

}  // namespace fluxi
