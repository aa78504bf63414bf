// Lazy opening of a run's store (see execution_store.h).
#include "store/execution_store.h"

#include <filesystem>

#include "store/data_dir.h"

namespace fluxi::store {

std::shared_ptr<Store> executionStore(Execution& ex, StoreUse use) {
    if (ex.store) return ex.store;
    const std::string dir = resolveDataDir(ex.dataDir);
    std::error_code ec;
    if (use == StoreUse::Read && !std::filesystem::is_regular_file(Store::databaseFile(dir), ec))
        throw NoStoreError("there is no store in \"" + dir +
                           "\" (write data with `fluxi write`, or give the store's folder with --data or $FLUXI_DATA)");
    ex.store = Store::open(dir);
    return ex.store;
}

}  // namespace fluxi::store
