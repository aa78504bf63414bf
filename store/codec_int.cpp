// Integer encodings of the block store: varints, simple8b or fixed-width packing of unsigned
// sequences, and
// zigzag-delta encoding of int and uint value columns (see codec.h).
#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#include "store/codec.h"

namespace fluxi::store::codec {

uint8_t Reader::byte() {
    if (p >= end) throw CodecError("truncated block data");
    return *p++;
}

uint64_t Reader::varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (p >= end) throw CodecError("truncated varint in block data");
        uint8_t b = *p++;
        v |= static_cast<uint64_t>(b & 0x7f) << shift;
        if (!(b & 0x80)) return v;
    }
    throw CodecError("malformed varint in block data");
}

std::string_view Reader::bytes(size_t n) {
    if (n > remaining()) throw CodecError("truncated block data");
    std::string_view s(reinterpret_cast<const char*>(p), n);
    p += n;
    return s;
}

void appendVarint(std::string& out, uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<char>(v));
}

namespace {

// simple8b selectors: how many values a 60-bit payload holds and with how many bits each.
// Selectors 0 and 1 are runs of zeros (no payload bits).
struct Selector {
    uint8_t count;
    uint8_t bits;
};
constexpr std::array<Selector, 16> kSelectors{{{240, 0}, {120, 0}, {60, 1}, {30, 2}, {20, 3}, {15, 4}, {12, 5},
                                                {10, 6}, {8, 7}, {7, 8}, {6, 10}, {5, 12}, {4, 15}, {3, 20},
                                                {2, 30}, {1, 60}}};
constexpr uint64_t kMax60 = (uint64_t{1} << 60) - 1;

enum : uint8_t { kModeSimple8b = 1, kModeFixed = 3 };

}  // namespace

namespace {

void packSimple8b(const uint64_t* v, size_t n, std::string& out) {
    size_t i = 0;
    while (i < n) {
        const size_t left = n - i;
        // the selector packing the most of the next values
        for (unsigned sel = 0; sel < kSelectors.size(); sel++) {
            const Selector s = kSelectors[sel];
            // the last word may hold fewer values than its selector says (the count bounds them)
            const size_t take = std::min<size_t>(s.count, left);
            const uint64_t limit = s.bits == 0 ? 0 : (uint64_t{1} << s.bits) - 1;
            bool ok = true;
            for (size_t k = 0; k < take; k++)
                if (v[i + k] > limit) {
                    ok = false;
                    break;
                }
            if (!ok) continue;
            uint64_t word = static_cast<uint64_t>(sel) << 60;
            if (s.bits)
                for (size_t k = 0; k < take; k++) word |= v[i + k] << (k * s.bits);
            for (int b = 0; b < 8; b++) out.push_back(static_cast<char>(word >> (8 * b)));
            i += take;
            break;
        }
    }
}

// Every value in `width` bits (0..64), least significant bits first.
void packFixed(const uint64_t* v, size_t n, unsigned width, std::string& out) {
    out.push_back(static_cast<char>(width));
    if (width == 0) return;
    unsigned __int128 acc = 0;
    unsigned fill = 0;
    for (size_t i = 0; i < n; i++) {
        acc |= static_cast<unsigned __int128>(v[i]) << fill;
        fill += width;
        while (fill >= 8) {
            out.push_back(static_cast<char>(static_cast<uint8_t>(acc)));
            acc >>= 8;
            fill -= 8;
        }
    }
    if (fill > 0) out.push_back(static_cast<char>(static_cast<uint8_t>(acc)));
}

void unpackFixed(Reader& in, size_t n, std::vector<uint64_t>& out) {
    unsigned width = in.byte();
    if (width > 64) throw CodecError("malformed bit width in block data");
    if (width == 0) {
        out.insert(out.end(), n, 0);
        return;
    }
    std::string_view bytes = in.bytes((n * width + 7) / 8);
    const auto* p = reinterpret_cast<const uint8_t*>(bytes.data());
    const size_t nbytes = bytes.size();
    const uint64_t mask = width == 64 ? ~uint64_t{0} : (uint64_t{1} << width) - 1;
    const size_t base = out.size();
    out.resize(base + n);
    uint64_t* o = out.data() + base;
    size_t i = 0;
    if constexpr (std::endian::native == std::endian::little) {
        // Values of up to 56 bits: one unaligned 8-byte load each (bytes are written low bits first),
        // while 8 bytes remain.
        if (width <= 56) {
            for (; i < n; i++) {
                const size_t bit = i * width;
                if ((bit >> 3) + 8 > nbytes) break;
                uint64_t w;
                std::memcpy(&w, p + (bit >> 3), 8);
                o[i] = (w >> (bit & 7)) & mask;
            }
        }
    }
    for (; i < n; i++) {  // the rest bit by bit
        const size_t bit = i * width;
        uint64_t v = 0;
        for (unsigned k = 0; k < width;) {
            const size_t at = bit + k;
            const unsigned off = static_cast<unsigned>(at & 7);
            const unsigned take = std::min(8u - off, width - k);
            v |= static_cast<uint64_t>((p[at >> 3] >> off) & ((1u << take) - 1)) << k;
            k += take;
        }
        o[i] = v;
    }
}

}  // namespace

void packUInts(const uint64_t* v, size_t n, std::string& out) {
    appendVarint(out, n);
    if (n == 0) return;
    uint64_t all = 0;
    for (size_t i = 0; i < n; i++) all |= v[i];
    const unsigned width = all == 0 ? 0 : 64 - static_cast<unsigned>(std::countl_zero(all));
    const size_t fixedBytes = 1 + (n * width + 7) / 8;
    if (width <= 60) {
        // simple8b wins on runs and mixed magnitudes; fixed width when every value needs about as many bits
        thread_local std::string words;
        words.clear();
        packSimple8b(v, n, words);
        if (words.size() <= fixedBytes) {
            out.push_back(static_cast<char>(kModeSimple8b));
            out += words;
            return;
        }
    }
    out.push_back(static_cast<char>(kModeFixed));
    packFixed(v, n, width, out);
}

void unpackUInts(Reader& in, std::vector<uint64_t>& out) {
    uint64_t n = in.varint();
    if (n == 0) return;
    uint8_t mode = in.byte();
    if (n > (uint64_t{1} << 32)) throw CodecError("implausible value count in block data");
    if (mode == kModeFixed) {
        unpackFixed(in, n, out);
        return;
    }
    if (mode != kModeSimple8b) throw CodecError("unknown integer packing in block data");
    // a word holds at most 240 values: a count the remaining words cannot hold is damage (checked
    // before the output grows)
    if (n > in.remaining() / 8 * 240) throw CodecError("truncated simple8b word in block data");
    const size_t base = out.size();
    out.resize(base + n);
    uint64_t* o = out.data() + base;
    uint64_t got = 0;
    while (got < n) {
        if (in.remaining() < 8) {
            out.resize(base + got);
            throw CodecError("truncated simple8b word in block data");
        }
        uint64_t word = 0;
        for (int b = 0; b < 8; b++) word |= static_cast<uint64_t>(in.p[b]) << (8 * b);
        in.p += 8;
        const Selector s = kSelectors[word >> 60];
        const size_t take = static_cast<size_t>(std::min<uint64_t>(s.count, n - got));
        if (s.bits == 0) {
            std::fill(o + got, o + got + take, uint64_t{0});
        } else {
            const uint64_t mask = (uint64_t{1} << s.bits) - 1;
            for (size_t k = 0; k < take; k++) o[got + k] = (word >> (k * s.bits)) & mask;
        }
        got += take;
    }
}

namespace {

// zigzag of the wrapping difference from the previous value (0 before the first)
// The first value as a zigzag varint, then the zigzag differences (wrapping) of the others.
template <typename T>
void encodeDeltas(const T* v, size_t n, std::string& out) {
    if (n == 0) return;
    appendVarint(out, zigzag(static_cast<int64_t>(v[0])));
    std::vector<uint64_t> d(n - 1);
    uint64_t prev = static_cast<uint64_t>(v[0]);
    for (size_t i = 1; i < n; i++) {
        uint64_t cur = static_cast<uint64_t>(v[i]);
        d[i - 1] = zigzag(static_cast<int64_t>(cur - prev));
        prev = cur;
    }
    packUInts(d.data(), n - 1, out);
}

template <typename T>
void decodeDeltas(Reader& in, size_t n, std::vector<T>& out) {
    if (n == 0) return;
    uint64_t prev = static_cast<uint64_t>(unzigzag(in.varint()));
    thread_local std::vector<uint64_t> d;
    d.clear();
    unpackUInts(in, d);
    if (d.size() != n - 1) throw CodecError("block value count does not match its time count");
    size_t base = out.size();
    out.resize(base + n);
    out[base] = static_cast<T>(prev);
    for (size_t i = 1; i < n; i++) {
        prev += static_cast<uint64_t>(unzigzag(d[i - 1]));
        out[base + i] = static_cast<T>(prev);
    }
}

}  // namespace

void encodeInts(const int64_t* v, size_t n, std::string& out) { encodeDeltas(v, n, out); }
void decodeInts(Reader& in, size_t n, std::vector<int64_t>& out) { decodeDeltas(in, n, out); }
void encodeUInts(const uint64_t* v, size_t n, std::string& out) { encodeDeltas(v, n, out); }
void decodeUInts(Reader& in, size_t n, std::vector<uint64_t>& out) { decodeDeltas(in, n, out); }

}  // namespace fluxi::store::codec
