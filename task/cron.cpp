// Cron expressions (see task/cron.h): a field-by-field parser into bit sets, and a forward search for
// the next fire time that skips whole months, days, hours and minutes that cannot match.
#include "task/cron.h"

#include <date/date.h>

#include <cctype>
#include <vector>

namespace fluxi::task {

namespace {

constexpr int64_t kNanosPerSecond = 1000000000;
constexpr int64_t kSecondsPerDay = 86400;

int64_t floorDiv(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

struct FieldSpec {
    const char* name;  // for messages: "minute", "day-of-week", ...
    int min, max;
    const char* const* names;  // 3-letter names (months, weekdays) or null
    int namesBase;             // value of names[0]
    int nameCount;
    bool allowQuestion;        // `?` accepted (day fields)
};

const char* const kMonthNames[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                                   "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
const char* const kWeekdayNames[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

const FieldSpec kSecond{"second", 0, 59, nullptr, 0, 0, false};
const FieldSpec kMinute{"minute", 0, 59, nullptr, 0, 0, false};
const FieldSpec kHour{"hour", 0, 23, nullptr, 0, 0, false};
const FieldSpec kDayOfMonth{"day-of-month", 1, 31, nullptr, 0, 0, true};
const FieldSpec kMonth{"month", 1, 12, kMonthNames, 1, 12, false};
const FieldSpec kDayOfWeek{"day-of-week", 0, 7, kWeekdayNames, 0, 7, true};

class FieldParser {
public:
    FieldParser(std::string_view expr, const FieldSpec& spec, std::string_view field)
        : expr_(expr), spec_(spec), field_(field) {}

    // Bits of the allowed values; `any` tells whether the field is exactly `*` or `?`.
    uint64_t parse(bool& any) {
        any = field_ == "*" || (spec_.allowQuestion && field_ == "?");
        uint64_t bits = 0;
        size_t pos = 0;
        while (true) {
            size_t comma = field_.find(',', pos);
            std::string_view item = field_.substr(pos, comma == std::string_view::npos ? std::string_view::npos
                                                                                        : comma - pos);
            if (item.empty()) fail("empty item in the list");
            bits |= parseItem(item);
            if (comma == std::string_view::npos) break;
            pos = comma + 1;
        }
        return bits;
    }

private:
    [[noreturn]] void fail(const std::string& why) const {
        throw CronError("cron \"" + std::string(expr_) + "\": " + spec_.name + " field \"" + std::string(field_) +
                        "\": " + why);
    }

    std::string range() const { return std::to_string(spec_.min) + "-" + std::to_string(spec_.max); }

    int parseValue(std::string_view v) {
        if (v.empty()) fail("missing value (expected a number" + std::string(spec_.names ? " or a name" : "") + ")");
        if (std::isdigit(static_cast<unsigned char>(v[0]))) {
            int64_t n = 0;
            for (char c : v) {
                if (!std::isdigit(static_cast<unsigned char>(c)))
                    fail("\"" + std::string(v) + "\" is not a number");
                n = n * 10 + (c - '0');
                if (n > 1000000) break;
            }
            if (n < spec_.min || n > spec_.max)
                fail(std::string(v) + " is out of range " + range());
            return static_cast<int>(n);
        }
        if (spec_.names && v.size() == 3) {
            for (int i = 0; i < spec_.nameCount; i++) {
                const char* name = spec_.names[i];
                bool eq = true;
                for (int k = 0; k < 3; k++)
                    if (std::toupper(static_cast<unsigned char>(v[static_cast<size_t>(k)])) != name[k]) eq = false;
                if (eq) return spec_.namesBase + i;
            }
        }
        if (spec_.names)
            fail("\"" + std::string(v) + "\" is not a number (" + range() + ") or a " +
                 (spec_.names == kMonthNames ? "month name (JAN..DEC)" : "day name (SUN..SAT)"));
        fail("\"" + std::string(v) + "\" is not a number (" + range() + ")");
    }

    uint64_t parseItem(std::string_view item) {
        std::string_view rangePart = item, stepPart;
        bool hasStep = false;
        if (size_t slash = item.find('/'); slash != std::string_view::npos) {
            rangePart = item.substr(0, slash);
            stepPart = item.substr(slash + 1);
            hasStep = true;
            if (stepPart.find('/') != std::string_view::npos) fail("more than one '/' in \"" + std::string(item) + "\"");
        }
        int lo = 0, hi = 0;
        if (rangePart == "*" || rangePart == "?") {
            if (rangePart == "?" && !spec_.allowQuestion)
                fail("'?' is only allowed in the day-of-month and day-of-week fields");
            lo = spec_.min;
            hi = spec_.max;
        } else if (size_t dash = rangePart.find('-'); dash != std::string_view::npos) {
            lo = parseValue(rangePart.substr(0, dash));
            hi = parseValue(rangePart.substr(dash + 1));
            if (lo > hi)
                fail("range " + std::string(rangePart) + " goes downwards (the start must not be after the end)");
        } else {
            lo = parseValue(rangePart);
            hi = hasStep ? spec_.max : lo;  // `5/15`: from 5 to the maximum by 15
        }
        int step = 1;
        if (hasStep) {
            if (stepPart.empty()) fail("missing step after '/'");
            int64_t n = 0;
            for (char c : stepPart) {
                if (!std::isdigit(static_cast<unsigned char>(c)))
                    fail("step \"" + std::string(stepPart) + "\" is not a positive number");
                n = n * 10 + (c - '0');
                if (n > 1000000) break;
            }
            if (n < 1) fail("step must be at least 1");
            if (n > spec_.max - spec_.min + 1 && n > 1)
                fail("step " + std::string(stepPart) + " is larger than the field's range " + range());
            step = static_cast<int>(n);
        }
        uint64_t bits = 0;
        for (int v = lo; v <= hi; v += step) bits |= uint64_t{1} << v;
        return bits;
    }

    std::string_view expr_;
    const FieldSpec& spec_;
    std::string_view field_;
};

std::vector<std::string_view> splitFields(std::string_view s) {
    std::vector<std::string_view> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) i++;
        size_t start = i;
        while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) i++;
        if (i > start) out.push_back(s.substr(start, i - start));
    }
    return out;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

unsigned daysInMonth(int64_t year, unsigned month) {
    return static_cast<unsigned>(
        date::year_month_day_last{date::year{static_cast<int>(year)}, date::month_day_last{date::month{month}}}
            .day());
}

}  // namespace

CronExpr CronExpr::parse(std::string_view text) {
    CronExpr c;
    c.text_ = std::string(text);
    std::vector<std::string_view> fields = splitFields(text);
    if (fields.empty()) throw CronError("cron \"" + c.text_ + "\": the expression is empty");

    std::string expanded;
    if (fields[0][0] == '@') {
        std::string word = lower(fields[0]);
        if (word == "@every")
            throw CronError("cron \"" + c.text_ +
                            "\": @every is not supported in cron; use the task option `every` instead (it aligns "
                            "runs to multiples of the interval since the epoch)");
        if (fields.size() > 1)
            throw CronError("cron \"" + c.text_ + "\": nothing may follow " + std::string(fields[0]));
        if (word == "@yearly" || word == "@annually") expanded = "0 0 1 1 *";
        else if (word == "@monthly") expanded = "0 0 1 * *";
        else if (word == "@weekly") expanded = "0 0 * * 0";
        else if (word == "@daily" || word == "@midnight") expanded = "0 0 * * *";
        else if (word == "@hourly") expanded = "0 * * * *";
        else
            throw CronError("cron \"" + c.text_ + "\": unknown shorthand " + std::string(fields[0]) +
                            " (expected @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly)");
        fields = splitFields(expanded);
    }
    if (fields.size() != 5 && fields.size() != 6)
        throw CronError("cron \"" + c.text_ + "\": expected 5 fields (minute hour day-of-month month day-of-week) "
                        "or 6 (second minute hour day-of-month month day-of-week), got " +
                        std::to_string(fields.size()));
    c.hasSeconds_ = fields.size() == 6;
    size_t i = 0;
    bool any = false;
    if (c.hasSeconds_) c.seconds_ = FieldParser(text, kSecond, fields[i++]).parse(any);
    else c.seconds_ = 1;  // second 0
    c.minutes_ = FieldParser(text, kMinute, fields[i++]).parse(any);
    c.hours_ = static_cast<uint32_t>(FieldParser(text, kHour, fields[i++]).parse(any));
    c.days_ = static_cast<uint32_t>(FieldParser(text, kDayOfMonth, fields[i++]).parse(c.daysAny_));
    c.months_ = static_cast<uint16_t>(FieldParser(text, kMonth, fields[i++]).parse(any));
    uint64_t dow = FieldParser(text, kDayOfWeek, fields[i++]).parse(c.weekdaysAny_);
    if (dow & (uint64_t{1} << 7)) dow |= 1;  // 7 is Sunday too
    c.weekdays_ = static_cast<uint8_t>(dow & 0x7f);

    // A restricted day of month with an unrestricted weekday must exist in some allowed month
    // (February counts 29 days), else the expression never fires ("0 0 30 2 *").
    if (c.weekdaysAny_) {
        bool possible = false;
        for (unsigned m = 1; m <= 12 && !possible; m++) {
            if (!(c.months_ >> m & 1)) continue;
            unsigned maxDay = m == 2 ? 29 : daysInMonth(2001, m);
            for (unsigned d = 1; d <= maxDay; d++)
                if (c.days_ >> d & 1) possible = true;
        }
        if (!possible)
            throw CronError("cron \"" + c.text_ +
                            "\": never fires: none of the days of month exists in any of the months");
    }
    return c;
}

bool CronExpr::dayMatches(unsigned day, unsigned weekday) const {
    bool dom = days_ >> day & 1;
    bool dow = weekdays_ >> weekday & 1;
    if (daysAny_ && weekdaysAny_) return true;
    if (daysAny_) return dow;
    if (weekdaysAny_) return dom;
    return dom || dow;
}

bool CronExpr::matches(int64_t t) const {
    if (t % kNanosPerSecond != 0) return false;  // (not secs * 1e9 != t: that overflows near INT64_MIN)
    int64_t secs = floorDiv(t, kNanosPerSecond);
    int64_t days = floorDiv(secs, kSecondsPerDay);
    int64_t sod = secs - days * kSecondsPerDay;
    date::sys_days sd{date::days{static_cast<int>(days)}};
    date::year_month_day ymd{sd};
    unsigned m = static_cast<unsigned>(ymd.month()), d = static_cast<unsigned>(ymd.day());
    unsigned wd = date::weekday{sd}.c_encoding();
    return (months_ >> m & 1) && dayMatches(d, wd) && (hours_ >> (sod / 3600) & 1) &&
           (minutes_ >> (sod / 60 % 60) & 1) && (seconds_ >> (sod % 60) & 1);
}

int64_t CronExpr::next(int64_t t) const {
    // Search from the first whole second after t, on (days since the epoch, second of the day).
    int64_t secs = floorDiv(t, kNanosPerSecond) + 1;
    int64_t days = floorDiv(secs, kSecondsPerDay);
    int64_t sod = secs - days * kSecondsPerDay;
    int hour = static_cast<int>(sod / 3600), minute = static_cast<int>(sod / 60 % 60), second = static_cast<int>(sod % 60);

    date::year_month_day ymd{date::sys_days{date::days{static_cast<int>(days)}}};
    const int64_t startYear = static_cast<int>(ymd.year());
    while (true) {
        ymd = date::year_month_day{date::sys_days{date::days{static_cast<int>(days)}}};
        int64_t year = static_cast<int>(ymd.year());
        unsigned month = static_cast<unsigned>(ymd.month()), day = static_cast<unsigned>(ymd.day());
        // Leap-day schedules can wait 8 years (2096-02-29 -> 2104-02-29); more means never.
        if (year > startYear + 9 || year > 9998)
            throw CronError("cron \"" + text_ + "\": no fire time after " + std::to_string(startYear) +
                            " within the next years");
        if (!(months_ >> month & 1)) {
            // first day of the next month
            days += daysInMonth(year, month) - day + 1;
            hour = minute = second = 0;
            continue;
        }
        unsigned weekday = date::weekday{date::sys_days{date::days{static_cast<int>(days)}}}.c_encoding();
        if (!dayMatches(day, weekday)) {
            days++;
            hour = minute = second = 0;
            continue;
        }
        if (!(hours_ >> hour & 1)) {
            if (++hour == 24) {
                days++;
                hour = 0;
            }
            minute = second = 0;
            continue;
        }
        if (!(minutes_ >> minute & 1)) {
            if (++minute == 60) {
                minute = 0;
                if (++hour == 24) {
                    days++;
                    hour = 0;
                }
            }
            second = 0;
            continue;
        }
        if (!(seconds_ >> second & 1)) {
            if (++second == 60) {
                second = 0;
                if (++minute == 60) {
                    minute = 0;
                    if (++hour == 24) {
                        days++;
                        hour = 0;
                    }
                }
            }
            continue;
        }
        __int128 ns = (static_cast<__int128>(days) * kSecondsPerDay + hour * 3600 + minute * 60 + second) *
                      kNanosPerSecond;
        if (ns > INT64_MAX)
            throw CronError("cron \"" + text_ + "\": the next fire time is after 2262-04-11, the last representable time");
        return static_cast<int64_t>(ns);
    }
}

}  // namespace fluxi::task
