// What the aggregate, selector and windowing builtins share: the call site kept for errors raised
// later while a lazy stream is pulled, column lookups with clear errors, and the two generic
// builtins "reduce each table to one row with a kernel" and "select one row of each table".
#pragma once

#include <exception>
#include <string>

#include "eval/builtin.h"
#include "eval/error.h"
#include "eval/stream.h"
#include "eval/kernels/aggregate_kernels.h"

namespace fluxi::agg {

// Where a builtin was called, copied so that errors can be raised after the call has returned
// (streams are pulled later). Messages are prefixed with the function name.
class CallSite {
public:
    CallSite(const CallContext& ctx, std::string fn);
    const std::string& function() const { return fn_; }
    [[noreturn]] void fail(const std::string& message) const { fail(ErrorCode::Invalid, message); }
    [[noreturn]] void fail(ErrorCode code, const std::string& message) const;
    // Runs f, turning any non-Flux exception (time range, table shape) into a positioned error.
    template <class F>
    auto guard(F&& f) const -> decltype(f()) {
        try {
            return f();
        } catch (const FluxError&) {
            throw;
        } catch (const std::bad_alloc&) {
            throw;  // reported as out of memory where the call or stream stage is known
        } catch (const std::exception& e) {
            fail(e.what());
        }
    }

private:
    std::string fn_, file_;
    ast::SourceLoc loc_;
};

// The index of column `name` in t; fails with "column "x" not found (table {...})".
int requireColumn(const CallSite& site, const Table& t, const std::string& name);
// Same, and the column must not be part of the group key (aggregating a key column is an error).
int requireValueColumn(const CallSite& site, const Table& t, const std::string& name);

// The input stream as a reference-counted handle.

// aggregate(<-tables, column): each table becomes one row of its group key plus `column` holding
// the kernel's result.
Value reduceEachTable(CallContext& ctx, const Args& args, const char* fn, ReduceKind kind, ReduceOptions opt);
// selector(<-tables, column): each table becomes its selected row; a table without one becomes an
// empty table with the same columns, or with keepEmpty a row of key values and nulls.
Value selectEachTable(CallContext& ctx, const Args& args, const char* fn, SelectKind kind, double q = 0,
                      bool keepEmpty = false);

// What aggregateWindow() runs directly, without building window tables, when a registered
// builtin is passed as its fn: the kernel that builtin applies with its default arguments.
struct FusedAggregate {
    bool selector = false;
    ReduceKind reduce = ReduceKind::Count;
    SelectKind select = SelectKind::First;
    ReduceOptions options;
};
// Called once per builtin (at static initialization).
bool registerFusedAggregate(BuiltinImpl impl, FusedAggregate what);
// The kernel for a function value, or nullptr when it is not such a builtin (e.g. a closure).
const FusedAggregate* fusedAggregateFor(const Value& fn);

}  // namespace fluxi::agg
