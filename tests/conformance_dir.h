// Where the conformance suite is: $FLUXI_CONFORMANCE_DIR when set (e.g. for a worktree that is not
// next to the shared folder), else the folder CMake passes (../shared/conformance of the repo).
#pragma once

#include <cstdlib>
#include <filesystem>

namespace fluxi::testutil {

inline std::filesystem::path conformanceDir() {
    if (const char* env = std::getenv("FLUXI_CONFORMANCE_DIR"); env != nullptr && *env != '\0') return env;
    return FLUXI_CONFORMANCE_DIR;
}

}  // namespace fluxi::testutil
