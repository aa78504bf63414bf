// Adding columns to a table's group key (experimental.group's "extend" mode), for other builtins
// that build a table first and key it afterwards (experimental.join).
#pragma once

#include <string>
#include <vector>

#include "eval/table.h"

namespace fluxi::experimental_pkg {

// t split by the values of `columns` (those t has and that are not yet in its key), each part keyed
// by t's key plus those columns; t itself when there is nothing to add. Rows keep their order; an
// empty table with columns to add gives no tables.
std::vector<TablePtr> extendGroupKey(const TablePtr& t, const std::vector<std::string>& columns);

}  // namespace fluxi::experimental_pkg
