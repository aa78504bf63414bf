// One run of a script: what it produced (named results, in order) and the services it may use (the
// embedded store, the writes that `to()` stages until the run succeeds).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eval/stream.h"
#include "fluxi/result.h"

namespace fluxi {

class SecretStore;  // eval/secrets.h

namespace store {
class Store;      // store/store.h
class WriteBatch; // store/store.h
}  // namespace store

// NamedResult (a result of a run: name and stream): include/fluxi/result.h.

struct Execution {
    std::vector<NamedResult> results;
    // Streams whose rows mean a failed check (testing.diff output); `fluxi test` fails a testcase
    // when any of them has a row.
    std::vector<StreamRef> checks;
    // What `now()` returns unless the script sets `option now`: fixed by the host (--now, a task's
    // scheduled time) or the wall clock read once at the first call, so it is stable within a run.
    std::optional<int64_t> now;
    // The data folder of the embedded store ("" = $FLUXI_DATA, else ./fluxi-data). The store is
    // opened on first use (store/execution_store.h), so scripts that never touch it create nothing.
    std::string dataDir;
    std::shared_ptr<store::Store> store;          // null until opened
    std::shared_ptr<store::WriteBatch> writes;    // staged by to(); applied when the run succeeds
    // Lets from() take over range() and filter() work (false, or FLUXI_NO_PUSHDOWN=1: the builtins do
    // it row by row; for tests proving both give the same results).
    bool pushdown = true;
    // Secrets for secrets.get (null: only the FLUXI_SECRET_<KEY> environment variables).
    std::shared_ptr<const SecretStore> secrets;
};

}  // namespace fluxi
