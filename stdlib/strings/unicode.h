// UTF-8 decoding/encoding and Unicode character classes and case mappings for the strings and
// regexp packages. Classes and case maps come from the C library's C.UTF-8 locale tables (a locale
// object used explicitly; the process locale is never changed). Invalid UTF-8 bytes decode as
// U+FFFD one byte at a time, like Go.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fluxi::unicode {

constexpr char32_t kReplacement = 0xFFFD;

// Decodes the character starting at s[i]; sets `width` to its byte length (1 for a bad byte).
char32_t decode(std::string_view s, size_t i, size_t& width);
// Appends the UTF-8 encoding of c.
void append(std::string& out, char32_t c);
// Number of characters (runes).
size_t runeCount(std::string_view s);

bool isLetter(char32_t c);
bool isDigit(char32_t c);
bool isSpace(char32_t c);
bool isUpper(char32_t c);
bool isLower(char32_t c);
char32_t toUpper(char32_t c);
char32_t toLower(char32_t c);
char32_t toTitle(char32_t c);

std::string upper(std::string_view s);
std::string lower(std::string_view s);
std::string title(std::string_view s);  // every character title-cased (strings.toTitle)
// The first letter of each word title-cased, the rest unchanged (strings.title).
std::string titleWords(std::string_view s);
// Unicode case-insensitive equality (simple case folding).
bool equalFold(std::string_view a, std::string_view b);

}  // namespace fluxi::unicode
