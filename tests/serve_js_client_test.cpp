// `fluxi serve` driven by the official InfluxDB 2 JavaScript client (@influxdata/influxdb-client, from
// npm into tests/js/node_modules by scripts/install-deps.sh): points written with WriteApi are read
// back with QueryApi, with sums equal to the embedded store's, and errors come back as HttpErrors.
#include <doctest/doctest.h>

#include <filesystem>

#include "tests/support/serve_process.h"

using namespace fluxi::testutil;

TEST_CASE("serve: the official InfluxDB JavaScript client writes, queries and reads rows back") {
    const std::filesystem::path js = std::filesystem::path(FLUXI_SOURCE_DIR) / "tests" / "js";
    REQUIRE_MESSAGE(std::filesystem::exists(js / "node_modules" / "@influxdata" / "influxdb-client"),
                    "tests/js/node_modules is missing: run scripts/install-deps.sh (npm ci in tests/js)");
    REQUIRE_MESSAGE(std::system("node --version >/dev/null 2>&1") == 0, "node is missing: run scripts/install-deps.sh");
    TempDir t;
    t.write("token", "s3cr3t-token\n");
    ServeProcess s({"--token-file", (t.path / "token").string()});
    REQUIRE(httpCall("POST", s.url("/api/v2/buckets"), R"({"name":"js"})", {{"Authorization", "Token s3cr3t-token"}})
                .status == 201);
    std::string cmd = "cd '" + js.string() + "' && node influx_client_roundtrip.js '" + s.url() +
                      "' s3cr3t-token js > '" + (t.path / "out").string() + "' 2> '" + (t.path / "err").string() + "'";
    int rc = std::system(cmd.c_str());
    std::string out = readFile(t.path / "out"), err = readFile(t.path / "err");
    REQUIRE_MESSAGE(rc == 0, std::string(err + "\nserver log:\n" + s.log()));
    // sums of i * 0.5 over even / odd i in [0, 250): 7750 and 7812.5
    double north = 0, south = 0;
    for (int i = 0; i < 250; i++) (i % 2 == 0 ? north : south) += i * 0.5;
    REQUIRE(north == 7750);
    REQUIRE(south == 7812.5);
    CHECK_MESSAGE(out.find(R"("sums":{"north":7750,"south":7812.5})") != std::string::npos, out);
    CHECK(out.find(R"("count":[250])") != std::string::npos);
    // strings with commas and quotes survive the CSV round trip; times are RFC3339
    CHECK(out.find(R"({"time":"2023-11-14T22:13:20Z","value":"comma, \"quoted\"","station":"north"})") != std::string::npos);
    CHECK(out.find(R"("queryError":{"status":404)") != std::string::npos);
    CHECK(out.find(R"("writeError":{"status":400)") != std::string::npos);
    // the same sum as `fluxi run` on the store the server wrote
    Run cli = runFluxi(t, "run --format csv --data '" + s.dataDir() +
                              "' -e 'from(bucket: \"js\") |> range(start: 2023-11-01T00:00:00Z) |> filter(fn: (r) => "
                              "r._field == \"temp\" and r.station == \"north\") |> sum() |> keep(columns: [\"_value\"])'");
    REQUIRE_MESSAGE(cli.status == 0, cli.err);
    CHECK(cli.out.find(",7750\r\n") != std::string::npos);
    // the token never reaches the log
    CHECK(s.log().find("s3cr3t") == std::string::npos);
}
