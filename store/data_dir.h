// Where the embedded store lives: the one rule every verb and the embedding API use to pick the
// data folder.
#pragma once

#include <string>

namespace fluxi::store {

// The data folder: `flagValue` when not empty (from `--data DIR`), else $FLUXI_DATA when set and
// not empty, else "./fluxi-data".
std::string resolveDataDir(const std::string& flagValue);

}  // namespace fluxi::store
