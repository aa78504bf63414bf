// Tests of the block store's column encodings (store/codec.h) and block format (store/block.h):
// round trips of edge values, randomized round trips, and damaged input reported as an error.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>

#include "store/block.h"
#include "store/codec.h"

using namespace fluxi::store;
using namespace fluxi::store::codec;

namespace {

template <typename T, typename Enc, typename Dec>
std::vector<T> roundTrip(const std::vector<T>& in, Enc enc, Dec dec, size_t* bytes = nullptr) {
    std::string buf = "prefix";  // encoders append
    enc(in.data(), in.size(), buf);
    if (bytes) *bytes = buf.size() - 6;
    Reader r(std::string_view(buf).substr(6));
    std::vector<T> out;
    dec(r, in.size(), out);
    CHECK(r.remaining() == 0);
    return out;
}

bool sameBits(const std::vector<double>& a, const std::vector<double>& b) {
    if (a.size() != b.size()) return false;
    return a.empty() || std::memcmp(a.data(), b.data(), a.size() * 8) == 0;
}

std::vector<uint64_t> unpacked(const std::vector<uint64_t>& v) {
    std::string buf;
    packUInts(v.data(), v.size(), buf);
    Reader r(buf);
    std::vector<uint64_t> out;
    unpackUInts(r, out);
    CHECK(r.remaining() == 0);
    return out;
}

}  // namespace

TEST_CASE("codec: zigzag and varints") {
    for (int64_t v : {int64_t{0}, int64_t{-1}, int64_t{1}, std::numeric_limits<int64_t>::min(),
                      std::numeric_limits<int64_t>::max()})
        CHECK(unzigzag(zigzag(v)) == v);
    CHECK(zigzag(-1) == 1);
    CHECK(zigzag(1) == 2);
    std::string s;
    appendVarint(s, 0);
    appendVarint(s, 300);
    appendVarint(s, ~uint64_t{0});
    Reader r(s);
    CHECK(r.varint() == 0);
    CHECK(r.varint() == 300);
    CHECK(r.varint() == ~uint64_t{0});
    CHECK_THROWS_AS(r.varint(), CodecError);
}

TEST_CASE("codec: packUInts (simple8b or fixed width, whichever is smaller) keeps every value") {
    CHECK(unpacked({}).empty());
    CHECK(unpacked({5}) == std::vector<uint64_t>{5});
    std::vector<uint64_t> zeros(1000, 0);
    std::string buf;
    packUInts(zeros.data(), zeros.size(), buf);
    CHECK(buf.size() < 45);  // runs of zeros: 240 to a word
    CHECK(unpacked(zeros) == zeros);
    std::vector<uint64_t> mixed = {0, 1, 2, 3, 1ull << 59, (1ull << 60) - 1, 0, 0, 7, 1000000};
    CHECK(unpacked(mixed) == mixed);
    std::vector<uint64_t> big = {1, 1ull << 60, ~uint64_t{0}, 0};
    CHECK(unpacked(big) == big);
    // values of about 29 bits each: fixed width (29 bits) beats simple8b's 30-bit slots
    std::mt19937_64 rng(1);
    std::vector<uint64_t> wide(1000);
    for (auto& w : wide) w = (1ull << 28) + rng() % (1ull << 28);
    buf.clear();
    packUInts(wide.data(), wide.size(), buf);
    CHECK(buf.size() <= 3 + 1 + (1000 * 29 + 7) / 8);
    CHECK(unpacked(wide) == wide);
    for (unsigned width : {1u, 7u, 8u, 33u, 63u, 64u}) {
        std::vector<uint64_t> w(37);
        for (auto& x : w) x = width == 64 ? rng() : rng() & ((1ull << width) - 1);
        CHECK(unpacked(w) == w);
    }
}

TEST_CASE("codec: times round-trip (regular, irregular, duplicates, extremes)") {
    auto enc = [](const int64_t* v, size_t n, std::string& o) { encodeTimes(v, n, o); };
    auto dec = [](Reader& r, size_t n, std::vector<int64_t>& o) { decodeTimes(r, n, o); };
    std::vector<int64_t> empty;
    CHECK(roundTrip(empty, enc, dec).empty());
    std::vector<int64_t> one = {1704067200000000000LL};
    CHECK(roundTrip(one, enc, dec) == one);
    std::vector<int64_t> regular;
    for (int i = 0; i < 1000; i++) regular.push_back(1704067200000000000LL + i * 1000000000LL);
    size_t bytes = 0;
    CHECK(roundTrip(regular, enc, dec, &bytes) == regular);
    CHECK(bytes <= 64);  // a whole block of 1 s steps in a few words
    std::vector<int64_t> dups = {5, 5, 5, 6, 6, 100, 100};
    CHECK(roundTrip(dups, enc, dec) == dups);
    constexpr int64_t lo = std::numeric_limits<int64_t>::min(), hi = std::numeric_limits<int64_t>::max();
    std::vector<int64_t> extremes = {lo, lo + 1, -1, 0, hi - 1, hi, lo, hi};
    CHECK(roundTrip(extremes, enc, dec) == extremes);
}

TEST_CASE("codec: ints and uints round-trip (min/max int64, uint above int64)") {
    auto encI = [](const int64_t* v, size_t n, std::string& o) { encodeInts(v, n, o); };
    auto decI = [](Reader& r, size_t n, std::vector<int64_t>& o) { decodeInts(r, n, o); };
    constexpr int64_t lo = std::numeric_limits<int64_t>::min(), hi = std::numeric_limits<int64_t>::max();
    std::vector<int64_t> ints = {0, lo, hi, -1, 1, lo, lo, hi, 42};
    CHECK(roundTrip(ints, encI, decI) == ints);
    CHECK(roundTrip(std::vector<int64_t>{}, encI, decI).empty());
    CHECK(roundTrip(std::vector<int64_t>{-7}, encI, decI) == std::vector<int64_t>{-7});
    auto encU = [](const uint64_t* v, size_t n, std::string& o) { encodeUInts(v, n, o); };
    auto decU = [](Reader& r, size_t n, std::vector<uint64_t>& o) { decodeUInts(r, n, o); };
    std::vector<uint64_t> uints = {0, ~uint64_t{0}, 1ull << 63, (1ull << 63) + 1, 3, ~uint64_t{0} - 1, 0};
    CHECK(roundTrip(uints, encU, decU) == uints);
}

TEST_CASE("codec: floats round-trip bit for bit (NaN, -0.0, infinities, denormals)") {
    auto enc = [](const double* v, size_t n, std::string& o) { encodeFloats(v, n, o); };
    auto dec = [](Reader& r, size_t n, std::vector<double>& o) { decodeFloats(r, n, o); };
    double nanPayload;
    uint64_t bits = 0x7ff8000000000123ULL;
    std::memcpy(&nanPayload, &bits, 8);
    std::vector<double> v = {0.0,
                             -0.0,
                             std::numeric_limits<double>::quiet_NaN(),
                             nanPayload,
                             -std::numeric_limits<double>::quiet_NaN(),
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::denorm_min(),
                             std::numeric_limits<double>::max(),
                             std::numeric_limits<double>::lowest(),
                             1.5,
                             1.5,
                             1.5000001,
                             -2.25};
    CHECK(sameBits(roundTrip(v, enc, dec), v));
    CHECK(roundTrip(std::vector<double>{}, enc, dec).empty());
    CHECK(sameBits(roundTrip(std::vector<double>{-0.0}, enc, dec), std::vector<double>{-0.0}));
    // short decimals are stored as integers, exactly
    std::vector<double> decimals = {45.123456, 0.1, -3.5, 1e-9, 99.999999, 0, 123456789.25, -0.000001};
    size_t decBytes = 0;
    CHECK(sameBits(roundTrip(decimals, enc, dec, &decBytes), decimals));
    std::vector<double> walk;
    double u = 50;
    std::mt19937_64 rng(3);
    for (int i = 0; i < 1000; i++) {
        u += (static_cast<double>(rng() % 2000001) - 1000000) / 1e6;
        walk.push_back(std::strtod(std::to_string(u).c_str(), nullptr));  // 6 digits, as text gives them
    }
    CHECK(sameBits(roundTrip(walk, enc, dec, &decBytes), walk));
    CHECK(decBytes < 1000 * 3);
    std::vector<double> mixed = {0.5, -0.0, 2.25};  // -0.0 is not m / 10^k: Gorilla keeps it
    CHECK(sameBits(roundTrip(mixed, enc, dec), mixed));
    std::vector<double> same(1000, 42.125);
    size_t bytes = 0;
    CHECK(sameBits(roundTrip(same, enc, dec, &bytes), same));
    CHECK(bytes < 8 + 1000 / 8 + 4);  // one bit per repeated value
}

TEST_CASE("codec: bools and strings round-trip") {
    auto encB = [](const uint8_t* v, size_t n, std::string& o) { encodeBools(v, n, o); };
    auto decB = [](Reader& r, size_t n, std::vector<uint8_t>& o) { decodeBools(r, n, o); };
    std::vector<uint8_t> b = {1, 0, 0, 1, 1, 1, 0, 1, 0, 1};
    CHECK(roundTrip(b, encB, decB) == b);
    CHECK(roundTrip(std::vector<uint8_t>{}, encB, decB).empty());
    auto encS = [](const std::string* v, size_t n, std::string& o) { encodeStrings(v, n, o); };
    auto decS = [](Reader& r, size_t n, std::vector<std::string>& o) { decodeStrings(r, n, o); };
    std::vector<std::string> s = {"", "a", std::string("nul\0inside", 10), "héllo", ""};
    CHECK(roundTrip(s, encS, decS) == s);
    std::vector<std::string> repeated(1000, "status: all systems nominal");
    size_t bytes = 0;
    CHECK(roundTrip(repeated, encS, decS, &bytes) == repeated);
    CHECK(bytes < 200);  // zstd takes the repetition
    CHECK(roundTrip(std::vector<std::string>{}, encS, decS).empty());
}

TEST_CASE("codec: randomized round trips of every column encoding") {
    std::mt19937_64 rng(20260412);
    for (int round = 0; round < 200; round++) {
        size_t n = rng() % 1500;
        int shape = static_cast<int>(rng() % 4);
        std::vector<int64_t> t(n), iv(n);
        std::vector<uint64_t> uv(n);
        std::vector<double> fv(n);
        std::vector<uint8_t> bv(n);
        std::vector<std::string> sv(n);
        int64_t cur = static_cast<int64_t>(rng());
        for (size_t i = 0; i < n; i++) {
            uint64_t r = rng();
            switch (shape) {
                case 0: cur += 1000000000; break;                          // regular
                case 1: cur += static_cast<int64_t>(r % 1000); break;        // jittered (with duplicates)
                case 2: cur = static_cast<int64_t>(r); break;                // anything
                default: cur += static_cast<int64_t>(r % 3) - 1; break;      // back and forth
            }
            t[i] = cur;
            iv[i] = shape == 2 ? static_cast<int64_t>(rng()) : static_cast<int64_t>(rng() % 2001) - 1000;
            uv[i] = shape == 2 ? rng() : rng() % 100;
            uint64_t fb = rng();
            if (shape == 2)
                std::memcpy(&fv[i], &fb, 8);  // any bit pattern, NaNs included
            else
                fv[i] = std::round(static_cast<double>(fb % 100000)) / 100.0;
            bv[i] = rng() & 1;
            sv[i] = std::string(rng() % 20, static_cast<char>('a' + rng() % 3));
        }
        CAPTURE(round);
        CAPTURE(shape);
        CHECK(roundTrip(t, [](const int64_t* v, size_t k, std::string& o) { encodeTimes(v, k, o); },
                        [](Reader& r, size_t k, std::vector<int64_t>& o) { decodeTimes(r, k, o); }) == t);
        CHECK(roundTrip(iv, [](const int64_t* v, size_t k, std::string& o) { encodeInts(v, k, o); },
                        [](Reader& r, size_t k, std::vector<int64_t>& o) { decodeInts(r, k, o); }) == iv);
        CHECK(roundTrip(uv, [](const uint64_t* v, size_t k, std::string& o) { encodeUInts(v, k, o); },
                        [](Reader& r, size_t k, std::vector<uint64_t>& o) { decodeUInts(r, k, o); }) == uv);
        CHECK(sameBits(roundTrip(fv, [](const double* v, size_t k, std::string& o) { encodeFloats(v, k, o); },
                                 [](Reader& r, size_t k, std::vector<double>& o) { decodeFloats(r, k, o); }),
                       fv));
        CHECK(roundTrip(bv, [](const uint8_t* v, size_t k, std::string& o) { encodeBools(v, k, o); },
                        [](Reader& r, size_t k, std::vector<uint8_t>& o) { decodeBools(r, k, o); }) == bv);
        CHECK(roundTrip(sv, [](const std::string* v, size_t k, std::string& o) { encodeStrings(v, k, o); },
                        [](Reader& r, size_t k, std::vector<std::string>& o) { decodeStrings(r, k, o); }) == sv);
    }
}

TEST_CASE("block: round trip with statistics; damaged or truncated blocks are errors") {
    SeriesColumns c;
    for (int i = 0; i < 10; i++) {
        c.times.push_back(100 + i * 10);
        c.ints.push_back(i == 3 ? -50 : i);
    }
    std::string blob;
    BlockStats st;
    encodeBlock(ValueType::Int, c, 2, 9, blob, st);
    CHECK(st.count == 7);
    CHECK(st.minTime == 120);
    CHECK(st.maxTime == 180);
    CHECK(st.numeric);
    CHECK(st.imin == -50);
    CHECK(st.imax == 8);
    CHECK(st.isum == 2 - 50 + 4 + 5 + 6 + 7 + 8);
    SeriesColumns out;
    decodeBlock(ValueType::Int, blob, out);
    CHECK(out.times == std::vector<int64_t>(c.times.begin() + 2, c.times.begin() + 9));
    CHECK(out.ints == std::vector<int64_t>(c.ints.begin() + 2, c.ints.begin() + 9));
    SeriesColumns junk;
    CHECK_THROWS_AS(decodeBlock(ValueType::Float, blob, junk), CodecError);  // another type
    for (size_t i = 0; i < blob.size(); i++) {  // any flipped byte is caught
        std::string bad = blob;
        bad[i] = static_cast<char>(bad[i] ^ 0x10);
        SeriesColumns o;
        CHECK_THROWS_AS(decodeBlock(ValueType::Int, bad, o), CodecError);
    }
    for (size_t len = 0; len < blob.size(); len++) {
        SeriesColumns o;
        CHECK_THROWS_AS(decodeBlock(ValueType::Int, std::string_view(blob).substr(0, len), o), CodecError);
    }
    // NaN: no numeric statistics for the block (its values are still kept)
    SeriesColumns f;
    f.times = {1, 2};
    f.floats = {1.0, std::nan("")};
    encodeBlock(ValueType::Float, f, 0, 2, blob, st);
    CHECK_FALSE(st.numeric);
    SeriesColumns fo;
    decodeBlock(ValueType::Float, blob, fo);
    CHECK(fo.floats[0] == 1.0);
    CHECK(std::isnan(fo.floats[1]));
}
