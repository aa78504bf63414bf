// The shape of a fuzz target: FLUXI_FUZZ_TARGET("name") { ... } defines a function of the input bytes
// and registers it under that name. Each libFuzzer executable (FLUXI_FUZZ=ON) links one target with
// fuzz/libfuzzer_main.cpp; the test binary links them all and replays the committed seeds and
// reproducers through them (tests/fuzz_regression_test.cpp). A target returns normally on any input
// the code under test handles correctly (an error reported the documented way included) and calls
// fuzz::fail (abort) when an invariant is broken; crashes, leaks and sanitizer reports are found by
// the sanitizers.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace fluxi::fuzz {

using TargetFunction = void (*)(const uint8_t* data, size_t size);

struct Target {
    const char* name;
    TargetFunction run;
};

// Every target linked into this program, in no particular order.
std::vector<Target>& targets();

struct Registration {
    Registration(const char* name, TargetFunction run) { targets().push_back({name, run}); }
};

// An invariant of the code under test does not hold: prints what and the input's size, and aborts
// (libFuzzer then saves the input as a crash reproducer).
[[noreturn]] void fail(std::string_view what);
inline void require(bool ok, std::string_view what) {
    if (!ok) fail(what);
}

}  // namespace fluxi::fuzz

#define FLUXI_FUZZ_CONCAT2(a, b) a##b
#define FLUXI_FUZZ_CONCAT(a, b) FLUXI_FUZZ_CONCAT2(a, b)
#define FLUXI_FUZZ_TARGET(NAME)                                                                   \
    static void FLUXI_FUZZ_CONCAT(fuzzOne, __LINE__)(const uint8_t* data, size_t size);           \
    static const ::fluxi::fuzz::Registration FLUXI_FUZZ_CONCAT(fuzzRegistration, __LINE__)(      \
        NAME, FLUXI_FUZZ_CONCAT(fuzzOne, __LINE__));                                              \
    static void FLUXI_FUZZ_CONCAT(fuzzOne, __LINE__)(const uint8_t* data, size_t size)
