// Push-down hooks a source stream may offer besides StreamObj's own (withRange, withFilter,
// withAggregate): a source that can do more of a pipeline's work itself (the store behind from())
// also derives from these interfaces, and the builtins ask for them with asPushdownSource(). Each
// hook returns a new stream doing the work, or null to decline (the builtin then does it). Kept apart
// from eval/stream.h so that a new hook does not touch every file that uses streams.
#pragma once

#include <functional>

#include "eval/stream.h"

namespace fluxi {

namespace agg {
struct WindowAggregate;  // eval/kernels/window.h
}

using PerTableFn = std::function<TablePtr(const TablePtr&)>;

class PushdownSource {
public:
    virtual ~PushdownSource() = default;
    // A row filter (filter() with onEmpty "drop", tried after withFilter) the source evaluates on its
    // rows where it can (e.g. a comparison of `_value` in the store's block scans), calling
    // `perTable` (the filter's work on one table; null drops the table) on the tables it cannot.
    virtual Ref<StreamObj> withRowFilter(const Value& fn, PerTableFn perTable) const = 0;
    // aggregateWindow() with a builtin aggregate: as withAggregate, the returned stream's tables must
    // equal `perTable` (aggregateWindow's work on one table; null: no output) applied to each table.
    virtual Ref<StreamObj> withWindowAggregate(const agg::WindowAggregate& what, PerTableFn perTable) const = 0;
    // limit(n, offset): each table keeps rows [offset, offset + n) (a table left without rows is kept).
    virtual Ref<StreamObj> withLimit(size_t n, size_t offset) const = 0;
};

inline const PushdownSource* asPushdownSource(const StreamObj& s) { return dynamic_cast<const PushdownSource*>(&s); }

}  // namespace fluxi
