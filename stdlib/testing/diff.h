// Table comparison shared by testing.diff and the testing assertions.
#pragma once

#include "eval/table.h"

namespace fluxi::testing_pkg {

struct DiffOptions {
    double epsilon = 1e-9;
    bool nansEqual = false;
};

// The rows that differ between two tables with the same group key (either may be null, meaning
// absent = empty), with a leading `_diff` column ("-" want, "+" got); null when they are equal.
TablePtr diffTables(const TablePtr& got, const TablePtr& want, const DiffOptions& o);

}  // namespace fluxi::testing_pkg
