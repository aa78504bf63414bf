// The store of one script run, opened on first use: from(), to() and buckets() call this so that
// scripts that never touch the store create no data folder.
#pragma once

#include <memory>

#include "eval/execution.h"
#include "store/store.h"

namespace fluxi::store {

// Execution::store, opening it (in Execution::dataDir, resolved by resolveDataDir) when it is not
// open yet. Throws StoreError when the folder cannot be opened.
std::shared_ptr<Store> executionStore(Execution& ex);

}  // namespace fluxi::store
