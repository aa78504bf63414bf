// influxdb1.from() against a real InfluxDB 1.x (Debian's influxd, started by the test on loopback
// ports with a temporary config): the same points written to influxd and to fluxi's embedded store
// give the same tables for raw reads, pushed-down filters, each pushed-down aggregateWindow and the
// cases that are computed locally; influxd's query log shows what was pushed down. Errors: connection
// refused, an unknown database or retention policy, an InfluxQL error answer.
#include <doctest/doctest.h>

#include <cstdio>

#include "tests/support/cli_run.h"
#include "tests/support/http_receiver.h"
#include "tests/support/influxd_server.h"

using namespace fluxi::testutil;

namespace {

// Points of two measurements across the shard boundary of 2023-11-20T00:00:00Z (influxd's 7-day shard
// groups start on Mondays): floats that round when added, ints, strings, bools, a series without the
// `region` tag, an hour without points for host c, and ints whose sums overflow.
std::string testPoints() {
    std::string lp;
    char buf[256];
    const int64_t t0 = 1700424000000000000;  // 2023-11-19T20:00:00Z
    for (int i = 0; i < 800; i++) {
        int64_t t = t0 + static_cast<int64_t>(i) * 37000000000LL;
        for (const char* host : {"a", "b", "c"}) {
            if (host[0] == 'c' && i >= 100 && i < 200) continue;
            const char* region = host[0] == 'a' ? ",region=eu" : host[0] == 'b' ? ",region=us" : "";
            double usage = static_cast<double>((i * 7919 + host[0] * 31) % 1000) / 7.0 + 0.1;
            std::snprintf(buf, sizeof buf, "cpu,host=%s%s usage=%.17g,n=%di,state=\"s%d\",up=%s %lld\n", host, region,
                          usage, (i * 13 + host[0]) % 97 - 40, i % 5, i % 3 == 0 ? "true" : "false",
                          static_cast<long long>(t));
            lp += buf;
        }
        if (i % 2 == 0) {
            std::snprintf(buf, sizeof buf, "mem,host=a used=%di,free=%.17g %lld\n", i * 1000003, 1.0 / (i + 3),
                          static_cast<long long>(t + 5000000000LL));
            lp += buf;
        }
        if (i % 100 == 0) {
            std::snprintf(buf, sizeof buf, "big v=4611686018427387904i %lld\n", static_cast<long long>(t));
            lp += buf;
        }
    }
    return lp;
}

struct Fixture {
    fluxi::test::InfluxdServer influxd;
    TempDir dir;
    std::string dataDir;

    Fixture() {
        influxd.query("CREATE DATABASE db");
        const std::string lp = testPoints();
        influxd.write("db", lp);
        dataDir = (dir.path / "data").string();
        dir.write("points.lp", lp);
        Run w = runFluxi(dir, "write --bucket b --data '" + dataDir + "' '" + (dir.path / "points.lp").string() + "'");
        INFO(w.err);
        REQUIRE(w.status == 0);
    }

    Run run(const std::string& flux) const {
        TempDir t;
        t.write("q.flux", flux);
        return runFluxi(t, "run --format csv --data '" + dataDir + "' '" + (t.path / "q.flux").string() + "'");
    }

    std::string csv(const std::string& flux) const {
        Run r = run(flux);
        INFO(flux);
        INFO(r.err);
        REQUIRE(r.status == 0);
        return r.out;
    }

    std::string remote(const std::string& extra = "") const {
        return "import \"fluxi/influxdb1\"\ninfluxdb1.from(host: \"" + influxd.url() + "\", db: \"db\"" + extra + ")\n";
    }
};

const std::string kRange = "|> range(start: 2023-11-19T20:03:10Z, stop: 2023-11-20T03:58:00Z)";
const std::string kNumbers = " |> filter(fn: (r) => r._measurement != \"big\" and r._field =~ /^(usage|n|used|free)$/)";

}  // namespace

TEST_CASE("influxdb1.from: equals the embedded store on the same points, with range, filters and aggregates pushed down") {
    Fixture f;
    std::vector<std::string> pipelines = {
        kRange,
        kRange + " |> filter(fn: (r) => r._measurement == \"cpu\" and (r.host == \"a\" or r.region =~ /^u/))",
        kRange + " |> filter(fn: (r) => r.region != \"eu\")",
        kRange + " |> filter(fn: (r) => r._field == \"usage\" or r.host == \"b\")",
        kRange + " |> filter(fn: (r) => r.region !~ /e/ and r._measurement =~ /^c/) |> filter(fn: (r) => r._field != \"up\")",
        kRange + " |> filter(fn: (r) => r._field == \"usage\") |> filter(fn: (r) => r._value > 50.0) |> mean()",
        kRange + kNumbers + " |> aggregateWindow(every: 7m, offset: 2m, fn: sum)",  // floats: a shard boundary cuts a window
        kRange + kNumbers + " |> aggregateWindow(every: 7m, offset: 2m, fn: mean)",
        kRange + kNumbers + " |> aggregateWindow(every: 10m, fn: max, createEmpty: false, timeSrc: \"_start\")",
        kRange + kNumbers + " |> aggregateWindow(every: 1h, fn: median)",  // not pushed down
        kRange + " |> aggregateWindow(every: 30m, fn: count) |> filter(fn: (r) => r._value == 0)",
        kRange + " |> filter(fn: (r) => r._measurement == \"big\") |> aggregateWindow(every: 1d, fn: mean)",
    };
    for (const char* fn : {"mean", "sum", "min", "max"})
        pipelines.push_back(kRange + kNumbers + " |> aggregateWindow(every: 1h, fn: " + fn + ")");
    for (const char* fn : {"count", "first", "last"})
        pipelines.push_back(kRange + " |> filter(fn: (r) => r.host != \"b\") |> aggregateWindow(every: 20m, offset: -5m, fn: " + fn + ")");
    for (const std::string& p : pipelines) {
        CAPTURE(p);
        std::string viaInfluxQL = f.csv(f.remote() + p);
        std::string onStore = f.csv("from(bucket: \"b\")\n" + p);
        CHECK(viaInfluxQL == onStore);
        CHECK(viaInfluxQL.size() > 200);
    }
    // the empty windows of host c are there (count 0), so the comparison above saw them
    CHECK(f.csv(f.remote() + kRange + " |> aggregateWindow(every: 30m, fn: count) |> filter(fn: (r) => r._value == 0)")
              .find(",c,") != std::string::npos);
    // an int sum the server would wrap is computed locally, and fails as it does on the store
    Run overflow = f.run(f.remote() + kRange + " |> filter(fn: (r) => r._measurement == \"big\") |> aggregateWindow(every: 1d, fn: sum)");
    CHECK(overflow.status != 0);
    CHECK_MESSAGE(overflow.err.find("integer overflow") != std::string::npos, overflow.err);
    // measurement: is the same as a filter on _measurement
    CHECK(f.csv(f.remote(", measurement: \"mem\"") + kRange) ==
          f.csv("from(bucket: \"b\")\n" + kRange + " |> filter(fn: (r) => r._measurement == \"mem\")"));

    // What influxd was asked (its query log, which prints statements normalized: names unquoted,
    // durations in units): aggregates for 1h windows, tag conditions, raw reads.
    const std::string log = f.influxd.log();
    const std::string cpu = " FROM db.autogen.cpu WHERE time >= 1700424190000000000 AND time < 1700452680000000000";
    for (const std::string& sent : {
             "SELECT count(usage::field)" + cpu + " GROUP BY time(30m, 0s), * fill(none)",
             "SELECT count(state::field)" + cpu + " AND (host::tag != 'b' AND host::tag != '') GROUP BY time(20m, 15m), * fill(none)",
             "SELECT sum(usage::field)" + cpu + " GROUP BY time(1h, 0s), * fill(none)",  // no shard boundary inside 1h windows
             "SELECT sum(usage::field), count(usage::field)" + cpu + " GROUP BY time(1h, 0s), * fill(none)",  // mean
             "SELECT sum(n::field), count(n::field), min(n::field), max(n::field)" + cpu + " GROUP BY time(1h, 0s), * fill(none)",
             "SELECT max(usage::field)" + cpu + " GROUP BY time(10m, 0s), * fill(none)",
             "SELECT first(state::field)" + cpu + " AND (host::tag != 'b' AND host::tag != '') GROUP BY time(20m, 15m), * fill(none)",
             "SELECT last(up::field)" + cpu + " AND (host::tag != 'b' AND host::tag != '') GROUP BY time(20m, 15m), * fill(none)",
             // filters: Flux's meaning for series without the tag
             "SELECT n::field, state::field, up::field, usage::field" + cpu + " AND (region::tag != 'eu' AND region::tag != '') GROUP BY *",
             "SELECT n::field, state::field, up::field, usage::field" + cpu + " AND (host::tag = 'a' OR (region::tag =~ /^u/ AND region::tag != '')) GROUP BY *",
             "SELECT n::field, state::field, usage::field" + cpu + " AND (region::tag !~ /e/ AND region::tag != '') GROUP BY *",
             // 7m windows offset by 2m are cut by the shard boundary at midnight: float sums are read raw,
             // int sums are pushed down
             "SELECT usage::field" + cpu + " GROUP BY *",
             "SELECT sum(n::field), count(n::field), min(n::field), max(n::field)" + cpu + " GROUP BY time(7m, 2m), * fill(none)",
             // median: raw
             "SELECT n::field, usage::field" + cpu + " GROUP BY *",
         }) {
        CHECK_MESSAGE(log.find(sent) != std::string::npos, sent);
    }
    CHECK(log.find("SELECT sum(usage::field)" + cpu + " GROUP BY time(7m, 2m)") == std::string::npos);
    CHECK(log.find("SELECT sum(usage::field), count(usage::field)" + cpu + " GROUP BY time(7m, 2m)") == std::string::npos);
    CHECK(log.find("median(") == std::string::npos);
}

TEST_CASE("influxdb1.from: errors name the server and what went wrong") {
    fluxi::test::InfluxdServer influxd;
    influxd.query("CREATE DATABASE db");
    influxd.write("db", "m v=1 1700000000000000000\n");
    TempDir t;
    auto run = [&](const std::string& args, const std::string& pipe = " |> range(start: 2023-01-01T00:00:00Z)") {
        t.write("q.flux", "import \"fluxi/influxdb1\"\ninfluxdb1.from(" + args + ")" + pipe + "\n");
        return runFluxi(t, "run '" + (t.path / "q.flux").string() + "'");
    };
    const std::string host = "host: \"" + influxd.url() + "\"";
    Run ok = run(host + ", db: \"db\"");
    CHECK(ok.status == 0);
    CHECK(ok.out.find("1700000000") == std::string::npos);  // printed as RFC3339
    CHECK(ok.out.find("2023-11-14T22:13:20") != std::string::npos);

    Run noDb = run(host + ", db: \"nodb\"");
    CHECK(noDb.status != 0);
    CHECK_MESSAGE(noDb.err.find("influxdb1.from: database not found: nodb") != std::string::npos, noDb.err);

    Run noRp = run(host + ", db: \"db\", rp: \"nope\"");
    CHECK(noRp.status != 0);
    CHECK_MESSAGE(noRp.err.find("retention policy not found: nope") != std::string::npos, noRp.err);

    Run unbounded = run(host + ", db: \"db\"", " |> count()");
    CHECK(unbounded.status != 0);
    CHECK(unbounded.err.find("cannot submit unbounded read to database \"db\"") != std::string::npos);

    Run refused = run("host: \"http://127.0.0.1:" + std::to_string(fluxi::test::freeLoopbackPort()) + "\", db: \"db\"");
    CHECK(refused.status != 0);
    CHECK_MESSAGE(refused.err.find("influxdb1.from: ") != std::string::npos, refused.err);
    CHECK_MESSAGE(refused.err.find("127.0.0.1") != std::string::npos, refused.err);

    // an InfluxQL error answer (HTTP 400 with InfluxDB's JSON error body) keeps the server's message
    fluxi::test::HttpReceiver receiver;
    fluxi::test::CannedResponse parseError;
    parseError.status = 400;
    parseError.body = R"({"error":"error parsing query: found FROM, expected identifier at line 1, char 8"})";
    parseError.contentType = "application/json";
    receiver.respond(parseError);
    Run parse = run("host: \"" + receiver.url() + "\", db: \"db\", username: \"me\", password: \"secret\"");
    CHECK(parse.status != 0);
    CHECK_MESSAGE(parse.err.find("answered HTTP 400: error parsing query: found FROM") != std::string::npos, parse.err);
    CHECK(parse.err.find("secret") == std::string::npos);
    REQUIRE(!receiver.requests().empty());
    CHECK(receiver.requests()[0].body == "q=SHOW%20FIELD%20KEYS");
}
