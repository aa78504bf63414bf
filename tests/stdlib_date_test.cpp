// Flux-level tests of the date and timezone packages: calendar fields in UTC and in locations,
// durations relative to now(), add/sub/scale, truncate (the docs' examples), date.time, the
// `location` option, and the constants.
#include <doctest/doctest.h>

#include "tests/support/flux_run.h"

using fluxi::testutil::eval;

namespace {
// Evaluates with `import "date"` and `import "timezone"` and now() fixed.
std::string D(const std::string& body, const char* now = "2030-01-01T00:00:00Z") {
    return eval("import \"date\"\nimport \"timezone\"\n" + body, now);
}
}  // namespace

TEST_CASE("date: fields in UTC") {
    const char* t = "2020-12-31T23:59:58.123456789Z";
    CHECK(D(std::string("date.nanosecond(t: ") + t + ")") == "123456789");
    CHECK(D(std::string("date.microsecond(t: ") + t + ")") == "123456");
    CHECK(D(std::string("date.millisecond(t: ") + t + ")") == "123");
    CHECK(D(std::string("date.second(t: ") + t + ")") == "58");
    CHECK(D(std::string("date.minute(t: ") + t + ")") == "59");
    CHECK(D(std::string("date.hour(t: ") + t + ")") == "23");
    CHECK(D(std::string("date.weekDay(t: ") + t + ")") == "4");
    CHECK(D(std::string("date.monthDay(t: ") + t + ")") == "31");
    CHECK(D(std::string("date.yearDay(t: ") + t + ")") == "366");
    CHECK(D(std::string("date.week(t: ") + t + ")") == "53");
    CHECK(D(std::string("date.month(t: ") + t + ")") == "12");
    CHECK(D(std::string("date.quarter(t: ") + t + ")") == "4");
    CHECK(D(std::string("date.year(t: ") + t + ")") == "2020");
    CHECK(D("date.quarter(t: 2020-04-01T00:00:00Z)") == "2");
    CHECK(D("date.weekDay(t: 2021-01-03T00:00:00Z) == date.Sunday") == "true");
    CHECK(D("date.month(t: 2021-02-03T00:00:00Z) == date.February") == "true");
    CHECK(D("date.hour(t: \"noon\")") ==
          "error: date.hour: argument t must be a time or a duration relative to now(), got string");
}

TEST_CASE("date: durations are relative to now()") {
    CHECK(D("date.month(t: -1mo)", "2021-03-01T00:00:00Z") == "2");
    CHECK(D("date.month(t: duration(v: -3))") == "12");
    CHECK(D("date.year(t: -1ns)") == "2029");
    CHECK(D("date.millisecond(t: 1500ms)") == "500");
    CHECK(D("date.truncate(t: -30s, unit: 1s)", "2020-01-01T00:00:30.5Z") == "2020-01-01T00:00:00Z");
    CHECK(D("date.truncate(t: -1m, unit: 1m)", "2020-01-01T00:00:30.5Z") == "2019-12-31T23:59:00Z");
    CHECK(D("date.truncate(t: -1h, unit: 1h)", "2020-01-01T00:00:30.5Z") == "2019-12-31T23:00:00Z");
}

TEST_CASE("date: fields in a location") {
    CHECK(D("option location = timezone.location(name: \"America/Los_Angeles\")\n"
            "date.hour(t: 2018-05-22T19:53:00Z)") == "12");
    CHECK(D("date.hour(t: 2018-05-22T19:53:00Z, location: timezone.location(name: \"America/Los_Angeles\"))") ==
          "12");
    CHECK(D("date.hour(t: 2018-01-22T19:53:00Z, location: timezone.location(name: \"America/Los_Angeles\"))") ==
          "11");
    CHECK(D("date.hour(t: 2018-05-22T19:53:00Z, location: timezone.fixed(offset: 5h30m))") == "1");
    CHECK(D("date.minute(t: 2018-05-22T19:53:00Z, location: timezone.fixed(offset: 5h30m))") == "23");
    CHECK(D("date.monthDay(t: 2018-05-22T19:53:00Z, location: timezone.fixed(offset: 5h30m))") == "23");
    CHECK(D("date.weekDay(t: 2018-05-22T19:53:00Z, location: timezone.location(name: \"Australia/Sydney\"))") ==
          "3");
    CHECK(D("option location = timezone.location(name: \"Asia/Kolkata\")\n"
            "date.time(t: 2021-03-01T00:00:00Z)") == "2021-03-01T05:30:00Z");
    CHECK(D("option location = timezone.location(name: \"Asia/Kolkata\")\n"
            "[date.time(t: 1h), date.time(t: 1mo1w1d1h)]",
            "2021-03-01T00:00:00Z") == "[2021-03-01T06:30:00Z, 2021-04-09T06:30:00Z]");
    CHECK(D("date.hour(t: 2018-05-22T19:53:00Z, location: {zone: \"Nowhere/Land\", offset: 0h})")
              .rfind("error: date.hour: unknown time zone \"Nowhere/Land\"", 0) == 0);
    CHECK(D("date.hour(t: 2018-05-22T19:53:00Z, location: 5)") ==
          "error: date.hour: location must be a record {zone: string, offset: duration}, got int");
}

TEST_CASE("date: truncate, as documented") {
    std::string madrid = "option location = timezone.location(name: \"Europe/Madrid\")\n";
    CHECK(D(madrid + "date.truncate(t: 2019-06-03T13:59:01Z, unit: 1s)") == "2019-06-03T13:59:01Z");
    CHECK(D(madrid + "date.truncate(t: 2019-06-03T13:59:01Z, unit: 1m)") == "2019-06-03T13:59:00Z");
    CHECK(D(madrid + "date.truncate(t: 2019-06-03T13:59:01Z, unit: 1h)") == "2019-06-03T13:00:00Z");
    CHECK(D(madrid + "date.truncate(t: 2019-06-03T13:59:01Z, unit: 1d)") == "2019-06-02T22:00:00Z");
    CHECK(D(madrid + "date.truncate(t: 2019-06-03T13:59:01Z, unit: 1mo)") == "2019-05-31T22:00:00Z");
    CHECK(D(madrid + "date.truncate(t: 2019-06-03T13:59:01Z, unit: 1y)") == "2018-12-31T23:00:00Z");
    CHECK(D("date.truncate(t: 2019-06-03T13:59:01Z, unit: 1y)") == "2019-01-01T00:00:00Z");
    CHECK(D("date.truncate(t: 2019-06-03T13:59:01Z, unit: 0s)") ==
          "error: date.truncate: unit 0ns cannot be used: duration used as an interval cannot be zero");
    CHECK(D("date.truncate(t: 2019-06-03T13:59:01Z, unit: 1mo1d)").find("cannot mix month and nanosecond") !=
          std::string::npos);
}

TEST_CASE("date: add, sub, scale") {
    CHECK(D("date.add(d: 6h, to: 2019-09-16T12:00:00Z)") == "2019-09-16T18:00:00Z");
    CHECK(D("date.add(d: 1mo, to: -1d)", "2021-12-10T16:27:40Z") == "2022-01-09T16:27:40Z");
    CHECK(D("date.add(d: 6h, to: 3h)", "2022-01-01T12:00:00Z") == "2022-01-01T21:00:00Z");
    CHECK(D("date.add(d: 1mo, to: 2020-01-31T00:00:00Z)") == "2020-02-29T00:00:00Z");
    CHECK(D("date.sub(d: 6h, from: 2019-09-16T12:00:00Z)") == "2019-09-16T06:00:00Z");
    CHECK(D("date.sub(d: 1mo, from: 2019-03-31T00:00:00Z)") == "2019-02-28T00:00:00Z");
    CHECK(D("date.sub(d: 1d, from: -1d)", "2021-12-10T16:27:40Z") == "2021-12-08T16:27:40Z");
    // a day in Los Angeles across the end of daylight saving time lasts 25 hours
    CHECK(D("option location = timezone.location(name: \"America/Los_Angeles\")\n"
            "date.add(d: 1d, to: 2022-11-06T07:00:00Z)") == "2022-11-07T08:00:00Z");
    CHECK(D("date.add(d: 1d, to: 2022-11-06T07:00:00Z, location: timezone.utc)") == "2022-11-07T07:00:00Z");
    CHECK(D("date.scale(d: 1h, n: 5)") == "5h");
    CHECK(D("date.scale(d: 1mo1h, n: -2)") == "-2mo2h");
    CHECK(D("date.scale(d: 1w, n: 9223372036854775807)").rfind("error: date.scale: duration overflow", 0) == 0);
    CHECK(D("date.add(d: 1y, to: 2262-01-01T00:00:00Z)").rfind("error: date.add: adding", 0) == 0);
}

TEST_CASE("timezone: location records") {
    CHECK(D("timezone.utc") == "{zone: \"UTC\", offset: 0ns}");
    CHECK(D("timezone.fixed(offset: -8h)") == "{zone: \"UTC\", offset: -8h}");
    CHECK(D("timezone.location(name: \"America/Los_Angeles\")") == "{zone: \"America/Los_Angeles\", offset: 0ns}");
    CHECK(D("timezone.location(name: \"Mars/Base\")").rfind("error: timezone.location: unknown time zone", 0) == 0);
    CHECK(D("timezone.fixed(offset: 1mo)") ==
          "error: timezone.fixed: offset must not contain months or years, got 1mo");
    CHECK(D("option location = timezone.fixed(offset: -8h)\nlocation") == "{zone: \"UTC\", offset: -8h}");
}

TEST_CASE("date: today() and date/boundaries") {
    CHECK(D("today()", "2022-06-01T12:20:11Z") == "2022-06-01T00:00:00Z");
    CHECK(D("option location = timezone.fixed(offset: -8h)\ntoday()", "2022-06-01T03:00:00Z") ==
          "2022-05-31T08:00:00Z");
    auto B = [](const std::string& body, const char* now) {
        return eval("import \"date/boundaries\"\nimport \"timezone\"\n" + body, now);
    };
    CHECK(B("boundaries.yesterday()", "2022-06-01T12:20:11Z") ==
          "{start: 2022-05-31T00:00:00Z, stop: 2022-06-01T00:00:00Z}");
    CHECK(B("boundaries.monday()", "2021-03-05T12:10:11Z") ==
          "{start: 2021-03-01T00:00:00Z, stop: 2021-03-02T00:00:00Z}");
    // on a Monday, the previous Monday
    CHECK(B("boundaries.monday()", "2021-03-01T12:10:11Z") ==
          "{start: 2021-02-22T00:00:00Z, stop: 2021-02-23T00:00:00Z}");
    CHECK(B("boundaries.friday()", "2022-01-03T12:10:11Z") ==
          "{start: 2021-12-31T00:00:00Z, stop: 2022-01-01T00:00:00Z}");
    CHECK(B("boundaries.sunday()", "2022-01-24T12:10:11Z") ==
          "{start: 2022-01-23T00:00:00Z, stop: 2022-01-24T00:00:00Z}");
    CHECK(B("option location = timezone.fixed(offset: -8h)\nboundaries.monday()", "2021-12-30T00:40:44Z") ==
          "{start: 2021-12-27T08:00:00Z, stop: 2021-12-28T08:00:00Z}");
    CHECK(B("option location = timezone.location(name: \"America/Los_Angeles\")\nboundaries.sunday()",
            "2022-11-08T12:10:11Z") == "{start: 2022-11-06T07:00:00Z, stop: 2022-11-07T08:00:00Z}");
    CHECK(B("boundaries.week()", "2022-06-08T14:20:11Z") ==
          "{start: 2022-06-06T00:00:00Z, stop: 2022-06-13T00:00:00Z}");
    CHECK(B("boundaries.week(start_sunday: true)", "2022-06-06T10:02:10Z") ==
          "{start: 2022-06-05T00:00:00Z, stop: 2022-06-12T00:00:00Z}");
    CHECK(B("boundaries.week(week_offset: -1)", "2022-06-08T14:20:11Z") ==
          "{start: 2022-05-30T00:00:00Z, stop: 2022-06-06T00:00:00Z}");
    CHECK(B("boundaries.month()", "2020-12-10T22:10:00Z") ==
          "{start: 2020-12-01T00:00:00Z, stop: 2021-01-01T00:00:00Z}");
    CHECK(B("boundaries.month(month_offset: -2)", "2020-12-10T22:10:00Z") ==
          "{start: 2020-10-01T00:00:00Z, stop: 2020-11-01T00:00:00Z}");
    CHECK(B("option location = timezone.location(name: \"America/Los_Angeles\")\nboundaries.month()",
            "2021-11-21T00:40:44Z") == "{start: 2021-11-01T07:00:00Z, stop: 2021-12-01T08:00:00Z}");
    CHECK(eval("import \"experimental/date/boundaries\"\nboundaries.yesterday().stop", "2022-06-01T12:20:11Z") ==
          "2022-06-01T00:00:00Z");
}

TEST_CASE("date: experimental.addDuration and subDuration") {
    auto X = [](const std::string& body) {
        return eval("import \"experimental\"\n" + body, "2021-12-09T00:00:00Z");
    };
    CHECK(X("experimental.addDuration(d: 3d, to: 2020-01-01T00:00:00Z)") == "2020-01-04T00:00:00Z");
    CHECK(X("experimental.addDuration(d: 3mo, to: now())") == "2022-03-09T00:00:00Z");
    CHECK(X("experimental.addDuration(d: 1h, to: -1w)") == "2021-12-02T01:00:00Z");
    CHECK(X("experimental.addDuration(d: 1mo, to: -12h)") == "2022-01-08T12:00:00Z");
    CHECK(X("experimental.subDuration(d: 1y, from: now())") == "2020-12-09T00:00:00Z");
    CHECK(X("experimental.subDuration(d: 2y, from: -12h)") == "2019-12-08T12:00:00Z");
    CHECK(X("experimental.subDuration(d: 1ms, from: -1w)") == "2021-12-01T23:59:59.999Z");
    CHECK(X("experimental.addDuration(d: 1, to: now())") ==
          "error: addDuration: argument d must be of type duration, got int");
}
