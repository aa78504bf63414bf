// Tests of the embedded store: buckets, write/read round trips of every type, replace on rewrite,
// batch atomicity, type conflicts, series predicates, retention and the task run log.
#include <doctest/doctest.h>

#include <re2/re2.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>

#include "store/data_dir.h"
#include "store/line_protocol.h"
#include "store/retention.h"
#include "store/series_predicate.h"
#include "store/store.h"
#include "tests/support/store_test_util.h"

using namespace fluxi::store;
using fluxi::testutil::TempDataDir;

namespace {

constexpr int64_t kNow = 1700000000000000000LL;

ApplyStats writeLP(Store& st, std::string_view bucket, std::string_view text, int64_t now = kNow) {
    WriteBatch b;
    parseLineProtocol(text, bucket, Precision::ns, now, b);
    return st.apply(b, now);
}

SeriesColumns readAll(Store& st, const SeriesInfo& s) {
    SeriesColumns c;
    st.readSeries(s, INT64_MIN, INT64_MAX, c);
    return c;
}

}  // namespace

TEST_CASE("store: data folder resolution") {
    CHECK(resolveDataDir("/x/y") == "/x/y");
    setenv("FLUXI_DATA", "/from/env", 1);
    CHECK(resolveDataDir("") == "/from/env");
    CHECK(resolveDataDir("/flag") == "/flag");
    setenv("FLUXI_DATA", "", 1);
    CHECK(resolveDataDir("") == "./fluxi-data");
    unsetenv("FLUXI_DATA");
    CHECK(resolveDataDir("") == "./fluxi-data");
}

TEST_CASE("store: retention text") {
    CHECK(parseRetention("1h") == 3600000000000LL);
    CHECK(parseRetention("1h30m") == 5400000000000LL);
    CHECK(parseRetention("30d") == 30LL * 86400 * 1000000000LL);
    CHECK(parseRetention("2w") == 14LL * 86400 * 1000000000LL);
    CHECK(parseRetention("10ms") == 10000000LL);
    CHECK(parseRetention("0") == 0);
    CHECK(parseRetention("inf") == 0);
    CHECK_THROWS_WITH_AS(parseRetention("1mo"), doctest::Contains("months"), StoreError);
    CHECK_THROWS_WITH_AS(parseRetention("abc"), doctest::Contains("expected a number"), StoreError);
    CHECK_THROWS_WITH_AS(parseRetention("5x"), doctest::Contains("expected a unit"), StoreError);
    CHECK_THROWS_AS(parseRetention(""), StoreError);
    CHECK(formatRetention(0) == "infinite");
    CHECK(formatRetention(parseRetention("1h30m")) == "1h30m");
    CHECK(formatRetention(parseRetention("8d")) == "8d");
    CHECK(formatRetention(parseRetention("2w")) == "2w");
    CHECK(formatRetention(parseRetention("30d")) == "30d");
}

TEST_CASE("store: bucket create, list, find, delete") {
    TempDataDir dir;
    auto st = Store::open(dir.sub("data"));
    CHECK(st->listBuckets().empty());
    BucketInfo a = st->createBucket("alpha", 3600000000000LL);
    CHECK(a.name == "alpha");
    CHECK(a.id.size() == 16);
    CHECK(a.retention == 3600000000000LL);
    st->createBucket("beta");
    CHECK_THROWS_WITH_AS(st->createBucket("alpha"), doctest::Contains("already exists"), StoreError);
    CHECK_THROWS_AS(st->createBucket(""), StoreError);
    auto list = st->listBuckets();
    REQUIRE(list.size() == 2);
    CHECK(list[0].name == "alpha");
    CHECK(list[1].name == "beta");
    CHECK(st->findBucketById(a.id)->name == "alpha");
    CHECK_FALSE(st->findBucket("gamma"));
    writeLP(*st, "beta", "m f=1 1\nm f=2 2");
    CHECK(st->countPoints(*st->findBucket("beta")) == 2);
    CHECK(st->deleteBucket("beta"));
    CHECK_FALSE(st->deleteBucket("beta"));
    CHECK(st->listBuckets().size() == 1);
    // a bucket of the same name starts empty
    st->createBucket("beta");
    CHECK(st->countPoints(*st->findBucket("beta")) == 0);
    writeLP(*st, "beta", "m f=5 1");
    auto series = st->findSeries(*st->findBucket("beta"), nullptr);
    REQUIRE(series.size() == 1);
    CHECK(readAll(*st, series[0]).floats == std::vector<double>{5});
    st->setRetention("alpha", 0);
    CHECK(st->findBucket("alpha")->retention == 0);
    CHECK_THROWS_AS(st->setRetention("nope", 1), StoreError);
}

TEST_CASE("store: persists across reopen, writing to a missing bucket creates it") {
    TempDataDir dir;
    {
        auto st = Store::open(dir.path());
        auto stats = writeLP(*st, "newb", "cpu,host=a v=1 10\ncpu,host=b v=2 20");
        CHECK(stats.points == 2);
        CHECK(stats.newBuckets == 1);
        CHECK(stats.newSeries == 2);
    }
    auto st = Store::open(dir.path());
    auto b = st->findBucket("newb");
    REQUIRE(b);
    CHECK(b->retention == 0);
    CHECK(st->countPoints(*b) == 2);
}

TEST_CASE("store: round trip of every value type") {
    TempDataDir dir;
    auto st = Store::open(dir.path());
    WriteBatch wb;
    TagView tags[] = {{"host", "h1"}, {"dc", "x y"}};
    wb.beginPoint("b", "m", tags);
    wb.addFloat("f", 3, -1.25);
    wb.addInt("i", 3, INT64_MIN);
    wb.addUInt("u", 3, UINT64_MAX);
    wb.addString("s", 3, std::string("with \"quotes\", comma\nnewline\0nul", 31));
    wb.addBool("t", 3, true);
    wb.beginPoint("b", "m", tags);
    wb.addFloat("f", 1, 1e300);
    wb.addInt("i", 1, 42);
    wb.addUInt("u", 1, 0);
    wb.addString("s", 1, "");
    wb.addBool("t", 1, false);
    auto stats = st->apply(wb, kNow);
    CHECK(stats.points == 10);
    auto series = st->findSeries(*st->findBucket("b"), nullptr);
    REQUIRE(series.size() == 5);
    // sorted by field name; tags sorted by key
    CHECK(series[0].field == "f");
    CHECK(series[0].tags == std::vector<Tag>{{"dc", "x y"}, {"host", "h1"}});
    CHECK(*series[0].tag("host") == "h1");
    CHECK(series[0].tag("nope") == nullptr);
    auto f = readAll(*st, series[0]);
    CHECK(series[0].type == ValueType::Float);
    CHECK(f.times == std::vector<int64_t>{1, 3});
    CHECK(f.floats == std::vector<double>{1e300, -1.25});
    auto i = readAll(*st, series[1]);
    CHECK(series[1].type == ValueType::Int);
    CHECK(i.ints == std::vector<int64_t>{42, INT64_MIN});
    auto s = readAll(*st, series[2]);
    CHECK(series[2].type == ValueType::String);
    CHECK(s.strings == std::vector<std::string>{"", std::string("with \"quotes\", comma\nnewline\0nul", 31)});
    auto t = readAll(*st, series[3]);
    CHECK(series[3].type == ValueType::Bool);
    CHECK(t.bools == std::vector<uint8_t>{0, 1});
    auto u = readAll(*st, series[4]);
    CHECK(series[4].type == ValueType::UInt);
    CHECK(u.uints == std::vector<uint64_t>{0, UINT64_MAX});
}

TEST_CASE("store: rewriting a point replaces its value, also within one batch") {
    TempDataDir dir;
    auto st = Store::open(dir.path());
    writeLP(*st, "b", "m v=1 100\nm v=2 200");
    writeLP(*st, "b", "m v=10 100");
    auto series = st->findSeries(*st->findBucket("b"), nullptr);
    auto c = readAll(*st, series.at(0));
    CHECK(c.times == std::vector<int64_t>{100, 200});
    CHECK(c.floats == std::vector<double>{10, 2});
    // later lines win over earlier ones in the same batch, whatever the time order
    writeLP(*st, "b", "m v=5 300\nm v=3 50\nm v=6 300\nm v=4 50");
    c = readAll(*st, series.at(0));
    CHECK(c.times == std::vector<int64_t>{50, 100, 200, 300});
    CHECK(c.floats == std::vector<double>{4, 10, 2, 6});
}

TEST_CASE("store: range reads are [start, stop) in time order") {
    TempDataDir dir;
    auto st = Store::open(dir.path());
    std::string lp;
    for (int t = 9; t >= 0; t--) lp += "m v=" + std::to_string(t) + "i " + std::to_string(t * 10) + "\n";
    writeLP(*st, "b", lp);
    auto series = st->findSeries(*st->findBucket("b"), nullptr);
    SeriesColumns c;
    st->readSeries(series.at(0), 20, 50, c);
    CHECK(c.times == std::vector<int64_t>{20, 30, 40});
    CHECK(c.ints == std::vector<int64_t>{2, 3, 4});
    st->readSeries(series.at(0), 50, 50, c);
    CHECK(c.size() == 0);
}

TEST_CASE("store: a failing batch writes nothing") {
    TempDataDir dir;
    auto st = Store::open(dir.path());
    writeLP(*st, "b", "m v=1 1");
    // the line protocol error stops parsing: the caller drops the batch
    WriteBatch wb;
    CHECK_THROWS_AS(parseLineProtocol("m v=2 2\nm v=3 3\nm v= 4\n", "b", Precision::ns, kNow, wb), LineProtocolError);
    // a type conflict with stored data is found by apply: nothing of the batch is written
    WriteBatch wb2;
    parseLineProtocol("n v=2 2\nother x=1 1\nm v=3i 3\n", "b", Precision::ns, kNow, wb2);
    size_t conflictLine = 0;
    try {
        st->apply(wb2, kNow);
    } catch (const FieldTypeConflict& e) {
        conflictLine = e.line();
        CHECK(std::string(e.what()).find("line 3: field type conflict") == 0);
    }
    CHECK(conflictLine == 3);  // the line of the conflicting series in the input
    auto b = *st->findBucket("b");
    CHECK(st->countPoints(b) == 1);
    CHECK(st->findSeries(b, nullptr).size() == 1);
    // a batch into a new bucket that fails leaves no bucket behind
    WriteBatch wb3;
    parseLineProtocol("m v=2 2\n", "fresh", Precision::ns, kNow, wb3);
    parseLineProtocol("m v=2i 3\n", "b", Precision::ns, kNow, wb3);
    CHECK_THROWS_AS(st->apply(wb3, kNow), StoreError);
    CHECK_FALSE(st->findBucket("fresh"));
    // and the store still works afterwards (caches were reset)
    writeLP(*st, "b", "m v=7 7");
    CHECK(st->countPoints(b) == 2);
}

TEST_CASE("store: series predicates") {
    TempDataDir dir;
    auto st = Store::open(dir.path());
    writeLP(*st, "b",
            "cpu,host=a,dc=x usage=1 1\n"
            "cpu,host=b usage=2 1\n"
            "mem,host=a used=3 1\n"
            "mem free=4 1\n");
    auto bucket = *st->findBucket("b");
    using Op = SeriesPredicate::Op;
    auto names = [&](const SeriesPredicate* p) {
        std::vector<std::string> out;
        for (const auto& s : st->findSeries(bucket, p)) {
            std::string n = s.measurement;
            for (const auto& t : s.tags) n += "," + t.key + "=" + t.value;
            out.push_back(n + " " + s.field);
        }
        return out;
    };
    CHECK(names(nullptr).size() == 4);
    auto p1 = SeriesPredicate::compare(Op::Eq, "_measurement", "cpu");
    CHECK(names(p1.get()) == std::vector<std::string>{"cpu,dc=x,host=a usage", "cpu,host=b usage"});
    auto p2 = SeriesPredicate::compare(Op::Neq, "host", "a");
    // a series without the tag gives null, which does not keep it
    CHECK(names(p2.get()) == std::vector<std::string>{"cpu,host=b usage"});
    auto p3 = SeriesPredicate::logical(Op::Or, SeriesPredicate::compare(Op::Eq, "_field", "free"),
                                       SeriesPredicate::compare(Op::Eq, "host", "zzz"));
    CHECK(names(p3.get()) == std::vector<std::string>{"mem free"});
    auto re = std::make_shared<re2::RE2>("^(a|b)$");
    auto p4 = SeriesPredicate::logical(Op::And, SeriesPredicate::match(Op::Match, "host", re),
                                       SeriesPredicate::compare(Op::Eq, "_measurement", "mem"));
    CHECK(names(p4.get()) == std::vector<std::string>{"mem,host=a used"});
    CHECK(p4->describe() == "(host =~ /^(a|b)$/ and _measurement == \"mem\")");
    auto p5 = SeriesPredicate::match(Op::NotMatch, "_measurement", std::make_shared<re2::RE2>("c"));
    CHECK(names(p5.get()) == std::vector<std::string>{"mem free", "mem,host=a used"});
    // null and false is false; null or true is true; null or false is null
    auto p6 = SeriesPredicate::logical(Op::Or, SeriesPredicate::compare(Op::Eq, "dc", "x"),
                                       SeriesPredicate::compare(Op::Eq, "_field", "free"));
    CHECK(names(p6.get()) == std::vector<std::string>{"cpu,dc=x,host=a usage", "mem free"});
}

TEST_CASE("store: scans skip empty series and honour retention") {
    TempDataDir dir;
    auto st = Store::open(dir.path());
    const int64_t hour = 3600000000000LL;
    st->createBucket("r", hour);
    WriteBatch wb;
    std::string lp = "m v=1 " + std::to_string(kNow - 2 * hour) + "\n" + "m v=2 " + std::to_string(kNow - hour / 2) +
                     "\n" + "n v=3 " + std::to_string(kNow - 5 * hour) + "\n";
    parseLineProtocol(lp, "r", Precision::ns, kNow, wb);
    // points beyond retention are dropped when written...
    auto stats = st->apply(wb, kNow);
    CHECK(stats.points == 1);
    CHECK(stats.beyondRetention == 2);
    auto bucket = *st->findBucket("r");
    Scan sc = st->scan(bucket, nullptr, INT64_MIN, INT64_MAX, kNow);
    const SeriesInfo* s = nullptr;
    SeriesColumns c;
    REQUIRE(sc.next(s, c));
    CHECK(s->measurement == "m");
    CHECK(c.floats == std::vector<double>{2});
    CHECK_FALSE(sc.next(s, c));  // series n has no point
    // ...hidden from reads once they age out...
    Scan later = st->scan(bucket, nullptr, INT64_MIN, INT64_MAX, kNow + hour);
    CHECK_FALSE(later.next(s, c));
    CHECK(st->countPoints(bucket) == 1);
    // ...and deleted by enforceRetention
    CHECK(st->enforceRetention(kNow + hour) == 1);
    CHECK(st->countPoints(bucket) == 0);
}

TEST_CASE("store: task run log") {
    TempDataDir dir;
    auto st = Store::open(dir.path());
    int64_t r1 = st->beginRun("t1", 100, 105);
    int64_t r2 = st->beginRun("t1", 200, 205);
    st->beginRun("t2", 150, 151);
    st->finishRun(r1, 110, "success", "", 12);
    st->finishRun(r2, 210, "failed", "boom", 0);
    CHECK_THROWS_AS(st->finishRun(999, 1, "x", "", 0), StoreError);
    auto runs = st->listRuns("t1", 0);
    REQUIRE(runs.size() == 2);
    CHECK(runs[0].scheduledFor == 200);
    CHECK(runs[0].status == "failed");
    CHECK(runs[0].error == "boom");
    CHECK(runs[1].rowsWritten == 12);
    CHECK(runs[1].finishedAt == 110);
    CHECK(st->listRuns("", 0).size() == 3);
    CHECK(st->listRuns("", 1).size() == 1);
    CHECK(st->lastScheduled("t1", "success") == 100);
    CHECK(st->lastScheduled("t1", "") == 200);
    CHECK_FALSE(st->lastScheduled("t3", ""));
}

TEST_CASE("store: runs left 'running' by a killed process are closed as failed (interrupted)") {
    TempDataDir dir;
    int64_t live = 0;
    {
        auto st = Store::open(dir.path());
        live = st->beginRun("mine", 50, 51);  // this process is alive: its run stays running
    }
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        // the child starts a run and is killed in the middle of it, as by `kill -9`
        auto st = Store::open(dir.path());
        st->beginRun("killed", 100, 101);
        raise(SIGKILL);
        _exit(0);
    }
    int status = 0;
    REQUIRE(waitpid(child, &status, 0) == child);
    REQUIRE(WIFSIGNALED(status));
    auto st = Store::open(dir.path());
    auto before = st->listRuns("killed", 0);
    REQUIRE(before.size() == 1);
    CHECK(before[0].status == "running");
    CHECK(st->closeInterruptedRuns(500) == 1);
    auto after = st->listRuns("killed", 0);
    REQUIRE(after.size() == 1);
    CHECK(after[0].status == "failed");
    CHECK(after[0].finishedAt == 500);
    CHECK(after[0].error.find("interrupted") == 0);
    CHECK(after[0].error.find("pid " + std::to_string(child)) != std::string::npos);
    auto mine = st->listRuns("mine", 0);
    REQUIRE(mine.size() == 1);
    CHECK(mine[0].id == live);
    CHECK(mine[0].status == "running");
    CHECK(st->closeInterruptedRuns(600) == 0);  // nothing left to close
    st->finishRun(live, 700, "success", "", 0);
}

TEST_CASE("store: a read-only store is read, and every write names the file and what to do") {
    TempDataDir dir;
    {
        auto st = Store::open(dir.path());
        writeLP(*st, "b", "m,t=a f=1i 10\nm,t=a f=2i 20\n");
    }
    auto ro = Store::open(dir.path(), Store::OpenMode::ReadOnly);
    CHECK(ro->readOnly());
    auto b = ro->findBucket("b");
    REQUIRE(b);
    auto series = ro->findSeries(*b, nullptr);
    REQUIRE(series.size() == 1);
    CHECK(readAll(*ro, series[0]).size() == 2);
    CHECK(ro->countPoints(*b) == 2);
    CHECK(ro->listRuns("", 0).empty());
    CHECK(ro->closeInterruptedRuns(1) == 0);
    WriteBatch batch;
    parseLineProtocol("m f=3i 30\n", "b", Precision::ns, kNow, batch);
    std::string applyError;
    try {
        ro->apply(batch, kNow);
    } catch (const StoreError& e) {
        applyError = e.what();
    }
    CHECK(applyError.find("cannot write points: the store \"" + ro->databasePath() + "\" is open read-only") == 0);
    CHECK_THROWS_WITH_AS(ro->createBucket("c"), doctest::Contains("give write permission"), StoreError);
    CHECK_THROWS_WITH_AS(ro->deleteBucket("b"), doctest::Contains("read-only"), StoreError);
    CHECK_THROWS_WITH_AS(ro->beginRun("t", 1, 1), doctest::Contains("read-only"), StoreError);
    // nothing was changed
    auto rw = Store::open(dir.path());
    CHECK_FALSE(rw->readOnly());
    CHECK(rw->countPoints(*rw->findBucket("b")) == 2);
    CHECK_FALSE(rw->findBucket("c"));
    // a folder without a store cannot be opened read-only, and is not created
    CHECK_THROWS_WITH_AS(Store::open(dir.sub("none"), Store::OpenMode::ReadOnly),
                         doctest::Contains("there is no store file"), StoreError);
    CHECK_FALSE(std::filesystem::exists(dir.sub("none")));
}

TEST_CASE("store: open errors name the path") {
    TempDataDir dir;
    std::string file = dir.sub("plainfile");
    FILE* f = fopen(file.c_str(), "w");
    fputs("x", f);
    fclose(f);
    CHECK_THROWS_WITH_AS(Store::open(file), doctest::Contains("plainfile"), StoreError);
    std::string bad = dir.sub("bad");
    std::filesystem::create_directories(bad);
    f = fopen((bad + "/fluxi.db").c_str(), "w");
    fputs("this is not a database, not at all, no no no no no no no no no no no no no no no no no no no", f);
    fclose(f);
    CHECK_THROWS_WITH_AS(Store::open(bad), doctest::Contains("fluxi.db"), StoreError);
}

TEST_CASE("store: damaged database pages are an error naming the file and what to do") {
    TempDataDir dir;
    std::string lp;
    // irregular floats and times, so that the compressed blocks still fill many pages
    for (int i = 0; i < 100000; i++)
        lp += "m,t=a f=" + std::to_string(std::sin(i) * 1e6) + " " + std::to_string(i * 1000 + (i * 7919) % 997) + "\n";
    std::string dbPath;
    {
        auto st = Store::open(dir.path());
        writeLP(*st, "b", lp);
        dbPath = st->databasePath();
    }
    // overwrite pages in the middle of the file (not the header page) with garbage
    auto size = std::filesystem::file_size(dbPath);
    size_t pageSize = 0;
    {
        FILE* f = fopen(dbPath.c_str(), "rb");
        REQUIRE(f);
        unsigned char header[18];
        REQUIRE(fread(header, 1, sizeof header, f) == sizeof header);
        fclose(f);
        pageSize = header[16] * 256u + header[17];
        if (pageSize == 1) pageSize = 65536;
    }
    REQUIRE(size > 8 * pageSize);
    {
        FILE* f = fopen(dbPath.c_str(), "r+b");
        REQUIRE(f);
        std::string junk(2 * pageSize, '\xAB');
        REQUIRE(fseek(f, static_cast<long>(size / 2 / pageSize * pageSize), SEEK_SET) == 0);
        REQUIRE(fwrite(junk.data(), 1, junk.size(), f) == junk.size());
        fclose(f);
    }
    std::string error;
    try {
        auto st = Store::open(dir.path());
        auto b = st->findBucket("b");
        REQUIRE(b);
        for (const SeriesInfo& s : st->findSeries(*b, nullptr)) readAll(*st, s);
        st->countPoints(*b);
    } catch (const StoreError& e) {
        error = e.what();
    }
    CHECK_MESSAGE(error.find("store file \"" + dbPath + "\"") != std::string::npos, error);
    CHECK_MESSAGE(error.find("the database file is damaged: restore the data folder from a backup") != std::string::npos,
                  error);
}

TEST_CASE("store: large batches (multi-row inserts) keep the last write of a point and every type") {
    TempDataDir dir;
    auto st = Store::open(dir.path());
    std::string lp;
    for (int pass = 0; pass < 2; pass++)
        for (int t = 0; t < 500; t++)
            lp += "m,k=a v=" + std::to_string(pass * 1000 + t) + "i,s=\"p" + std::to_string(pass) + "\",f=" +
                  std::to_string(t) + ".5 " + std::to_string(t) + "\n";
    auto stats = writeLP(*st, "b", lp);
    CHECK(stats.points == 3000);
    auto series = st->findSeries(*st->findBucket("b"), nullptr);
    REQUIRE(series.size() == 3);
    auto f = readAll(*st, series[0]);
    auto s = readAll(*st, series[1]);
    auto v = readAll(*st, series[2]);
    REQUIRE(v.size() == 500);
    REQUIRE(s.size() == 500);
    REQUIRE(f.size() == 500);
    size_t wrong = 0;
    for (int t = 0; t < 500; t++) {
        wrong += v.times[static_cast<size_t>(t)] != t || v.ints[static_cast<size_t>(t)] != 1000 + t;
        wrong += s.strings[static_cast<size_t>(t)] != "p1";
        wrong += f.floats[static_cast<size_t>(t)] != t + 0.5;
    }
    CHECK(wrong == 0);
    CHECK(st->countPoints(*st->findBucket("b")) == 1500);
}
