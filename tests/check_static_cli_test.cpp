// Tests of the static checks of `fluxi check` beyond syntax: `option task` validated by the rules of
// `fluxi task` (task/task_options) and type errors. Runs the real binary (FLUXI_BINARY).
#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace fs = std::filesystem;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("fluxi_cli_static_" + std::to_string(rd()) + std::to_string(::getpid()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    fs::path write(const std::string& name, const std::string& content) const {
        fs::path p = path / name;
        std::ofstream(p, std::ios::binary) << content;
        return p;
    }
};

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Run {
    int status = -1;
    std::string out, err;
};

// Runs `fluxi ARGS` (ARGS already shell-quoted) with stdin from `input` when given.
Run fluxi(const TempDir& dir, const std::string& args, const std::string* input = nullptr) {
    std::string cmd = std::string("'") + FLUXI_BINARY + "' " + args + " >'" + (dir.path / "out").string() +
                      "' 2>'" + (dir.path / "err").string() + "'";
    if (input != nullptr) cmd += " <'" + dir.write("stdin", *input).string() + "'";
    Run r;
    int raw = std::system(cmd.c_str());
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = readFile(dir.path / "out");
    r.err = readFile(dir.path / "err");
    return r;
}

std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace

TEST_CASE("cli check: option task is validated statically, with the position of the bad field") {
    TempDir dir;
    struct Bad {
        const char* src;
        const char* expected;
    } bad[] = {
        {"option task = {every: 1h}\n", ":1:1: error: option task: name is required"},
        {"option task = {name: \"a\", every: 1h, cron: \"* * * * *\"}\n",
         ":1:38: error: option task: every and cron are mutually exclusive"},
        {"option task = {name: \"a\",\n  cron: \"61 * * * *\"}\n",
         ":2:3: error: option task: cron \"61 * * * *\": minute field \"61\": 61 is out of range 0-59"},
        {"option task = {name: \"a\", every: 1h, concurrency: 0}\n",
         ":1:38: error: option task: concurrency must be between 1 and 100, got 0"},
        {"option task = {name: \"a\", every: \"1h\"}\n",
         ":1:27: error: option task: every must be a duration such as 1h, got string"},
        {"option task = {name: \"a\", every: 1h, retry: -1}\n",
         ":1:38: error: option task: retry must be between 0 and 10, got -1"},
        {"option task = {name: \"a\"}\n", ":1:1: error: option task:"},
    };
    for (const Bad& b : bad) {
        CAPTURE(b.src);
        fs::path f = dir.write("task.flux", b.src);
        Run r = fluxi(dir, "check " + q(f));
        CHECK(r.status == 1);
        CHECK(r.err.find("task.flux" + std::string(b.expected)) != std::string::npos);
    }
    fs::path good = dir.write("good.flux", "option task = {name: \"a\", every: 1h, offset: 5m, concurrency: 2}\nx = 1\n");
    Run r = fluxi(dir, "check " + q(good));
    CHECK(r.status == 0);
    CHECK(r.out.find("no errors") != std::string::npos);
    // A script without `option task` is not a task and is not held to these rules.
    fs::path plain = dir.write("plain.flux", "x = 1\n");
    CHECK(fluxi(dir, "check " + q(plain)).status == 0);
}
