// A block of the block store: up to kMaxBlockPoints points of one series in time order, encoded
// column by column (store/codec.h), with the statistics kept next to it in the `blocks` table so
// that reads skip blocks outside a time range and aggregates can use them without decoding.
//
// Encoded layout: format byte (1), value type byte, varint count, times (encodeTimes), values
// (encodeFloats / encodeInts / encodeUInts / encodeStrings / encodeBools), 4-byte checksum of all
// that (little-endian).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace fluxi::store {

// Points per block: big enough that headers and SQLite row overhead vanish per value, small enough
// that rewriting the last block on each small append stays cheap.
constexpr size_t kMaxBlockPoints = 1000;

struct BlockStats {
    int64_t minTime = 0, maxTime = 0;
    size_t count = 0;
    // Numeric statistics (float, int, uint blocks). `numeric` is false for string and bool blocks and
    // for float blocks holding a NaN (whose order is not that of the other values).
    bool numeric = false;
    double fsum = 0, fmin = 0, fmax = 0;
    int64_t isum = 0, imin = 0, imax = 0;     // int sum wraps around as Flux's does
    uint64_t usum = 0, umin = 0, umax = 0;
};

// Encodes points [from, to) of `cols` (of type `type`, times strictly ascending) into `blob`
// (replaced) and fills `stats`.
void encodeBlock(ValueType type, const SeriesColumns& cols, size_t from, size_t to, std::string& blob,
                 BlockStats& stats);

// The checksum a block ends with, of the bytes before it (for tools that build or repair blocks,
// such as the block fuzz target, which must get past it to reach the decoders).
uint32_t blockChecksum(std::string_view bytes);

// Appends the points of an encoded block to `out`. Throws codec::CodecError when the block is
// damaged or not of type `type`.
void decodeBlock(ValueType type, std::string_view blob, SeriesColumns& out);

// Appends points [from, to) of `src` to `dst` (both of type `type`).
void appendPoints(ValueType type, const SeriesColumns& src, size_t from, size_t to, SeriesColumns& dst);
// Appends the points of `src` at the indices `rows` (ascending) to `dst`.
void appendRows(ValueType type, const SeriesColumns& src, const std::vector<uint32_t>& rows, SeriesColumns& dst);

}  // namespace fluxi::store
