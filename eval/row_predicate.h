// Vectorized row predicates. A filter function such as
//     (r) => r._measurement == "mem" and r._value > 0.5
// is compiled, once per table, into comparisons that loop over the typed column arrays, instead of
// calling the closure row by row. Only predicates whose meaning is certain are compiled (column vs
// constant comparisons of matching types, regex matches, exists, and/or/not, constant booleans);
// anything else returns null and the caller evaluates the closure per row, so results and errors
// are always those of the interpreter.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "eval/table.h"
#include "eval/value.h"

namespace fluxi {

class Interpreter;

class CompiledPredicate {
public:
    // `fn` must be a closure with a parameter named `param` ("r"). Null when it cannot be compiled
    // for tables of this schema.
    static std::unique_ptr<CompiledPredicate> compile(Interpreter& interp, const Value& fn, const Table& schema,
                                                      std::string_view param = "r");
    ~CompiledPredicate();

    // Appends to `out` the indices of the rows of `t` (same schema as compiled for) where the
    // predicate is true. False (out unspecified) when some row would raise an error: the
    // interpreter must evaluate this table.
    bool select(const Table& t, std::vector<uint32_t>& out) const;

    struct Node;

private:
    CompiledPredicate() = default;
    std::unique_ptr<Node> root_;
};

}  // namespace fluxi
