// The registry of fuzz targets (fuzz/fuzz_target.h) and the failure report of a broken invariant.
#include "fuzz/fuzz_target.h"

#include <cstdio>
#include <cstdlib>

namespace fluxi::fuzz {

std::vector<Target>& targets() {
    static std::vector<Target> all;
    return all;
}

void fail(std::string_view what) {
    std::fprintf(stderr, "fuzz target invariant broken: %.*s\n", static_cast<int>(what.size()), what.data());
    std::fflush(stderr);
    std::abort();
}

}  // namespace fluxi::fuzz
