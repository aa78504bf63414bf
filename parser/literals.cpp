// Decoders for Flux literal tokens (see parser/literals.h).
#include "parser/literals.h"

#include <charconv>
#include <limits>

#include <date/date.h>

namespace fluxi::literals {

namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool isDigit(char c) { return c >= '0' && c <= '9'; }

// Length in bytes of the UTF-8 sequence starting at s[i] (1 for a broken one).
size_t utf8Length(std::string_view s, size_t i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    return i + n <= s.size() ? n : 1;
}

std::string quoteChar(std::string_view s, size_t i) { return std::string(s.substr(i, utf8Length(s, i))); }

}  // namespace

bool isValidUtf8(std::string_view s, size_t& badOffset) {
    size_t i = 0;
    const size_t n = s.size();
    while (i < n) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        size_t len;
        uint32_t cp;
        if ((c >> 5) == 0x6) {
            len = 2;
            cp = c & 0x1F;
        } else if ((c >> 4) == 0xE) {
            len = 3;
            cp = c & 0x0F;
        } else if ((c >> 3) == 0x1E) {
            len = 4;
            cp = c & 0x07;
        } else {
            badOffset = i;
            return false;
        }
        if (i + len > n) {
            badOffset = i;
            return false;
        }
        for (size_t k = 1; k < len; ++k) {
            unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc >> 6) != 0x2) {
                badOffset = i;
                return false;
            }
            cp = (cp << 6) | (cc & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
            badOffset = i;
            return false;
        }
        i += len;
    }
    return true;
}

LiteralResult decodeStringText(std::string_view raw, std::string& out) {
    const size_t start = out.size();
    bool sawByteEscape = false;
    size_t firstByteEscape = 0;
    out.reserve(out.size() + raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c != '\\') {
            out.push_back(c);
            continue;
        }
        if (i + 1 >= raw.size()) return LiteralError{i, "a '\\' at the end of a string must be escaped as '\\\\'"};
        char e = raw[i + 1];
        switch (e) {
            case 'n': out.push_back('\n'); break;
            case 'r': out.push_back('\r'); break;
            case 't': out.push_back('\t'); break;
            case '"': out.push_back('"'); break;
            case '\\': out.push_back('\\'); break;
            case '$': out.push_back('$'); break;
            case 'x': {
                int hi = i + 2 < raw.size() ? hexValue(raw[i + 2]) : -1;
                int lo = i + 3 < raw.size() ? hexValue(raw[i + 3]) : -1;
                if (hi < 0 || lo < 0)
                    return LiteralError{i, "invalid byte escape: '\\x' must be followed by two hex digits"};
                if (!sawByteEscape) firstByteEscape = i;
                sawByteEscape = true;
                out.push_back(static_cast<char>(hi * 16 + lo));
                i += 2;
                break;
            }
            default:
                return LiteralError{i, "invalid escape sequence '\\" + quoteChar(raw, i + 1) +
                                           "' (valid escapes: \\n \\r \\t \\\" \\\\ \\$ \\xHH)"};
        }
        ++i;
    }
    if (sawByteEscape) {
        size_t bad = 0;
        if (!isValidUtf8(std::string_view(out).substr(start), bad))
            return LiteralError{firstByteEscape, "the \\x byte escapes of this string do not form valid UTF-8"};
    }
    return std::nullopt;
}

LiteralResult decodeRegex(std::string_view token, std::string& pattern) {
    if (token.size() < 3 || token.front() != '/' || token.back() != '/')
        return LiteralError{0, "malformed regular expression literal"};
    std::string_view body = token.substr(1, token.size() - 2);
    pattern.clear();
    pattern.reserve(body.size());
    for (size_t i = 0; i < body.size(); ++i) {
        if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '/') {
            pattern.push_back('/');
            ++i;
        } else if (body[i] == '\\' && i + 1 < body.size()) {
            pattern.push_back('\\');
            pattern.push_back(body[i + 1]);
            ++i;
        } else {
            pattern.push_back(body[i]);
        }
    }
    return std::nullopt;
}

LiteralResult decodeInteger(std::string_view token, int64_t& value) {
    if (token.empty()) return LiteralError{0, "empty integer literal"};
    value = 0;
    for (size_t i = 0; i < token.size(); ++i) {
        if (!isDigit(token[i])) return LiteralError{i, "invalid digit in integer literal"};
        int d = token[i] - '0';
        if (value > (std::numeric_limits<int64_t>::max() - d) / 10)
            return LiteralError{0, "integer literal " + std::string(token) +
                                       " is out of range (the largest int is 9223372036854775807)"};
        value = value * 10 + d;
    }
    return std::nullopt;
}

LiteralResult decodeFloat(std::string_view token, double& value) {
    auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
    if (ec == std::errc::result_out_of_range)
        return LiteralError{0, "float literal " + std::string(token) + " is out of range"};
    if (ec != std::errc() || ptr != token.data() + token.size())
        return LiteralError{0, "invalid float literal " + std::string(token)};
    return std::nullopt;
}

const char* durationUnitText(ast::DurationUnit unit) {
    switch (unit) {
        case ast::DurationUnit::ns: return "ns";
        case ast::DurationUnit::us: return "us";
        case ast::DurationUnit::ms: return "ms";
        case ast::DurationUnit::s: return "s";
        case ast::DurationUnit::m: return "m";
        case ast::DurationUnit::h: return "h";
        case ast::DurationUnit::d: return "d";
        case ast::DurationUnit::w: return "w";
        case ast::DurationUnit::mo: return "mo";
        case ast::DurationUnit::y: return "y";
    }
    return "?";
}

LiteralResult decodeDuration(std::string_view token, std::vector<ast::DurationPart>& parts) {
    parts.clear();
    size_t i = 0;
    while (i < token.size()) {
        size_t numStart = i;
        while (i < token.size() && isDigit(token[i])) ++i;
        if (i == numStart) return LiteralError{i, "expected a number in duration literal"};
        int64_t magnitude = 0;
        if (auto err = decodeInteger(token.substr(numStart, i - numStart), magnitude)) {
            err->offset = numStart;
            err->message = "duration magnitude " + std::string(token.substr(numStart, i - numStart)) +
                           " is out of range";
            return err;
        }
        size_t unitStart = i;
        while (i < token.size() && !isDigit(token[i])) ++i;
        std::string_view u = token.substr(unitStart, i - unitStart);
        ast::DurationUnit unit;
        if (u == "ns") unit = ast::DurationUnit::ns;
        else if (u == "us" || u == "\xC2\xB5s" || u == "\xCE\xBCs") unit = ast::DurationUnit::us;
        else if (u == "ms") unit = ast::DurationUnit::ms;
        else if (u == "s") unit = ast::DurationUnit::s;
        else if (u == "m") unit = ast::DurationUnit::m;
        else if (u == "h") unit = ast::DurationUnit::h;
        else if (u == "d") unit = ast::DurationUnit::d;
        else if (u == "w") unit = ast::DurationUnit::w;
        else if (u == "mo") unit = ast::DurationUnit::mo;
        else if (u == "y") unit = ast::DurationUnit::y;
        else
            return LiteralError{unitStart, "unknown duration unit '" + std::string(u) +
                                               "' (units: y mo w d h m s ms us ns)"};
        parts.push_back({magnitude, unit});
    }
    if (parts.empty()) return LiteralError{0, "empty duration literal"};
    return std::nullopt;
}

namespace {

// Reads exactly `n` digits at `pos`.
bool readDigits(std::string_view s, size_t pos, size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (size_t k = 0; k < n; ++k) {
        if (!isDigit(s[pos + k])) return false;
        out = out * 10 + (s[pos + k] - '0');
    }
    return true;
}

}  // namespace

LiteralResult decodeDateTime(std::string_view token, int64_t& nanos) {
    const std::string text(token);
    int y = 0, mo = 0, d = 0;
    if (!readDigits(token, 0, 4, y) || token.size() < 10 || token[4] != '-' || !readDigits(token, 5, 2, mo) ||
        token[7] != '-' || !readDigits(token, 8, 2, d))
        return LiteralError{0, "invalid date '" + text + "': expected YYYY-MM-DD"};
    date::year_month_day ymd{date::year{y}, date::month{static_cast<unsigned>(mo)},
                             date::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) return LiteralError{0, "invalid date '" + text + "': no such day"};
    int64_t days = date::sys_days{ymd}.time_since_epoch().count();
    int hh = 0, mm = 0, ss = 0;
    int64_t frac = 0;
    int64_t offsetSeconds = 0;
    if (token.size() > 10) {
        if (token[10] != 'T' && token[10] != 't') return LiteralError{10, "invalid date-time '" + text + "'"};
        const size_t t = 11;
        if (!readDigits(token, t, 2, hh) || token.size() < t + 8 || token[t + 2] != ':' ||
            !readDigits(token, t + 3, 2, mm) || token[t + 5] != ':' || !readDigits(token, t + 6, 2, ss))
            return LiteralError{t, "invalid time in '" + text + "': expected hh:mm:ss after 'T'"};
        if (hh > 23 || mm > 59 || ss > 59)
            return LiteralError{t, "invalid time in '" + text + "': hour, minute or second out of range"};
        size_t i = t + 8;
        if (i < token.size() && token[i] == '.') {
            ++i;
            size_t fracStart = i;
            int digits = 0;
            while (i < token.size() && isDigit(token[i])) {
                if (digits < 9) {
                    frac = frac * 10 + (token[i] - '0');
                    ++digits;
                }
                ++i;
            }
            if (i == fracStart)
                return LiteralError{fracStart - 1, "invalid time in '" + text + "': expected digits after '.'"};
            for (; digits < 9; ++digits) frac *= 10;
        }
        if (i >= token.size())
            return LiteralError{i - 1, "date-time '" + text +
                                           "' has no time zone: add 'Z' for UTC or an offset like '-07:00'"};
        if (token[i] == 'Z' || token[i] == 'z') {
            ++i;
        } else if (token[i] == '+' || token[i] == '-') {
            int oh = 0, om = 0;
            if (!readDigits(token, i + 1, 2, oh) || i + 6 > token.size() || token[i + 3] != ':' ||
                !readDigits(token, i + 4, 2, om) || oh > 23 || om > 59)
                return LiteralError{i, "invalid time zone offset in '" + text + "': expected +hh:mm or -hh:mm"};
            offsetSeconds = (oh * 3600 + om * 60) * (token[i] == '+' ? 1 : -1);
            i += 6;
        } else {
            return LiteralError{i, "invalid date-time '" + text + "'"};
        }
        if (i != token.size()) return LiteralError{i, "unexpected text at the end of date-time '" + text + "'"};
    }
    // Whole seconds first, then nanoseconds, checking the int64 nanosecond range (years 1677..2262).
    __int128 secs = static_cast<__int128>(days) * 86400 + hh * 3600 + mm * 60 + ss - offsetSeconds;
    __int128 ns = secs * 1000000000 + frac;
    if (ns > std::numeric_limits<int64_t>::max() || ns < std::numeric_limits<int64_t>::min())
        return LiteralError{0, "date-time '" + text +
                                   "' is out of range (times must lie between 1677-09-21 and 2262-04-11)"};
    nanos = static_cast<int64_t>(ns);
    return std::nullopt;
}

}  // namespace fluxi::literals
