// The `run`, `repl` and `test` verbs as a person uses them: exit codes, output formats, error
// positions, the REPL through a pipe and through a real terminal (tmux), the test runner's verdicts.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/support/store_test_util.h"

using fluxi::testutil::runCommand;
using fluxi::testutil::shellQuote;
using fluxi::testutil::TempDataDir;

namespace {
std::string fluxiBin() { return FLUXI_BINARY; }
void writeFile(const std::string& path, const std::string& text) { std::ofstream(path) << text; }
}  // namespace

TEST_CASE("cli run: values, formats, --now and errors") {
    auto r = runCommand(fluxiBin() + " run -e " + shellQuote("x = {a: 1, b: [1.5, 2.0]}\nx\n\"s\""));
    CHECK(r.exitCode == 0);
    CHECK(r.output == "{a: 1, b: [1.5, 2.0]}\n\"s\"\n");

    r = runCommand(fluxiBin() + " run --now 2021-05-06T07:08:09Z -e 'now()'");
    CHECK(r.output == "2021-05-06T07:08:09Z\n");
    r = runCommand(fluxiBin() + " run --now yesterday -e 'now()'");
    CHECK(r.exitCode == 2);
    CHECK(r.output.find("--now yesterday is not an RFC3339 time") != std::string::npos);

    std::string table = "import \"array\"\narray.from(rows: [{_time: 2020-01-01T00:00:00Z, v: 1}, {_time: 2020-01-01T00:00:10Z, v: 2}])";
    r = runCommand(fluxiBin() + " run --format csv -e " + shellQuote(table));
    CHECK(r.exitCode == 0);
    CHECK(r.output.find("#datatype,string,long,dateTime:RFC3339,long") != std::string::npos);
    CHECK(r.output.find(",result,table,_time,v") != std::string::npos);
    r = runCommand(fluxiBin() + " run --format json -e " + shellQuote(table));
    CHECK(r.output.find("\"result\"") != std::string::npos);
    r = runCommand(fluxiBin() + " run --format table -e " + shellQuote(table));
    CHECK(r.output.find("v:int") != std::string::npos);
    r = runCommand(fluxiBin() + " run --format yaml -e '1'");
    CHECK(r.exitCode == 2);

    TempDataDir dir;
    writeFile(dir.sub("bad.flux"), "f = (x) => x / 0\n\nf(x: 1)\n");
    r = runCommand(fluxiBin() + " run " + dir.sub("bad.flux"));
    CHECK(r.exitCode == 1);
    CHECK(r.output.find(dir.sub("bad.flux") + ":1:12: error: cannot divide by zero") == 0);
    CHECK(r.output.find("in f called at " + dir.sub("bad.flux") + ":3:1") != std::string::npos);

    r = runCommand(fluxiBin() + " run -e 'x = (1'");
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("<expr>:1:") == 0);
    r = runCommand(fluxiBin() + " run " + dir.sub("missing.flux"));
    CHECK(r.exitCode == 2);
    CHECK(r.output.find("cannot read") != std::string::npos);
}

TEST_CASE("cli --help and --version") {
    auto r = runCommand(fluxiBin() + " --version");
    CHECK(r.exitCode == 0);
    CHECK(r.output.find("fluxi ") == 0);
    r = runCommand(fluxiBin() + " --help");
    CHECK(r.exitCode == 0);
    for (const char* verb : {"run", "check", "parse", "repl", "test", "write", "bucket", "task"})
        CHECK(r.output.find(verb) != std::string::npos);
    r = runCommand(fluxiBin() + " run --help");
    CHECK(r.exitCode == 0);
    CHECK(r.output.find("--format") != std::string::npos);
}

TEST_CASE("cli repl through a pipe: definitions persist, multi-line input, errors do not end it") {
    std::string input =
        "x = 20\n"
        "f = (a) =>\n"
        "    a * 2\n"
        "f(a: x + 1)\n"
        "y = [\n"
        "  1,\n"
        "  2]\n"
        "y\n"
        "1 / 0\n"
        "z = (\n"
        ")\n"
        "x\n"
        ":help\n"
        ":quit\n"
        "999\n";
    auto r = runCommand("printf '%s' " + shellQuote(input) + " | " + fluxiBin() + " repl");
    CHECK(r.exitCode == 0);
    CHECK(r.output.find("42\n") != std::string::npos);
    CHECK(r.output.find("[1, 2]\n") != std::string::npos);
    CHECK(r.output.find("cannot divide by zero") != std::string::npos);
    CHECK(r.output.find("20\n") != std::string::npos);
    CHECK(r.output.find(":quit") != std::string::npos);  // from :help
    CHECK(r.output.find("999") == std::string::npos);    // :quit ended the session
}

TEST_CASE("cli repl in a terminal (tmux): prompt, line editing, Ctrl-D") {
    if (runCommand("command -v tmux").exitCode != 0) {
        MESSAGE("tmux not installed: terminal REPL test skipped");
        return;
    }
    std::string session = "fluxi-repl-test-" + std::to_string(::getpid());
    auto tmux = [&](const std::string& args) { return runCommand("tmux " + args); };
    auto screen = [&] { return tmux("capture-pane -p -t " + session).output; };
    auto waitFor = [&](const std::string& text) {
        for (int i = 0; i < 100; i++) {
            if (screen().find(text) != std::string::npos) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    };
    REQUIRE(tmux("new-session -d -x 120 -y 30 -s " + session + " " + shellQuote("HOME=/tmp " + fluxiBin() + " repl")).exitCode == 0);
    CHECK(waitFor("type :help"));
    tmux("send-keys -t " + session + " " + shellQuote("answer = 6 * 7") + " Enter");
    tmux("send-keys -t " + session + " " + shellQuote("answer + 1") + " Enter");
    CHECK(waitFor("43"));
    // Line editing: type, move left, insert.
    tmux("send-keys -t " + session + " " + shellQuote("anser") + " Left Left w Enter");
    CHECK(waitFor("42"));
    // Multi-line: the continuation prompt appears while the bracket is open.
    tmux("send-keys -t " + session + " " + shellQuote("{a: 1,") + " Enter");
    CHECK(waitFor("\n|"));
    tmux("send-keys -t " + session + " " + shellQuote("b: 2}") + " Enter");
    CHECK(waitFor("{a: 1, b: 2}"));
    tmux("send-keys -t " + session + " C-d");
    bool ended = false;
    for (int i = 0; i < 100 && !ended; i++) {
        ended = tmux("has-session -t " + session).exitCode != 0;
        if (!ended) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    CHECK(ended);
    if (!ended) tmux("kill-session -t " + session);
}

TEST_CASE("cli test: pass, fail, skip, error and timeout verdicts and the closing line") {
    TempDataDir dir;
    writeFile(dir.sub("demo_test.flux"), R"flux(package demo_test
import "testing"
import "array"

data = array.from(rows: [{_value: 1}, {_value: 2}])

testcase passes {
    testing.diff(got: data, want: array.from(rows: [{_value: 1}, {_value: 2}]))
}
testcase differs {
    testing.diff(got: data, want: array.from(rows: [{_value: 1}, {_value: 3}]))
}
testcase errors {
    x = 1 / 0
}
testcase skipped {
    option testing.tags = ["skip"]
    x = 1 / 0
}
)flux");
    auto r = runCommand(fluxiBin() + " test " + dir.path());
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("FAIL demo_test.flux::differs: testing.diff found differences") !=
          std::string::npos);
    CHECK(r.output.find("_diff=\"-\"") != std::string::npos);
    CHECK(r.output.find("::errors: " + dir.sub("demo_test.flux") + ":14:9: error: cannot divide by zero") !=
          std::string::npos);
    CHECK(r.output.substr(r.output.rfind('\n', r.output.size() - 2) + 1) == "1 passed, 2 failed, 1 skipped\n");

    r = runCommand(fluxiBin() + " test --run passes " + dir.path());
    CHECK(r.exitCode == 0);
    CHECK(r.output == "1 passed, 0 failed, 0 skipped\n");

    r = runCommand(fluxiBin() + " test --json --run 'differs' " + dir.path());
    CHECK(r.output.find("\"status\": \"fail\"") != std::string::npos);
    CHECK(r.output.find("\"failed\": 1") != std::string::npos);

    // A test that runs away is stopped by the time limit; the others still run.
    writeFile(dir.sub("slow_test.flux"), R"flux(package slow_test
import "array"
import "testing"
f = (n) => if n == 0 then 0 else 1 + f(n: n - 1)
many = array.from(rows: [{v: 1}]) |> map(fn: (r) => ({v: f(n: 1000)}))
testcase spins {
    big = array.map(arr: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20], fn: (x) =>
        array.map(arr: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20], fn: (x) =>
            array.map(arr: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20], fn: (x) =>
                array.map(arr: [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20], fn: (x) => f(n: 900)))))
    testing.assertEqualValues(got: length(arr: big), want: 20)
}
testcase quick {
    testing.assertEqualValues(got: 1, want: 1)
}
)flux");
    r = runCommand(fluxiBin() + " test --timeout 1 " + dir.sub("slow_test.flux"));
    // The testcase stops itself at the limit, with the position of what it was doing.
    CHECK(r.output.find("::spins: ") != std::string::npos);
    CHECK(r.output.find("error: time limit of 1s exceeded") != std::string::npos);
    CHECK(r.output.find("1 passed, 1 failed, 0 skipped") != std::string::npos);

    r = runCommand(fluxiBin() + " test " + dir.sub("nothing_here"));
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("no such file or folder") != std::string::npos);
}

TEST_CASE("cli test --baseline fails only when a listed test stops passing") {
    TempDataDir dir;
    writeFile(dir.sub("b_test.flux"), R"flux(package b_test
import "testing"
testcase good { testing.assertEqualValues(got: 1, want: 1) }
testcase bad { testing.assertEqualValues(got: 1, want: 2) }
)flux");
    writeFile(dir.sub("baseline.txt"), "# comment\nb_test.flux::good\n");
    auto r = runCommand(fluxiBin() + " test --baseline " + dir.sub("baseline.txt") + " " + dir.path());
    CHECK(r.exitCode == 0);
    writeFile(dir.sub("baseline.txt"), "b_test.flux::good\nb_test.flux::bad\n");
    r = runCommand(fluxiBin() + " test --baseline " + dir.sub("baseline.txt") + " " + dir.path());
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("REGRESSION (in baseline, did not pass): b_test.flux::bad") != std::string::npos);
    r = runCommand(fluxiBin() + " test --write-baseline " + dir.sub("new.txt") + " " + dir.path());
    std::ifstream in(dir.sub("new.txt"));
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(all.find("b_test.flux::good\n") != std::string::npos);
    CHECK(all.find("b_test.flux::bad") == std::string::npos);
}

TEST_CASE("cli repl through a pipe: --now, |> continuation lines, @file, errors at the defining entry") {
    TempDataDir dir;
    writeFile(dir.sub("defs.flux"), "loaded = 21\n");
    std::string input =
        "import \"array\"\n"
        "f = (x) => x / 0\n"
        "array.from(rows: [{v: 1}, {v: 2}])\n"
        "    |> filter(fn: (r) => r.v > 1)\n"
        "@" + dir.sub("defs.flux") + "\n"
        "loaded * 2\n"
        "now()\n"
        "f(x: 1)\n";
    auto r = runCommand("printf '%s' " + shellQuote(input) + " | " + fluxiBin() + " repl --now 2021-05-06T07:08:09Z");
    CHECK(r.exitCode == 0);
    CHECK(r.output.find("42\n") != std::string::npos);
    CHECK(r.output.find("2021-05-06T07:08:09Z\n") != std::string::npos);
    // The pasted |> line continued the array.from() entry: only v = 2 is left.
    CHECK(r.output.find("                         2\n") != std::string::npos);
    CHECK(r.output.find("                         1\n") == std::string::npos);
    // The division happens inside f, defined by entry 2: its line is shown, not entry 1's.
    CHECK(r.output.find("<repl:2>:1:12: error: cannot divide by zero\n 1 | f = (x) => x / 0\n") != std::string::npos);
    CHECK(r.output.find("in f called at <repl:") != std::string::npos);

    r = runCommand(fluxiBin() + " repl --now yesterday </dev/null");
    CHECK(r.exitCode == 2);
    CHECK(r.output.find("--now yesterday is not an RFC3339 time") != std::string::npos);
}

TEST_CASE("cli repl in a terminal (tmux): Ctrl-C, completion, history kept after a kill") {
    REQUIRE_MESSAGE(runCommand("command -v tmux").exitCode == 0, "tmux is needed (scripts/install-deps.sh installs it)");
    TempDataDir home;
    // A tmux server of this test's own, so that other tests' sessions are never touched.
    const std::string sock = "fluxi-repl-" + std::to_string(::getpid());
    const std::string session = "repl";
    auto tmux = [&](const std::string& args) { return runCommand("tmux -L " + sock + " " + args); };
    auto screen = [&] { return tmux("capture-pane -p -t " + session).output; };
    auto waitFor = [&](const std::string& text) {
        for (int i = 0; i < 100; i++) {
            if (screen().find(text) != std::string::npos) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    };
    auto keys = [&](const std::string& k) { tmux("send-keys -t " + session + " " + k); };
    REQUIRE(tmux("new-session -d -x 120 -y 40 -s " + session + " " +
                 shellQuote("HOME=" + home.path() + " " + fluxiBin() + " repl"))
                .exitCode == 0);
    CHECK(waitFor("type :help"));
    // Ctrl-C drops the half-typed input and the session goes on with its definitions.
    keys(shellQuote("answer = 42") + " Enter");
    keys(shellQuote("{a: 1,") + " Enter");
    CHECK(waitFor("\n|"));
    keys("C-c");
    CHECK(waitFor("^C"));
    keys(shellQuote("answer + 1") + " Enter");
    CHECK(waitFor("43"));
    // Completion: a name in scope, a package path after import ", a member after pkg.
    keys(shellQuote("answ") + " Tab");
    keys(shellQuote(" * 2") + " Enter");
    CHECK(waitFor("84"));
    keys(shellQuote("import \"stri") + " Tab Enter");
    CHECK(waitFor("> import \"strings\""));
    keys(shellQuote("strings.toUpp") + " Tab");
    keys(shellQuote("(v: \"abc\")") + " Enter");
    CHECK(waitFor("\"ABC\""));
    // The history file holds every entry already, before the session ends.
    std::string history;
    for (int i = 0; i < 50 && history.find("strings.toUpper") == std::string::npos; i++) {
        std::ifstream in(home.sub(".fluxi_history"));
        std::stringstream ss;
        ss << in.rdbuf();
        history = ss.str();
        if (history.find("strings.toUpper") == std::string::npos)
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    tmux("kill-server");  // the session dies without a clean exit
    CHECK(history.find("answer") != std::string::npos);
    CHECK(history.find("strings.toUpper") != std::string::npos);
}

TEST_CASE("cli repl in a terminal (tmux): Ctrl-C cancels a running query, the session goes on; history survives kill -9") {
    REQUIRE_MESSAGE(runCommand("command -v tmux").exitCode == 0, "tmux is needed (scripts/install-deps.sh installs it)");
    TempDataDir home;
    const std::string sock = "fluxi-cancel-" + std::to_string(::getpid());
    const std::string session = "repl";
    auto tmux = [&](const std::string& args) { return runCommand("tmux -L " + sock + " " + args); };
    auto screen = [&] { return tmux("capture-pane -p -S -100 -t " + session).output; };
    auto waitFor = [&](const std::string& text, int tenths = 100) {
        for (int i = 0; i < tenths * 2; i++) {
            if (screen().find(text) != std::string::npos) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        return false;
    };
    auto keys = [&](const std::string& k) { tmux("send-keys -t " + session + " " + k); };
    const std::string pidFile = home.sub("repl.pid");
    REQUIRE(tmux("new-session -d -x 150 -y 50 -s " + session + " " +
                 shellQuote("echo $$ > " + pidFile + "; HOME=" + home.path() + " exec " + fluxiBin() + " repl"))
                .exitCode == 0);
    CHECK(waitFor("type :help"));
    keys(shellQuote("kept = 40 + 2") + " Enter");
    keys(shellQuote("import \"strings\"") + " Enter");
    keys(shellQuote("import \"generate\"") + " Enter");
    // Each row builds and upper-cases a 300 kB string: this runs for many minutes unless canceled.
    keys(shellQuote("generate.from(count: 1000000, fn: (n) => n, start: 2021-01-01T00:00:00Z, stop: "
                    "2021-01-02T00:00:00Z) |> map(fn: (r) => ({r with s: strings.strlen(v: strings.toUpper(v: "
                    "strings.repeat(v: \"abc\", i: 100000)))}))") +
         " Enter");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    CHECK(screen().find("canceled") == std::string::npos);  // still running
    const auto interrupted = std::chrono::steady_clock::now();
    keys("C-c");
    CHECK(waitFor("^C canceling the entry"));
    CHECK_MESSAGE(waitFor("the run was canceled", 100), screen());
    // canceled promptly (the run checks its flag every 1024 calls / 4096 rows)
    CHECK(std::chrono::steady_clock::now() - interrupted < std::chrono::seconds(5));
    // the session goes on, with its definitions and imports
    keys(shellQuote("kept + 1") + " Enter");
    CHECK_MESSAGE(waitFor("43"), screen());
    keys(shellQuote("strings.toUpper(v: \"still here\")") + " Enter");
    CHECK_MESSAGE(waitFor("\"STILL HERE\""), screen());
    // Ctrl-C on a half-typed input drops it
    keys(shellQuote("kept +") + " Enter");
    CHECK(waitFor("\n|"));
    keys("C-c");
    keys(shellQuote("kept * 2") + " Enter");
    CHECK_MESSAGE(waitFor("84"), screen());
    // kill -9: the history written after each entry is all there
    std::string pid;
    {
        std::ifstream in(pidFile);
        in >> pid;
    }
    REQUIRE(!pid.empty());
    REQUIRE(runCommand("kill -9 " + pid).exitCode == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    tmux("kill-server");
    std::ifstream in(home.sub(".fluxi_history"));
    std::stringstream ss;
    ss << in.rdbuf();
    // libedit writes a space as \040
    std::string history = ss.str();
    for (size_t at; (at = history.find("\\040")) != std::string::npos;) history.replace(at, 4, " ");
    CHECK_MESSAGE(history.find("kept = 40 + 2") != std::string::npos, history);
    CHECK(history.find("strings.repeat") != std::string::npos);
    CHECK(history.find("still here") != std::string::npos);
    CHECK(history.find("kept * 2") != std::string::npos);
}

TEST_CASE("cli help text is wrapped to the terminal width") {
    for (const char* args : {" --help", " run --help", " fmt --help", " repl --help"}) {
        auto r = runCommand("COLUMNS=60 " + fluxiBin() + args);
        CHECK(r.exitCode == 0);
        std::istringstream lines(r.output);
        std::string line;
        size_t longest = 0;
        while (std::getline(lines, line)) longest = std::max(longest, line.size());
        INFO(args << "\n" << r.output);
        CHECK(longest <= 60);
        CHECK(longest > 30);
    }
}

TEST_CASE("cli run --width: compact tables, then row by row, for narrow terminals") {
    const std::string script = "import \"array\"\narray.from(rows: [{host: \"a\", region: \"eu-west\", _value: 1.5, n: 3}])";
    auto wide = runCommand(fluxiBin() + " run --format table -e " + shellQuote(script));
    CHECK(wide.output.find("           host:string") != std::string::npos);  // the REPL's minimum widths
    auto compact = runCommand(fluxiBin() + " run --format table --width 60 -e " + shellQuote(script));
    CHECK(compact.exitCode == 0);
    CHECK(compact.output.find("host:string  region:string  _value:float  n:int\n") != std::string::npos);
    CHECK(compact.output.find("          a        eu-west           1.5      3\n") != std::string::npos);
    auto rows = runCommand(fluxiBin() + " run --format table --width 30 -e " + shellQuote(script));
    CHECK(rows.exitCode == 0);
    CHECK(rows.output.find("Row 1:\n  host:string    a\n  region:string  eu-west\n") != std::string::npos);
    std::istringstream lines(rows.output);
    std::string line;
    while (std::getline(lines, line)) CHECK(line.size() <= 30);
}
