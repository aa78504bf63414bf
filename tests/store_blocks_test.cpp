// Tests of the block layout of the store: random writes (appends, rewrites inside and across blocks,
// out-of-order batches) read back equal to a model, range reads across block edges, retention
// cutting a block, and the conversion of a store of format 2 (one row per point).
#include <doctest/doctest.h>

#include <sqlite3.h>

#include <map>
#include <random>

#include "store/block.h"
#include "store/line_protocol.h"
#include "store/store.h"
#include "tests/support/store_test_util.h"

using namespace fluxi::store;
using fluxi::testutil::TempDataDir;

namespace {

constexpr int64_t kNow = 1700000000000000000LL;

int64_t scalar(const std::string& dbPath, const std::string& sql) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(dbPath.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK);
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

}  // namespace

TEST_CASE("blocks: random batches read back as the model says, over any range") {
    TempDataDir dir;
    auto st = Store::open(dir.path());
    std::mt19937_64 rng(7);
    std::map<int64_t, int64_t> model;
    for (int batch = 0; batch < 60; batch++) {
        WriteBatch wb;
        TagView tag{"k", "v"};
        int kind = batch % 4;
        size_t n = 1 + rng() % (kind == 0 ? 3000 : 400);
        int64_t base = kind == 1 ? static_cast<int64_t>(model.empty() ? 0 : model.rbegin()->first + 1)
                                 : static_cast<int64_t>(rng() % 20000);
        for (size_t i = 0; i < n; i++) {
            int64_t t = kind == 1 ? base + static_cast<int64_t>(i) * 3 : base + static_cast<int64_t>(rng() % 5000);
            int64_t v = static_cast<int64_t>(rng() % 1000000) - 500000;
            wb.beginPoint("b", "m", std::span<const TagView>(&tag, 1));
            wb.addInt("f", t, v);
            model[t] = v;  // the last write of a time wins
        }
        st->apply(wb, kNow);
        auto series = st->findSeries(*st->findBucket("b"), nullptr);
        REQUIRE(series.size() == 1);
        for (int q = 0; q < 5; q++) {
            int64_t a = static_cast<int64_t>(rng() % 30000) - 100, bnd = a + static_cast<int64_t>(rng() % 8000);
            if (q == 0) {
                a = INT64_MIN;
                bnd = INT64_MAX;
            }
            SeriesColumns c;
            st->readSeries(series[0], a, bnd, c);
            std::vector<int64_t> wantT, wantV;
            for (auto it = model.lower_bound(a); it != model.end() && it->first < bnd; ++it) {
                wantT.push_back(it->first);
                wantV.push_back(it->second);
            }
            CAPTURE(batch);
            CAPTURE(a);
            CAPTURE(bnd);
            CHECK(c.times == wantT);
            CHECK(c.ints == wantV);
        }
    }
    CHECK(st->countPoints(*st->findBucket("b")) == model.size());
    CHECK(st->integrityCheck() == "ok");
    // blocks never exceed their size and are disjoint in time
    CHECK(scalar(st->databasePath(), "SELECT max(count) FROM blocks") <= static_cast<int64_t>(kMaxBlockPoints));
    CHECK(scalar(st->databasePath(),
                 "SELECT count(*) FROM blocks a JOIN blocks b ON a.series = b.series AND a.id <> b.id "
                 "AND a.min_time <= b.max_time AND b.min_time <= a.max_time") == 0);
}

TEST_CASE("blocks: small appends join the last block instead of making tiny ones") {
    TempDataDir dir;
    auto st = Store::open(dir.path());
    for (int batch = 0; batch < 50; batch++) {
        std::string lp;
        for (int i = 0; i < 100; i++) lp += "m v=" + std::to_string(batch * 100 + i) + " " + std::to_string(batch * 100 + i) + "\n";
        WriteBatch wb;
        parseLineProtocol(lp, "b", Precision::ns, kNow, wb);
        st->apply(wb, kNow);
    }
    CHECK(st->countPoints(*st->findBucket("b")) == 5000);
    CHECK(scalar(st->databasePath(), "SELECT count(*) FROM blocks") <= 6);
}

TEST_CASE("blocks: retention cuts a block across the cutoff and counts what it deleted") {
    TempDataDir dir;
    auto st = Store::open(dir.path());
    std::string lp;
    for (int i = 0; i < 2500; i++) lp += "m v=" + std::to_string(i) + "i " + std::to_string(kNow - 2500 + i) + "\n";
    WriteBatch wb;
    parseLineProtocol(lp, "b", Precision::ns, kNow, wb);
    st->apply(wb, kNow);
    st->setRetention("b", 1000);  // keep times >= kNow - 1000
    size_t deleted = st->enforceRetention(kNow);
    CHECK(deleted == 1500);
    auto series = st->findSeries(*st->findBucket("b"), nullptr);
    SeriesColumns c;
    st->setRetention("b", 0);
    st->readSeries(series.at(0), INT64_MIN, INT64_MAX, c);
    REQUIRE(c.size() == 1000);
    CHECK(c.times.front() == kNow - 1000);
    CHECK(c.ints.front() == 1500);
    CHECK(c.ints.back() == 2499);
}

TEST_CASE("blocks: a store of format 2 (one row per point) is converted when opened writable") {
    TempDataDir dir;
    std::string dbPath = Store::databaseFile(dir.path());
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(dbPath.c_str(), &db) == SQLITE_OK);
        const char* sql = R"SQL(
CREATE TABLE buckets (rowid_ INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, bucket_id TEXT NOT NULL UNIQUE,
    retention_ns INTEGER NOT NULL DEFAULT 0, created_ns INTEGER NOT NULL);
CREATE TABLE series (id INTEGER PRIMARY KEY, bucket INTEGER NOT NULL, measurement TEXT NOT NULL, tags TEXT NOT NULL,
    field TEXT NOT NULL, type INTEGER NOT NULL, UNIQUE (bucket, measurement, tags, field));
CREATE TABLE points_float (series INTEGER NOT NULL, time INTEGER NOT NULL, value REAL, PRIMARY KEY (series, time)) WITHOUT ROWID;
CREATE TABLE points_int (series INTEGER NOT NULL, time INTEGER NOT NULL, value INTEGER, PRIMARY KEY (series, time)) WITHOUT ROWID;
CREATE TABLE points_uint (series INTEGER NOT NULL, time INTEGER NOT NULL, value INTEGER, PRIMARY KEY (series, time)) WITHOUT ROWID;
CREATE TABLE points_string (series INTEGER NOT NULL, time INTEGER NOT NULL, value TEXT, PRIMARY KEY (series, time)) WITHOUT ROWID;
CREATE TABLE points_bool (series INTEGER NOT NULL, time INTEGER NOT NULL, value INTEGER, PRIMARY KEY (series, time)) WITHOUT ROWID;
CREATE TABLE task_runs (id INTEGER PRIMARY KEY, task TEXT NOT NULL, scheduled_ns INTEGER NOT NULL,
    started_ns INTEGER NOT NULL, finished_ns INTEGER NOT NULL DEFAULT 0, status TEXT NOT NULL,
    error TEXT NOT NULL DEFAULT '', rows_written INTEGER NOT NULL DEFAULT 0, pid INTEGER NOT NULL DEFAULT 0);
INSERT INTO buckets VALUES (1, 'old', '0123456789abcdef', 0, 0);
INSERT INTO series VALUES (1, 1, 'cpu', 'host=a', 'usage', 0), (2, 1, 'cpu', 'host=a', 'n', 1),
    (3, 1, 'cpu', 'host=a', 'msg', 3), (4, 1, 'cpu', 'host=a', 'ok', 4), (5, 1, 'cpu', 'host=a', 'u', 2);
INSERT INTO points_float VALUES (1, 20, 2.5), (1, 10, -0.5);
INSERT INTO points_int VALUES (2, 10, -9223372036854775808);
INSERT INTO points_string VALUES (3, 10, 'hello');
INSERT INTO points_bool VALUES (4, 10, 1);
INSERT INTO points_uint VALUES (5, 10, -1);
PRAGMA user_version = 2;
)SQL";
        REQUIRE(sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    {
        // read-only: a clear error saying what to do
        std::string err;
        try {
            Store::open(dir.path(), Store::OpenMode::ReadOnly);
        } catch (const StoreError& e) {
            err = e.what();
        }
        CHECK_MESSAGE(err.find("format version 2") != std::string::npos, err);
        CHECK_MESSAGE(err.find(dbPath) != std::string::npos, err);
    }
    auto st = Store::open(dir.path());
    auto b = st->findBucket("old");
    REQUIRE(b);
    auto series = st->findSeries(*b, nullptr);
    REQUIRE(series.size() == 5);
    SeriesColumns c;
    for (auto& s : series) {
        st->readSeries(s, INT64_MIN, INT64_MAX, c);
        if (s.field == "usage") {
            CHECK(c.times == std::vector<int64_t>{10, 20});
            CHECK(c.floats == std::vector<double>{-0.5, 2.5});
        } else if (s.field == "n") {
            CHECK(c.ints == std::vector<int64_t>{INT64_MIN});
        } else if (s.field == "msg") {
            CHECK(c.strings == std::vector<std::string>{"hello"});
        } else if (s.field == "ok") {
            CHECK(c.bools == std::vector<uint8_t>{1});
        } else {
            CHECK(c.uints == std::vector<uint64_t>{~uint64_t{0}});
        }
    }
    CHECK(scalar(dbPath, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'points_%'") == 0);
    CHECK(scalar(dbPath, "PRAGMA user_version") == 4);
}

TEST_CASE("run log: a store of format 3 gets the attempt column; retried runs get their number from their note") {
    TempDataDir dir;
    std::string dbPath = Store::databaseFile(dir.path());
    {
        auto st = Store::open(dir.path());
        int64_t a = st->beginRun("t", 100, 101);
        st->finishRun(a, 102, "failed", "t.flux:1:1: error: oops (attempt 1 of 3; retrying in 1.00s)", 0);
        int64_t b = st->beginRun("t", 100, 103);
        st->finishRun(b, 104, "failed", "t.flux:1:1: error: oops (attempt 2 of 3; retrying in 2.00s)", 0);
        int64_t c = st->beginRun("t", 200, 201);
        st->finishRun(c, 202, "success", "", 5);
    }
    {
        // make it the run log of a fluxi before schema 4
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(dbPath.c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "ALTER TABLE task_runs DROP COLUMN attempt; PRAGMA user_version = 3;", nullptr, nullptr,
                             nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    {
        // read-only: read as it is, every run attempt 1
        auto ro = Store::open(dir.path(), Store::OpenMode::ReadOnly);
        auto runs = ro->listRuns("t", 0);
        REQUIRE(runs.size() == 3);
        for (auto& r : runs) CHECK(r.attempt == 1);
    }
    auto st = Store::open(dir.path());
    CHECK(scalar(dbPath, "PRAGMA user_version") == 4);
    auto runs = st->listRuns("t", 0);  // most recent first
    REQUIRE(runs.size() == 3);
    CHECK(runs[0].scheduledFor == 200);
    CHECK(runs[0].attempt == 1);
    CHECK(runs[1].attempt == 2);
    CHECK(runs[2].attempt == 1);
    // new runs carry the attempt they are given
    int64_t d = st->beginRun("t", 300, 301, 3);
    st->finishRun(d, 302, "success", "", 0);
    CHECK(st->listRuns("t", 1).at(0).attempt == 3);
}
