// Tests of the `fluxi write` and `fluxi bucket` verbs through the real binary (FLUXI_BINARY), and a
// crash test: a writer process killed with SIGKILL loses no acknowledged batch.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "store/line_protocol.h"
#include "store/store.h"
#include "tests/support/store_test_util.h"

using namespace fluxi::store;
using fluxi::testutil::runCommand;
using fluxi::testutil::shellQuote;
using fluxi::testutil::TempDataDir;

namespace {

std::string fluxiBin() { return shellQuote(FLUXI_BINARY); }

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

}  // namespace

TEST_CASE("cli write: line protocol from a file and from stdin") {
    TempDataDir dir;
    std::string data = dir.sub("data");
    std::string lp = dir.sub("in.lp");
    writeFile(lp, "# sensors\ncpu,host=a usage=0.5,n=3i,ok=true,msg=\"fine\" 1000\ncpu,host=b usage=0.75 2000\n");
    auto r = runCommand(fluxiBin() + " write --create-bucket --bucket sensors --data " + shellQuote(data) + " " + shellQuote(lp));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK(r.output.empty());
    r = runCommand("printf 'mem free=7u 3\\n' | " + fluxiBin() + " write --create-bucket -b sensors --precision s -v --data " +
                   shellQuote(data));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK(r.output.find("wrote 1 points") != std::string::npos);
    auto st = Store::open(data);
    auto b = st->findBucket("sensors");
    REQUIRE(b);
    auto series = st->findSeries(*b, nullptr);
    REQUIRE(series.size() == 6);
    SeriesColumns c;
    for (auto& s : series) {
        st->readSeries(s, INT64_MIN, INT64_MAX, c);
        if (s.measurement == "mem") {
            CHECK(s.type == ValueType::UInt);
            CHECK(c.times == std::vector<int64_t>{3000000000LL});
            CHECK(c.uints == std::vector<uint64_t>{7});
        } else if (s.field == "msg") {
            CHECK(c.strings == std::vector<std::string>{"fine"});
        }
    }
}

TEST_CASE("cli write: a malformed line is reported with its position and nothing is written") {
    TempDataDir dir;
    std::string data = dir.sub("data");
    std::string lp = dir.sub("bad.lp");
    writeFile(lp, "cpu v=1 1\ncpu v=2 2\ncpu,host=a v= 3\n");
    auto r = runCommand(fluxiBin() + " write --create-bucket --bucket b --data " + shellQuote(data) + " " + shellQuote(lp));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find("bad.lp:3:14: error: missing value for field \"v\"") != std::string::npos, r.output);
    CHECK(r.output.find("nothing was written") != std::string::npos);
    auto st = Store::open(data);
    CHECK_FALSE(st->findBucket("b"));
    // a type conflict with stored data: also nothing written
    writeFile(lp, "cpu v=1 1\n");
    CHECK(runCommand(fluxiBin() + " write --create-bucket --bucket b --data " + shellQuote(data) + " " + shellQuote(lp)).exitCode == 0);
    writeFile(lp, "cpu w=1 5\ncpu v=1i 6\n");
    r = runCommand(fluxiBin() + " write --create-bucket --bucket b --data " + shellQuote(data) + " " + shellQuote(lp));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find("bad.lp:2: error: field type conflict: field \"v\" of measurement \"cpu\" in bucket "
                                "\"b\" is float in the store, got int") != std::string::npos,
                  r.output);
    CHECK(st->countPoints(*st->findBucket("b")) == 1);
}

TEST_CASE("cli write: usage errors") {
    TempDataDir dir;
    std::string data = shellQuote(dir.sub("data"));
    auto r = runCommand("echo 'm f=1' | " + fluxiBin() + " write --data " + data);
    CHECK(r.exitCode != 0);
    CHECK(r.output.find("--bucket") != std::string::npos);
    r = runCommand("echo 'm f=1' | " + fluxiBin() + " write --create-bucket -b x --precision h --data " + data);
    CHECK(r.exitCode == 2);
    CHECK(r.output.find("unknown --precision \"h\"") != std::string::npos);
    r = runCommand("echo 'm f=1' | " + fluxiBin() + " write --create-bucket -b x --format xml --data " + data);
    CHECK(r.exitCode == 2);
    r = runCommand(fluxiBin() + " write --create-bucket -b x --data " + data + " " + shellQuote(dir.sub("missing.lp")));
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("cannot read") != std::string::npos);
    // the data folder is a file
    std::string file = dir.sub("file");
    writeFile(file, "x");
    r = runCommand("echo 'm f=1' | " + fluxiBin() + " write --create-bucket -b x --data " + shellQuote(file));
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("error") != std::string::npos);
}

TEST_CASE("store durability: synchronous = FULL by default, NORMAL with --durability fast") {
    TempDataDir dir;
    {
        auto st = Store::open(dir.sub("full"), Store::OpenMode::ReadWrite);
        CHECK(st->durability() == Durability::Full);
    }
    Store::setDefaultDurability(Durability::Fast);
    {
        auto st = Store::open(dir.sub("fast"), Store::OpenMode::ReadWrite);
        CHECK(st->durability() == Durability::Fast);
    }
    Store::setDefaultDurability(Durability::Full);
    {
        auto st = Store::open(dir.sub("fast"), Store::OpenMode::ReadWrite);  // per connection, not kept in the file
        CHECK(st->durability() == Durability::Full);
    }

    // The verbs that write take the option; a write with either setting is applied.
    std::string data = shellQuote(dir.sub("data"));
    for (const char* mode : {"full", "fast"}) {
        auto r = runCommand("echo 'm f=1 1000' | " + fluxiBin() + " write -b b --durability " + mode + " --data " + data);
        CHECK_MESSAGE(r.exitCode == 0, r.output);
    }
    {
        auto st = Store::open(dir.sub("data"), Store::OpenMode::ReadOnly);
        CHECK(st->countPoints(*st->findBucket("b")) == 1);
    }
    auto r = runCommand("echo 'm f=1' | " + fluxiBin() + " write -b b --durability sometimes --data " + data);
    CHECK(r.exitCode != 0);
    CHECK(r.output.find("--durability") != std::string::npos);
    for (const char* verb : {"run", "task run", "task backfill", "task serve", "serve"}) {
        r = runCommand(fluxiBin() + " " + verb + " --help");
        CHECK_MESSAGE(r.output.find("--durability") != std::string::npos, verb);
    }
    r = runCommand(fluxiBin() + " run --durability fast --data " + data +
                   " -e 'from(bucket: \"b\") |> range(start: 0) |> count() |> yield()' --format csv");
    CHECK_MESSAGE(r.exitCode == 0, r.output);
}

TEST_CASE("cli bucket: create, list, delete and FLUXI_DATA") {
    TempDataDir dir;
    std::string data = shellQuote(dir.sub("data"));
    // in an empty folder, list, update and delete find no store and make none
    auto empty = runCommand(fluxiBin() + " bucket list --json --data " + data);
    CHECK(empty.exitCode == 0);
    CHECK(empty.output.find("there is no store in ") != std::string::npos);
    CHECK(empty.output.find("[]\n") != std::string::npos);
    empty = runCommand(fluxiBin() + " bucket update metrics --retention 1d --data " + data);
    CHECK(empty.exitCode == 1);
    CHECK(empty.output.find("bucket \"metrics\" not found (there is no store in ") != std::string::npos);
    empty = runCommand(fluxiBin() + " bucket delete metrics --data " + data);
    CHECK(empty.exitCode == 1);
    empty = runCommand(fluxiBin() + " run --data " + data + " -e 'buckets()'");
    CHECK_FALSE(std::filesystem::exists(dir.sub("data")));
    auto r = runCommand(fluxiBin() + " bucket create metrics --retention 30d --data " + data);
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK(r.output.find("created bucket metrics") != std::string::npos);
    CHECK(r.output.find("retention 30d") != std::string::npos);
    r = runCommand(fluxiBin() + " bucket create metrics --data " + data);
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("already exists") != std::string::npos);
    r = runCommand(fluxiBin() + " bucket create other --retention 3 --data " + data);
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("invalid retention") != std::string::npos);
    r = runCommand("FLUXI_DATA=" + data + " " + fluxiBin() + " bucket create logs");
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    r = runCommand(fluxiBin() + " bucket list --data " + data);
    CHECK(r.exitCode == 0);
    CHECK(r.output.find("NAME") == 0);
    auto logs = r.output.find("\nlogs ");
    auto metrics = r.output.find("\nmetrics ");
    CHECK(logs != std::string::npos);
    CHECK(metrics != std::string::npos);
    CHECK(logs < metrics);
    CHECK(r.output.find("30d") != std::string::npos);
    CHECK(r.output.find("infinite") != std::string::npos);
    r = runCommand(fluxiBin() + " bucket delete metrics --data " + data);
    CHECK(r.exitCode == 0);
    r = runCommand(fluxiBin() + " bucket delete metrics --data " + data);
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("bucket \"metrics\" not found") != std::string::npos);
    r = runCommand(fluxiBin() + " bucket list --data " + data);
    CHECK(r.output.find("metrics") == std::string::npos);
    r = runCommand(fluxiBin() + " bucket --data " + data);
    CHECK(r.exitCode != 0);
}

TEST_CASE("store crash: a writer killed with SIGKILL loses no acknowledged batch") {
    TempDataDir dir;
    std::string data = dir.sub("data");
    constexpr int kPointsPerBatch = 2000;
    int fds[2];
    REQUIRE(pipe(fds) == 0);
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // child: write batches forever, acknowledging each one after apply() returned
        close(fds[0]);
        try {
            auto st = Store::open(data);
            for (int32_t batchNo = 0;; batchNo++) {
                std::string lp;
                for (int i = 0; i < kPointsPerBatch; i++)
                    lp += "crash,batch=" + std::to_string(batchNo % 7) + " v=" + std::to_string(batchNo) + "i " +
                          std::to_string(static_cast<int64_t>(batchNo) * kPointsPerBatch + i) + "\n";
                WriteBatch wb;
                parseLineProtocol(lp, "crash", Precision::ns, 0, wb);
                st->apply(wb, 0);
                if (write(fds[1], &batchNo, sizeof batchNo) != sizeof batchNo) _exit(3);
            }
        } catch (...) {
            _exit(2);
        }
    }
    close(fds[1]);
    int32_t lastAck = -1, v;
    while (lastAck < 40 && read(fds[0], &v, sizeof v) == sizeof v) lastAck = v;
    kill(child, SIGKILL);
    // drain acknowledgements that were sent before the kill
    while (read(fds[0], &v, sizeof v) == sizeof v) lastAck = v;
    close(fds[0]);
    int status = 0;
    waitpid(child, &status, 0);
    CHECK(WIFSIGNALED(status));
    REQUIRE(lastAck >= 40);

    auto st = Store::open(data);
    CHECK(st->integrityCheck() == "ok");
    auto b = st->findBucket("crash");
    REQUIRE(b);
    size_t total = st->countPoints(*b);
    CHECK(total >= static_cast<size_t>(lastAck + 1) * kPointsPerBatch);
    // whole batches only: a batch is all there or not at all
    CHECK(total % kPointsPerBatch == 0);
    // every acknowledged batch is complete, with its values
    SeriesColumns c;
    size_t seen = 0;
    for (auto& s : st->findSeries(*b, nullptr)) {
        st->readSeries(s, 0, static_cast<int64_t>(lastAck + 1) * kPointsPerBatch, c);
        size_t wrong = 0;
        for (size_t i = 0; i < c.size(); i++) wrong += c.ints[i] != c.times[i] / kPointsPerBatch;
        CHECK(wrong == 0);
        seen += c.size();
    }
    CHECK(seen == static_cast<size_t>(lastAck + 1) * kPointsPerBatch);
    // and the store takes new writes
    WriteBatch wb;
    parseLineProtocol("after v=1 1\n", "crash", Precision::ns, 0, wb);
    CHECK(st->apply(wb, 0).points == 1);
}

TEST_CASE("cli write --format csv: imports what fluxi run --format csv prints") {
    TempDataDir dir;
    std::string data = shellQuote(dir.sub("data"));
    std::string lp = dir.sub("in.lp");
    writeFile(lp, "cpu,host=a,dc=x usage=1.5,n=3i,ok=true,msg=\"a, \\\"b\\\"\" 1704060000000000000\n"
                  "cpu,host=b usage=2.5,u=4u 1704060010000000000\n");
    auto r = runCommand(fluxiBin() + " write --create-bucket -b src --data " + data + " " + shellQuote(lp));
    REQUIRE_MESSAGE(r.exitCode == 0, r.output);
    std::string csv = dir.sub("out.csv");
    std::string query = "from(bucket: \"src\") |> range(start: 2023-12-31T00:00:00Z, stop: 2024-01-01T00:00:00Z)";
    r = runCommand(fluxiBin() + " run --format csv --data " + data + " -e " + shellQuote(query) + " > " + shellQuote(csv));
    REQUIRE_MESSAGE(r.exitCode == 0, r.output);
    r = runCommand(fluxiBin() + " write --create-bucket -b dst --format csv -v --data " + data + " " + shellQuote(csv));
    REQUIRE_MESSAGE(r.exitCode == 0, r.output);
    CHECK(r.output.find("wrote 6 points from 6 rows") != std::string::npos);
    auto st = Store::open(dir.sub("data"));
    auto a = st->findSeries(*st->findBucket("src"), nullptr);
    auto b = st->findSeries(*st->findBucket("dst"), nullptr);
    REQUIRE(a.size() == b.size());
    SeriesColumns ca, cb;
    for (size_t i = 0; i < a.size(); i++) {
        CAPTURE(a[i].field);
        CHECK(a[i].measurement == b[i].measurement);
        CHECK(a[i].tags == b[i].tags);
        CHECK(a[i].field == b[i].field);
        CHECK(a[i].type == b[i].type);
        st->readSeries(a[i], INT64_MIN, INT64_MAX, ca);
        st->readSeries(b[i], INT64_MIN, INT64_MAX, cb);
        CHECK(ca.times == cb.times);
        CHECK(ca.floats == cb.floats);
        CHECK(ca.ints == cb.ints);
        CHECK(ca.uints == cb.uints);
        CHECK(ca.strings == cb.strings);
        CHECK(ca.bools == cb.bools);
    }
    // malformed CSV: position reported, nothing written
    std::string bad = dir.sub("bad.csv");
    writeFile(bad, "#datatype,string,long,dateTime:RFC3339,double,string,string\n"
                   "#group,false,false,false,false,true,true\n#default,_result,,,,,\n"
                   ",result,table,_time,_value,_field,_measurement\n"
                   ",,0,2024-01-01T00:00:00Z,1.5,f,m\n,,0,notatime,2.5,f,m\n");
    r = runCommand(fluxiBin() + " write --create-bucket -b dst3 --format csv --data " + data + " " + shellQuote(bad));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find("bad.csv:6: error:") != std::string::npos, r.output);
    CHECK_FALSE(st->findBucket("dst3"));
    // a table without _measurement
    writeFile(bad, "#datatype,string,long,dateTime:RFC3339,double,string\n"
                   "#group,false,false,false,false,true\n#default,_result,,,,\n"
                   ",result,table,_time,_value,_field\n,,0,2024-01-01T00:00:00Z,1.5,f\n");
    r = runCommand(fluxiBin() + " write --create-bucket -b dst3 --format csv --data " + data + " " + shellQuote(bad));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find("bad.csv:4: error: result \"_result\", table 0 (header row): table has no measurement "
                                "column \"_measurement\"") != std::string::npos,
                  r.output);
    // a row without a time (after a multi-line cell): the row's own line
    writeFile(bad, "#datatype,string,long,dateTime:RFC3339,string,string,string\n"
                   "#group,false,false,false,false,true,true\n#default,_result,,,,,\n"
                   ",result,table,_time,_value,_field,_measurement\n"
                   ",,0,2024-01-01T00:00:00Z,\"two\nlines\",f,m\n,,0,,x,f,m\n");
    r = runCommand(fluxiBin() + " write --create-bucket -b dst3 --format csv --data " + data + " " + shellQuote(bad));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find("bad.csv:7: error: result \"_result\", table 0: null value in time column \"_time\"") !=
                      std::string::npos,
                  r.output);
    // a type conflict with stored data: the line of the row that brought the series
    writeFile(bad, "#datatype,string,long,dateTime:RFC3339,double,string,string\n"
                   "#group,false,false,false,false,true,true\n#default,_result,,,,,\n"
                   ",result,table,_time,_value,_field,_measurement\n,,0,2024-01-01T00:00:00Z,1.5,f,m\n");
    REQUIRE(runCommand(fluxiBin() + " write --create-bucket -b dst4 --format csv --data " + data + " " + shellQuote(bad)).exitCode == 0);
    writeFile(bad, "#datatype,string,long,dateTime:RFC3339,double,string,string\n"
                   "#group,false,false,false,false,true,true\n#default,_result,,,,,\n"
                   ",result,table,_time,_value,_field,_measurement\n,,0,2024-01-01T00:00:00Z,1.5,g,m\n\n"
                   "#datatype,string,long,dateTime:RFC3339,long,string,string\n"
                   "#group,false,false,false,false,true,true\n#default,_result,,,,,\n"
                   ",result,table,_time,_value,_field,_measurement\n,,1,2024-01-01T00:00:00Z,2,g,n\n"
                   ",,1,2024-01-01T00:00:01Z,3,f,m\n");
    r = runCommand(fluxiBin() + " write --create-bucket -b dst4 --format csv --data " + data + " " + shellQuote(bad));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find("bad.csv:12: error: field type conflict: field \"f\" of measurement \"m\"") !=
                      std::string::npos,
                  r.output);
}

TEST_CASE("cli bucket: update changes the retention, list --json") {
    TempDataDir dir;
    const std::string data = shellQuote(dir.sub("store"));
    REQUIRE(runCommand(fluxiBin() + " bucket create metrics --retention 30d --data " + data).exitCode == 0);
    auto r = runCommand(fluxiBin() + " bucket update metrics --retention 1w --data " + data);
    CHECK(r.exitCode == 0);
    CHECK(r.output.find("updated bucket metrics (retention ") != std::string::npos);
    r = runCommand(fluxiBin() + " bucket list --json --data " + data);
    CHECK(r.exitCode == 0);
    CHECK(r.output.find("{\"name\":\"metrics\",\"id\":\"") != std::string::npos);
    CHECK(r.output.find("\"retentionSeconds\":604800,") != std::string::npos);
    r = runCommand(fluxiBin() + " bucket update nosuch --retention 1w --data " + data);
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("bucket \"nosuch\" not found") != std::string::npos);
    r = runCommand(fluxiBin() + " bucket update metrics --retention 5x --data " + data);
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("invalid retention \"5x\"") != std::string::npos);
}

TEST_CASE("cli write: -f FILE as influx write takes it, --dry-run checks without writing") {
    TempDataDir dir;
    const std::string data = dir.sub("store");
    const std::string lp = dir.sub("in.lp");
    writeFile(lp, "m,h=a v=1 1\nm,h=b v=2 2\n");
    auto r = runCommand(fluxiBin() + " write --create-bucket -b x --dry-run --data " + shellQuote(data) + " -f " + shellQuote(lp));
    CHECK(r.exitCode == 0);
    CHECK(r.output.find("dry run: 2 points from 2 lines are valid for bucket \"x\"; nothing was written") !=
          std::string::npos);
    CHECK_FALSE(std::filesystem::exists(data));
    writeFile(lp, "m,h=a v=1 1\nm,h=b v= 2\n");
    r = runCommand(fluxiBin() + " write --create-bucket -b x --dry-run --data " + shellQuote(data) + " -f " + shellQuote(lp));
    CHECK(r.exitCode == 1);
    CHECK(r.output.find(lp + ":2:") != std::string::npos);
    writeFile(lp, "m,h=a v=1 1\n");
    r = runCommand(fluxiBin() + " write --create-bucket -b x -v --data " + shellQuote(data) + " -f " + shellQuote(lp));
    CHECK(r.exitCode == 0);
    CHECK(r.output.find("wrote 1 points from 1 lines") != std::string::npos);
    // standard input twice is refused
    r = runCommand("echo 'm v=1' | " + fluxiBin() + " write -b x --data " + shellQuote(data) + " -f - -");
    CHECK(r.exitCode == 2);
    CHECK(r.output.find("standard input ('-') can be read only once") != std::string::npos);
}

TEST_CASE("cli write: in an existing store a missing bucket is an error that suggests --create-bucket") {
    TempDataDir dir;
    const std::string data = dir.sub("store");
    // the first write into a folder without a store starts the store with its bucket, and says so
    auto r = runCommand("echo 'm v=1 1' | " + fluxiBin() + " write -b fresh --data " + shellQuote(data));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK_MESSAGE(r.output.find("started a new store in " + data + " with bucket \"fresh\"") != std::string::npos,
                  r.output);
    // the store exists now: another bucket is refused (a mistyped name), with the way to create it
    r = runCommand("echo 'm v=1 1' | " + fluxiBin() + " write -b other --data " + shellQuote(data));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find("bucket \"other\" not found in " + data) != std::string::npos, r.output);
    CHECK(r.output.find("--create-bucket") != std::string::npos);
    CHECK(r.output.find("fluxi bucket create other") != std::string::npos);
    CHECK(r.output.find("nothing was written") != std::string::npos);
    // a dry run checks the bucket too
    r = runCommand("echo 'm v=1 1' | " + fluxiBin() + " write --dry-run -b other --data " + shellQuote(data));
    CHECK(r.exitCode == 1);
    CHECK(r.output.find("--create-bucket") != std::string::npos);
    // a dry run into a folder without a store writes nothing and makes no store
    const std::string empty = dir.sub("empty");
    r = runCommand("echo 'm v=1 1' | " + fluxiBin() + " write --dry-run -b x --data " + shellQuote(empty));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK_FALSE(std::filesystem::exists(empty + "/fluxi.db"));
    // the existing bucket is taken
    r = runCommand("echo 'm v=2 2' | " + fluxiBin() + " write -b fresh --data " + shellQuote(data));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    auto st = Store::open(data);
    CHECK(st->countPoints(*st->findBucket("fresh")) == 2);
    CHECK_FALSE(st->findBucket("other"));
    // a bucket made with `fluxi bucket create` is written without the flag
    REQUIRE(runCommand(fluxiBin() + " bucket create made --data " + shellQuote(data)).exitCode == 0);
    r = runCommand("echo 'm v=2 2' | " + fluxiBin() + " write -b made --data " + shellQuote(data));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
}

TEST_CASE("cli write: several -f files and gzip input in one transaction; --dry-run prints line protocol") {
    TempDataDir dir;
    const std::string data = dir.sub("store");
    writeFile(dir.sub("a.lp"), "cpu,host=a usage=0.5 1000\n");
    writeFile(dir.sub("b.lp"), "cpu,host=b usage=0.25,n=3i,msg=\"a \\\"q\\\"\",ok=true 2000\n");
    REQUIRE(runCommand("gzip -k " + shellQuote(dir.sub("b.lp"))).exitCode == 0);
    // a gzip file whose name does not say so: found by its magic bytes
    REQUIRE(runCommand("cp " + shellQuote(dir.sub("b.lp.gz")) + " " + shellQuote(dir.sub("b-noext"))).exitCode == 0);
    auto r = runCommand(fluxiBin() + " write --dry-run --create-bucket -b x --data " + shellQuote(data) + " -f " +
                        shellQuote(dir.sub("a.lp")) + " -f " + shellQuote(dir.sub("b.lp.gz")));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK(r.output.find("cpu,host=a usage=0.5 1000\n") != std::string::npos);
    CHECK(r.output.find("cpu,host=b usage=0.25 2000\n") != std::string::npos);
    CHECK(r.output.find("cpu,host=b n=3i 2000\n") != std::string::npos);
    CHECK(r.output.find("cpu,host=b msg=\"a \\\"q\\\"\" 2000\n") != std::string::npos);
    CHECK(r.output.find("cpu,host=b ok=true 2000\n") != std::string::npos);
    CHECK(r.output.find("dry run: 5 points from 2 lines") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(data));

    r = runCommand(fluxiBin() + " write -v --create-bucket -b x --data " + shellQuote(data) + " -f " +
                   shellQuote(dir.sub("a.lp")) + " -f " + shellQuote(dir.sub("b-noext")));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK(r.output.find("wrote 5 points from 2 lines") != std::string::npos);
    // standard input, gzip-compressed, with --compression gzip
    r = runCommand("printf 'cpu,host=c usage=1 3000\\n' | gzip | " + fluxiBin() +
                   " write --compression gzip -b x --data " + shellQuote(data));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    {
        auto st = Store::open(data);
        CHECK(st->countPoints(*st->findBucket("x")) == 6);
    }
    // --compression gzip on plain data, and a truncated gzip file, are errors naming the input
    r = runCommand(fluxiBin() + " write --compression gzip -b x --data " + shellQuote(data) + " " + shellQuote(dir.sub("a.lp")));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find(dir.sub("a.lp") + " is not gzip data") != std::string::npos, r.output);
    REQUIRE(runCommand("head -c 20 " + shellQuote(dir.sub("b.lp.gz")) + " > " + shellQuote(dir.sub("cut.lp.gz"))).exitCode == 0);
    r = runCommand(fluxiBin() + " write -b x --data " + shellQuote(data) + " " + shellQuote(dir.sub("cut.lp.gz")));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find("cannot read " + dir.sub("cut.lp.gz")) != std::string::npos, r.output);
    // all inputs or nothing: an error in the second file leaves the first unwritten
    writeFile(dir.sub("bad.lp"), "cpu,host=d usage=1 4000\ncpu,host=d usage= 5000\n");
    r = runCommand(fluxiBin() + " write -b x --data " + shellQuote(data) + " -f " + shellQuote(dir.sub("a.lp")) +
                   " -f " + shellQuote(dir.sub("bad.lp")));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find(dir.sub("bad.lp") + ":2:") != std::string::npos, r.output);
    CHECK(r.output.find("nothing was written") != std::string::npos);
    auto st = Store::open(data);
    CHECK(st->countPoints(*st->findBucket("x")) == 6);
}

TEST_CASE("cli write: extended annotated CSV as influx write reads it, --header, --skip-header") {
    TempDataDir dir;
    const std::string data = dir.sub("store");
    // the example of InfluxDB's "Write CSV data" page: the annotation shares its cell with the first type
    writeFile(dir.sub("mem.csv"),
              "#datatype measurement,tag,double,dateTime:RFC3339\n"
              "m,host,used_percent,time\n"
              "mem,host1,64.23,2020-01-01T00:00:00Z\n"
              "mem,host2,72.01,2020-01-01T00:00:00Z\n"
              "mem,host1,62.61,2020-01-01T00:00:10Z\n");
    auto r = runCommand(fluxiBin() + " write --dry-run --create-bucket -b x --data " + shellQuote(data) + " -f " +
                        shellQuote(dir.sub("mem.csv")));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK(r.output.find("mem,host=host1 used_percent=64.23 1577836800000000000\n"
                        "mem,host=host2 used_percent=72.01 1577836800000000000\n"
                        "mem,host=host1 used_percent=62.61 1577836810000000000\n") != std::string::npos);
    CHECK(r.output.find("dry run: 3 points from 3 rows") != std::string::npos);

    // types and defaults in the header row, #constant, a duration, booleans, ignored columns, numbers in
    // the write's precision
    writeFile(dir.sub("typed.csv"),
              "#constant tag,region,eu\n"
              "m|measurement|test,name|tag,s|string,d|double,b|boolean,l|long,ul|unsignedLong,dur|duration,x|ignored,"
              "time|dateTime:number\n"
              ",n1,str1,1.0,true,1,1,1ms,zzz,1\n"
              ",,str2,2.5,N,-2,2,2us,,2\n");
    r = runCommand(fluxiBin() + " write --dry-run --precision s --create-bucket -b x --data " + shellQuote(data) +
                   " " + shellQuote(dir.sub("typed.csv")));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK(r.output.find("test,name=n1,region=eu s=\"str1\" 1000000000\n") != std::string::npos);
    CHECK(r.output.find("test,name=n1,region=eu d=1 1000000000\n") != std::string::npos);
    CHECK(r.output.find("test,name=n1,region=eu b=true 1000000000\n") != std::string::npos);
    CHECK(r.output.find("test,name=n1,region=eu l=1i 1000000000\n") != std::string::npos);
    CHECK(r.output.find("test,name=n1,region=eu ul=1u 1000000000\n") != std::string::npos);
    CHECK(r.output.find("test,name=n1,region=eu dur=1000000i 1000000000\n") != std::string::npos);
    CHECK(r.output.find("test,region=eu b=false 2000000000\n") != std::string::npos);
    CHECK(r.output.find("test,region=eu d=2.5 2000000000\n") != std::string::npos);
    CHECK(r.output.find("test,region=eu dur=2000i 2000000000\n") != std::string::npos);
    CHECK(r.output.find("zzz") == std::string::npos);
    CHECK(r.output.find(" x=") == std::string::npos);

    // --header supplies the annotation of a plain CSV file; --skip-header drops its own header line
    writeFile(dir.sub("plain.txt"), "host,value,when\nweb1,0.5,2024-01-01T00:00:00Z\nweb2,oops,2024-01-01T00:00:00Z\n");
    const std::string headers = " --header '#constant measurement,cpu' --header 'host|tag,usage|double,time|dateTime'"
                                " --skip-header 1 ";
    r = runCommand(fluxiBin() + " write --create-bucket -b x --data " + shellQuote(data) + headers +
                   shellQuote(dir.sub("plain.txt")));
    CHECK(r.exitCode == 1);
    // the error names the file and its own line (3), and the column
    CHECK_MESSAGE(r.output.find(dir.sub("plain.txt") + ":3: error: column \"usage\": \"oops\" is not a double") !=
                      std::string::npos,
                  r.output);
    CHECK(r.output.find("nothing was written") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(data));
    writeFile(dir.sub("plain.txt"), "host,value,when\nweb1,0.5,2024-01-01T00:00:00Z\nweb2,0.75,2024-01-01T00:00:00Z\n");
    r = runCommand(fluxiBin() + " write -v --create-bucket -b x --data " + shellQuote(data) + headers +
                   shellQuote(dir.sub("plain.txt")));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK(r.output.find("wrote 2 points from 2 rows") != std::string::npos);
    // a gzip-compressed CSV file (.csv.gz is CSV by its name)
    REQUIRE(runCommand("gzip -k " + shellQuote(dir.sub("mem.csv"))).exitCode == 0);
    r = runCommand(fluxiBin() + " write -b x --data " + shellQuote(data) + " -f " + shellQuote(dir.sub("mem.csv.gz")));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    {
        auto st = Store::open(data);
        CHECK(st->countPoints(*st->findBucket("x")) == 5);  // 2 cpu rows of plain.txt, 3 mem rows
    }

    // errors: a header line, no measurement, an unknown type
    r = runCommand(fluxiBin() + " write --dry-run -b x --data " + shellQuote(data) +
                   " --header '#datatype tag,double' " + shellQuote(dir.sub("plain.txt")));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find(dir.sub("plain.txt") + ":2: error: no measurement column") != std::string::npos, r.output);
    r = runCommand(fluxiBin() + " write --dry-run -b x --data " + shellQuote(data) +
                   " --header '#datatype measurement,tag,float' " + shellQuote(dir.sub("plain.txt")));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find("--header 1: error: unknown data type \"float\"") != std::string::npos, r.output);
}

TEST_CASE("cli write: inputs larger than a read piece (4 MiB) stream; strings across pieces; errors far in") {
    TempDataDir dir;
    std::string data = dir.sub("data");
    std::string lp = dir.sub("big.lp");
    // ~10 MiB: line i holds a point at time i; every 997th line a string value spanning two lines
    std::string text;
    size_t lines = 0, points = 0;
    while (text.size() < (10u << 20)) {
        lines++;
        text += "big,host=h" + std::to_string(lines % 3) + " v=" + std::to_string(lines) + "i,pad=\"" +
                std::string(60, 'x') + (lines % 997 == 0 ? "\nsecond half" : "") + "\" " + std::to_string(lines) + "\n";
        points += 2;
        if (lines % 997 == 0) lines++;  // the string's second line
    }
    writeFile(lp, text);
    auto r = runCommand(fluxiBin() + " write --create-bucket -v --bucket b --precision s --data " + shellQuote(data) + " " + shellQuote(lp));
    CHECK_MESSAGE(r.exitCode == 0, r.output);
    CHECK_MESSAGE(r.output.find("wrote " + std::to_string(points) + " points") != std::string::npos, r.output);
    {
        auto st = Store::open(data);
        CHECK(st->countPoints(*st->findBucket("b")) == points);
        size_t wrong = 0, strings = 0;
        SeriesColumns c;
        for (auto& s : st->findSeries(*st->findBucket("b"), nullptr)) {
            st->readSeries(s, INT64_MIN, INT64_MAX, c);
            for (size_t i = 0; i < c.size(); i++) {
                if (s.field == "v") wrong += c.ints[i] * 1000000000LL != c.times[i];
                if (s.field == "pad" && c.strings[i].find("\nsecond half") != std::string::npos) strings++;
            }
        }
        CHECK(wrong == 0);
        CHECK(strings == lines / 998);
    }
    // a bad line near the end: its real line number and text; nothing of the input is written
    std::string bad = text + "big v= 1\n";
    writeFile(lp, bad);
    r = runCommand(fluxiBin() + " write --create-bucket --bucket c --data " + shellQuote(data) + " " + shellQuote(lp));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find("big.lp:" + std::to_string(lines + 1) + ":7: error: missing value for field \"v\"") !=
                      std::string::npos,
                  r.output);
    CHECK(r.output.find("    big v= 1\n") != std::string::npos);
    CHECK(r.output.find("nothing was written") != std::string::npos);
    CHECK_FALSE(Store::open(data)->findBucket("c"));
    // --batch-size: batches before the bad one stay written, and the message says how far
    writeFile(lp, "m v=1 1\nm v=2 2\nm v=3 3\nm v=4 4\nm v=5 5\nm v= 6\nm v=7 7\n");
    r = runCommand(fluxiBin() + " write --create-bucket --batch-size 2 --bucket d --data " + shellQuote(data) + " " + shellQuote(lp));
    CHECK(r.exitCode == 1);
    CHECK_MESSAGE(r.output.find("the first 4 lines were written (2 batches of --batch-size 2)") != std::string::npos,
                  r.output);
    CHECK(Store::open(data)->countPoints(*Store::open(data)->findBucket("d")) == 4);
    r = runCommand(fluxiBin() + " write --batch-size 2 --format csv --bucket d --data " + shellQuote(data) + " " +
                   shellQuote(lp));
    CHECK(r.exitCode == 2);
    CHECK(r.output.find("--batch-size applies to line protocol") != std::string::npos);
}
