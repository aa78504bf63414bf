// The packages that make HTTP requests (http, http/requests, experimental/http, experimental/http/
// requests, experimental/csv, csv.from(url:)) and influxdata/influxdb/secrets, end to end against a
// local recording receiver: exact method, path, query, headers and body; statuses (4xx/5xx are
// results), connection refused, timeouts and bad URLs as clear errors; secrets never in errors; and
// the --no-side-effects policy (requests recorded, not sent; fake status 200).
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "eval/secrets.h"
#include "api/engine.h"
#include "net/outbound_policy.h"
#include "tests/support/cli_run.h"
#include "tests/support/flux_run.h"
#include "tests/support/http_receiver.h"

using namespace fluxi;
using namespace fluxi::testutil;
using fluxi::test::CannedResponse;
using fluxi::test::HttpReceiver;

namespace {

// The script with every "URL" replaced by `url`.
std::string withUrl(std::string src, const std::string& url) {
    for (size_t at = src.find("URL"); at != std::string::npos; at = src.find("URL", at + url.size()))
        src.replace(at, 3, url);
    return src;
}

// A port nothing listens on: bound, then released.
int closedPort() {
    int port;
    {
        HttpReceiver rx;
        port = rx.port();
    }
    return port;
}

// Restores the outbound mode and the printer of recorded requests when a test ends.
struct OutboundModeGuard {
    explicit OutboundModeGuard(net::OutboundMode m) { net::setOutboundMode(m); }
    ~OutboundModeGuard() {
        net::setOutboundMode(net::OutboundMode::Send);
        net::setRecordedRequestPrinter(nullptr);
    }
};

}  // namespace

TEST_CASE("http.post: sends the body and headers (canonical names) and returns the status code") {
    HttpReceiver rx;
    rx.respond("/hook", CannedResponse{201, "ok", "text/plain", {}, ""});
    std::string v = eval(withUrl(R"(
import "http"
import "json"
http.post(url: "URL/hook", headers: {Authorization: "Bearer tok", "content-type": "application/json"}, data: json.encode(v: {a: 1}))
)", rx.url("")));
    CHECK(v == "201");
    auto got = rx.requests();
    REQUIRE(got.size() == 1);
    CHECK(got[0].method == "POST");
    CHECK(got[0].path == "/hook");
    CHECK(got[0].header("Authorization") == "Bearer tok");
    CHECK(got[0].header("Content-Type") == "application/json");
    CHECK(got[0].body == R"({"a":1})");
    // 4xx and 5xx are results, not errors (as in the reference)
    rx.respond("/hook", CannedResponse{503, "down", "text/plain", {}, ""});
    CHECK(eval(withUrl("import \"http\"\nhttp.post(url: \"URL\")", rx.url("/hook"))) == "503");
    rx.respond("/hook", CannedResponse{404, "", "text/plain", {}, ""});
    CHECK(eval(withUrl("import \"http\"\nhttp.post(url: \"URL\", data: bytes(v: \"x\"))", rx.url("/hook"))) == "404");
}

TEST_CASE("http.post: connection refused, timeouts, bad URLs and non-string headers are clear errors") {
    std::string refused = "http://127.0.0.1:" + std::to_string(closedPort()) + "/x";
    RunResult r = runScript("import \"http\"\nhttp.post(url: \"" + refused + "\")");
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == ErrorCode::Unavailable);
    CHECK(r.error.find("test.flux:2:1: error: http.post: HTTP POST " + refused) != std::string::npos);

    r = runScript("import \"http\"\nhttp.post(url: \"not a url\")");
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == ErrorCode::Invalid);
    CHECK(errorLine(r).find("http.post: HTTP POST not a url:") != std::string::npos);

    r = runScript("import \"http\"\nhttp.post(url: \"ftp://127.0.0.1/x\")");
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == ErrorCode::Invalid);

    HttpReceiver rx;
    CHECK(eval(withUrl("import \"http\"\nhttp.post(url: \"URL\", headers: {n: 1})", rx.url("/h"))) ==
          "error: http.post: header value \"n\" must be a string");
    CHECK(rx.requests().empty());

    // requests.do with a short timeout against a slow receiver
    rx.respond("/slow", CannedResponse{200, "late", "text/plain", std::chrono::milliseconds(1500), ""});
    r = runScript(withUrl(R"(
import "http/requests"
requests.get(url: "URL", config: {timeout: 200ms, insecureSkipVerify: false})
)", rx.url("/slow")));
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == ErrorCode::DeadlineExceeded);
    CHECK(errorLine(r).find("requests.do: HTTP GET " + rx.url("/slow") + ": no complete response within 200 ms") !=
          std::string::npos);
}

TEST_CASE("http.basicAuth, http.pathEscape") {
    CHECK(eval("import \"http\"\nhttp.basicAuth(u: \"user\", p: \"pass\")") == "\"Basic dXNlcjpwYXNz\"");
    CHECK(eval("import \"http\"\nhttp.basicAuth(u: \"\", p: \"\")") == "\"Basic Og==\"");
    CHECK(eval("import \"http\"\nhttp.pathEscape(inputString: \"Hello world!\")") == "\"Hello%20world%21\"");
    // as Go's url.PathEscape: $&+:=@ stay, / ; , ? are escaped, non-ASCII bytes become %XX
    CHECK(eval("import \"http\"\nhttp.pathEscape(inputString: \"a/b;c,d?e$&+:=@~é\")") ==
          "\"a%2Fb%3Bc%2Cd%3Fe$&+:=@~%C3%A9\"");
}

TEST_CASE("http.endpoint: one POST per row, _status and _sent columns, _sent in the group key") {
    HttpReceiver rx;
    rx.respond("/bad", CannedResponse{500, "", "text/plain", {}, ""});
    std::string script = withUrl(R"(
import "array"
import "http"
array.from(rows: [{host: "a", _value: 1}, {host: "b", _value: 2}])
    |> http.endpoint(url: "URL")(mapFn: (r) => ({headers: {"X-Host": r.host}, data: bytes(v: "v=${r._value}")}))()
)", rx.url("/ok"));
    CHECK(runTables(script) ==
          "[_sent=\"true\"] host:string,_value:int,_status:string,_sent:string\n"
          "\"a\",1,\"200\",\"true\"\n"
          "\"b\",2,\"200\",\"true\"");
    auto got = rx.requests();
    REQUIRE(got.size() == 2);
    CHECK(got[0].header("X-Host") == "a");
    CHECK(got[0].body == "v=1");
    CHECK(got[1].header("X-Host") == "b");
    CHECK(got[1].body == "v=2");
    std::string bad = withUrl(R"(
import "array"
import "http"
array.from(rows: [{_value: 1}])
    |> http.endpoint(url: "URL")(mapFn: (r) => ({headers: {}, data: bytes(v: "x")}))()
)", rx.url("/bad"));
    CHECK(runTables(bad) == "[_sent=\"false\"] _value:int,_status:string,_sent:string\n1,\"500\",\"false\"");
}

TEST_CASE("requests.do/get/post: method, query params, headers, body; the response record") {
    HttpReceiver rx;
    rx.respond("/api", CannedResponse{202, "{\"x\": 1}", "application/json", {}, ""});
    RunResult r = runScript(withUrl(R"(
import "dict"
import "http/requests"
resp = requests.do(
    method: "PUT",
    url: "URL?dropped=1",
    params: ["b": ["2", "3"], "a": ["x y&z"]],
    headers: ["x-custom": "v"],
    body: bytes(v: "payload"),
)
resp.statusCode
string(v: resp.body)
dict.get(dict: resp.headers, key: "Content-Type", default: "")
resp.duration > 0s
)", rx.url("/api")));
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(formatValue(r.values[0]) == "202");
    CHECK(formatValue(r.values[1]) == "\"{\\\"x\\\": 1}\"");
    CHECK(formatValue(r.values[2]) == "\"application/json\"");
    CHECK(formatValue(r.values[3]) == "true");
    auto got = rx.requests();
    REQUIRE(got.size() == 1);
    CHECK(got[0].method == "PUT");
    CHECK(got[0].path == "/api");
    CHECK(got[0].query.count("dropped") == 0);  // params replace the URL's query, as in the reference
    CHECK(got[0].query.count("b") == 2);
    CHECK(got[0].query.find("a")->second == "x y&z");
    CHECK(got[0].header("X-Custom") == "v");
    CHECK(got[0].body == "payload");

    // get and post, and the experimental copy with its own defaultConfig
    CHECK(eval(withUrl("import \"http/requests\"\nrequests.get(url: \"URL\").statusCode", rx.url("/api"))) == "202");
    CHECK(eval(withUrl("import \"http/requests\"\nrequests.post(url: \"URL\", body: bytes(v: \"p\")).statusCode",
                       rx.url("/api"))) == "202");
    CHECK(eval(withUrl("import r \"experimental/http/requests\"\nr.get(url: \"URL\").statusCode", rx.url("/api"))) == "202");
    got = rx.requests();
    REQUIRE(got.size() == 4);
    CHECK(got[1].method == "GET");
    CHECK(got[2].method == "POST");
    CHECK(got[2].body == "p");
    CHECK(got[3].method == "GET");
    // experimental/http/requests.do and .post behave as http/requests' own
    CHECK(eval(withUrl("import r \"experimental/http/requests\"\nr.do(method: \"DELETE\", url: \"URL\", headers: [\"x-k\": \"1\"]).statusCode",
                       rx.url("/api"))) == "202");
    CHECK(eval(withUrl("import r \"experimental/http/requests\"\nstring(v: r.post(url: \"URL\", body: bytes(v: \"q\")).body)",
                       rx.url("/api"))) == "\"{\\\"x\\\": 1}\"");
    got = rx.requests();
    REQUIRE(got.size() == 6);
    CHECK(got[4].method == "DELETE");
    CHECK(got[4].header("X-K") == "1");
    CHECK(got[5].method == "POST");
    CHECK(got[5].body == "q");
    CHECK(eval("import \"http/requests\"\nrequests.defaultConfig") == "{timeout: 0ns, insecureSkipVerify: false}");
    CHECK(eval("import \"http/requests\"\nrequests.do(method: \"TRACE\", url: \"http://127.0.0.1/\")") ==
          "error: requests.do: invalid HTTP method \"TRACE\" (one of DELETE, GET, HEAD, PATCH, POST, PUT)");
    CHECK(eval("import \"http/requests\"\nrequests.get(url: \"http://127.0.0.1/\", config: {timeout: 1mo, insecureSkipVerify: false})") ==
          "error: requests.do: config timeout must not be a mixed duration");
}

TEST_CASE("requests.peek: a one-row table of the response") {
    HttpReceiver rx;
    rx.respond("/p", CannedResponse{404, "nope", "text/plain", {}, ""});
    std::string t = runTables(withUrl(R"(
import "http/requests"
requests.peek(response: requests.get(url: "URL")) |> drop(columns: ["duration", "headers"])
)", rx.url("/p")));
    CHECK(t == "[] statusCode:int,body:string\n404,\"nope\"");
}

TEST_CASE("experimental/http.get: status, body and headers as a record; timeout") {
    HttpReceiver rx;
    rx.respond("/g", CannedResponse{200, "hello", "text/plain", {}, ""});
    RunResult r = runScript(withUrl(R"(
import "experimental/http"
resp = http.get(url: "URL", headers: {Accept: "text/plain"})
resp.statusCode
string(v: resp.body)
resp.headers["Content-Type"]
)", rx.url("/g")));
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(formatValue(r.values[0]) == "200");
    CHECK(formatValue(r.values[1]) == "\"hello\"");
    CHECK(formatValue(r.values[2]) == "\"text/plain\"");
    auto got = rx.requests();
    REQUIRE(got.size() == 1);
    CHECK(got[0].method == "GET");
    CHECK(got[0].header("Accept") == "text/plain");
    rx.respond("/slow", CannedResponse{200, "late", "text/plain", std::chrono::milliseconds(1500), ""});
    r = runScript(withUrl("import \"experimental/http\"\nhttp.get(url: \"URL\", timeout: 100ms)", rx.url("/slow")));
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == ErrorCode::DeadlineExceeded);
}

TEST_CASE("csv.from(url:) and experimental/csv.from(url:) read annotated CSV over HTTP") {
    const std::string csv =
        "#datatype,string,long,string,long\n#group,false,false,true,false\n#default,_result,,,\n"
        ",result,table,host,_value\n,,0,a,1\n,,0,a,2\n";
    HttpReceiver rx;
    rx.respond("/data.csv", CannedResponse{200, csv, "text/csv", {}, ""});
    rx.respond("/missing.csv", CannedResponse{404, "not found", "text/plain", {}, ""});
    const std::string want = "[host=\"a\"] host:string,_value:int\n\"a\",1\n\"a\",2";
    CHECK(runTables(withUrl("import \"csv\"\ncsv.from(url: \"URL\")", rx.url("/data.csv"))) == want);
    CHECK(runTables(withUrl("import \"experimental/csv\"\ncsv.from(url: \"URL\")", rx.url("/data.csv"))) == want);
    CHECK(eval(withUrl("import \"csv\"\ncsv.from(url: \"URL?token=s3cret\")", rx.url("/missing.csv"))) ==
          "error: csv.from: GET " + rx.url("/missing.csv") + " answered HTTP status 404 instead of CSV");
    CHECK(eval(withUrl("import \"experimental/csv\"\ncsv.from(url: \"URL\")", rx.url("/missing.csv"))) ==
          "error: csv.from: the server answered HTTP status 404 instead of CSV");
    CHECK(eval(withUrl("import \"csv\"\ncsv.from(url: \"URL\", csv: \"x\")", rx.url("/data.csv"))) ==
          "error: csv.from: give only one of csv, file and url");
}

TEST_CASE("secrets.get: host values, secrets file, environment; missing key is not found; never in errors") {
    Engine e;
    e.setSecret("TOKEN", "t0ps3cret");
    RunResult r = e.run("import \"influxdata/influxdb/secrets\"\nsecrets.get(key: \"TOKEN\")", "s.flux");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(formatValue(r.values[0]) == "\"t0ps3cret\"");

    r = e.run("import \"influxdata/influxdb/secrets\"\nsecrets.get(key: \"MISSING\")", "s.flux");
    REQUIRE_FALSE(r.ok);
    CHECK(r.code == ErrorCode::NotFound);
    CHECK(errorLine(r) ==
          "error: secrets.get: secret \"MISSING\" not found: give it in the secrets file (--secrets FILE or "
          "$FLUXI_SECRETS, a KEY=VALUE line) or as the environment variable FLUXI_SECRET_MISSING");

    // the value never appears in an error, whatever the error
    r = e.run("import \"influxdata/influxdb/secrets\"\nx = secrets.get(key: \"TOKEN\")\ndie(msg: \"bad token \" + x)", "s.flux");
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.find("t0ps3cret") == std::string::npos);
    CHECK(r.error.find("bad token <redacted>") != std::string::npos);

    ::setenv("FLUXI_SECRET_FROM_ENV", "envvalue", 1);
    CHECK(eval("import \"influxdata/influxdb/secrets\"\nsecrets.get(key: \"FROM_ENV\")") == "\"envvalue\"");
    ::unsetenv("FLUXI_SECRET_FROM_ENV");

    TempDir dir;
    auto file = dir.write("secrets", "# comment\n\nA = value with = sign \nB=\n");
    Engine f;
    std::string why;
    REQUIRE(f.setSecretsFile(file.string(), &why));
    r = f.run("import \"influxdata/influxdb/secrets\"\nsecrets.get(key: \"A\") + \"|\" + secrets.get(key: \"B\")", "s.flux");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(formatValue(r.values[0]) == "\" value with = sign |\"");
    auto bad = dir.write("bad", "OK=1\nno equals sign here\n");
    CHECK_FALSE(f.setSecretsFile(bad.string(), &why));
    CHECK(why == bad.string() + ":2: expected KEY=VALUE, found no '='");
    CHECK_FALSE(f.setSecretsFile((dir.path / "none").string(), &why));
    CHECK(why.find("cannot read the secrets file") != std::string::npos);
}

TEST_CASE("secrets never reach a request's error message or a recorded request") {
    int port = closedPort();
    Engine e;
    e.setSecret("BOT", "123:ABCsecret");
    RunResult r = e.run("import \"http\"\nimport \"influxdata/influxdb/secrets\"\n"
                        "http.post(url: \"http://127.0.0.1:" + std::to_string(port) + "/bot\" + secrets.get(key: \"BOT\") + \"/send\")",
                        "s.flux");
    REQUIRE_FALSE(r.ok);
    CHECK(r.error.find("ABCsecret") == std::string::npos);
    CHECK(r.error.find("/bot<redacted>/send") != std::string::npos);
}

TEST_CASE("no-side-effects: POSTs are recorded and answered 200 without being sent; GETs are sent") {
    HttpReceiver rx;
    rx.respond("/get", CannedResponse{200, "read", "text/plain", {}, ""});
    std::vector<net::OutboundRecord> printed;
    OutboundModeGuard guard(net::OutboundMode::Record);
    net::setRecordedRequestPrinter([&](const net::OutboundRecord& r) { printed.push_back(r); });
    Engine e;
    e.setSecret("K", "k3y-value");
    RunResult r = e.run(withUrl(R"(
import "http"
import "http/requests"
import "influxdata/influxdb/secrets"
http.post(url: "URL/hook?token=abc", data: bytes(v: "key=" + secrets.get(key: "K")))
requests.do(method: "DELETE", url: "URL/thing").statusCode
string(v: requests.get(url: "URL/get").body)
)", rx.url("")), "nse.flux");
    REQUIRE_MESSAGE(r.ok, r.error);
    CHECK(formatValue(r.values[0]) == "200");
    CHECK(formatValue(r.values[1]) == "200");
    CHECK(formatValue(r.values[2]) == "\"read\"");
    auto got = rx.requests();
    REQUIRE(got.size() == 1);  // only the GET reached the server
    CHECK(got[0].path == "/get");
    REQUIRE(printed.size() == 2);
    CHECK(printed[0].method == "POST");
    CHECK(printed[0].url == rx.url("/hook"));  // no query string
    CHECK(printed[0].body == "key=<redacted>");
    CHECK_FALSE(printed[0].sent);
    CHECK(printed[1].method == "DELETE");
    CHECK(net::describeRecordedRequest(printed[0]) ==
          "fluxi: not sent (--no-side-effects): POST " + rx.url("/hook") + " body: key=<redacted>");
    REQUIRE(r.sideEffects.size() == 2);
    CHECK(r.sideEffects[0] == "POST " + rx.url("/hook") + " (not sent)");
}

TEST_CASE("RunResult::sideEffects lists what a run sent, also when it failed afterwards") {
    HttpReceiver rx;
    RunResult r = runScript(withUrl("import \"http\"\nhttp.post(url: \"URL\")\ndie(msg: \"later failure\")", rx.url("/n")));
    REQUIRE_FALSE(r.ok);
    REQUIRE(r.sideEffects.size() == 1);
    CHECK(r.sideEffects[0] == "POST " + rx.url("/n") + " -> 200");
    CHECK(rx.requests().size() == 1);
}
