// `fluxi serve` security and limits: tokens (v2 header, v1 forms, never logged), body and result size
// limits (also for gzip bombs), per-query time limit, the concurrency limit with its queue, slow
// clients, and graceful shutdown that loses no acknowledged write.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <doctest/doctest.h>

#include <atomic>
#include <cstring>
#include <thread>

#include "tests/support/serve_process.h"

using namespace fluxi::testutil;
using fluxi::net::HttpResponse;

namespace {

// A query that keeps one core busy for seconds: reduce() calls its function in the interpreter for
// each of 10M rows (about 3.5 s on the 2-core CI machine; map() would be compiled into a column loop).
std::string slowQuery(const std::string& tail = "") {
    return "import \"generate\"\n"
           "generate.from(count: 10000000, fn: (n) => n, start: 2021-01-01T00:00:00Z, stop: 2021-01-02T00:00:00Z)\n"
           "  |> reduce(fn: (r, accumulator) => ({sum: accumulator.sum + r._value * 3 + 1}), identity: {sum: 0})" +
           tail;
}

int connectTo(int port) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    return fd;
}

}  // namespace

TEST_CASE("serve: with a token file every data route needs the token; health and ping do not") {
    TempDir t;
    t.write("tokens", "# tokens of fluxi serve\nfirst-token\n  second-token  \n");
    ServeProcess s({"--token-file", (t.path / "tokens").string()});
    const fluxi::net::HttpHeaders good = {{"Authorization", "Token second-token"}};
    for (const auto& route : std::vector<std::pair<std::string, std::string>>{
             {"POST", "/api/v2/query"}, {"POST", "/api/v2/write?bucket=b"}, {"GET", "/api/v2/buckets"},
             {"POST", "/write?db=b"}, {"GET", "/api/v2/tasks"}}) {
        const std::string& method = route.first;
        const std::string& path = route.second;  // (not a structured binding: CAPTURE captures it)
        CAPTURE(path);
        HttpResponse none = httpCall(method, s.url(path), "m v=1 1");
        CHECK(none.status == 401);
        CHECK(none.body.find("\"code\":\"unauthorized\"") != std::string::npos);
        CHECK(httpCall(method, s.url(path), "m v=1 1", {{"Authorization", "Token second-tokeN"}}).status == 401);
        CHECK(httpCall(method, s.url(path), "m v=1 1", {{"Authorization", "Token second-token-longer"}}).status == 401);
        CHECK(httpCall(method, s.url(path), "m v=1 1", {{"Authorization", "Token "}}).status == 401);
        CHECK(httpCall(method, s.url(path), "m v=1 1", {{"Authorization", "Bearer second-token"}}).status == 401);
    }
    REQUIRE(httpCall("POST", s.url("/api/v2/buckets"), R"({"name":"b"})", good).status == 201);
    CHECK(httpCall("POST", s.url("/api/v2/write?bucket=b"), "m v=1 1", good).status == 204);
    CHECK(httpCall("POST", s.url("/api/v2/write?bucket=b"), "m v=2 2", {{"Authorization", "Token first-token"}}).status == 204);
    // v1: the token as password, in Basic auth or in ?p=
    CHECK(httpCall("POST", s.url("/write?db=b&u=me&p=first-token"), "m v=3 3").status == 204);
    CHECK(httpCall("POST", s.url("/write?db=b&u=me&p=wrong"), "m v=3 3").status == 401);
    CHECK(httpCall("POST", s.url("/write?db=b"), "m v=4 4", {{"Authorization", "Basic bWU6Zmlyc3QtdG9rZW4="}}).status == 204);
    CHECK(httpCall("POST", s.url("/write?db=b"), "m v=4 4", {{"Authorization", "Basic bWU6d3Jvbmc="}}).status == 401);
    // the v1 forms are not accepted by the v2 routes
    CHECK(httpCall("POST", s.url("/api/v2/write?bucket=b&p=first-token"), "m v=5 5").status == 401);
    CHECK(httpCall("GET", s.url("/health")).status == 200);
    CHECK(httpCall("GET", s.url("/ping")).status == 204);
    HttpResponse q = fluxQuery(s, "from(bucket: \"b\") |> range(start: 0) |> count()", good);
    CHECK(q.status == 200);
    CHECK(q.body.find(",v,m,4\r\n") != std::string::npos);
    const std::string log = s.log();
    CHECK(log.find("first-token") == std::string::npos);
    CHECK(log.find("second-token") == std::string::npos);
    CHECK(log.find("POST /api/v2/write 401") != std::string::npos);
}

TEST_CASE("serve: a token file that cannot be read or holds no token stops the start") {
    TempDir t;
    t.write("empty", "# nothing\n\n");
    CHECK_THROWS_WITH_AS(ServeProcess({"--token-file", (t.path / "empty").string()}), doctest::Contains("holds no token"),
                         std::runtime_error);
    CHECK_THROWS_WITH_AS(ServeProcess({"--token-file", (t.path / "missing").string()}),
                         doctest::Contains("cannot read the token file"), std::runtime_error);
}

TEST_CASE("serve: request bodies over --max-body are 413, also once decompressed") {
    ServeProcess s({"--max-body", "4KB"});
    REQUIRE(httpCall("POST", s.url("/api/v2/buckets"), R"({"name":"b"})").status == 201);
    std::string big;
    for (int i = 0; i < 300; i++) big += "m,host=h" + std::to_string(i) + " v=" + std::to_string(i) + " " + std::to_string(i + 1) + "\n";
    REQUIRE(big.size() > 4096);
    HttpResponse r = httpCall("POST", s.url("/api/v2/write?bucket=b"), big);
    CHECK(r.status == 413);
    CHECK(r.body.find("\"code\":\"request too large\"") != std::string::npos);
    // a small gzip body that inflates past the limit
    TempDir t;
    t.write("lines", big + big + big);
    REQUIRE(std::system(("gzip -9 -c '" + (t.path / "lines").string() + "' > '" + (t.path / "lines.gz").string() + "'").c_str()) == 0);
    std::string gz = readFile(t.path / "lines.gz");
    REQUIRE(gz.size() < 4096);
    HttpResponse bomb = httpCall("POST", s.url("/api/v2/write?bucket=b"), gz, {{"Content-Encoding", "gzip"}});
    CHECK(bomb.status == 413);
    // a chunked body without Content-Length is capped too
    std::string cmd = "curl -sS -o /dev/null -w '%{http_code}' -H 'Transfer-Encoding: chunked' --data-binary @'" +
                      (t.path / "lines").string() + "' '" + s.url("/api/v2/write?bucket=b") + "' > '" +
                      (t.path / "status").string() + "'";
    REQUIRE(std::system(cmd.c_str()) == 0);
    CHECK(readFile(t.path / "status") == "413");
    HttpResponse q = fluxQuery(s, "from(bucket: \"b\") |> range(start: 0) |> count()");
    CHECK(q.status == 200);
    CHECK(q.body == "\r\n");  // nothing was written
    CHECK(httpCall("POST", s.url("/api/v2/write?bucket=b"), "m v=1 1\n").status == 204);
}

TEST_CASE("serve: a query result over --max-result-size is 413") {
    ServeProcess s({"--max-result-size", "2KB"});
    HttpResponse r = fluxQuery(s, "import \"array\"\narray.from(rows: [{v: 1}]) |> map(fn: (r) => r)");
    CHECK(r.status == 200);
    HttpResponse big = fluxQuery(s,
                                 "import \"generate\"\ngenerate.from(count: 1000, fn: (n) => n, start: 2021-01-01T00:00:00Z, "
                                 "stop: 2021-01-02T00:00:00Z)");
    CHECK(big.status == 413);
    CHECK(big.body.find("exceeds the limit of 2048 bytes") != std::string::npos);
}

TEST_CASE("serve: a query past --query-timeout gets an error at the limit, and its writes are refused") {
    ServeProcess s({"--query-timeout", "300ms"});
    REQUIRE(httpCall("POST", s.url("/api/v2/buckets"), R"({"name":"out"})").status == 201);
    auto started = std::chrono::steady_clock::now();
    HttpResponse r = fluxQuery(s, slowQuery(" |> to(bucket: \"out\")"));
    auto took = std::chrono::steady_clock::now() - started;
    CHECK(r.status == 500);
    CHECK_MESSAGE(r.body.find("exceeded its time limit of 300 ms") != std::string::npos, r.body);
    CHECK(took < std::chrono::seconds(2));
    CHECK(httpCall("GET", s.url("/health")).status == 200);
    HttpResponse c = fluxQuery(s, "from(bucket: \"out\") |> range(start: 0) |> count()");
    CHECK(c.status == 200);
    CHECK(c.body == "\r\n");  // to() wrote nothing
}

TEST_CASE("serve: a query past --query-timeout is canceled and frees its slot; --max-query-memory stops a big one") {
    ServeProcess s({"--query-timeout", "300ms", "--max-concurrent-queries", "1", "--max-queued-queries", "0"});
    HttpResponse slow = fluxQuery(s, slowQuery());
    CHECK(slow.status == 500);
    CHECK_MESSAGE(slow.body.find("time limit") != std::string::npos, slow.body);
    // the canceled evaluation gives its only slot back at once (it would run for seconds otherwise)
    auto started = std::chrono::steady_clock::now();
    HttpResponse next;
    do {
        next = fluxQuery(s, "1 + 1");
        if (next.status != 503) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    } while (std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
    CHECK(next.status == 200);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(1500));
    // over the memory budget: InfluxDB's JSON error with the evaluator's message
    ServeProcess m({"--max-query-memory", "64MiB"});
    HttpResponse big = fluxQuery(m, "import \"generate\"\n"
                                    "generate.from(count: 20000000, fn: (n) => n, start: 2021-01-01T00:00:00Z, "
                                    "stop: 2021-01-02T00:00:00Z) |> sort(columns: [\"_value\"], desc: true)");
    CHECK(big.status == 429);
    CHECK_MESSAGE(big.body.find("memory limit of 64 MiB exceeded") != std::string::npos, big.body);
    CHECK(httpCall("GET", m.url("/health")).status == 200);
}

TEST_CASE("serve: at most N queries at once; beyond the queue the answer is 503") {
    ServeProcess s({"--max-concurrent-queries", "1", "--max-queued-queries", "0"});
    std::atomic<int> slowStatus{0};
    std::atomic<bool> slowDone{false};
    // the slow query retries until it gets the slot (a probe below may hold it for a moment)
    std::thread slow([&] {
        for (int i = 0; i < 200; i++) {
            slowStatus = fluxQuery(s, slowQuery()).status;
            if (slowStatus != 503) break;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        slowDone = true;
    });
    struct Join {
        std::thread& t;
        ~Join() { t.join(); }
    } join{slow};
    HttpResponse busy;
    while (!slowDone) {
        busy = fluxQuery(s, "1");
        if (busy.status == 503) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(busy.status == 503);
    CHECK(busy.body.find("\"code\":\"unavailable\"") != std::string::npos);
    CHECK(busy.header("Retry-After") != nullptr);
    // health is not a query: it goes on
    CHECK(httpCall("GET", s.url("/health")).status == 200);
    while (!slowDone) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    CHECK(slowStatus == 200);
    CHECK(fluxQuery(s, "import \"array\"\narray.from(rows: [{v: 1}])").status == 200);
}

TEST_CASE("serve: slow and broken clients do not take the server down") {
    ServeProcess s;
    // clients that send half a request and wait
    std::vector<int> stuck;
    for (int i = 0; i < 4; i++) {
        int fd = connectTo(s.port());
        const char* partial = "POST /api/v2/write?bucket=b HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nm v=";
        REQUIRE(::send(fd, partial, std::strlen(partial), 0) > 0);
        stuck.push_back(fd);
    }
    // garbage and a client that disconnects mid-request
    int junk = connectTo(s.port());
    const char* garbage = "\x16\x03\x01 not http at all\r\n\r\n";
    ::send(junk, garbage, std::strlen(garbage), 0);
    ::close(junk);
    auto started = std::chrono::steady_clock::now();
    CHECK(httpCall("GET", s.url("/health")).status == 200);
    CHECK(fluxQuery(s, "import \"array\"\narray.from(rows: [{v: 1}])").status == 200);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
    for (int fd : stuck) ::close(fd);
    CHECK(s.running());
}

TEST_CASE("serve: SIGTERM during writes loses no acknowledged write") {
    ServeProcess s;
    REQUIRE(httpCall("POST", s.url("/api/v2/buckets"), R"({"name":"b"})").status == 201);
    std::atomic<bool> stop{false};
    std::atomic<int> acked{0};
    std::vector<std::thread> writers;
    std::mutex mu;
    std::vector<int> ackedBatches;
    for (int w = 0; w < 4; w++) {
        writers.emplace_back([&, w] {
            for (int batch = 0; !stop; batch++) {
                std::string lines;
                const int id = w * 100000 + batch;
                for (int i = 0; i < 50; i++)
                    lines += "m,writer=w" + std::to_string(w) + " v=" + std::to_string(i) + " " +
                             std::to_string(static_cast<int64_t>(id) * 1000 + i) + "\n";
                try {
                    HttpResponse r = httpCall("POST", s.url("/api/v2/write?bucket=b"), lines, {}, 5000);
                    if (r.status == 204) {
                        acked += 50;
                        std::lock_guard lock(mu);
                        ackedBatches.push_back(id);
                    }
                } catch (const std::exception&) {
                    // refused: the server is going away
                }
            }
        });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(800));
    s.signal(SIGTERM);
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    stop = true;
    for (auto& t : writers) t.join();
    CHECK(s.stop() == 0);
    REQUIRE(acked > 0);
    CHECK(s.log().find("fluxi serve: stopped") != std::string::npos);
    // every acknowledged batch is in the store
    TempDir t;
    Run cli = runFluxi(t, "run --format csv --data '" + s.dataDir() +
                              "' -e 'from(bucket: \"b\") |> range(start: 0) |> group() |> count() |> keep(columns: [\"_value\"])'");
    REQUIRE_MESSAGE(cli.status == 0, cli.err);
    std::smatch m;
    REQUIRE(std::regex_search(cli.out, m, std::regex(R"(,,0,(\d+))")));
    CHECK(std::stoi(m[1].str()) >= acked.load());
}
