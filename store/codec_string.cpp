// String encoding of the block store: the lengths (packUInts) and the concatenated bytes, the bytes
// compressed with zstd when that makes them smaller (repeated values -- the common case of status
// strings -- compress to almost nothing, so no separate dictionary is kept).
#include <zstd.h>

#include "store/codec.h"

namespace fluxi::store::codec {

namespace {
enum : uint8_t { kRaw = 0, kZstd = 1 };
constexpr size_t kCompressAbove = 64;  // bytes; smaller payloads are stored as they are
}  // namespace

// Layout: mode byte, varint stored size, stored bytes; the raw form is each string's length as a
// varint followed by its bytes.
void encodeStrings(const std::string* v, size_t n, std::string& out) {
    if (n == 0) return;
    std::string raw;
    for (size_t i = 0; i < n; i++) {
        appendVarint(raw, v[i].size());
        raw += v[i];
    }
    if (raw.size() > kCompressAbove) {
        std::string z(ZSTD_compressBound(raw.size()), '\0');
        size_t zn = ZSTD_compress(z.data(), z.size(), raw.data(), raw.size(), 3);
        if (!ZSTD_isError(zn) && zn < raw.size()) {
            out.push_back(static_cast<char>(kZstd));
            appendVarint(out, raw.size());
            appendVarint(out, zn);
            out.append(z.data(), zn);
            return;
        }
    }
    out.push_back(static_cast<char>(kRaw));
    appendVarint(out, raw.size());
    out += raw;
}

void decodeStrings(Reader& in, size_t n, std::vector<std::string>& out) {
    if (n == 0) return;
    uint8_t mode = in.byte();
    uint64_t rawSize = in.varint();
    std::string inflated;
    std::string_view raw;
    if (mode == kRaw) {
        raw = in.bytes(rawSize);
    } else if (mode == kZstd) {
        if (rawSize > (uint64_t{1} << 34)) throw CodecError("implausible string size in block data");
        std::string_view stored = in.bytes(in.varint());
        inflated.resize(rawSize);
        size_t got = ZSTD_decompress(inflated.data(), inflated.size(), stored.data(), stored.size());
        if (ZSTD_isError(got) || got != rawSize) throw CodecError("damaged compressed strings in block");
        raw = inflated;
    } else {
        throw CodecError("unknown string encoding in block data");
    }
    Reader r(raw);
    out.reserve(out.size() + n);
    for (size_t i = 0; i < n; i++) out.emplace_back(r.bytes(r.varint()));
    if (r.remaining() != 0) throw CodecError("block string bytes do not match their lengths");
}

}  // namespace fluxi::store::codec
