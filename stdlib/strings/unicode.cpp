// UTF-8 and Unicode helpers (see unicode.h).
#include "stdlib/strings/unicode.h"

#include <locale.h>
#include <wctype.h>

namespace fluxi::unicode {

namespace {

locale_t utf8Locale() {
    static locale_t loc = [] {
        locale_t l = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
        if (!l) l = newlocale(LC_CTYPE_MASK, "C.utf8", static_cast<locale_t>(nullptr));
        return l;  // null: fall back to ASCII-only rules below
    }();
    return loc;
}

wctrans_t titleTrans() {
    static wctrans_t t = utf8Locale() ? wctrans_l("totitle", utf8Locale()) : wctrans_t{};
    return t;
}

template <class F>
std::string mapRunes(std::string_view s, F f) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size();) {
        unsigned char b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {  // ASCII fast path
            char32_t m = f(b);
            if (m < 0x80) out.push_back(static_cast<char>(m));
            else append(out, m);
            i++;
            continue;
        }
        size_t w;
        char32_t c = decode(s, i, w);
        append(out, f(c));
        i += w;
    }
    return out;
}

}  // namespace

char32_t decode(std::string_view s, size_t i, size_t& width) {
    unsigned char b0 = static_cast<unsigned char>(s[i]);
    width = 1;
    if (b0 < 0x80) return b0;
    auto cont = [&](size_t k) {
        return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    };
    auto bits = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k]) & 0x3F); };
    if (b0 >= 0xC2 && b0 <= 0xDF && cont(1)) {
        width = 2;
        return (static_cast<char32_t>(b0 & 0x1F) << 6) | bits(1);
    }
    if (b0 >= 0xE0 && b0 <= 0xEF && cont(1) && cont(2)) {
        char32_t c = (static_cast<char32_t>(b0 & 0x0F) << 12) | (bits(1) << 6) | bits(2);
        if (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF)) return kReplacement;
        width = 3;
        return c;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4 && cont(1) && cont(2) && cont(3)) {
        char32_t c = (static_cast<char32_t>(b0 & 0x07) << 18) | (bits(1) << 12) | (bits(2) << 6) | bits(3);
        if (c < 0x10000 || c > 0x10FFFF) return kReplacement;
        width = 4;
        return c;
    }
    return kReplacement;
}

void append(std::string& out, char32_t c) {
    if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = kReplacement;
    if (c < 0x80) {
        out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (c >> 6)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (c >> 12)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (c >> 18)));
        out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
}

size_t runeCount(std::string_view s) {
    size_t n = 0;
    for (size_t i = 0; i < s.size(); n++) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            i++;
            continue;
        }
        size_t w;
        decode(s, i, w);
        i += w;
    }
    return n;
}

bool isLetter(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return utf8Locale() && iswalpha_l(static_cast<wint_t>(c), utf8Locale()) && !isDigit(c);
}
bool isDigit(char32_t c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    // Unicode decimal digits (Nd): the C library's iswdigit is ASCII-only, so check the blocks of
    // ten digits; each block starts at a code point ending in 0 (or 6 for a few scripts).
    static const char32_t starts[] = {0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66,
                                      0xCE6, 0xD66, 0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0,
                                      0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
                                      0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
                                      0xFF10, 0x104A0, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0,
                                      0x11450, 0x114D0, 0x11650, 0x116C0, 0x11730, 0x118E0, 0x16A60,
                                      0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E950};
    for (char32_t s : starts)
        if (c >= s && c < s + 10) return true;
    return false;
}
bool isSpace(char32_t c) {
    switch (c) {
        case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
        case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
            return true;
        default: return c >= 0x2000 && c <= 0x200A;
    }
}
bool isUpper(char32_t c) {
    if (c < 0x80) return c >= 'A' && c <= 'Z';
    return utf8Locale() && iswupper_l(static_cast<wint_t>(c), utf8Locale());
}
bool isLower(char32_t c) {
    if (c < 0x80) return c >= 'a' && c <= 'z';
    return utf8Locale() && iswlower_l(static_cast<wint_t>(c), utf8Locale());
}
char32_t toUpper(char32_t c) {
    if (c < 0x80) return (c >= 'a' && c <= 'z') ? c - 32 : c;
    return utf8Locale() ? static_cast<char32_t>(towupper_l(static_cast<wint_t>(c), utf8Locale())) : c;
}
char32_t toLower(char32_t c) {
    if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    return utf8Locale() ? static_cast<char32_t>(towlower_l(static_cast<wint_t>(c), utf8Locale())) : c;
}
char32_t toTitle(char32_t c) {
    if (c < 0x80) return toUpper(c);
    if (titleTrans()) return static_cast<char32_t>(towctrans_l(static_cast<wint_t>(c), titleTrans(), utf8Locale()));
    return toUpper(c);
}

std::string upper(std::string_view s) { return mapRunes(s, toUpper); }
std::string lower(std::string_view s) { return mapRunes(s, toLower); }
std::string title(std::string_view s) { return mapRunes(s, toTitle); }

std::string titleWords(std::string_view s) {
    // A word starts after a separator: ASCII other than letters, digits and '_', or a Unicode space.
    auto separator = [](char32_t c) {
        if (c < 0x80) return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_');
        if (isLetter(c) || isDigit(c)) return false;
        return isSpace(c);
    };
    std::string out;
    out.reserve(s.size());
    bool prevSep = true;
    for (size_t i = 0; i < s.size();) {
        size_t w;
        char32_t c = decode(s, i, w);
        if (prevSep) append(out, toTitle(c));
        else out.append(s.substr(i, w));
        prevSep = separator(c);
        i += w;
    }
    return out;
}

bool equalFold(std::string_view a, std::string_view b) {
    size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        size_t wa, wb;
        char32_t ca = decode(a, i, wa), cb = decode(b, j, wb);
        i += wa;
        j += wb;
        if (ca == cb) continue;
        if (toLower(ca) == toLower(cb) || toUpper(ca) == toUpper(cb)) continue;
        return false;
    }
    return i == a.size() && j == b.size();
}

}  // namespace fluxi::unicode
