// Filter push-down: turns a Flux filter predicate `(r) => ...` into a SeriesPredicate the store can
// evaluate per series, when -- and only when -- the whole predicate is made of
//   r.C == S, r.C != S, S == r.C, S != r.C, r.C =~ R, r.C !~ R, `and`, `or` (and parentheses)
// where C is `_measurement`, `_field` or a tag (any other column name except `_time`, `_value`,
// `_start` and `_stop`), S a plain string literal (or a captured/global variable holding a string)
// and R a regex literal (or a variable holding a regexp). Anything else is declined and the
// filter() builtin evaluates the predicate row by row instead.
//
// The result of a pushed-down predicate equals the row-by-row result: a missing tag reads as null,
// a comparison with null is null and null counts as false in and/or, exactly as in the evaluator.
#pragma once

#include <memory>
#include <string>

#include "ast/ast.h"
#include "eval/function.h"
#include "eval/value.h"
#include "store/series_predicate.h"

namespace fluxi::store {

// The series predicate equivalent to `fn`, or null when it cannot be pushed down (`why`, when given,
// says what was not supported).
std::unique_ptr<SeriesPredicate> pushDownFilter(const Value& fn, std::string* why = nullptr);

// The value of `e` when it is a plain string or regex literal, or a variable captured by or global to
// the closure `c` (the constants a pushed-down comparison may use); false otherwise.
bool closureConstant(const Closure& c, const ast::Expr* e, Value& out);

// True unless the environment variable FLUXI_NO_PUSHDOWN is set to something other than "0" or "".
bool pushdownEnabledByEnvironment();

}  // namespace fluxi::store
