// The InfluxQL that influxdb1.from() sends: quoting, and the WHERE condition on tags left of a
// pushed-down Flux filter predicate once `_measurement` and `_field` are known.
//
// A Flux predicate (remote::Predicate: ==, !=, =~, !~ on _measurement, _field or a tag, and/or) is
// true for a row only when it evaluates to true under Flux's null logic: a tag the series lacks
// reads as null, a comparison with null is null, and a null `and`/`or` operand counts as neither
// (Kleene logic). Since the subset has no `not`, "is true" distributes over and/or, so each
// comparison is rendered as the InfluxQL condition that is true exactly when the Flux comparison is
// true. InfluxQL reads a missing tag as '' (and tag values are never empty), hence:
//   r.t == "x"  ->  "t"::tag = 'x'                         (r.t == "" is never true)
//   r.t != "x"  ->  ("t"::tag != 'x' AND "t"::tag != '')
//   r.t =~ /x/  ->  ("t"::tag =~ /x/ AND "t"::tag != '')   (likewise !~)
// Comparisons of _measurement and _field are decided per measurement and field, so a predicate
// becomes, per (measurement, field), false (nothing to read), true, or a tag condition.
#pragma once

#include <map>
#include <memory>
#include <string>

#include <re2/re2.h>

#include "stdlib/influxdata/influxdb/remote_predicate.h"

namespace fluxi::influxdb1 {

// "name" with `"` and `\` escaped.
std::string quoteIdent(const std::string& name);
// 'text' with `'` and `\` escaped.
std::string quoteString(const std::string& text);

struct Condition {
    enum class Kind { False, True, Tags };
    Kind kind = Kind::True;
    std::string influxql;  // Tags: the condition, parenthesized where needed
};

// Evaluates predicates for given measurements and fields, compiling each regex once.
class ConditionBuilder {
public:
    Condition of(const remote::Predicate& p, const std::string& measurement, const std::string& field);

private:
    bool matches(const std::string& pattern, const std::string& text);
    std::map<std::string, std::unique_ptr<re2::RE2>> regexes_;
};

}  // namespace fluxi::influxdb1
