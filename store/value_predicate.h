// Push-down of a filter on the point values: `(r) => r._value OP K` (or `K OP r._value`), OP one of
// ==, !=, <, <=, >, >=, K a number (a literal, a negated literal, or a variable captured by or global
// to the closure). The store evaluates it per block: a block whose statistics (min, max) decide the
// predicate for all of its points is taken whole or skipped without decoding, the others are decoded
// and compared in a loop over the value column.
//
// It applies to series whose type matches K (float with a float K, int with an int K, uint with a
// uint K); for other series the store builds the table and the filter builtin evaluates the closure,
// so results and errors are those of the row-by-row path. Comparisons order values as
// eval/row_predicate does (a NaN is neither less nor greater than anything: NaN <= K is true).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "ast/ast.h"
#include "eval/value.h"
#include "store/block.h"

namespace fluxi::store {

class ValuePredicate {
public:
    // What the statistics of a block say about all of its points.
    enum class Coverage { None, All, Some };

    // The predicate of `fn`, or nothing when it is not of the shape above.
    static std::optional<ValuePredicate> fromFilter(const Value& fn);

    // Whether the store evaluates it for series of this type.
    bool appliesTo(ValueType t) const;
    // From the statistics of a numeric block (stats.numeric) of a type it applies to.
    Coverage coverage(ValueType t, const BlockStats& stats) const;
    // Appends to `rows` the indices of the points of `cols` (of type t) for which it is true.
    void select(ValueType t, const SeriesColumns& cols, std::vector<uint32_t>& rows) const;

private:
    ast::BinaryOp op_ = ast::BinaryOp::Eq;  // `_value op constant`
    Kind kind_ = Kind::Float;               // of the constant: Float, Int or UInt
    double f_ = 0;
    int64_t i_ = 0;
    uint64_t u_ = 0;
};

}  // namespace fluxi::store
