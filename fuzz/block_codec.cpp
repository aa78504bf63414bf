// Fuzz target "block_codec": the blocks of the block store (store/block.h, store/codec.h). The first
// byte picks the value type (low bits) and the mode (high bit):
//   - decode: the rest is a block body, to which the target appends the right checksum (so the
//     decoders behind the checksum are reached), and which it also decodes as it is. A damaged block
//     must be a CodecError, never a crash or a huge allocation; a block that decodes must hold as many
//     times as values, and when its times ascend, encoding its points again must give the same points;
//   - round trip: the rest describes points (ascending times, values of the type); encoding them and
//     decoding the block must give them back bit for bit.
#include <cstring>
#include <string>

#include "fuzz/fuzz_target.h"
#include "store/block.h"
#include "store/codec.h"

namespace {

using namespace fluxi::store;

size_t valueCount(ValueType type, const SeriesColumns& c) {
    switch (type) {
        case ValueType::Float: return c.floats.size();
        case ValueType::Int: return c.ints.size();
        case ValueType::UInt: return c.uints.size();
        case ValueType::String: return c.strings.size();
        case ValueType::Bool: return c.bools.size();
    }
    return 0;
}

bool samePoints(ValueType type, const SeriesColumns& a, const SeriesColumns& b) {
    if (a.times != b.times) return false;
    switch (type) {
        case ValueType::Float:  // bit for bit: NaN payloads and the sign of zero must survive
            return a.floats.size() == b.floats.size() &&
                   (a.floats.empty() || std::memcmp(a.floats.data(), b.floats.data(), a.floats.size() * sizeof(double)) == 0);
        case ValueType::Int: return a.ints == b.ints;
        case ValueType::UInt: return a.uints == b.uints;
        case ValueType::String: return a.strings == b.strings;
        case ValueType::Bool: return a.bools == b.bools;
    }
    return false;
}

bool decodes(ValueType type, std::string_view blob, SeriesColumns& out) {
    try {
        decodeBlock(type, blob, out);
        return true;
    } catch (const codec::CodecError&) {
        return false;
    }
}

// Reads fixed-size little-endian numbers off the input; zeros once it is used up.
struct Bytes {
    const uint8_t* p;
    const uint8_t* end;
    bool empty() const { return p >= end; }
    uint64_t take(size_t n) {
        uint64_t v = 0;
        for (size_t i = 0; i < n && p < end; i++) v |= static_cast<uint64_t>(*p++) << (8 * i);
        return v;
    }
};

// Points of type `type` from the input: per point a delta kind byte (small, medium or any positive time
// step), the step, then the value (8 bytes; 1 for bools; a length byte and that many bytes for strings).
SeriesColumns pointsFrom(ValueType type, Bytes in) {
    SeriesColumns c;
    int64_t t = static_cast<int64_t>(in.take(8));
    while (!in.empty() && c.size() < kMaxBlockPoints) {
        if (!c.times.empty()) {
            const uint8_t kind = static_cast<uint8_t>(in.take(1));
            const uint64_t step = 1 + (kind % 3 == 0 ? in.take(1) : kind % 3 == 1 ? in.take(4) : in.take(8) >> 1);
            if (__builtin_add_overflow(t, static_cast<int64_t>(step), &t)) break;
        }
        c.times.push_back(t);
        switch (type) {
            case ValueType::Float: {
                const uint64_t bits = in.take(8);
                double d;
                std::memcpy(&d, &bits, sizeof d);
                c.floats.push_back(d);
                break;
            }
            case ValueType::Int: c.ints.push_back(static_cast<int64_t>(in.take(8))); break;
            case ValueType::UInt: c.uints.push_back(in.take(8)); break;
            case ValueType::String: {
                const size_t n = static_cast<size_t>(in.take(1));
                std::string v;
                for (size_t i = 0; i < n && !in.empty(); i++) v.push_back(static_cast<char>(in.take(1)));
                c.strings.push_back(std::move(v));
                break;
            }
            case ValueType::Bool: c.bools.push_back(static_cast<uint8_t>(in.take(1) & 1)); break;
        }
    }
    return c;
}

}  // namespace

FLUXI_FUZZ_TARGET("block_codec") {
    if (size == 0) return;
    const ValueType type = static_cast<ValueType>((data[0] & 0x7f) % kValueTypeCount);
    if (data[0] & 0x80) {
        const SeriesColumns points = pointsFrom(type, Bytes{data + 1, data + size});
        if (points.times.empty()) return;
        std::string blob;
        BlockStats stats;
        encodeBlock(type, points, 0, points.size(), blob, stats);
        fluxi::fuzz::require(stats.count == points.size() && stats.minTime == points.times.front() &&
                                 stats.maxTime == points.times.back(),
                             "block statistics do not match the points");
        SeriesColumns back;
        fluxi::fuzz::require(decodes(type, blob, back), "a block encodeBlock wrote does not decode");
        fluxi::fuzz::require(samePoints(type, points, back), "a block does not decode to the points encoded");
        return;
    }
    const std::string_view body(reinterpret_cast<const char*>(data) + 1, size - 1);

    SeriesColumns asIs;
    (void)decodes(type, body, asIs);

    std::string blob(body);
    const uint32_t sum = blockChecksum(blob);
    for (int b = 0; b < 4; b++) blob.push_back(static_cast<char>(sum >> (8 * b)));
    SeriesColumns points;
    if (!decodes(type, blob, points)) return;
    fluxi::fuzz::require(points.times.size() == valueCount(type, points), "a block with more times than values or fewer");
    if (points.times.empty()) return;
    for (size_t i = 1; i < points.times.size(); i++)
        if (points.times[i] <= points.times[i - 1]) return;  // not a block encodeBlock could have written

    std::string again;
    BlockStats stats;
    encodeBlock(type, points, 0, points.size(), again, stats);
    fluxi::fuzz::require(stats.count == points.size(), "block statistics count other points");
    SeriesColumns back;
    fluxi::fuzz::require(decodes(type, again, back), "a block encodeBlock wrote does not decode");
    fluxi::fuzz::require(samePoints(type, points, back), "re-encoding a block's points changes them");
}
