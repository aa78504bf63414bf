// Resolution of the data folder (see data_dir.h).
#include "store/data_dir.h"

#include <cstdlib>

namespace fluxi::store {

std::string resolveDataDir(const std::string& flagValue) {
    if (!flagValue.empty()) return flagValue;
    if (const char* env = std::getenv("FLUXI_DATA"); env && *env) return env;
    return "./fluxi-data";
}

}  // namespace fluxi::store
