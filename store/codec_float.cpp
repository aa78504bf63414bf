// Float encoding of the block store. Values that are all short decimals (as most measurements
// written as text are: 45.123456) are stored as the integers m = v * 10^k, exactly recovered by
// m / 10^k, with the int encoding. Others use Gorilla's XOR scheme (Pelkonen et al., VLDB 2015). Each value
// is XORed with the previous one; an identical value costs one bit, otherwise the meaningful bits
// are written inside the previous leading/trailing-zero window when they fit, else with a new window.
// Bit patterns are kept exactly (NaN payloads, -0.0).
#include <bit>
#include <cmath>
#include <cstring>

#include "store/codec.h"

namespace fluxi::store::codec {

namespace {

class BitWriter {
public:
    explicit BitWriter(std::string& out) : out_(out) {}
    void put(uint64_t v, unsigned bits) {  // the low `bits` bits of v, most significant first
        while (bits > 0) {
            unsigned take = std::min(bits, 64u - fill_);
            uint64_t part = (bits == 64 && take == 64) ? v : (v >> (bits - take)) & ((uint64_t{1} << take) - 1);
            acc_ = take == 64 ? part : (acc_ << take) | part;
            fill_ += take;
            bits -= take;
            if (fill_ == 64) flushWord();
        }
    }
    void finish() {
        // remaining bits, left-aligned in whole bytes
        while (fill_ >= 8) {
            fill_ -= 8;
            out_.push_back(static_cast<char>(acc_ >> fill_));
        }
        if (fill_ > 0) out_.push_back(static_cast<char>(acc_ << (8 - fill_)));
        fill_ = 0;
        acc_ = 0;
    }

private:
    void flushWord() {
        for (int b = 7; b >= 0; b--) out_.push_back(static_cast<char>(acc_ >> (8 * b)));
        acc_ = 0;
        fill_ = 0;
    }
    std::string& out_;
    uint64_t acc_ = 0;
    unsigned fill_ = 0;
};

class BitReader {
public:
    BitReader(const uint8_t* p, size_t n) : p_(p), nbits_(n * 8) {}
    uint64_t get(unsigned bits) {
        if (pos_ + bits > nbits_) throw CodecError("truncated float data in block");
        uint64_t v = 0;
        while (bits > 0) {
            size_t byte = pos_ >> 3;
            unsigned off = static_cast<unsigned>(pos_ & 7);
            unsigned take = std::min(bits, 8u - off);
            uint64_t b = (p_[byte] >> (8 - off - take)) & ((1u << take) - 1);
            v = (v << take) | b;
            pos_ += take;
            bits -= take;
        }
        return v;
    }
    bool bit() {
        if (pos_ >= nbits_) throw CodecError("truncated float data in block");
        bool b = (p_[pos_ >> 3] >> (7 - (pos_ & 7))) & 1;
        pos_++;
        return b;
    }

private:
    const uint8_t* p_;
    size_t nbits_;
    size_t pos_ = 0;
};

uint64_t bitsOf(double d) {
    uint64_t u;
    std::memcpy(&u, &d, 8);
    return u;
}

}  // namespace

namespace {

enum : uint8_t { kGorilla = 0, kDecimal = 1 };
constexpr double kPow10[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

// The smallest k such that every value is exactly m / 10^k for an integer m (|m| < 2^53), filling
// `m`; -1 when there is none (NaN, infinities, -0.0, values with more digits).
int decimalDigits(const double* v, size_t n, std::vector<int64_t>& m) {
    m.resize(n);
    for (int k = 0; k < 10; k++) {
        bool ok = true;
        for (size_t i = 0; i < n && ok; i++) {
            double scaled = v[i] * kPow10[k];
            if (!(std::fabs(scaled) < 9007199254740992.0)) {
                if (!std::isfinite(v[i])) return -1;
                ok = false;
                break;
            }
            int64_t mi = std::llround(scaled);
            double back = static_cast<double>(mi) / kPow10[k];
            ok = bitsOf(back) == bitsOf(v[i]);
            m[i] = mi;
        }
        if (ok) return k;
    }
    return -1;
}

}  // namespace

// Mode byte, then for kDecimal the digit count and the integers (encodeInts), for kGorilla the byte
// length of the bit stream and the stream.
void encodeFloats(const double* v, size_t n, std::string& out) {
    if (n == 0) return;
    thread_local std::vector<int64_t> m;
    int k = decimalDigits(v, n, m);
    if (k >= 0) {
        out.push_back(static_cast<char>(kDecimal));
        out.push_back(static_cast<char>(k));
        encodeInts(m.data(), n, out);
        return;
    }
    out.push_back(static_cast<char>(kGorilla));
    std::string bits;
    BitWriter w(bits);
    uint64_t prev = 0;
    unsigned prevLead = 65, prevTrail = 0;  // no window yet
    for (size_t i = 0; i < n; i++) {
        uint64_t cur = bitsOf(v[i]);
        if (i == 0) {
            w.put(cur, 64);
            prev = cur;
            continue;
        }
        uint64_t x = cur ^ prev;
        prev = cur;
        if (x == 0) {
            w.put(0, 1);
            continue;
        }
        unsigned lead = static_cast<unsigned>(std::countl_zero(x));
        unsigned trail = static_cast<unsigned>(std::countr_zero(x));
        if (lead > 31) lead = 31;  // 5 bits
        if (prevLead <= 64 && lead >= prevLead && trail >= prevTrail) {
            w.put(0b10, 2);
            w.put(x >> prevTrail, 64 - prevLead - prevTrail);
        } else {
            unsigned sig = 64 - lead - trail;  // 1..64; 64 is written as 0
            w.put(0b11, 2);
            w.put(lead, 5);
            w.put(sig & 63, 6);
            w.put(x >> trail, sig);
            prevLead = lead;
            prevTrail = trail;
        }
    }
    w.finish();
    appendVarint(out, bits.size());
    out += bits;
}

void decodeFloats(Reader& in, size_t n, std::vector<double>& out) {
    if (n == 0) return;
    uint8_t mode = in.byte();
    if (mode == kDecimal) {
        uint8_t k = in.byte();
        if (k >= 10) throw CodecError("malformed decimal floats in block");
        thread_local std::vector<int64_t> m;
        m.clear();
        decodeInts(in, n, m);
        size_t base = out.size();
        out.resize(base + n);
        const double p = kPow10[k];
        for (size_t i = 0; i < n; i++) out[base + i] = static_cast<double>(m[i]) / p;
        return;
    }
    if (mode != kGorilla) throw CodecError("unknown float encoding in block");
    size_t len = in.varint();
    std::string_view bytes = in.bytes(len);
    BitReader r(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
    size_t base = out.size();
    out.resize(base + n);
    uint64_t prev = 0;
    unsigned lead = 0, trail = 0;
    bool window = false;
    for (size_t i = 0; i < n; i++) {
        uint64_t cur;
        if (i == 0) {
            cur = r.get(64);
        } else if (!r.bit()) {
            cur = prev;
        } else {
            if (r.bit()) {
                lead = static_cast<unsigned>(r.get(5));
                unsigned sig = static_cast<unsigned>(r.get(6));
                if (sig == 0) sig = 64;
                if (lead + sig > 64) throw CodecError("malformed float data in block");
                trail = 64 - lead - sig;
                window = true;
            } else if (!window) {
                throw CodecError("malformed float data in block");
            }
            unsigned sig = 64 - lead - trail;
            uint64_t x = r.get(sig) << trail;
            cur = prev ^ x;
        }
        std::memcpy(&out[base + i], &cur, 8);
        prev = cur;
    }
}

}  // namespace fluxi::store::codec
