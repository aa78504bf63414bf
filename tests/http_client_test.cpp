// net/http_client against a local receiver: methods, headers, bodies, statuses, redirects, size and
// time limits, connection failures, and URLs redacted in errors.
#include <doctest/doctest.h>

#include "net/http_client.h"
#include "tests/support/http_receiver.h"

using fluxi::net::HttpError;
using fluxi::net::HttpRequest;
using fluxi::test::CannedResponse;
using fluxi::test::HttpReceiver;

TEST_CASE("http client: POST sends method, headers and body; any status is a response") {
    HttpReceiver rx;
    rx.respond("/hook", CannedResponse{201, "created", "text/plain", {}, ""});
    HttpRequest req;
    req.method = "POST";
    req.url = rx.url("/hook?x=1");
    req.headers = {{"Content-Type", "application/json"}, {"X-Token", "abc"}};
    req.body = R"({"a":1})";
    auto res = fluxi::net::send(req);
    CHECK(res.status == 201);
    CHECK(res.body == "created");
    REQUIRE(res.header("content-type") != nullptr);
    CHECK(*res.header("Content-Type") == "text/plain");
    auto got = rx.requests();
    REQUIRE(got.size() == 1);
    CHECK(got[0].method == "POST");
    CHECK(got[0].path == "/hook");
    CHECK(got[0].query.find("x")->second == "1");
    CHECK(got[0].header("X-Token") == "abc");
    CHECK(got[0].header("Content-Type") == "application/json");
    CHECK(got[0].body == R"({"a":1})");

    rx.respond("/hook", CannedResponse{503, "busy", "text/plain", {}, ""});
    auto busy = fluxi::net::send(req);
    CHECK(busy.status == 503);
    CHECK(busy.body == "busy");
}

TEST_CASE("http client: a body without a content type is not sent as a form") {
    HttpReceiver rx;
    HttpRequest req;
    req.method = "PUT";
    req.url = rx.url("/x");
    req.body = "raw";
    fluxi::net::send(req);
    auto got = rx.requests();
    REQUIRE(got.size() == 1);
    CHECK(got[0].method == "PUT");
    CHECK(got[0].header("Content-Type").find("x-www-form-urlencoded") == std::string::npos);
}

TEST_CASE("http client: limits and failures are HttpErrors with a redacted URL") {
    HttpReceiver rx;
    rx.respond("/big", CannedResponse{200, std::string(5000, 'x'), "text/plain", {}, ""});
    rx.respond("/slow", CannedResponse{200, "late", "text/plain", std::chrono::milliseconds(1500), ""});
    HttpRequest req;
    req.url = rx.url("/big");
    req.maxResponseBytes = 1000;
    try {
        fluxi::net::send(req);
        FAIL("expected an error");
    } catch (const HttpError& e) {
        CHECK(e.kind() == HttpError::Kind::TooLarge);
        CHECK(std::string(e.what()).find("larger than 1000 bytes") != std::string::npos);
    }

    HttpRequest slow;
    slow.url = "http://user:secret@127.0.0.1:" + std::to_string(rx.port()) + "/slow?token=secret";
    slow.timeout = std::chrono::milliseconds(200);
    try {
        fluxi::net::send(slow);
        FAIL("expected a timeout");
    } catch (const HttpError& e) {
        CHECK(e.kind() == HttpError::Kind::Timeout);
        std::string msg = e.what();
        CHECK(msg.find("/slow") != std::string::npos);
        CHECK(msg.find("secret") == std::string::npos);
    }

    int closedPort = rx.port();
    HttpRequest refused;
    {
        HttpReceiver other;
        closedPort = other.port();
    }
    refused.url = "http://127.0.0.1:" + std::to_string(closedPort) + "/";
    CHECK_THROWS_AS(fluxi::net::send(refused), HttpError);

    HttpRequest badScheme;
    badScheme.url = "file:///etc/passwd";
    try {
        fluxi::net::send(badScheme);
        FAIL("expected an error");
    } catch (const HttpError& e) {
        CHECK(e.kind() == HttpError::Kind::InvalidUrl);
    }
}

TEST_CASE("http client: redirects are followed up to the limit") {
    HttpReceiver target;
    target.respond("/end", CannedResponse{200, "here", "text/plain", {}, ""});
    HttpReceiver rx;
    rx.respond("/moved", CannedResponse{302, "", "text/plain", {}, target.url("/end")});
    rx.respond("/loop", CannedResponse{302, "", "text/plain", {}, rx.url("/loop")});
    HttpRequest req;
    req.url = rx.url("/moved");
    auto res = fluxi::net::send(req);
    CHECK(res.status == 200);
    CHECK(res.body == "here");
    CHECK(target.requests().size() == 1);

    req.maxRedirects = 0;
    CHECK(fluxi::net::send(req).status == 302);

    HttpRequest loop;
    loop.url = rx.url("/loop");
    loop.maxRedirects = 2;
    try {
        fluxi::net::send(loop);
        FAIL("expected an error");
    } catch (const HttpError& e) {
        CHECK(std::string(e.what()).find("more than 2 redirects") != std::string::npos);
    }
}

TEST_CASE("http client: percent-encoding and URL redaction") {
    CHECK(fluxi::net::percentEncode("a b/c?d=é") == "a%20b%2Fc%3Fd%3D%C3%A9");
    CHECK(fluxi::net::percentEncode("AZaz09-_.~") == "AZaz09-_.~");
    CHECK(fluxi::net::redactUrl("https://u:p@host:8086/api/v2/query?org=x#f") == "https://host:8086/api/v2/query");
    CHECK(fluxi::net::redactUrl("http://host/path") == "http://host/path");
}
