// The part of a filter predicate a remote InfluxDB can evaluate: comparisons of `_measurement`,
// `_field` or a tag with a string (==, !=) or a regex (=~, !~), combined with and/or -- the same subset
// the embedded store takes (store/pushdown.h). It is rendered as Flux for /api/v2/query.
#pragma once

#include <memory>
#include <string>

#include "eval/value.h"

namespace fluxi::remote {

struct Predicate {
    enum class Op { And, Or, Eq, Neq, Match, NotMatch };
    Op op = Op::Eq;
    std::string column;  // comparisons
    std::string value;   // string (Eq, Neq) or regex pattern (Match, NotMatch)
    std::shared_ptr<const Predicate> left, right;  // And, Or
};

// The predicate of filter function `fn`, or null when any part of it is outside the subset.
std::shared_ptr<const Predicate> predicateOf(const Value& fn);

// Flux source: `r["host"] == "a" and (r["_field"] =~ /x\/y/ or ...)`.
std::string toFlux(const Predicate& p);

// A regex literal `/pattern/` with `/` escaped (escapes kept as written): Flux and InfluxQL spell
// regexes alike.
std::string regexLiteral(const std::string& pattern);

// A Flux string literal with `"`, `\` and `${` escaped.
std::string fluxString(const std::string& s);

}  // namespace fluxi::remote
