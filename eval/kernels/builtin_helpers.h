// Helpers for builtins that transform tables: the row record per-row functions receive, errors
// raised inside lazy stream callbacks placed at the call site, and common argument checks.
#pragma once

#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "eval/builtin.h"
#include "eval/error.h"
#include "eval/table.h"

namespace fluxi::tableops {

// The row record `r` that per-row functions (filter, map) receive, filled from one table. Work the
// previous row already did is skipped when the record object is being reused: group key cells are
// set once, and a string cell holding the same string object is left alone. Null cells become
// typed nulls (Value::typedNull), so a function passing them on keeps the column type.
class RowFiller {
public:
    explicit RowFiller(const Table& t);
    // The record for row r (valid until the next call).
    Value row(size_t r);

private:
    const Table& t_;
    RowRecord rec_;
    const void* last_ = nullptr;  // the fields vector filled by the previous call
    std::vector<uint8_t> isKey_;
};

// Runs `body`, turning a plain std::exception (a table-model check) into a FluxError at the call site
// with `fname: ` in front. FluxErrors pass through unchanged. Use inside lazy stream callbacks.
template <class F>
auto atCallSite(const CallContext& ctx, std::string_view fname, F&& body) -> decltype(body()) {
    try {
        return body();
    } catch (const FluxError&) {
        throw;
    } catch (const std::bad_alloc&) {
        throw;  // reported as out of memory where the call or stream stage is known
    } catch (const std::exception& e) {
        ctx.fail(std::string(fname) + ": " + e.what());
    }
}

// The column names given by a `columns` array argument (absent or null -> nullopt-like empty flag).
// Fails naming the argument when it is not an array of strings.
bool stringListArg(const CallContext& ctx, const Args& args, std::string_view fname, std::string_view name,
                   std::vector<std::string>& out);

// A column type for a value kind, failing with `what` in the message when the kind cannot be a column.
ColType columnTypeFor(const CallContext& ctx, Kind k, const std::string& what);

}  // namespace fluxi::tableops
