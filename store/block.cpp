// Encoding and decoding of one block of the block store (see block.h).
#include "store/block.h"

#include <cmath>
#include <cstring>

#include "store/codec.h"

namespace fluxi::store {

namespace {
constexpr uint8_t kBlockFormat = 1;

// Checksum of the encoded block (the last 4 bytes), so that damaged data is an error rather than
// wrong values: 8 bytes at a time through a multiply-xorshift mix.
uint32_t checksum(const char* p, size_t n) {
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9ULL;
        h ^= h >> 29;
    }
    uint64_t tail = 0;
    if (i < n) std::memcpy(&tail, p + i, n - i);
    h = (h ^ tail) * 0x94D049BB133111EBULL;
    h ^= h >> 31;
    return static_cast<uint32_t>(h ^ (h >> 32));
}
}

uint32_t blockChecksum(std::string_view bytes) { return checksum(bytes.data(), bytes.size()); }

void encodeBlock(ValueType type, const SeriesColumns& c, size_t from, size_t to, std::string& blob,
                 BlockStats& st) {
    const size_t n = to - from;
    blob.clear();
    blob.push_back(static_cast<char>(kBlockFormat));
    blob.push_back(static_cast<char>(type));
    codec::appendVarint(blob, n);
    codec::encodeTimes(c.times.data() + from, n, blob);
    st = BlockStats();
    st.count = n;
    if (n) {
        st.minTime = c.times[from];
        st.maxTime = c.times[to - 1];
    }
    switch (type) {
        case ValueType::Float: {
            const double* v = c.floats.data() + from;
            codec::encodeFloats(v, n, blob);
            st.numeric = n > 0;
            for (size_t i = 0; i < n; i++) {
                if (std::isnan(v[i])) {
                    st.numeric = false;
                    break;
                }
                st.fsum += v[i];
                if (i == 0 || v[i] < st.fmin) st.fmin = v[i];
                if (i == 0 || v[i] > st.fmax) st.fmax = v[i];
            }
            break;
        }
        case ValueType::Int: {
            const int64_t* v = c.ints.data() + from;
            codec::encodeInts(v, n, blob);
            st.numeric = n > 0;
            for (size_t i = 0; i < n; i++) {
                st.isum = static_cast<int64_t>(static_cast<uint64_t>(st.isum) + static_cast<uint64_t>(v[i]));
                if (i == 0 || v[i] < st.imin) st.imin = v[i];
                if (i == 0 || v[i] > st.imax) st.imax = v[i];
            }
            break;
        }
        case ValueType::UInt: {
            const uint64_t* v = c.uints.data() + from;
            codec::encodeUInts(v, n, blob);
            st.numeric = n > 0;
            for (size_t i = 0; i < n; i++) {
                st.usum += v[i];
                if (i == 0 || v[i] < st.umin) st.umin = v[i];
                if (i == 0 || v[i] > st.umax) st.umax = v[i];
            }
            break;
        }
        case ValueType::String: codec::encodeStrings(c.strings.data() + from, n, blob); break;
        case ValueType::Bool: codec::encodeBools(c.bools.data() + from, n, blob); break;
    }
    uint32_t sum = checksum(blob.data(), blob.size());
    for (int b = 0; b < 4; b++) blob.push_back(static_cast<char>(sum >> (8 * b)));
}

void decodeBlock(ValueType type, std::string_view blob, SeriesColumns& out) {
    if (blob.size() < 4) throw codec::CodecError("truncated block");
    uint32_t stored = 0;
    for (int b = 0; b < 4; b++) stored |= static_cast<uint32_t>(static_cast<uint8_t>(blob[blob.size() - 4 + b])) << (8 * b);
    blob.remove_suffix(4);
    if (checksum(blob.data(), blob.size()) != stored) throw codec::CodecError("block checksum mismatch");
    codec::Reader in(blob);
    if (in.byte() != kBlockFormat) throw codec::CodecError("unknown block format");
    if (in.byte() != static_cast<uint8_t>(type)) throw codec::CodecError("block holds another value type than its series");
    uint64_t n = in.varint();
    if (n > (uint64_t{1} << 24)) throw codec::CodecError("implausible block point count");
    codec::decodeTimes(in, n, out.times);
    switch (type) {
        case ValueType::Float: codec::decodeFloats(in, n, out.floats); break;
        case ValueType::Int: codec::decodeInts(in, n, out.ints); break;
        case ValueType::UInt: codec::decodeUInts(in, n, out.uints); break;
        case ValueType::String: codec::decodeStrings(in, n, out.strings); break;
        case ValueType::Bool: codec::decodeBools(in, n, out.bools); break;
    }
    if (in.remaining() != 0) throw codec::CodecError("trailing bytes after block data");
}

void appendPoints(ValueType type, const SeriesColumns& src, size_t from, size_t to, SeriesColumns& dst) {
    auto add = [&](auto& d, const auto& s) {
        d.insert(d.end(), s.begin() + static_cast<std::ptrdiff_t>(from), s.begin() + static_cast<std::ptrdiff_t>(to));
    };
    add(dst.times, src.times);
    switch (type) {
        case ValueType::Float: add(dst.floats, src.floats); break;
        case ValueType::Int: add(dst.ints, src.ints); break;
        case ValueType::UInt: add(dst.uints, src.uints); break;
        case ValueType::String: add(dst.strings, src.strings); break;
        case ValueType::Bool: add(dst.bools, src.bools); break;
    }
}

}  // namespace fluxi::store

namespace fluxi::store {

void appendRows(ValueType type, const SeriesColumns& src, const std::vector<uint32_t>& rows, SeriesColumns& dst) {
    auto add = [&](auto& d, const auto& s) {
        size_t base = d.size();
        d.resize(base + rows.size());
        for (size_t i = 0; i < rows.size(); i++) d[base + i] = s[rows[i]];
    };
    add(dst.times, src.times);
    switch (type) {
        case ValueType::Float: add(dst.floats, src.floats); break;
        case ValueType::Int: add(dst.ints, src.ints); break;
        case ValueType::UInt: add(dst.uints, src.uints); break;
        case ValueType::String: add(dst.strings, src.strings); break;
        case ValueType::Bool: add(dst.bools, src.bools); break;
    }
}

}  // namespace fluxi::store
