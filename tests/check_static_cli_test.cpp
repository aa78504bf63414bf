// Tests of the static checks of `fluxi check` beyond syntax: `option task` validated by the rules of
// `fluxi task` (task/task_options) and type errors. Runs the real binary (FLUXI_BINARY).
#include <doctest/doctest.h>

#include "tests/support/cli_run.h"

using namespace fluxi::testutil;

TEST_CASE("cli check: option task is validated statically, with the position of the bad field") {
    TempDir dir;
    struct Bad {
        const char* src;
        const char* expected;
    } bad[] = {
        {"option task = {every: 1h}\n", ":1:1: error: option task: name is required"},
        {"option task = {name: \"a\", every: 1h, cron: \"* * * * *\"}\n",
         ":1:38: error: option task: every and cron are mutually exclusive"},
        {"option task = {name: \"a\",\n  cron: \"61 * * * *\"}\n",
         ":2:3: error: option task: cron \"61 * * * *\": minute field \"61\": 61 is out of range 0-59"},
        {"option task = {name: \"a\", every: 1h, concurrency: 0}\n",
         ":1:38: error: option task: concurrency must be between 1 and 100, got 0"},
        {"option task = {name: \"a\", every: \"1h\"}\n",
         ":1:27: error: option task: every must be a duration such as 1h, got string"},
        {"option task = {name: \"a\", every: 1h, retry: -1}\n",
         ":1:38: error: option task: retry must be between 0 and 10, got -1"},
        {"option task = {name: \"a\"}\n", ":1:1: error: option task:"},
    };
    for (const Bad& b : bad) {
        CAPTURE(b.src);
        fs::path f = dir.write("task.flux", b.src);
        Run r = runFluxi(dir, "check " + q(f));
        CHECK(r.status == 1);
        CHECK(r.err.find("task.flux" + std::string(b.expected)) != std::string::npos);
    }
    fs::path good = dir.write("good.flux", "option task = {name: \"a\", every: 1h, offset: 5m, concurrency: 2}\nx = 1\n");
    Run r = runFluxi(dir, "check " + q(good));
    CHECK(r.status == 0);
    CHECK(r.out.find("no errors") != std::string::npos);
    // A script without `option task` is not a task and is not held to these rules.
    fs::path plain = dir.write("plain.flux", "x = 1\n");
    CHECK(runFluxi(dir, "check " + q(plain)).status == 0);
}

TEST_CASE("cli check: type errors are reported with position, caret and both types") {
    TempDir dir;
    fs::path f = dir.write("bad.flux",
                           "import \"strings\"\n"
                           "x = 1 + \"a\"\n"
                           "y = from(bucket: \"b\") |> range(start: -1h) |> mean(colum: \"x\")\n"
                           "z = strings.toUpper(x: 1)\n"
                           "f = () => strings.toUpper(v: 1)\n");
    Run r = runFluxi(dir, "check " + q(f));
    CHECK(r.status == 1);
    CHECK(r.err.find("bad.flux:2:9: error: expected int but found string\n 2 | x = 1 + \"a\"\n   |         ^\n") !=
          std::string::npos);
    CHECK(r.err.find("bad.flux:3:59: error: found unexpected argument colum") != std::string::npos);
    CHECK(r.err.find("bad.flux:4:5: error: missing required argument v") != std::string::npos);
    CHECK(r.err.find("bad.flux:4:24: error: found unexpected argument x") != std::string::npos);
    // inside a function that is never called
    CHECK(r.err.find("bad.flux:5:30: error: expected string but found int (argument v)") != std::string::npos);
    CHECK(r.err.find("5 errors in 1 file") != std::string::npos);
}

TEST_CASE("cli run, test and task refuse a script that does not type-check before running it") {
    TempDir dir;
    // run: the first statement would print 1 if anything ran
    fs::path script = dir.write("s.flux", "1\nf = (x) => x + 1\ny = f(x: \"a\")\n");
    Run r = runFluxi(dir, "run " + q(script));
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find("s.flux:3:10: error: expected int but found string (argument x)") != std::string::npos);

    // test: an error in a testcase refuses the whole file, even the testcases that are fine
    fs::path t = dir.write("bad_test.flux",
                           "import \"testing\"\n"
                           "testcase fine {\n    x = 1\n}\n"
                           "testcase broken {\n    y = 1 + 2.0\n}\n");
    r = runFluxi(dir, "test " + q(t));
    CHECK(r.status == 1);
    CHECK((r.out + r.err).find("bad_test.flux:6:13: error: expected int but found float") != std::string::npos);
    CHECK((r.out + r.err).find("0 passed") != std::string::npos);

    // task run: nothing runs, nothing is logged
    fs::path task = dir.write("task.flux", "option task = {name: \"t\", every: 1h}\nx = 1 + \"a\"\n");
    const std::string data = (dir.path / "data").string();
    r = runFluxi(dir, "task run " + q(task) + " --now 2024-01-01T00:00:00Z --data '" + data + "'");
    CHECK(r.status != 0);
    CHECK((r.out + r.err).find("task.flux:2:9: error: expected int but found string") != std::string::npos);
    r = runFluxi(dir, "task log t --data '" + data + "'");
    CHECK(!fs::exists(data));  // the store was not even opened
    CHECK((r.out + r.err).find("no task has run there") != std::string::npos);
}

TEST_CASE("cli check --types prints name : type for each top-level binding") {
    TempDir dir;
    fs::path f = dir.write("t.flux",
                           "import \"array\"\n"
                           "id = (x) => x\n"
                           "add = (a, b) => a + b\n"
                           "r = {a: 1, b: \"s\"}\n"
                           "f = (r) => ({r with c: r.a * 2.0})\n"
                           "s = array.from(rows: [{v: 1}]) |> map(fn: (r) => ({r with w: r.v * 2}))\n");
    Run r = runFluxi(dir, "check --types " + q(f));
    CHECK(r.status == 0);
    CHECK(r.out ==
          "id : (x: A) => A\n"
          "add : (a: A, b: A) => A where A: Addable\n"
          "r : {a: int, b: string}\n"
          "f : (r: {A with a: float}) => {A with c: float, a: float}\n"
          "s : stream[{w: int, v: int}]\n");
    // with errors: the errors, no types
    fs::path bad = dir.write("bad.flux", "x = 1\ny = x + 1.0\n");
    r = runFluxi(dir, "check --types " + q(bad));
    CHECK(r.status == 1);
    CHECK(r.out.empty());
    CHECK(r.err.find("bad.flux:2:9: error: expected int but found float") != std::string::npos);
}

TEST_CASE("cli repl: entries are type-checked and :type prints an expression's type") {
    TempDir dir;
    std::string input =
        "x = 1\n"
        ":type x\n"
        ":type (a) => a + x\n"
        "y = x + \"a\"\n"
        ":type y\n"
        "import \"strings\"\n"
        ":type strings.toUpper\n"
        "x + 41\n";
    Run r = runFluxi(dir, "repl", &input);
    CHECK(r.status == 0);
    CHECK(r.out.find("int\n(a: int) => int\n") != std::string::npos);
    CHECK(r.out.find("<repl:4>:1:9: error: expected int but found string") != std::string::npos);
    // the refused entry defined nothing
    CHECK(r.out.find("<repl:5>:1:1: error: undefined identifier y") != std::string::npos);
    CHECK(r.out.find("(v: string) => string\n") != std::string::npos);
    CHECK(r.out.find("\n42\n") != std::string::npos);
}
