// Replays the committed fuzz inputs through the fuzz targets' own entry points (fuzz/*.cpp), in every
// build (the normal one included): fuzz/seeds/TARGET holds hand-written seeds, fuzz/regressions/TARGET
// the reproducers of what fuzzing found (each fixed). A target breaking an invariant aborts, which
// fails this test; so does a crash or, in the sanitizer build, a sanitizer report. The ctest test
// `fuzz_regression` runs this suite.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "fuzz/fuzz_target.h"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputsOf(const std::string& target) {
    std::vector<fs::path> files;
    for (const char* kind : {"seeds", "regressions"}) {
        const fs::path dir = fs::path(FLUXI_SOURCE_DIR) / "fuzz" / kind / target;
        if (!fs::is_directory(dir)) continue;
        for (const auto& e : fs::directory_iterator(dir))
            if (e.is_regular_file()) files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

TEST_SUITE("fuzz_regression") {

TEST_CASE("every fuzz target is linked and has committed inputs") {
    std::set<std::string> names;
    for (const auto& t : fluxi::fuzz::targets()) names.insert(t.name);
    for (const char* expected : {"parse", "check", "csv", "line_protocol", "block_codec", "run"}) {
        CAPTURE(expected);
        CHECK(names.count(expected) == 1);
        CHECK(!inputsOf(expected).empty());
    }
}

TEST_CASE("the committed fuzz inputs replay cleanly through their targets") {
    size_t replayed = 0;
    for (const auto& t : fluxi::fuzz::targets()) {
        for (const fs::path& file : inputsOf(t.name)) {
            CAPTURE(file.string());
            std::ifstream in(file, std::ios::binary);
            REQUIRE(in);
            const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            t.run(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
            ++replayed;
        }
    }
    MESSAGE("replayed " << replayed << " inputs");
    CHECK(replayed >= fluxi::fuzz::targets().size());
}

}  // TEST_SUITE
