// The `run`, `repl` and `test` verbs as a person uses them: exit codes, output formats, error
// positions, the REPL through a pipe and through a real terminal (tmux), the test runner's verdicts.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
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
