// Column encodings of the block store (see docs/STORE.md): each function appends the encoding of n
// values to `out`, and the matching decoder reads exactly that encoding back (appending to a vector).
// Decoders check every length they read and throw CodecError on a truncated or malformed input, so a
// damaged block is an error, never a crash.
//
//   timestamps  delta-of-delta, zigzag, then packUInts       (codec_time.cpp)
//   ints, uints delta, zigzag, then packUInts                 (codec_int.cpp)
//   floats      decimal: integers m with v == m / 10^k (k <= 9 digits) as ints; otherwise the
//               Gorilla XOR bit stream                        (codec_float.cpp)
//   bools       one bit per value                             (codec_bool.cpp)
//   strings     lengths and bytes, zstd-compressed when large  (codec_string.cpp)
//   packUInts   simple8b words, or all values in the same number of bits when that is smaller
//               (always when a value is >= 2^60)                      (codec_int.cpp)
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace fluxi::store::codec {

class CodecError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// A read position over an encoded buffer; every read checks the end.
struct Reader {
    const uint8_t* p;
    const uint8_t* end;
    explicit Reader(std::string_view s)
        : p(reinterpret_cast<const uint8_t*>(s.data())), end(reinterpret_cast<const uint8_t*>(s.data()) + s.size()) {}
    size_t remaining() const { return static_cast<size_t>(end - p); }
    uint8_t byte();
    uint64_t varint();
    std::string_view bytes(size_t n);
};

void appendVarint(std::string& out, uint64_t v);
inline uint64_t zigzag(int64_t v) { return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63); }
inline int64_t unzigzag(uint64_t v) { return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)); }

// Unsigned integers: simple8b (16 selectors, runs of zeros packed 240 or 120 to a word) or fixed
// width bit packing, whichever is smaller. Self-describing (the count and a mode byte).
void packUInts(const uint64_t* v, size_t n, std::string& out);
void unpackUInts(Reader& in, std::vector<uint64_t>& out);

void encodeTimes(const int64_t* t, size_t n, std::string& out);
void decodeTimes(Reader& in, size_t n, std::vector<int64_t>& out);

void encodeInts(const int64_t* v, size_t n, std::string& out);
void decodeInts(Reader& in, size_t n, std::vector<int64_t>& out);
void encodeUInts(const uint64_t* v, size_t n, std::string& out);
void decodeUInts(Reader& in, size_t n, std::vector<uint64_t>& out);

void encodeFloats(const double* v, size_t n, std::string& out);
void decodeFloats(Reader& in, size_t n, std::vector<double>& out);

void encodeBools(const uint8_t* v, size_t n, std::string& out);
void decodeBools(Reader& in, size_t n, std::vector<uint8_t>& out);

void encodeStrings(const std::string* v, size_t n, std::string& out);
void decodeStrings(Reader& in, size_t n, std::vector<std::string>& out);

}  // namespace fluxi::store::codec
