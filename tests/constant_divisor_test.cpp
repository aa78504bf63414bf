// ConstantDivisor (eval/kernels/constant_divisor.h) must give exactly the hardware's quotient and
// remainder for every divisor it takes: checked on edge dividends and many random ones.
#include <doctest/doctest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "eval/kernels/constant_divisor.h"

TEST_CASE("ConstantDivisor matches / and % for edge and random operands") {
    std::mt19937_64 rng(42);
    std::vector<int64_t> divisors = {2, 3, 5, 6, 7, 10, 60, 641, 1000, 1000000007, INT64_MAX, INT64_MIN, INT64_MIN + 1,
                                     -2, -3, -7, -10, -1000, int64_t{1} << 62, -(int64_t{1} << 62), (int64_t{1} << 31) + 1};
    for (int i = 0; i < 300; i++) {
        int64_t d = static_cast<int64_t>(rng()) >> (rng() % 63);
        if (fluxi::ConstantDivisor::supports(d)) divisors.push_back(d);
    }
    CHECK_FALSE(fluxi::ConstantDivisor::supports(0));
    CHECK_FALSE(fluxi::ConstantDivisor::supports(1));
    CHECK_FALSE(fluxi::ConstantDivisor::supports(-1));
    std::vector<int64_t> dividends = {0, 1, -1, 2, -2, 6, 7, -7, 8, INT64_MAX, INT64_MIN, INT64_MAX - 1, INT64_MIN + 1};
    for (int i = 0; i < 2000; i++) dividends.push_back(static_cast<int64_t>(rng()) >> (rng() % 64));
    int checked = 0;
    for (int64_t d : divisors) {
        REQUIRE(fluxi::ConstantDivisor::supports(d));
        fluxi::ConstantDivisor div(d);
        std::vector<int64_t> ns = dividends;
        for (int64_t k : {int64_t{-3}, int64_t{-1}, int64_t{1}, int64_t{2}, int64_t{1000}}) {
            int64_t m = 0;
            if (!__builtin_mul_overflow(d, k, &m)) {
                ns.push_back(m);
                if (m != INT64_MIN) ns.push_back(m - 1);
                if (m != INT64_MAX) ns.push_back(m + 1);
            }
        }
        for (int64_t n : ns) {
            if (div.divide(n) != n / d || div.remainder(n) != n % d) {
                CAPTURE(d);
                CAPTURE(n);
                CHECK(div.divide(n) == n / d);
                CHECK(div.remainder(n) == n % d);
            }
            checked++;
        }
    }
    CHECK(checked > 600000);
}
