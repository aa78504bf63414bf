// libFuzzer's entry point for a fuzz executable: runs the one target linked with it (fuzz/<name>.cpp).
#include <cstdio>
#include <cstdlib>

#include "fuzz/fuzz_target.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const fluxi::fuzz::TargetFunction run = [] {
        if (fluxi::fuzz::targets().size() != 1) {
            std::fprintf(stderr, "a fuzz executable must link exactly one target, found %zu\n",
                         fluxi::fuzz::targets().size());
            std::abort();
        }
        return fluxi::fuzz::targets().front().run;
    }();
    run(data, size);
    return 0;
}
