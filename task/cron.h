// Cron expressions for the `cron` task option: parsing and "next fire time after t", in UTC.
//
// Syntax (as the cron schedules of InfluxDB tasks):
//   5 fields: minute hour day-of-month month day-of-week        ("0 * * * *": every hour)
//   6 fields: second minute hour day-of-month month day-of-week ("*/10 * * * * *": every 10 s)
// Each field is a comma-separated list of items; an item is `*` (or `?`, the same), a value, a range
// `a-b`, any of these with a step (`*/5`, `1-10/2`, `5/15` = from 5 to the field's maximum by 15).
// Months may be written JAN..DEC and days of the week SUN..SAT (any case); day of week 0 and 7 are
// both Sunday. Ranges must go upwards (FRI-MON is an error).
// Day rule (as classic cron): when both day-of-month and day-of-week are restricted (neither is
// exactly `*` or `?`), a day matches when EITHER matches ("0 0 1 * MON": the 1st and every Monday);
// otherwise only the restricted one counts.
// Shorthands: @yearly (@annually) = "0 0 1 1 *", @monthly = "0 0 1 * *", @weekly = "0 0 * * 0",
// @daily (@midnight) = "0 0 * * *", @hourly = "0 * * * *". `@every D` is refused: use the task's
// `every` option, which aligns runs to multiples of D since the epoch.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace fluxi::task {

// A bad cron expression: the message names the expression, the field and what was wrong.
class CronError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class CronExpr {
public:
    // Throws CronError.
    static CronExpr parse(std::string_view text);

    // The first fire time strictly after `t` (ns since the epoch, UTC). Fire times are whole
    // seconds. Throws CronError when there is none before year 9999.
    int64_t next(int64_t t) const;
    // True when `t` is a fire time.
    bool matches(int64_t t) const;

    const std::string& text() const { return text_; }
    bool hasSeconds() const { return hasSeconds_; }

private:
    bool dayMatches(unsigned day, unsigned weekday) const;

    std::string text_;
    bool hasSeconds_ = false;
    uint64_t seconds_ = 0;  // bit i: second i (0..59)
    uint64_t minutes_ = 0;  // bit i: minute i (0..59)
    uint32_t hours_ = 0;    // bit i: hour i (0..23)
    uint32_t days_ = 0;     // bit i: day of month i (1..31)
    uint16_t months_ = 0;   // bit i: month i (1..12)
    uint8_t weekdays_ = 0;  // bit i: weekday i (0 = Sunday .. 6)
    bool daysAny_ = true;      // day-of-month is `*` / `?`
    bool weekdaysAny_ = true;  // day-of-week is `*` / `?`
};

}  // namespace fluxi::task
