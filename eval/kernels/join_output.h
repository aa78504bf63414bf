// What the joins (join.tables, experimental.join) require of the records their function builds and
// how they lay out their output tables, as the reference does: the group key kept, columns by name.
#pragma once

#include "eval/table.h"
#include "eval/value.h"

namespace fluxi::tableops {

// The first column of `key` that `rec` lacks or holds with another value (null only matches null);
// null when `rec` keeps the whole key.
const ColumnMeta* keyColumnChanged(const RecordObj& rec, const GroupKey& key);

// t with its columns in name order (the data is shared).
TablePtr withColumnsByName(const TablePtr& t);

}  // namespace fluxi::tableops
