// Bool encoding of the block store: one bit per value, least significant bit first.
#include "store/codec.h"

namespace fluxi::store::codec {

void encodeBools(const uint8_t* v, size_t n, std::string& out) {
    size_t start = out.size();
    out.resize(start + (n + 7) / 8, '\0');
    for (size_t i = 0; i < n; i++)
        if (v[i]) out[start + i / 8] = static_cast<char>(static_cast<uint8_t>(out[start + i / 8]) | (1u << (i % 8)));
}

void decodeBools(Reader& in, size_t n, std::vector<uint8_t>& out) {
    std::string_view bytes = in.bytes((n + 7) / 8);
    size_t base = out.size();
    out.resize(base + n);
    for (size_t i = 0; i < n; i++) out[base + i] = (static_cast<uint8_t>(bytes[i / 8]) >> (i % 8)) & 1;
}

}  // namespace fluxi::store::codec
