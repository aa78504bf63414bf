// The command-line side of outbound requests, through the real binary: `--secrets FILE` and
// $FLUXI_SECRETS, `--no-side-effects` on `fluxi test`, `task run` and `task backfill` (requests
// printed, not sent), a task run that fails after sending a notification (its run log says so), and
// `fluxi check` on scripts using the outbound packages.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "tests/support/cli_run.h"
#include "tests/support/http_receiver.h"

using namespace fluxi::testutil;
using fluxi::test::CannedResponse;
using fluxi::test::HttpReceiver;

namespace {

std::string withBase(std::string src, const std::string& base) {
    for (size_t at = src.find("BASE"); at != std::string::npos; at = src.find("BASE", at + base.size()))
        src.replace(at, 4, base);
    return src;
}

}  // namespace

TEST_CASE("cli: --secrets FILE and $FLUXI_SECRETS feed secrets.get; a malformed file is refused") {
    TempDir dir;
    auto secrets = dir.write("secrets.env", "# for tests\nTOKEN=abc123\n");
    auto script = dir.write("s.flux", "import \"influxdata/influxdb/secrets\"\nsecrets.get(key: \"TOKEN\")\n");
    Run r = runFluxi(dir, "run --format table --secrets " + q(secrets) + " " + q(script));
    CHECK(r.status == 0);
    CHECK(r.out == "\"abc123\"\n");
    ::setenv("FLUXI_SECRETS", secrets.c_str(), 1);
    r = runFluxi(dir, "run --format table " + q(script));
    ::unsetenv("FLUXI_SECRETS");
    CHECK(r.status == 0);
    CHECK(r.out == "\"abc123\"\n");
    auto bad = dir.write("bad.env", "TOKEN\n");
    r = runFluxi(dir, "run --secrets " + q(bad) + " " + q(script));
    CHECK(r.status == 2);
    CHECK(r.err == "fluxi run: " + bad.string() + ":1: expected KEY=VALUE, found no '='\n");
    r = runFluxi(dir, "run " + q(script));
    CHECK(r.status == 1);
    CHECK(r.err.find("secrets.get: secret \"TOKEN\" not found") != std::string::npos);
}

TEST_CASE("cli test --no-side-effects: notifications are printed, not sent, and count as sent (200)") {
    HttpReceiver rx;
    TempDir dir;
    auto test = dir.write("alert_test.flux", withBase(R"(package alert_test

import "testing"
import "array"
import "slack"

testcase notifies {
    got = array.from(rows: [{_value: 1}])
        |> slack.endpoint(url: "BASE/hook", token: "tk")(mapFn: (r) => ({channel: "#c", text: "v=${r._value}", color: "good"}))()
        |> drop(columns: ["_status"])
    want = array.from(rows: [{_value: 1, _sent: "true"}])

    testing.diff(got: got, want: want)
}
)", rx.url("")));
    Run r = runFluxi(dir, "test --no-side-effects " + q(test));
    CHECK(r.status == 0);
    CHECK(r.out.find("1 passed, 0 failed, 0 skipped") != std::string::npos);
    CHECK(rx.requests().empty());
    CHECK(r.err.find("fluxi: " + test.string() + "::notifies: not sent (--no-side-effects): POST " + rx.url("/hook") +
                     " body: {") != std::string::npos);
    CHECK(r.err.find("\"text\":\"v=1\"") != std::string::npos);

    // without the flag the request is sent; a 500 answer makes _sent "false" and the diff fails
    rx.respond("/hook", CannedResponse{500, "", "text/plain", {}, ""});
    r = runFluxi(dir, "test " + q(test));
    CHECK(r.status == 1);
    CHECK(rx.requests().size() == 1);
    CHECK(r.out.find("0 passed, 1 failed") != std::string::npos);
}

TEST_CASE("cli task run: a run that fails after sending a notification says so in its run log") {
    HttpReceiver rx;
    TempDir dir;
    auto task = dir.write("alert.flux", withBase(R"flux(
import "http"
option task = {name: "alert", every: 1h}
code = http.post(url: "BASE/notify?key=k", data: bytes(v: "disk full"))
die(msg: "failed after notifying (status ${string(v: code)})")
)flux", rx.url("")));
    std::string data = q(dir.path / "data");
    Run r = runFluxi(dir, "task run " + q(task) + " --now 2024-01-01T01:00:00Z --data " + data);
    CHECK(r.status == 1);
    REQUIRE(rx.requests().size() == 1);
    CHECK(rx.requests()[0].body == "disk full");
    CHECK(r.out.find("failed after") != std::string::npos);
    CHECK(r.out.find("[sent 1 side-effecting HTTP request before failing]") != std::string::npos);
    CHECK(r.err.find("note: before it failed, this run made 1 side-effecting HTTP request (notifications are not undone):\n"
                     "  POST " + rx.url("/notify") + " -> 200\n") != std::string::npos);
    Run log = runFluxi(dir, "task log alert --data " + data);
    CHECK(log.status == 0);
    CHECK(log.out.find("failed after notifying (status 200) [sent 1 side-effecting HTTP request before failing]") !=
          std::string::npos);

    // --no-side-effects: nothing reaches the receiver, the request is printed, the run log notes it
    r = runFluxi(dir, "task run --no-side-effects " + q(task) + " --now 2024-01-01T02:00:00Z --data " + data);
    CHECK(r.status == 1);
    CHECK(rx.requests().size() == 1);
    CHECK(r.err.find("fluxi: not sent (--no-side-effects): POST " + rx.url("/notify") + " body: disk full") != std::string::npos);
    CHECK(r.err.find("  POST " + rx.url("/notify") + " (not sent)\n") != std::string::npos);
}

TEST_CASE("cli task backfill --no-side-effects: every run's requests are printed, none sent") {
    HttpReceiver rx;
    TempDir dir;
    auto task = dir.write("ping.flux", withBase(R"(
import "http"
option task = {name: "ping", every: 1h}
http.post(url: "BASE/ping", data: bytes(v: string(v: now())))
)", rx.url("")));
    Run r = runFluxi(dir, "task backfill --no-side-effects " + q(task) +
                              " --start 2024-01-01T00:00:00Z --stop 2024-01-01T03:00:00Z --data " + q(dir.path / "data"));
    CHECK(r.status == 0);
    CHECK(rx.requests().empty());
    CHECK(r.err.find("POST " + rx.url("/ping") + " body: 2024-01-01T00:00:00") != std::string::npos);
    CHECK(r.err.find("POST " + rx.url("/ping") + " body: 2024-01-01T02:00:00") != std::string::npos);
    CHECK(r.out.find("3 runs, 0 failed") != std::string::npos);
}

TEST_CASE("cli check resolves the outbound packages' members and types their arguments") {
    TempDir dir;
    auto good = dir.write("good.flux", R"(
import "http"
import "http/requests"
import "slack"
import "pagerduty"
import "contrib/sranka/telegram"
import "contrib/chobbs/discord"
import "influxdata/influxdb/secrets"
t = secrets.get(key: "T")
a = http.post(url: "http://127.0.0.1/", headers: {A: t}, data: bytes(v: "x"))
b = requests.get(url: "http://127.0.0.1/", params: ["a": ["b"]]).statusCode
c = slack.message(channel: "c", text: "t", color: "good")
d = pagerduty.endpoint()
e = telegram.endpoint(token: t)
f = discord.send(webhookToken: t, webhookID: "1", username: "u", content: "c")
)");
    Run r = runFluxi(dir, "check " + q(good));
    CHECK(r.status == 0);
    auto bad = dir.write("bad.flux", "import \"slack\"\nimport \"http\"\nslack.mesage(text: \"t\")\nhttp.post(url: 1)\n");
    r = runFluxi(dir, "check " + q(bad));
    CHECK(r.status == 1);
    CHECK(r.err.find("package slack has no member mesage") != std::string::npos);
    CHECK(r.err.find("expected string but found int (argument url)") != std::string::npos);
}
