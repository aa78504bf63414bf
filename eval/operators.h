// Flux's unary and binary operators on values: arithmetic with overflow and division-by-zero
// errors, comparisons (null operands give null), regex matching. Errors are thrown as FluxError
// without a position; the evaluator adds the position of the operator expression.
#pragma once

#include "ast/ast.h"
#include "eval/value.h"

namespace fluxi {

Value applyBinary(ast::BinaryOp op, const Value& a, const Value& b);
Value applyUnary(ast::UnaryOp op, const Value& a);

// Go's int64(f) on amd64, which int(v: float) follows: truncation toward zero; NaN, infinities and
// values out of range give the minimum int64.
int64_t floatToIntLikeGo(double f);

}  // namespace fluxi
