// Tests of cron expressions (task/cron.h): parsing every syntax form, the day-of-month/day-of-week
// rule, next fire times across hours, days, months and years, and each kind of error.
#include <doctest/doctest.h>

#include "eval/time.h"
#include "task/cron.h"

using fluxi::formatTime;
using fluxi::parseTime;
using fluxi::task::CronError;
using fluxi::task::CronExpr;

namespace {

std::string nextAfter(const char* expr, const char* after) {
    return formatTime(CronExpr::parse(expr).next(parseTime(after)));
}

// The first `n` fire times after `after`, comma separated.
std::string firesAfter(const char* expr, const char* after, int n) {
    CronExpr c = CronExpr::parse(expr);
    int64_t t = parseTime(after);
    std::string out;
    for (int i = 0; i < n; i++) {
        t = c.next(t);
        if (i) out += ",";
        out += formatTime(t);
    }
    return out;
}

std::string errorOf(const char* expr) {
    try {
        CronExpr::parse(expr);
    } catch (const CronError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("cron: five fields, every hour and every 15 minutes") {
    CHECK(nextAfter("0 * * * *", "2024-01-01T10:30:00Z") == "2024-01-01T11:00:00Z");
    CHECK(nextAfter("0 * * * *", "2024-01-01T10:00:00Z") == "2024-01-01T11:00:00Z");  // strictly after
    CHECK(nextAfter("0 * * * *", "2024-01-01T09:59:59.999Z") == "2024-01-01T10:00:00Z");
    CHECK(firesAfter("*/15 * * * *", "2024-01-01T10:07:00Z", 4) ==
          "2024-01-01T10:15:00Z,2024-01-01T10:30:00Z,2024-01-01T10:45:00Z,2024-01-01T11:00:00Z");
    CHECK(nextAfter("30 2 * * *", "2024-01-01T03:00:00Z") == "2024-01-02T02:30:00Z");
}

TEST_CASE("cron: six fields with seconds first") {
    CHECK(firesAfter("*/10 * * * * *", "2024-01-01T10:00:05Z", 3) ==
          "2024-01-01T10:00:10Z,2024-01-01T10:00:20Z,2024-01-01T10:00:30Z");
    CHECK(nextAfter("* * * * * *", "2024-01-01T10:00:00.5Z") == "2024-01-01T10:00:01Z");
    CHECK(nextAfter("30 0 12 * * *", "2024-01-01T12:00:30Z") == "2024-01-02T12:00:30Z");
    CHECK(CronExpr::parse("* * * * * *").hasSeconds());
    CHECK_FALSE(CronExpr::parse("* * * * *").hasSeconds());
}

TEST_CASE("cron: lists, ranges and steps") {
    CHECK(firesAfter("1-10/2 0 * * *", "2024-01-01T00:00:00Z", 6) ==
          "2024-01-01T00:01:00Z,2024-01-01T00:03:00Z,2024-01-01T00:05:00Z,2024-01-01T00:07:00Z,"
          "2024-01-01T00:09:00Z,2024-01-02T00:01:00Z");
    CHECK(firesAfter("5/20 * * * *", "2024-01-01T00:00:00Z", 4) ==
          "2024-01-01T00:05:00Z,2024-01-01T00:25:00Z,2024-01-01T00:45:00Z,2024-01-01T01:05:00Z");
    CHECK(firesAfter("0 8,12-13 * * *", "2024-01-01T00:00:00Z", 4) ==
          "2024-01-01T08:00:00Z,2024-01-01T12:00:00Z,2024-01-01T13:00:00Z,2024-01-02T08:00:00Z");
    CHECK(firesAfter("0 0 1,15 * *", "2024-01-01T00:00:00Z", 3) ==
          "2024-01-15T00:00:00Z,2024-02-01T00:00:00Z,2024-02-15T00:00:00Z");
    CHECK(firesAfter("0 0 1 */4 *", "2024-01-01T00:00:00Z", 3) ==
          "2024-05-01T00:00:00Z,2024-09-01T00:00:00Z,2025-01-01T00:00:00Z");
    CHECK(nextAfter("0,30 * * * *", "2024-01-01T00:00:00Z") == "2024-01-01T00:30:00Z");
}

TEST_CASE("cron: month and weekday names, Sunday as 0 or 7") {
    // 2024-01-01 is a Monday.
    CHECK(nextAfter("0 0 * * MON", "2024-01-01T00:00:00Z") == "2024-01-08T00:00:00Z");
    CHECK(nextAfter("0 0 * * sun", "2024-01-01T00:00:00Z") == "2024-01-07T00:00:00Z");
    CHECK(nextAfter("0 0 * * 7", "2024-01-01T00:00:00Z") == "2024-01-07T00:00:00Z");
    CHECK(nextAfter("0 0 * * 0", "2024-01-01T00:00:00Z") == "2024-01-07T00:00:00Z");
    CHECK(nextAfter("0 9 * * Mon-Fri", "2024-01-05T12:00:00Z") == "2024-01-08T09:00:00Z");
    CHECK(nextAfter("0 0 1 jan *", "2024-01-01T00:00:00Z") == "2025-01-01T00:00:00Z");
    CHECK(firesAfter("0 0 1 MAR-MAY *", "2024-01-01T00:00:00Z", 4) ==
          "2024-03-01T00:00:00Z,2024-04-01T00:00:00Z,2024-05-01T00:00:00Z,2025-03-01T00:00:00Z");
    CHECK(nextAfter("0 0 * * 5-7", "2024-01-01T00:00:00Z") == "2024-01-05T00:00:00Z");
}

TEST_CASE("cron: day of month OR day of week when both are restricted") {
    // the 13th or any Friday: 2024-01-05 is the first Friday, before the 13th
    CHECK(firesAfter("0 0 13 * FRI", "2024-01-01T00:00:00Z", 3) ==
          "2024-01-05T00:00:00Z,2024-01-12T00:00:00Z,2024-01-13T00:00:00Z");
    // only the day of month counts when the weekday is `*` or `?`
    CHECK(nextAfter("0 0 13 * *", "2024-01-01T00:00:00Z") == "2024-01-13T00:00:00Z");
    CHECK(nextAfter("0 0 13 * ?", "2024-01-01T00:00:00Z") == "2024-01-13T00:00:00Z");
    // only the weekday counts when the day of month is `*` or `?`
    CHECK(nextAfter("0 0 ? * FRI", "2024-01-01T00:00:00Z") == "2024-01-05T00:00:00Z");
}

TEST_CASE("cron: month ends, leap days and year ends") {
    CHECK(firesAfter("0 0 31 * *", "2024-01-31T00:00:00Z", 2) == "2024-03-31T00:00:00Z,2024-05-31T00:00:00Z");
    CHECK(nextAfter("0 0 29 2 *", "2024-03-01T00:00:00Z") == "2028-02-29T00:00:00Z");
    CHECK(nextAfter("59 23 31 12 *", "2023-12-31T23:59:00Z") == "2024-12-31T23:59:00Z");
    CHECK(nextAfter("0 0 * * *", "2023-12-31T12:00:00Z") == "2024-01-01T00:00:00Z");
    CHECK(nextAfter("0 0 1 1 *", "1969-06-01T00:00:00Z") == "1970-01-01T00:00:00Z");  // before the epoch
}

TEST_CASE("cron: shorthands") {
    CHECK(nextAfter("@hourly", "2024-01-01T10:30:00Z") == "2024-01-01T11:00:00Z");
    CHECK(nextAfter("@daily", "2024-01-01T10:30:00Z") == "2024-01-02T00:00:00Z");
    CHECK(nextAfter("@midnight", "2024-01-01T10:30:00Z") == "2024-01-02T00:00:00Z");
    CHECK(nextAfter("@weekly", "2024-01-01T10:30:00Z") == "2024-01-07T00:00:00Z");
    CHECK(nextAfter("@monthly", "2024-01-01T10:30:00Z") == "2024-02-01T00:00:00Z");
    CHECK(nextAfter("@yearly", "2024-01-01T10:30:00Z") == "2025-01-01T00:00:00Z");
    CHECK(nextAfter("@ANNUALLY", "2024-01-01T10:30:00Z") == "2025-01-01T00:00:00Z");
}

TEST_CASE("cron: matches") {
    CronExpr c = CronExpr::parse("*/15 9-17 * * MON-FRI");
    CHECK(c.matches(parseTime("2024-01-01T09:15:00Z")));
    CHECK_FALSE(c.matches(parseTime("2024-01-01T09:15:00.5Z")));
    CHECK_FALSE(c.matches(parseTime("2024-01-01T09:16:00Z")));
    CHECK_FALSE(c.matches(parseTime("2024-01-06T09:15:00Z")));  // Saturday
    CHECK_FALSE(c.matches(parseTime("2024-01-01T18:00:00Z")));
}

TEST_CASE("cron: errors name the field and the reason") {
    CHECK(errorOf("") == "cron \"\": the expression is empty");
    CHECK(errorOf("* * *") ==
          "cron \"* * *\": expected 5 fields (minute hour day-of-month month day-of-week) or 6 (second minute hour "
          "day-of-month month day-of-week), got 3");
    CHECK(errorOf("* * * * * * *").find("got 7") != std::string::npos);
    CHECK(errorOf("60 * * * *") == "cron \"60 * * * *\": minute field \"60\": 60 is out of range 0-59");
    CHECK(errorOf("0 24 * * *") == "cron \"0 24 * * *\": hour field \"24\": 24 is out of range 0-23");
    CHECK(errorOf("0 0 0 * *") == "cron \"0 0 0 * *\": day-of-month field \"0\": 0 is out of range 1-31");
    CHECK(errorOf("0 0 * 13 *") == "cron \"0 0 * 13 *\": month field \"13\": 13 is out of range 1-12");
    CHECK(errorOf("0 0 * * 8") == "cron \"0 0 * * 8\": day-of-week field \"8\": 8 is out of range 0-7");
    CHECK(errorOf("61 * * * * *") == "cron \"61 * * * * *\": second field \"61\": 61 is out of range 0-59");
    CHECK(errorOf("0 0 * * FOO") ==
          "cron \"0 0 * * FOO\": day-of-week field \"FOO\": \"FOO\" is not a number (0-7) or a day name (SUN..SAT)");
    CHECK(errorOf("0 0 * JANUARY *") == "cron \"0 0 * JANUARY *\": month field \"JANUARY\": \"JANUARY\" is not a "
                                        "number (1-12) or a month name (JAN..DEC)");
    CHECK(errorOf("x * * * *") == "cron \"x * * * *\": minute field \"x\": \"x\" is not a number (0-59)");
    CHECK(errorOf("1x * * * *") == "cron \"1x * * * *\": minute field \"1x\": \"1x\" is not a number");
    CHECK(errorOf("10-5 * * * *") ==
          "cron \"10-5 * * * *\": minute field \"10-5\": range 10-5 goes downwards (the start must not be after the end)");
    CHECK(errorOf("0 0 * * FRI-MON").find("goes downwards") != std::string::npos);
    CHECK(errorOf("*/0 * * * *") == "cron \"*/0 * * * *\": minute field \"*/0\": step must be at least 1");
    CHECK(errorOf("*/ * * * *") == "cron \"*/ * * * *\": minute field \"*/\": missing step after '/'");
    CHECK(errorOf("*/a * * * *").find("step \"a\" is not a positive number") != std::string::npos);
    CHECK(errorOf("*/61 * * * *").find("step 61 is larger than the field's range 0-59") != std::string::npos);
    CHECK(errorOf("*/2/3 * * * *").find("more than one '/'") != std::string::npos);
    CHECK(errorOf("1,,2 * * * *") == "cron \"1,,2 * * * *\": minute field \"1,,2\": empty item in the list");
    CHECK(errorOf("1- * * * *").find("missing value") != std::string::npos);
    CHECK(errorOf("? * * * *") ==
          "cron \"? * * * *\": minute field \"?\": '?' is only allowed in the day-of-month and day-of-week fields");
    CHECK(errorOf("@every 1h").find("@every is not supported in cron; use the task option `every` instead") !=
          std::string::npos);
    CHECK(errorOf("@often").find("unknown shorthand @often") != std::string::npos);
    CHECK(errorOf("@daily 5") == "cron \"@daily 5\": nothing may follow @daily");
    CHECK(errorOf("0 0 30 2 *") ==
          "cron \"0 0 30 2 *\": never fires: none of the days of month exists in any of the months");
    CHECK(errorOf("0 0 31 4,6 *").find("never fires") != std::string::npos);
    CHECK(errorOf("0 0 29 2 *").empty());       // leap years
    CHECK(errorOf("0 0 30 2 MON").empty());     // Mondays in February
}

TEST_CASE("cron: matches at the ends of the int64 time range") {
    CronExpr every = CronExpr::parse("* * * * * *");
    CHECK_FALSE(every.matches(INT64_MIN));  // not a whole second (and no int64 overflow finding out)
    CHECK(every.matches(parseTime("1677-09-21T00:12:44Z")));
    CHECK_FALSE(every.matches(INT64_MAX));
}
