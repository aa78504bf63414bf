// Vectorized column expressions: an expression of a row function such as
//     (r) => ({r with ratio: float(v: r.free) / r.used_percent})
// compiled, once per table schema, into loops over the typed column arrays. The one expression
// compiler shared by map (record fields) and filter (eval/row_predicate.cpp, for what its own
// comparison nodes do not cover). Compiled: column references, constants (literals, variables of
// the enclosing scopes), arithmetic, comparisons, and/or/not, exists, unary -/+, if/then/else,
// string concatenation, float()/int()/string() of the universe, calls of closures whose body is
// such an expression or assignments of such and a return (inlined), and pure builtins (math,
// strings, uint/bool/time: called per row through the interpreter's call, without a row record).
// Rows are evaluated in blocks of 1024 into buffers each node reuses, so only the result grows with
// the table. Only operand kinds whose outcome is certain are compiled; anything else gives null and
// the caller runs the interpreter. A row whose evaluation would raise an error (integer overflow,
// division by zero) makes eval() return false, and the caller runs the interpreter for the table,
// which raises that error exactly as it always does.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "ast/ast.h"
#include "eval/table.h"
#include "eval/value.h"

namespace fluxi {

class Interpreter;
struct Closure;

// The value of an expression for every row of a table: one kind, typed cells and validity.
struct ColumnVector {
    Kind kind = Kind::Null;  // Int, UInt, Float, Bool, String or Time
    const Column* column = nullptr;  // set when the values are a table column, uncopied
    std::vector<int64_t> ints;       // Int, Time
    std::vector<uint64_t> uints;
    std::vector<double> floats;
    std::vector<uint8_t> bools;
    std::vector<StrRef> strings;
    std::vector<uint8_t> valid;  // 1 valid, 0 null; empty: every row valid

    const int64_t* intData() const { return column ? column->ints() : ints.data(); }
    const uint64_t* uintData() const { return column ? column->uints() : uints.data(); }
    const double* floatData() const { return column ? column->floats() : floats.data(); }
    const uint8_t* boolData() const { return column ? column->bools() : bools.data(); }
    const StrRef* stringData() const { return column ? column->strings() : strings.data(); }
    bool allValid() const { return column ? column->nullCount() == 0 : valid.empty(); }
    bool isValid(size_t i) const { return column ? column->isValid(i) : (valid.empty() || valid[i] != 0); }
};

class ColumnExpr {
public:
    // `e` is (part of) the body of closure `fn`, whose parameter slot `paramSlot` is the row record
    // of tables with `schema`'s columns. Null when it cannot be compiled exactly.
    static std::unique_ptr<ColumnExpr> compile(Interpreter& interp, const Closure& fn, const ast::Expr* e,
                                               const Table& schema, uint32_t paramSlot);
    // `e` is the body of closure `fn` whose local slots columnParams[i].first hold the cells of
    // column columnParams[i].second of `schema` (parameters bound to columns, e.g. generate.from's n).
    static std::unique_ptr<ColumnExpr> compileWithColumnParams(Interpreter& interp, const Closure& fn,
                                                               const ast::Expr* e, const Table& schema,
                                                               const std::vector<std::pair<uint32_t, int>>& columnParams);
    ~ColumnExpr();

    // The kind of every non-null result.
    Kind kind() const;
    // The input column index when the expression is just `r.name` (-1 otherwise).
    int columnIndex() const;
    // Evaluates over the rows of t (same schema as compiled for). False when some row would raise
    // an error: the interpreter must evaluate this table.
    bool eval(const Table& t, ColumnVector& out) const;
    // The same, straight into a column of the result's type (the input column itself when the
    // expression is just a column reference). Null when some row would raise an error.
    ColumnPtr evalColumn(const TablePtr& t) const;

    struct Node;
    struct EvalState;

private:
    ColumnExpr() = default;
    // Evaluates the rows block by block, handing each block's values to sink(block, len).
    template <class Sink>
    bool forEachBlock(const Table& t, Sink sink) const;
    std::shared_ptr<Node> root_;
    size_t envSize_ = 0;    // slots for the arguments of inlined calls
    size_t nodeCount_ = 0;  // nodes, each with buffers of its own while evaluating
};

// `r.name` or `r["name"]` where r is local slot `paramSlot`: sets name.
bool rowFieldRef(const ast::Expr* e, uint32_t paramSlot, std::string& name);

// True when FLUXI_MAP_INTERPRETED is set (and not "0"): map and generate.from then call their
// function through the interpreter row by row (tests compare both paths).
bool columnLoopsDisabled();

// The expression a function returns: its body expression, or the `return` of a block body made of
// variable assignments and a final return (the shapes compiled). Null for any other body.
const ast::Expr* functionResult(const ast::FunctionExpr& fe);

// True when `e` does not depend on the row and evaluating it cannot call anything: a literal (not an
// interpolated string), a name that is not a local of the row function, a member of such, or the
// negation of such.
bool isRowConstant(const ast::Expr* e);

// Evaluates such a constant in the scope of closure `fn` (`frame`: scratch local slots, as many as
// its frame has). False when it raises an error (the per-row path raises it, with its usual
// position); a run limit error is thrown on.
bool evalRowConstant(Interpreter& interp, const Closure& fn, std::vector<Value>& frame, const ast::Expr* e, Value& out);

}  // namespace fluxi
