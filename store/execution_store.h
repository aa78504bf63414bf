// The store of one script run, opened on first use: from(), to() and buckets() call this so that
// scripts that never touch the store create no data folder.
#pragma once

#include <memory>

#include "eval/execution.h"
#include "store/store.h"

namespace fluxi::store {

// What the caller does with the store: reads never create a store (a query in an empty folder must
// not leave a data folder behind); writes create it.
enum class StoreUse { Read, Write };

// Execution::store, opening it (in Execution::dataDir, resolved by resolveDataDir) when it is not
// open yet. Throws StoreError when the folder cannot be opened, and NoStoreError when reading where
// there is no store.
std::shared_ptr<Store> executionStore(Execution& ex, StoreUse use = StoreUse::Read);

// Reading from a folder that holds no store.
struct NoStoreError : StoreError {
    using StoreError::StoreError;
};

}  // namespace fluxi::store
