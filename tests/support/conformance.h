// Where the conformance suite is, for the tests that read it: $FLUXI_CONFORMANCE_DIR when set (e.g.
// for a worktree that is not next to the shared folder), else the folder CMake passes
// (../shared/conformance of the repo). These tests form the doctest suite "conformance", which ctest
// runs as its own test: when the folder is missing, conformanceDir() ends that process with exit code
// 77, which ctest reports as skipped (never as passed). CI requires the folder.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace fluxi::testutil {

inline constexpr int kSkippedExitCode = 77;

inline std::filesystem::path conformanceDir() {
    std::filesystem::path dir = FLUXI_CONFORMANCE_DIR;
    if (const char* env = std::getenv("FLUXI_CONFORMANCE_DIR"); env != nullptr && *env != '\0') dir = env;
    if (!std::filesystem::is_directory(dir)) {
        std::fprintf(stderr, "conformance suite not found at %s: skipped\n", dir.string().c_str());
        std::fflush(stderr);
        std::_Exit(kSkippedExitCode);
    }
    return dir;
}

}  // namespace fluxi::testutil
