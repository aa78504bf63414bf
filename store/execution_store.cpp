// Lazy opening of a run's store (see execution_store.h).
#include "store/execution_store.h"

#include "store/data_dir.h"

namespace fluxi::store {

std::shared_ptr<Store> executionStore(Execution& ex) {
    if (!ex.store) ex.store = Store::open(resolveDataDir(ex.dataDir));
    return ex.store;
}

}  // namespace fluxi::store
