// `fluxi serve --tasks DIR`: the scheduler runs in the server process, and the read-only task API
// (/api/v2/tasks, runs, run logs) shows the tasks and the run log.
#include <doctest/doctest.h>

#include "tests/support/serve_process.h"

using namespace fluxi::testutil;
using fluxi::net::HttpResponse;

TEST_CASE("serve: --tasks runs the tasks and lists them, their runs and run logs") {
    TempDir t;
    std::filesystem::create_directories(t.path / "tasks");
    t.write("tasks/every_second.flux",
            "import \"array\"\n"
            "option task = {name: \"copy\", every: 1s}\n"
            "array.from(rows: [{_time: now(), _measurement: \"beat\", _field: \"n\", _value: 1}]) |> to(bucket: \"beats\")\n");
    t.write("tasks/failing.flux", "option task = {name: \"broken\", every: 1s}\ndie(msg: \"always fails\")\n");
    t.write("tasks/not_a_task.flux", "1 + \n");
    ServeProcess s({"--tasks", (t.path / "tasks").string()});
    // both loadable tasks are listed; the file with a syntax error is reported and skipped
    HttpResponse list = httpCall("GET", s.url("/api/v2/tasks"));
    REQUIRE(list.status == 200);
    CHECK(list.body.find(R"("name":"copy")") != std::string::npos);
    CHECK(list.body.find(R"("name":"broken")") != std::string::npos);
    CHECK(list.body.find(R"("every":"1s")") != std::string::npos);
    CHECK(s.log().find("skipped the task file") != std::string::npos);
    std::smatch m;
    REQUIRE(std::regex_search(list.body, m, std::regex(R"re(\{"id":"([0-9a-f]{16})","orgID":"[0-9]+","org":"fluxi","name":"copy")re")));
    const std::string copyId = m[1].str();
    REQUIRE(std::regex_search(list.body, m, std::regex(R"re(\{"id":"([0-9a-f]{16})","orgID":"[0-9]+","org":"fluxi","name":"broken")re")));
    const std::string brokenId = m[1].str();

    // wait for runs of both
    HttpResponse runs, failedRuns;
    for (int i = 0; i < 100; i++) {
        runs = httpCall("GET", s.url("/api/v2/tasks/" + copyId + "/runs"));
        failedRuns = httpCall("GET", s.url("/api/v2/tasks/" + brokenId + "/runs"));
        if (runs.body.find(R"("status":"success")") != std::string::npos &&
            failedRuns.body.find(R"("status":"failed")") != std::string::npos)
            break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    REQUIRE_MESSAGE(runs.body.find(R"("status":"success")") != std::string::npos, runs.body);
    REQUIRE_MESSAGE(failedRuns.body.find(R"("status":"failed")") != std::string::npos, failedRuns.body);
    REQUIRE(std::regex_search(failedRuns.body, m, std::regex(R"re("id":"([0-9a-f]{16})","taskID")re")));
    HttpResponse logs = httpCall("GET", s.url("/api/v2/tasks/" + brokenId + "/runs/" + m[1].str() + "/logs"));
    CHECK(logs.status == 200);
    CHECK_MESSAGE(logs.body.find("always fails") != std::string::npos, logs.body);
    CHECK(httpCall("GET", s.url("/api/v2/tasks/" + brokenId + "/runs/" + m[1].str())).status == 200);
    CHECK(httpCall("GET", s.url("/api/v2/tasks/0000000000000000")).status == 404);
    CHECK(httpCall("GET", s.url("/api/v2/tasks/" + brokenId + "/runs/00000000000fffff/logs")).status == 404);
    // what the task wrote is in the server's store
    HttpResponse q = fluxQuery(s, "from(bucket: \"beats\") |> range(start: 0) |> count()");
    CHECK(q.status == 200);
    CHECK(q.body.find(",n,beat,") != std::string::npos);
    CHECK(s.stop() == 0);
}
