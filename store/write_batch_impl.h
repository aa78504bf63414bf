// Internal layout of a WriteBatch, shared by write_batch.cpp (staging) and store_write.cpp
// (applying). Not part of the store's public interface.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "store/store.h"

namespace fluxi::store {

// Appends `s` to `key` as a length-prefixed part, so that concatenated parts are unambiguous.
inline void appendKeyPart(std::string& key, std::string_view s) {
    size_t n = s.size();
    while (n >= 0x80) {
        key.push_back(static_cast<char>((n & 0x7f) | 0x80));
        n >>= 7;
    }
    key.push_back(static_cast<char>(n));
    key.append(s);
}

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct WriteBatch::Impl {
    struct Series {
        std::string key;  // bucket, measurement, tags, field as length-prefixed parts
        std::string bucket, measurement;
        std::vector<Tag> tags;  // sorted by key
        std::string field;
        ValueType type;
        size_t sourceLine = 0;  // input line the series first appeared on (0: not from a text input)
    };
    struct Point {
        uint32_t series;
        uint32_t strLen;  // String points: length of the value in `strings`
        int64_t time;
        union {
            double f;
            int64_t i;
            uint64_t u;  // UInt value, or offset of a String value in `strings`
        } v;
    };
    std::vector<Series> series;
    std::vector<Point> points;
    std::string strings;
    std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> index;

    size_t sourceLine = 0;  // setSourceLine: the input line of the points being added
    // the point being added (beginPoint)
    bool inPoint = false;
    std::string bucket, measurement;
    std::vector<Tag> tags;
    size_t ntags = 0;
    std::vector<TagView> sortBuf;
    std::string prefix;   // key parts of bucket, measurement and tags
    std::string keyBuf;   // prefix + field

    uint32_t seriesFor(std::string_view field, ValueType type);
};

}  // namespace fluxi::store
