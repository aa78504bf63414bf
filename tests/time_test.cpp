// Unit tests for eval/time: RFC3339 parsing and printing, duration literals, calendar-aware duration
// addition (month-end roll-back, leap years, negative durations), truncation, and named locations
// across DST changes.
#include <doctest/doctest.h>

#include "eval/time.h"

using namespace fluxi;

namespace {
int64_t T(const char* s) { return parseTime(s); }
std::string F(int64_t t) { return formatTime(t); }
Duration D(const char* s) { return parseDuration(s); }
std::string addStr(const char* t, const char* d) { return F(addDuration(T(t), D(d))); }
std::string addIn(const char* t, const char* d, const Location& loc) { return F(addDuration(T(t), D(d), loc)); }
std::string trunc(const char* t, const char* every, const Location& loc = Location()) {
    return F(truncateTime(T(t), D(every), loc));
}
}  // namespace

TEST_CASE("time: parse RFC3339") {
    CHECK(T("1970-01-01T00:00:00Z") == 0);
    CHECK(T("1970-01-01T00:00:01Z") == kNanosPerSecond);
    CHECK(T("1969-12-31T23:59:59Z") == -kNanosPerSecond);
    CHECK(T("2020-01-01T00:00:00Z") == 1577836800LL * kNanosPerSecond);
    CHECK(T("2022-01-01T00:00:00Z") == 1640995200000000000LL);
    CHECK(T("2020-01-01T00:00:00.5Z") == 1577836800LL * kNanosPerSecond + 500000000);
    CHECK(T("2020-01-01T00:00:00.000000001Z") == 1577836800LL * kNanosPerSecond + 1);
    CHECK(T("2020-01-01T00:00:00.123456789Z") == 1577836800LL * kNanosPerSecond + 123456789);
    // more than nine fraction digits are truncated
    CHECK(T("2020-01-01T00:00:00.1234567899Z") == 1577836800LL * kNanosPerSecond + 123456789);
    CHECK(T("2020-01-01T01:00:00+01:00") == T("2020-01-01T00:00:00Z"));
    CHECK(T("2018-08-15T13:36:23-07:00") == T("2018-08-15T20:36:23Z"));
    CHECK(T("2020-01-01T05:30:00+05:30") == T("2020-01-01T00:00:00Z"));
    CHECK(T("2020-01-01") == T("2020-01-01T00:00:00Z"));
    CHECK(T("2020-02-29") == T("2020-02-29T00:00:00Z"));
    CHECK(T("2020-01-01t00:00:00z") == T("2020-01-01T00:00:00Z"));
    CHECK(parseTime("2009-10-15T09:00:00", true) == T("2009-10-15T09:00:00Z"));
    // extremes of the int64 range
    CHECK(T("2262-04-11T23:47:16.854775807Z") == INT64_MAX);
    CHECK(T("1677-09-21T00:12:43.145224192Z") == INT64_MIN);
}

TEST_CASE("time: parse errors say what was expected") {
    auto err = [](const char* s) {
        std::string e;
        int64_t out;
        CHECK_FALSE(tryParseTime(s, out, &e));
        return e;
    };
    CHECK(err("").find("four-digit year") != std::string::npos);
    CHECK(err("20-01-01").find("four-digit year") != std::string::npos);
    CHECK(err("2020-13-01").find("month") != std::string::npos);
    CHECK(err("2021-02-29").find("day 29") != std::string::npos);
    CHECK(err("2020-01-32").find("day 32") != std::string::npos);
    CHECK(err("2020-01-01T25:00:00Z").find("hour") != std::string::npos);
    CHECK(err("2020-01-01T00:60:00Z").find("minute") != std::string::npos);
    CHECK(err("2020-01-01T00:00:60Z").find("second") != std::string::npos);
    CHECK(err("2020-01-01T00:00:00").find("offset") != std::string::npos);
    CHECK(err("2020-01-01T00:00:00+0100").find("+hh:mm") != std::string::npos);
    CHECK(err("2020-01-01T00:00:00.Z").find("digits after the decimal point") != std::string::npos);
    CHECK(err("2020-01-01T00:00Z").find("hh:mm:ss") != std::string::npos);
    CHECK(err("2020-01-01T00:00:00Zjunk").find("unexpected text") != std::string::npos);
    CHECK(err("2020-01-01 00:00:00Z").find("'T'") != std::string::npos);
    CHECK(err("2300-01-01T00:00:00Z").find("outside") != std::string::npos);
    CHECK(err("1600-01-01").find("outside") != std::string::npos);
    CHECK(err("abc").find("\"abc\"") != std::string::npos);
    CHECK_THROWS_AS(parseTime("nope"), TimeError);
}

TEST_CASE("time: format") {
    CHECK(F(0) == "1970-01-01T00:00:00Z");
    CHECK(F(T("2020-01-01T00:00:00.5Z")) == "2020-01-01T00:00:00.5Z");
    CHECK(F(T("2020-01-01T00:00:00.000000001Z")) == "2020-01-01T00:00:00.000000001Z");
    CHECK(F(T("2020-01-01T00:00:00.120Z")) == "2020-01-01T00:00:00.12Z");
    CHECK(F(-1) == "1969-12-31T23:59:59.999999999Z");
    CHECK(F(-kNanosPerSecond) == "1969-12-31T23:59:59Z");
    CHECK(F(INT64_MAX) == "2262-04-11T23:47:16.854775807Z");
    CHECK(F(INT64_MIN) == "1677-09-21T00:12:43.145224192Z");
    CHECK(F(T("2020-02-29T23:59:59Z")) == "2020-02-29T23:59:59Z");
    CHECK(formatTimeFixed(T("2020-01-01T01:01:01Z")) == "2020-01-01T01:01:01.000000000Z");
    CHECK(formatTimeFixed(T("2020-01-01T01:01:01.5Z")) == "2020-01-01T01:01:01.500000000Z");
    // round trip over a range of instants, including negative ones
    for (int64_t t = INT64_MIN / 2; t < INT64_MAX / 2; t += 987654321987654321LL) {
        CHECK(T(F(t).c_str()) == t);
        CHECK(T(formatTimeFixed(t).c_str()) == t);
    }
}

TEST_CASE("time: duration literals") {
    CHECK(formatDuration(D("1h30m")) == "1h30m");
    CHECK(formatDuration(D("90m")) == "1h30m");
    CHECK(formatDuration(D("1mo2d")) == "1mo2d");
    CHECK(formatDuration(D("-5m")) == "-5m");
    CHECK(formatDuration(D("0s")) == "0ns");
    CHECK(formatDuration({}) == "0ns");
    CHECK(formatDuration(D("14mo")) == "1y2mo");
    CHECK(formatDuration(D("1y")) == "1y");
    CHECK(formatDuration(D("8d")) == "1w1d");
    CHECK(formatDuration(D("1d")) == "1d");
    CHECK(formatDuration(D("1h20m")) == "1h20m");
    CHECK(formatDuration(D("1s500ms")) == "1s500ms");
    CHECK(formatDuration(D("1500us")) == "1ms500us");
    CHECK(formatDuration(D("5µs")) == "5us");
    CHECK(formatDuration(D("1ns")) == "1ns");
    CHECK(formatDuration(D("-1mo1d")) == "-1mo1d");
    CHECK(formatDuration(Duration{0, 4800000000000}) == "1h20m");
    CHECK(formatDuration(Duration{0, -27000000}) == "-27ms");
    CHECK(formatDuration(Duration{1, -kNanosPerDay}) == "1mo-1d");
    CHECK(formatDuration(Duration{0, INT64_MIN}) == "-15250w1d23h47m16s854ms775us808ns");
    CHECK(D("1y") == Duration{12, 0});
    CHECK(D("1mo") == Duration{1, 0});
    CHECK(D("1w") == Duration{0, kNanosPerWeek});
    CHECK(D("-1h") == Duration{0, -kNanosPerHour});
    CHECK(D("1y2mo3w4d5h6m7s8ms9us10ns") ==
          Duration{14, 3 * kNanosPerWeek + 4 * kNanosPerDay + 5 * kNanosPerHour + 6 * kNanosPerMinute +
                           7 * kNanosPerSecond + 8 * kNanosPerMilli + 9 * kNanosPerMicro + 10});
    CHECK_THROWS_AS(D(""), TimeError);
    CHECK_THROWS_AS(D("-"), TimeError);
    CHECK_THROWS_AS(D("5"), TimeError);
    CHECK_THROWS_AS(D("h"), TimeError);
    CHECK_THROWS_AS(D("1x"), TimeError);
    CHECK_THROWS_AS(D("1m1h"), TimeError);    // smaller before larger
    CHECK_THROWS_AS(D("1h1h"), TimeError);    // repeated
    CHECK_THROWS_AS(D("99999999999999999999ns"), TimeError);
    CHECK_THROWS_AS(D("9999999999999w"), TimeError);
    try {
        D("1m1h");
    } catch (const TimeError& e) {
        CHECK(std::string(e.what()).find("larger to smaller") != std::string::npos);
    }
}

TEST_CASE("time: adding durations follows the spec") {
    // examples from the Flux spec
    CHECK(addStr("2018-01-01T00:00:00Z", "1d") == "2018-01-02T00:00:00Z");
    CHECK(addStr("2018-01-01T00:00:00Z", "1mo") == "2018-02-01T00:00:00Z");
    CHECK(addStr("2018-01-01T00:00:00Z", "2mo") == "2018-03-01T00:00:00Z");
    CHECK(addStr("2018-01-31T00:00:00Z", "2mo") == "2018-03-31T00:00:00Z");
    CHECK(addStr("2018-02-28T00:00:00Z", "2mo") == "2018-04-28T00:00:00Z");
    CHECK(addStr("2018-01-31T00:00:00Z", "1mo") == "2018-02-28T00:00:00Z");
    CHECK(F(addDuration(addDuration(T("2018-02-28T00:00:00Z"), D("1mo")), D("1d"))) == "2018-03-29T00:00:00Z");
    CHECK(F(addDuration(addDuration(T("2018-02-28T00:00:00Z"), D("1d")), D("1mo"))) == "2018-04-01T00:00:00Z");
    CHECK(F(addDuration(addDuration(T("2018-01-01T00:00:00Z"), D("2mo")), D("-1d"))) == "2018-02-28T00:00:00Z");
    CHECK(F(addDuration(addDuration(T("2018-01-01T00:00:00Z"), D("-1d")), D("3mo"))) == "2018-03-31T00:00:00Z");
    CHECK(addStr("2018-01-28T00:00:00Z", "1mo2d") == "2018-03-02T00:00:00Z");
    CHECK(addStr("2018-02-01T00:00:00Z", "2mo2d") == "2018-04-03T00:00:00Z");
    // (the spec's text says 03-02 here, but 2018-02-01 + 30 days is 2018-03-03)
    CHECK(addStr("2018-01-01T00:00:00Z", "1mo30d") == "2018-03-03T00:00:00Z");
    CHECK(addStr("2018-01-31T00:00:00Z", "1mo1d") == "2018-03-01T00:00:00Z");
    // leap years
    CHECK(addStr("2020-01-31T00:00:00Z", "1mo") == "2020-02-29T00:00:00Z");
    CHECK(addStr("2020-02-29T12:34:56.789Z", "1y") == "2021-02-28T12:34:56.789Z");
    CHECK(addStr("2020-02-29T00:00:00Z", "4y") == "2024-02-29T00:00:00Z");
    CHECK(addStr("2000-02-29T00:00:00Z", "100y") == "2100-02-28T00:00:00Z");
    CHECK(addStr("2019-03-31T00:00:00Z", "-1mo") == "2019-02-28T00:00:00Z");
    CHECK(addStr("2020-03-31T00:00:00Z", "-1mo") == "2020-02-29T00:00:00Z");
    // negative durations and crossing years
    CHECK(addStr("2020-01-15T00:00:00Z", "-1mo") == "2019-12-15T00:00:00Z");
    CHECK(addStr("2020-01-15T00:00:00Z", "-13mo") == "2018-12-15T00:00:00Z");
    CHECK(addStr("2020-12-15T00:00:00Z", "1mo") == "2021-01-15T00:00:00Z");
    CHECK(addStr("2020-01-01T00:00:00Z", "-1ns") == "2019-12-31T23:59:59.999999999Z");
    CHECK(addStr("2020-01-01T00:00:00Z", "-1mo1d") == "2019-11-30T00:00:00Z");
    CHECK(addStr("1970-01-01T00:00:00Z", "-1y") == "1969-01-01T00:00:00Z");
    // overflow is an error, not a wrap
    CHECK_THROWS_AS(addDuration(INT64_MAX, Duration{0, 1}), TimeError);
    CHECK_THROWS_AS(addDuration(INT64_MIN, Duration{0, -1}), TimeError);
    CHECK_THROWS_AS(addDuration(T("2262-01-01T00:00:00Z"), D("1y")), TimeError);
    CHECK_THROWS_AS(addDuration(0, Duration{INT64_MAX, 0}), TimeError);
}

TEST_CASE("time: duration arithmetic checks overflow") {
    CHECK(scaleDuration(D("1mo1h"), 3) == Duration{3, 3 * kNanosPerHour});
    CHECK(scaleDuration(D("1h"), -2) == Duration{0, -2 * kNanosPerHour});
    CHECK(addDurations(D("1h"), D("30m")) == D("1h30m"));
    CHECK(subDurations(D("1h"), D("2h")) == D("-1h"));
    CHECK_THROWS_AS(scaleDuration(D("1w"), INT64_MAX), TimeError);
    CHECK_THROWS_AS(addDurations(Duration{0, INT64_MAX}, D("1ns")), TimeError);
    CHECK_THROWS_AS(subDurations(Duration{0, INT64_MIN}, D("1ns")), TimeError);
}

TEST_CASE("time: truncation in UTC") {
    CHECK(trunc("2019-06-03T13:59:01.123Z", "1s") == "2019-06-03T13:59:01Z");
    CHECK(trunc("2019-06-03T13:59:01Z", "1m") == "2019-06-03T13:59:00Z");
    CHECK(trunc("2019-06-03T13:59:01Z", "1h") == "2019-06-03T13:00:00Z");
    CHECK(trunc("2019-06-03T13:59:01Z", "1d") == "2019-06-03T00:00:00Z");
    CHECK(trunc("2019-06-03T13:59:01Z", "1mo") == "2019-06-01T00:00:00Z");
    CHECK(trunc("2019-06-03T13:59:01Z", "1y") == "2019-01-01T00:00:00Z");
    CHECK(trunc("2019-06-03T13:59:01Z", "3mo") == "2019-04-01T00:00:00Z");
    CHECK(trunc("2019-06-03T13:59:01Z", "1w") == "2019-05-30T00:00:00Z");  // weeks start on Thursday (epoch)
    CHECK(trunc("1969-12-31T23:59:59Z", "1d") == "1969-12-31T00:00:00Z");
    CHECK(trunc("1969-12-31T23:59:59Z", "1mo") == "1969-12-01T00:00:00Z");
    CHECK(trunc("1969-05-31T23:59:59Z", "1y") == "1969-01-01T00:00:00Z");
    CHECK(trunc("2020-01-01T00:00:00Z", "1y") == "2020-01-01T00:00:00Z");
    CHECK(trunc("2019-12-31T23:59:30.5Z", "1s") == "2019-12-31T23:59:30Z");
    CHECK(trunc("2020-01-01T00:00:07Z", "5s") == "2020-01-01T00:00:05Z");
    // with an offset: windows of 1d starting at 06:00
    CHECK(F(truncateTime(T("2020-01-02T03:00:00Z"), D("1d"), Location(), D("6h"))) == "2020-01-01T06:00:00Z");
    CHECK(F(truncateTime(T("2020-01-02T07:00:00Z"), D("1d"), Location(), D("6h"))) == "2020-01-02T06:00:00Z");
    // months with an offset of 15 days: windows start on the 16th
    CHECK(F(truncateTime(T("2020-03-10T00:00:00Z"), D("1mo"), Location(), D("15d"))) == "2020-02-16T00:00:00Z");
    CHECK(F(truncateTime(T("2020-03-20T00:00:00Z"), D("1mo"), Location(), D("15d"))) == "2020-03-16T00:00:00Z");
    // bad intervals
    CHECK_THROWS_AS(truncateTime(0, {}, Location()), TimeError);
    CHECK_THROWS_AS(truncateTime(0, D("-1h"), Location()), TimeError);
    CHECK_THROWS_AS(truncateTime(0, D("1mo1d"), Location()), TimeError);
    CHECK(checkWindowEvery(D("1mo1d")).find("mix") != std::string::npos);
    CHECK(checkWindowEvery(D("1h")).empty());
}

TEST_CASE("time: fixed-offset locations") {
    Location minus8 = Location::fixed(-8 * kNanosPerHour);
    CHECK(minus8.isFixed());
    CHECK_FALSE(minus8.isUtc());
    CHECK(minus8.toLocalClock(T("2021-12-30T00:40:44Z")) == T("2021-12-29T16:40:44Z"));
    CHECK(trunc("2021-12-30T00:40:44Z", "1d", minus8) == "2021-12-29T08:00:00Z");
    CHECK(addIn("2021-12-27T08:00:00Z", "1d", minus8) == "2021-12-28T08:00:00Z");
    // months on the local calendar: local 2021-02-28T21:00 + 1mo = 2021-03-28T21:00 local
    CHECK(addIn("2021-03-01T05:00:00Z", "1mo", minus8) == "2021-03-29T05:00:00Z");
    CHECK(civilTime(T("2021-03-01T05:00:00Z"), minus8).month == 2);
    CHECK(civilTime(T("2021-03-01T05:00:00Z"), minus8).day == 28);
    Location plus330 = Location::fixed(3 * kNanosPerHour + 30 * kNanosPerMinute);
    CHECK(trunc("2022-01-21T12:10:11Z", "1d", plus330) == "2022-01-20T20:30:00Z");
}

TEST_CASE("time: named locations and DST") {
    Location la = Location::named("America/Los_Angeles");
    CHECK(la.zone() == "America/Los_Angeles");
    CHECK_FALSE(la.isFixed());
    CHECK(la.offsetAt(T("2022-01-01T00:00:00Z")) == -8 * kNanosPerHour);
    CHECK(la.offsetAt(T("2022-07-01T00:00:00Z")) == -7 * kNanosPerHour);
    // truncating to a day gives local midnight, whichever offset is in effect
    CHECK(trunc("2021-12-30T00:40:44Z", "1d", la) == "2021-12-29T08:00:00Z");
    CHECK(trunc("2021-10-29T00:40:44Z", "1d", la) == "2021-10-28T07:00:00Z");
    // a day across the fall-back change lasts 25 hours
    CHECK(addIn("2022-11-06T07:00:00Z", "1d", la) == "2022-11-07T08:00:00Z");
    // and across the spring-forward change 23 hours
    CHECK(addIn("2022-03-13T08:00:00Z", "1d", la) == "2022-03-14T07:00:00Z");
    // hours are elapsed time
    CHECK(addIn("2022-11-06T07:00:00Z", "3h", la) == "2022-11-06T10:00:00Z");
    CHECK(addIn("2022-11-06T07:00:00Z", "1d1h", la) == "2022-11-07T09:00:00Z");
    // a month across the change keeps local midnight
    CHECK(trunc("2021-11-21T00:40:44Z", "1mo", la) == "2021-11-01T07:00:00Z");
    CHECK(addIn("2021-11-01T07:00:00Z", "1mo", la) == "2021-12-01T08:00:00Z");
    CHECK(addIn("2021-12-01T08:00:00Z", "-1mo", la) == "2021-11-01T07:00:00Z");
    CHECK(trunc("2022-06-15T12:00:00Z", "1y", la) == "2022-01-01T08:00:00Z");
    // hourly windows during the repeated hour: each instant falls in its own hour
    CHECK(trunc("2022-11-06T08:30:00Z", "1h", la) == "2022-11-06T08:00:00Z");  // 01:30 PDT
    CHECK(trunc("2022-11-06T09:30:00Z", "1h", la) == "2022-11-06T09:00:00Z");  // 01:30 PST
    // local readings: repeated and skipped
    int64_t out[2];
    CHECK(la.instantsForLocalClock(T("2022-11-06T01:30:00Z"), out) == 2);
    CHECK(F(out[0]) == "2022-11-06T08:30:00Z");
    CHECK(F(out[1]) == "2022-11-06T09:30:00Z");
    CHECK(F(la.fromLocalClock(T("2022-11-06T01:30:00Z"))) == "2022-11-06T08:30:00Z");
    CHECK(F(la.fromLocalClock(T("2022-11-06T01:30:00Z"), Location::Ambiguity::Latest)) == "2022-11-06T09:30:00Z");
    CHECK(la.instantsForLocalClock(T("2022-03-13T02:30:00Z"), out) == 0);
    CHECK(F(out[0]) == "2022-03-13T10:30:00Z");  // moved forward past the gap (03:30 PDT)
    CHECK(F(la.fromLocalClock(T("2022-06-01T12:00:00Z"))) == "2022-06-01T19:00:00Z");
    // civil fields
    CivilTime c = civilTime(T("2022-11-06T07:30:00Z"), la);
    CHECK(c.year == 2022);
    CHECK(c.month == 11);
    CHECK(c.day == 6);
    CHECK(c.hour == 0);
    CHECK(c.minute == 30);
    CHECK(c.weekday == 0);  // Sunday

    Location kolkata = Location::named("Asia/Kolkata");
    CHECK(kolkata.toLocalClock(T("2021-03-01T00:00:00Z")) == T("2021-03-01T05:30:00Z"));
    CHECK(trunc("2019-06-03T13:59:01Z", "1h", kolkata) == "2019-06-03T13:30:00Z");

    Location madrid = Location::named("Europe/Madrid");
    CHECK(trunc("2019-06-03T13:59:01Z", "1s", madrid) == "2019-06-03T13:59:01Z");
    CHECK(trunc("2019-06-03T13:59:01Z", "1m", madrid) == "2019-06-03T13:59:00Z");
    CHECK(trunc("2019-06-03T13:59:01Z", "1h", madrid) == "2019-06-03T13:00:00Z");
    CHECK(trunc("2019-06-03T13:59:01Z", "1d", madrid) == "2019-06-02T22:00:00Z");
    CHECK(trunc("2019-06-03T13:59:01Z", "1mo", madrid) == "2019-05-31T22:00:00Z");
    CHECK(trunc("2019-06-03T13:59:01Z", "1y", madrid) == "2018-12-31T23:00:00Z");

    // a named zone with an extra offset
    Location shifted = Location::named("Europe/Madrid", kNanosPerHour);
    CHECK(shifted.offsetAt(T("2019-01-01T00:00:00Z")) == 2 * kNanosPerHour);

    CHECK(Location::named("UTC").isUtc());
    CHECK(Location::named("").isUtc());
    CHECK_THROWS_AS(Location::named("Mars/Olympus_Mons"), TimeError);
}

TEST_CASE("time: location records") {
    Location l = locationFromValue(
        makeRecord({{"zone", Value::string("Asia/Kolkata")}, {"offset", Value::duration({0, 0})}}));
    CHECK(l.zone() == "Asia/Kolkata");
    Location f = locationFromValue(
        makeRecord({{"zone", Value::string("UTC")}, {"offset", Value::duration({0, -8 * kNanosPerHour})}}));
    CHECK(f.isFixed());
    CHECK(f.extraOffset() == -8 * kNanosPerHour);
    CHECK_THROWS_AS(locationFromValue(Value::integer(1)), TimeError);
    CHECK_THROWS_AS(locationFromValue(makeRecord({{"zone", Value::integer(1)}})), TimeError);
    CHECK_THROWS_AS(locationFromValue(makeRecord({{"offset", Value::duration({1, 0})}})), TimeError);
    CHECK_THROWS_AS(locationFromValue(makeRecord({{"zone", Value::string("Nowhere/Land")}})), TimeError);
    Value back = locationToValue(f);
    CHECK(back.asRecord().find("zone")->asString() == "UTC");
    CHECK(back.asRecord().find("offset")->asDuration() == Duration{0, -8 * kNanosPerHour});
}

TEST_CASE("time: civil fields") {
    CivilTime c = civilTime(T("2020-12-31T23:59:59.123456789Z"));
    CHECK(c.year == 2020);
    CHECK(c.month == 12);
    CHECK(c.day == 31);
    CHECK(c.hour == 23);
    CHECK(c.minute == 59);
    CHECK(c.second == 59);
    CHECK(c.nanosecond == 123456789);
    CHECK(c.weekday == 4);     // Thursday
    CHECK(c.yearDay == 366);   // leap year
    CHECK(c.isoWeek == 53);
    CHECK(civilTime(T("2021-01-01T00:00:00Z")).isoWeek == 53);  // still ISO week 53 of 2020
    CHECK(civilTime(T("2021-01-04T00:00:00Z")).isoWeek == 1);
    CHECK(civilTime(T("1969-12-31T23:59:59Z")).weekday == 3);
    CHECK(timeFromCivil(2020, 2, 29, 12) == T("2020-02-29T12:00:00Z"));
    CHECK_THROWS_AS(timeFromCivil(2021, 2, 29), TimeError);
    CHECK_THROWS_AS(timeFromCivil(2021, 13, 1), TimeError);
}

// The first and last representable instants: splitting them into days/seconds and the rest must
// not compute `floorDiv(t, n) * n` (which overflows int64 there; caught by the UBSan build).
TEST_CASE("time: the ends of the int64 range") {
    CivilTime lo = civilTime(INT64_MIN);
    CHECK(lo.year == 1677);
    CHECK(lo.month == 9);
    CHECK(lo.day == 21);
    CHECK(lo.hour == 0);
    CHECK(lo.minute == 12);
    CHECK(lo.second == 43);
    CHECK(lo.nanosecond == 145224192);
    CivilTime hi = civilTime(INT64_MAX);
    CHECK(hi.year == 2262);
    CHECK(hi.nanosecond == 854775807);
    CHECK(F(truncateTime(INT64_MIN + kNanosPerDay, D("1d"))) == "1677-09-22T00:00:00Z");
    CHECK(F(truncateTime(INT64_MAX, D("1s"))) == "2262-04-11T23:47:16Z");
    CHECK_THROWS_AS(truncateTime(INT64_MIN, D("1d")), TimeError);  // 1677-09-21T00:00 is not representable
    Location paris = Location::named("Europe/Paris");
    CHECK(civilTime(INT64_MIN + kNanosPerHour, paris).year == 1677);
    CHECK(addDuration(INT64_MIN, D("1mo")) == T("1677-10-21T00:12:43.145224192Z"));
    CHECK_THROWS_AS(addDuration(INT64_MIN, D("-1ns")), TimeError);
}
