// Signed 64-bit division and remainder by a divisor fixed before a loop, as a multiply-high and
// shifts instead of a hardware division per element (the "magic number" method of Hacker's Delight,
// section 10-1). Exact for every dividend; quotients truncate toward zero and remainders take the
// dividend's sign, as C++ (and Flux's int `/` and `%`) do. Divisors 0, 1 and -1 are not handled.
#pragma once

#include <cstdint>

namespace fluxi {

class ConstantDivisor {
public:
    // Whether d can be used (|d| >= 2).
    static bool supports(int64_t d) { return d < -1 || d > 1; }

    explicit ConstantDivisor(int64_t d) : d_(d) {
        const uint64_t two63 = uint64_t{1} << 63;
        const uint64_t ad = d < 0 ? uint64_t{0} - static_cast<uint64_t>(d) : static_cast<uint64_t>(d);
        const uint64_t t = two63 + (static_cast<uint64_t>(d) >> 63);
        const uint64_t anc = t - 1 - t % ad;  // |nc|
        int p = 63;
        uint64_t q1 = two63 / anc, r1 = two63 - q1 * anc;
        uint64_t q2 = two63 / ad, r2 = two63 - q2 * ad;
        uint64_t delta = 0;
        do {
            p++;
            q1 *= 2;
            r1 *= 2;
            if (r1 >= anc) {
                q1++;
                r1 -= anc;
            }
            q2 *= 2;
            r2 *= 2;
            if (r2 >= ad) {
                q2++;
                r2 -= ad;
            }
            delta = ad - r2;
        } while (q1 < delta || (q1 == delta && r1 == 0));
        magic_ = static_cast<int64_t>(q2 + 1);
        if (d < 0) magic_ = -magic_;
        shift_ = p - 64;
    }

    int64_t divide(int64_t n) const {
        int64_t q = static_cast<int64_t>((static_cast<__int128>(magic_) * n) >> 64);
        if (d_ > 0 && magic_ < 0) q += n;
        else if (d_ < 0 && magic_ > 0) q -= n;
        q >>= shift_;
        return q + static_cast<int64_t>(static_cast<uint64_t>(q) >> 63);
    }
    int64_t remainder(int64_t n) const { return n - divide(n) * d_; }

private:
    int64_t d_;
    int64_t magic_ = 0;
    int shift_ = 0;
};

}  // namespace fluxi
