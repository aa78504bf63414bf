// RFC3339 parsing and RFC3339Nano formatting (see rfc3339.h), using Howard Hinnant's date library
// for the civil calendar arithmetic.
#include "format/rfc3339.h"

#include <date/date.h>

namespace fluxi::rfc3339 {
namespace {

constexpr int64_t kNanosPerSecond = 1'000'000'000;
constexpr int64_t kSecondsPerDay = 86'400;

bool fail(std::string* error, std::string msg) {
    if (error) *error = std::move(msg);
    return false;
}

// Reads exactly `n` digits at `pos`.
bool digits(std::string_view s, size_t& pos, int n, int& out) {
    if (pos + static_cast<size_t>(n) > s.size()) return false;
    int v = 0;
    for (int i = 0; i < n; i++) {
        char c = s[pos + static_cast<size_t>(i)];
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    pos += static_cast<size_t>(n);
    out = v;
    return true;
}

bool expect(std::string_view s, size_t& pos, char c) {
    if (pos < s.size() && s[pos] == c) {
        pos++;
        return true;
    }
    return false;
}

void append2(std::string& out, unsigned v) {
    out.push_back(static_cast<char>('0' + v / 10));
    out.push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

bool parse(std::string_view s, int64_t& result, std::string* error) {
    const char* shape = "expected a time like 2021-01-02T15:04:05Z";
    size_t pos = 0;
    int year, month, day, hour, minute, second;
    if (!digits(s, pos, 4, year) || !expect(s, pos, '-') || !digits(s, pos, 2, month) || !expect(s, pos, '-') ||
        !digits(s, pos, 2, day))
        return fail(error, shape);
    if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't')) return fail(error, shape);
    pos++;
    if (!digits(s, pos, 2, hour) || !expect(s, pos, ':') || !digits(s, pos, 2, minute) || !expect(s, pos, ':') ||
        !digits(s, pos, 2, second))
        return fail(error, shape);
    int64_t frac = 0;
    if (pos < s.size() && s[pos] == '.') {
        pos++;
        size_t start = pos;
        int64_t scale = kNanosPerSecond;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (scale > 1) {
                scale /= 10;
                frac += (s[pos] - '0') * scale;
            }
            pos++;
        }
        if (pos == start) return fail(error, "expected digits after the decimal point of the seconds");
    }
    int offsetSeconds = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        pos++;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        int sign = s[pos] == '-' ? -1 : 1;
        pos++;
        int oh, om;
        if (!digits(s, pos, 2, oh) || !expect(s, pos, ':') || !digits(s, pos, 2, om))
            return fail(error, "expected a time zone offset like +07:00");
        if (oh > 23 || om > 59) return fail(error, "time zone offset out of range");
        offsetSeconds = sign * (oh * 3600 + om * 60);
    } else {
        return fail(error, "expected Z or a time zone offset like +07:00 after the time");
    }
    if (pos != s.size()) return fail(error, "unexpected text after the time");

    if (month < 1 || month > 12) return fail(error, "month " + std::to_string(month) + " out of range");
    date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                             date::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) return fail(error, "day " + std::to_string(day) + " out of range for the month");
    if (hour > 23) return fail(error, "hour " + std::to_string(hour) + " out of range");
    if (minute > 59) return fail(error, "minute " + std::to_string(minute) + " out of range");
    if (second > 59) return fail(error, "second " + std::to_string(second) + " out of range");

    int64_t days = date::sys_days{ymd}.time_since_epoch().count();
    int64_t secs = days * kSecondsPerDay + hour * 3600 + minute * 60 + second - offsetSeconds;
    // int64 nanoseconds cover 1677-09-21T00:12:43.145224192Z .. 2262-04-11T23:47:16.854775807Z.
    __int128 total = static_cast<__int128>(secs) * kNanosPerSecond + frac;
    if (total > INT64_MAX || total < INT64_MIN)
        return fail(error,
                    "time out of range: expected a time between 1677-09-21T00:12:43.145224192Z and "
                    "2262-04-11T23:47:16.854775807Z");
    result = static_cast<int64_t>(total);
    return true;
}

void appendNano(std::string& out, int64_t t) {
    int64_t secs = t / kNanosPerSecond;
    int64_t nanos = t % kNanosPerSecond;
    if (nanos < 0) {
        nanos += kNanosPerSecond;
        secs -= 1;
    }
    int64_t days = secs / kSecondsPerDay;
    int64_t rem = secs % kSecondsPerDay;
    if (rem < 0) {
        rem += kSecondsPerDay;
        days -= 1;
    }
    date::year_month_day ymd{date::sys_days{date::days{days}}};
    int y = static_cast<int>(ymd.year());
    // years stay within 1677..2262 for int64 nanoseconds
    out.push_back(static_cast<char>('0' + y / 1000));
    out.push_back(static_cast<char>('0' + y / 100 % 10));
    out.push_back(static_cast<char>('0' + y / 10 % 10));
    out.push_back(static_cast<char>('0' + y % 10));
    out.push_back('-');
    append2(out, static_cast<unsigned>(ymd.month()));
    out.push_back('-');
    append2(out, static_cast<unsigned>(ymd.day()));
    out.push_back('T');
    append2(out, static_cast<unsigned>(rem / 3600));
    out.push_back(':');
    append2(out, static_cast<unsigned>(rem / 60 % 60));
    out.push_back(':');
    append2(out, static_cast<unsigned>(rem % 60));
    if (nanos != 0) {
        char buf[9];
        int64_t n = nanos;
        for (int i = 8; i >= 0; i--) {
            buf[i] = static_cast<char>('0' + n % 10);
            n /= 10;
        }
        int len = 9;
        while (len > 0 && buf[len - 1] == '0') len--;
        out.push_back('.');
        out.append(buf, static_cast<size_t>(len));
    }
    out.push_back('Z');
}

std::string formatNano(int64_t t) {
    std::string s;
    s.reserve(30);
    appendNano(s, t);
    return s;
}

}  // namespace fluxi::rfc3339
