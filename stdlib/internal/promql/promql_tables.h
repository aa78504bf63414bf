// Table helpers shared by the internal/promql transformations: typed column look-ups that fail with
// the function's name, the one-row "key values + _value" output most of them produce, and the
// key-only empty table the reference emits for a series that yields no value.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "eval/builtin.h"
#include "eval/stream.h"

namespace fluxi::promql {

// Column `name` of t, which must exist and have type `type`.
const Column& requireColumn(const CallContext& ctx, const Table& t, std::string_view fname, std::string_view name,
                            ColType type);

// The key columns of `key` holding its values, plus `valueColumn` (float) = v: one row.
// Fails when the key already has a column of that name.
TablePtr keyRow(const CallContext& ctx, std::string_view fname, const GroupKey& key, double v,
                const std::string& valueColumn = "_value");

// The key columns of `key` and no rows.
TablePtr keyOnly(const GroupKey& key);

// Seconds in a nanosecond duration, computed as Go's time.Duration.Seconds() does.
double seconds(int64_t nanos);

// The piped tables, each turned into one output table by `fn` (lazily, table by table).
Value mapEachTable(CallContext& ctx, const Args& args, std::string fname,
                   std::function<TablePtr(const CallContext&, const Table&)> fn);

}  // namespace fluxi::promql
