// Tests of `option task` reading and validation (task/task_options.h): defaults, every error with its
// file:line:col, scripts without the option, and that reading the option does not run the query.
#include <doctest/doctest.h>

#include "eval/time.h"
#include "task/task_options.h"

using fluxi::kNanosPerHour;
using fluxi::kNanosPerMinute;
using fluxi::kNanosPerSecond;
using fluxi::task::readTaskOptions;
using fluxi::task::TaskOptionError;
using fluxi::task::TaskOptions;

namespace {

std::string errorOf(const std::string& src) {
    try {
        readTaskOptions(src, "t.flux");
    } catch (const TaskOptionError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("task options: every with defaults") {
    TaskOptions o = readTaskOptions("option task = {name: \"down\", every: 1h}\nx = 1\n", "t.flux");
    CHECK(o.name == "down");
    REQUIRE(o.every);
    CHECK(*o.every == kNanosPerHour);
    CHECK_FALSE(o.cron);
    CHECK(o.offset == 0);
    CHECK(o.concurrency == 1);
    CHECK(o.retry == 0);
}

TEST_CASE("task options: cron with offset, concurrency and retry") {
    TaskOptions o = readTaskOptions(
        "import \"testing\"\n"
        "option task = {name: \"c\", cron: \"*/5 * * * *\", offset: 1m30s, concurrency: 3, retry: 2}\n",
        "t.flux");
    REQUIRE(o.cron);
    CHECK(o.cron->text() == "*/5 * * * *");
    CHECK_FALSE(o.every);
    CHECK(o.offset == kNanosPerMinute + 30 * kNanosPerSecond);
    CHECK(o.concurrency == 3);
    CHECK(o.retry == 2);
}

TEST_CASE("task options: computed from earlier assignments, without running the query") {
    // The query would fail (an unknown bucket, an undefined function): only the option is evaluated.
    TaskOptions o = readTaskOptions(
        "period = 20m\n"
        "prefix = \"job\"\n"
        "data = from(bucket: \"nope\") |> undefinedFunction()\n"
        "option task = {name: prefix + \"_1\", every: period}\n"
        "data |> yield()\n",
        "t.flux");
    CHECK(o.name == "job_1");
    CHECK(*o.every == 20 * kNanosPerMinute);
}

TEST_CASE("task options: errors name file, line and column") {
    CHECK(errorOf("x = 1\n") ==
          "t.flux: error: not a task: the script has no `option task = {...}` statement (e.g. option task = "
          "{name: \"my_task\", every: 1h})");
    CHECK(errorOf("x = 1\noption task = {every: 1h}\n") ==
          "t.flux:2:1: error: option task: name is required, e.g. {name: \"my_task\", every: 1h}");
    CHECK(errorOf("option task = {name: 1, every: 1h}") ==
          "t.flux:1:16: error: option task: name must be a string, got int");
    CHECK(errorOf("option task = {name: \"\", every: 1h}") == "t.flux:1:16: error: option task: name must not be empty");
    CHECK(errorOf("option task = {name: \"a\"}") ==
          "t.flux:1:1: error: option task: a schedule is required: every (a duration such as 1h) or cron (a string)");
    CHECK(errorOf("option task = {name: \"a\", every: 1h, cron: \"* * * * *\"}") ==
          "t.flux:1:38: error: option task: every and cron are mutually exclusive: give only one of them");
    CHECK(errorOf("option task = {name: \"a\", every: \"1h\"}") ==
          "t.flux:1:27: error: option task: every must be a duration such as 1h, got string");
    CHECK(errorOf("option task = {name: \"a\", every: 1mo}").find(
              "t.flux:1:27: error: option task: every must not use months or years (mo, y)") == 0);
    CHECK(errorOf("option task = {name: \"a\", every: 500ms}") ==
          "t.flux:1:27: error: option task: every must be at least 1s, got 500ms");
    CHECK(errorOf("option task = {name: \"a\", every: 1500ms}") ==
          "t.flux:1:27: error: option task: every must be a whole number of seconds, got 1s500ms");
    CHECK(errorOf("option task = {name: \"a\", every: -1h}").find("every must be at least 1s") != std::string::npos);
    CHECK(errorOf("option task = {name: \"a\", cron: 5}") ==
          "t.flux:1:27: error: option task: cron must be a string such as \"0 * * * *\", got int");
    CHECK(errorOf("option task = {name: \"a\", cron: \"0 25 * * *\"}") ==
          "t.flux:1:27: error: option task: cron \"0 25 * * *\": hour field \"25\": 25 is out of range 0-23");
    CHECK(errorOf("option task = {name: \"a\", every: 1h, offset: 5}") ==
          "t.flux:1:38: error: option task: offset must be a duration such as 5m, got int");
    CHECK(errorOf("option task = {name: \"a\", every: 1h, offset: -5m}") ==
          "t.flux:1:38: error: option task: offset must not be negative, got -5m");
    CHECK(errorOf("option task = {name: \"a\", every: 1h, offset: 1y}").find("offset must not use months") !=
          std::string::npos);
    CHECK(errorOf("option task = {name: \"a\", every: 1h, concurrency: 0}") ==
          "t.flux:1:38: error: option task: concurrency must be between 1 and 100, got 0");
    CHECK(errorOf("option task = {name: \"a\", every: 1h, concurrency: 1.5}") ==
          "t.flux:1:38: error: option task: concurrency must be an integer, got float");
    CHECK(errorOf("option task = {name: \"a\", every: 1h, retry: -1}") ==
          "t.flux:1:38: error: option task: retry must be between 0 and 10, got -1");
    CHECK(errorOf("option task = {name: \"a\", every: 1h, retry: 11}") ==
          "t.flux:1:38: error: option task: retry must be between 0 and 10, got 11");
    CHECK(errorOf("option task = {name: \"a\", every: 1h, evry: 2h}") ==
          "t.flux:1:38: error: option task: unknown field evry (valid fields: name, every, cron, offset, "
          "concurrency, retry)");
    CHECK(errorOf("\noption task = 5") ==
          "t.flux:2:1: error: option task: must be a record such as {name: \"my_task\", every: 1h}, got int");
    CHECK(errorOf("option task = {name: \"a\", every: 1h}\noption task = {name: \"b\", every: 1h}") ==
          "t.flux:2:1: error: option task is set twice (first at line 1)");
    // a record built elsewhere: errors point at the statement; `with` fields at themselves
    CHECK(errorOf("t = {name: \"a\", every: 0s}\noption task = t") ==
          "t.flux:2:1: error: option task: every must be at least 1s, got 0ns");
    CHECK(errorOf("base = {name: \"a\"}\noption task = {base with every: 0s}") ==
          "t.flux:2:26: error: option task: every must be at least 1s, got 0ns");
    // evaluation errors and syntax errors keep the evaluator's and the parser's diagnostics
    CHECK(errorOf("option task = {name: \"a\", every: 1h + \"x\"}").find("t.flux:1:") == 0);
    CHECK(errorOf("option task = {name: \"a\", every: undefinedThing}").find("t.flux:1:") == 0);
    CHECK(errorOf("option task = {name: \"a\", every: 1h").find("t.flux:1:") == 0);
}
