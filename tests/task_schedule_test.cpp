// Tests of task schedules (task/schedule.h): `every` aligned to multiples since the epoch, cron
// times, offset moving the execution but not the scheduled time, and ranges of scheduled times.
#include <doctest/doctest.h>

#include "eval/time.h"
#include "task/schedule.h"

using fluxi::formatTime;
using fluxi::kNanosPerHour;
using fluxi::kNanosPerMinute;
using fluxi::kNanosPerSecond;
using fluxi::kNanosPerWeek;
using fluxi::parseTime;
using fluxi::task::CronExpr;
using fluxi::task::Schedule;
using fluxi::task::TaskOptions;

namespace {

Schedule every(int64_t ns, int64_t offset = 0) {
    TaskOptions o;
    o.name = "t";
    o.every = ns;
    o.offset = offset;
    return Schedule(o);
}

Schedule cron(const char* expr, int64_t offset = 0) {
    TaskOptions o;
    o.name = "t";
    o.cron = CronExpr::parse(expr);
    o.offset = offset;
    return Schedule(o);
}

std::string times(const std::vector<int64_t>& ts) {
    std::string out;
    for (auto t : ts) out += (out.empty() ? "" : ",") + formatTime(t);
    return out;
}

}  // namespace

TEST_CASE("schedule: every is aligned to multiples of every since the epoch") {
    Schedule h = every(kNanosPerHour);
    // scheduled at 14:30 -> first run at 15:00 (the InfluxDB docs' example)
    CHECK(formatTime(h.nextAfter(parseTime("2024-01-01T14:30:00Z"))) == "2024-01-01T15:00:00Z");
    CHECK(formatTime(h.nextAfter(parseTime("2024-01-01T15:00:00Z"))) == "2024-01-01T16:00:00Z");
    CHECK(formatTime(h.firstAtOrAfter(parseTime("2024-01-01T15:00:00Z"))) == "2024-01-01T15:00:00Z");
    CHECK(h.isScheduled(parseTime("2024-01-01T15:00:00Z")));
    CHECK_FALSE(h.isScheduled(parseTime("2024-01-01T15:00:01Z")));
    // 7m does not divide an hour: the multiples of 7 minutes since 1970
    Schedule m7 = every(7 * kNanosPerMinute);
    int64_t t = m7.nextAfter(parseTime("2024-01-01T00:00:00Z"));
    CHECK(t % (7 * kNanosPerMinute) == 0);
    CHECK(formatTime(t) == "2024-01-01T00:01:00Z");
    // weeks start on Thursday (1970-01-01 was a Thursday)
    CHECK(formatTime(every(kNanosPerWeek).nextAfter(parseTime("2024-01-01T00:00:00Z"))) == "2024-01-04T00:00:00Z");
    // before the epoch too
    CHECK(formatTime(h.nextAfter(parseTime("1969-12-31T22:30:00Z"))) == "1969-12-31T23:00:00Z");
}

TEST_CASE("schedule: offset delays the execution, not the scheduled time") {
    Schedule h = every(kNanosPerHour, 10 * kNanosPerMinute);
    int64_t s = parseTime("2024-01-01T15:00:00Z");
    CHECK(h.offset() == 10 * kNanosPerMinute);
    CHECK(formatTime(h.executionTime(s)) == "2024-01-01T15:10:00Z");
    CHECK(h.isScheduled(s));
    // at 15:05 the 15:00 run has not started yet (it starts at 15:10): it is the next one to start
    CHECK(formatTime(h.firstExecutableAtOrAfter(parseTime("2024-01-01T15:05:00Z"))) == "2024-01-01T15:00:00Z");
    CHECK(formatTime(h.firstExecutableAtOrAfter(parseTime("2024-01-01T15:10:00Z"))) == "2024-01-01T15:00:00Z");
    CHECK(formatTime(h.firstExecutableAtOrAfter(parseTime("2024-01-01T15:10:01Z"))) == "2024-01-01T16:00:00Z");
    CHECK(h.describe() == "every 1h, offset 10m");
    CHECK(every(kNanosPerHour).describe() == "every 1h");

    Schedule c = cron("0 2 * * *", 30 * kNanosPerSecond);
    CHECK(formatTime(c.nextAfter(parseTime("2024-01-01T00:00:00Z"))) == "2024-01-01T02:00:00Z");
    CHECK(formatTime(c.executionTime(parseTime("2024-01-01T02:00:00Z"))) == "2024-01-01T02:00:30Z");
    CHECK(c.describe() == "cron \"0 2 * * *\", offset 30s");
}

TEST_CASE("schedule: scheduled times in [start, stop)") {
    Schedule h = every(kNanosPerHour);
    CHECK(times(h.between(parseTime("2024-01-01T00:00:00Z"), parseTime("2024-01-01T03:00:00Z"), 100)) ==
          "2024-01-01T00:00:00Z,2024-01-01T01:00:00Z,2024-01-01T02:00:00Z");
    CHECK(times(h.between(parseTime("2024-01-01T00:30:00Z"), parseTime("2024-01-01T03:00:01Z"), 100)) ==
          "2024-01-01T01:00:00Z,2024-01-01T02:00:00Z,2024-01-01T03:00:00Z");
    CHECK(h.between(parseTime("2024-01-01T00:10:00Z"), parseTime("2024-01-01T00:50:00Z"), 100).empty());
    CHECK(h.between(parseTime("2024-01-02T00:00:00Z"), parseTime("2024-01-01T00:00:00Z"), 100).empty());
    CHECK_THROWS_AS(h.between(parseTime("2024-01-01T00:00:00Z"), parseTime("2024-02-01T00:00:00Z"), 10),
                    std::length_error);
    Schedule c = cron("0 0 * * MON");
    CHECK(times(c.between(parseTime("2024-01-01T00:00:00Z"), parseTime("2024-01-20T00:00:00Z"), 100)) ==
          "2024-01-01T00:00:00Z,2024-01-08T00:00:00Z,2024-01-15T00:00:00Z");
}
