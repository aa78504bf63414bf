// Timestamp encoding of the block store: delta-of-delta (wrapping, so any int64 times round-trip),
// zigzag, then packUInts. Regular intervals become runs of zeros, 240 to a 64-bit word.
#include "store/codec.h"

namespace fluxi::store::codec {

// The first time as a zigzag varint, then the zigzag delta-of-deltas of the others (the delta
// before the first one counted as 0).
void encodeTimes(const int64_t* t, size_t n, std::string& out) {
    if (n == 0) return;
    appendVarint(out, zigzag(t[0]));
    std::vector<uint64_t> dod(n - 1);
    uint64_t prev = static_cast<uint64_t>(t[0]), prevDelta = 0;
    for (size_t i = 1; i < n; i++) {
        uint64_t cur = static_cast<uint64_t>(t[i]);
        uint64_t delta = cur - prev;
        dod[i - 1] = zigzag(static_cast<int64_t>(delta - prevDelta));
        prev = cur;
        prevDelta = delta;
    }
    packUInts(dod.data(), n - 1, out);
}

void decodeTimes(Reader& in, size_t n, std::vector<int64_t>& out) {
    if (n == 0) return;
    uint64_t prev = static_cast<uint64_t>(unzigzag(in.varint())), prevDelta = 0;
    thread_local std::vector<uint64_t> dod;
    dod.clear();
    unpackUInts(in, dod);
    if (dod.size() != n - 1) throw CodecError("block time count does not match its header");
    size_t base = out.size();
    out.resize(base + n);
    out[base] = static_cast<int64_t>(prev);
    for (size_t i = 1; i < n; i++) {
        uint64_t delta = prevDelta + static_cast<uint64_t>(unzigzag(dod[i - 1]));
        prev += delta;
        out[base + i] = static_cast<int64_t>(prev);
        prevDelta = delta;
    }
}

}  // namespace fluxi::store::codec
