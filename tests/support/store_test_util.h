// Helpers for the store tests: a temporary data folder removed at the end of the test, writing line
// protocol into a store, running a script against a store, and running a shell command (the fluxi
// binary) with its output captured.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "api/engine.h"
#include "store/line_protocol.h"
#include "store/store.h"

namespace fluxi::testutil {

class TempDataDir {
public:
    TempDataDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "fluxi-store-test-XXXXXX").string();
        if (!mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        path_ = tmpl;
    }
    ~TempDataDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDataDir(const TempDataDir&) = delete;
    TempDataDir& operator=(const TempDataDir&) = delete;
    const std::string& path() const { return path_; }
    std::string sub(const std::string& name) const { return (std::filesystem::path(path_) / name).string(); }

private:
    std::string path_;
};

// Writes line protocol (seconds precision) into `bucket` of the store in `dir`, acknowledged at
// 2024-01-01T00:00:00Z.
inline void writeLP(const std::string& dir, const std::string& bucket, const std::string& lp) {
    auto st = store::Store::open(dir);
    store::WriteBatch b;
    store::parseLineProtocol(lp, bucket, store::Precision::s, 0, b);
    st->apply(b, 1704067200LL * 1000000000LL);
}

// Runs a script against the store in `dir` with `now` fixed.
inline RunResult runWithStore(const std::string& dir, const std::string& script,
                              const char* now = "2024-01-01T00:00:00Z") {
    Engine e;
    e.setNow(now);
    e.setDataDir(dir);
    return e.run(script);
}

}  // namespace fluxi::testutil

namespace fluxi::testutil {

struct CommandResult {
    int exitCode = -1;
    std::string output;  // stdout and stderr together
};

// Runs a shell command line, capturing its output and exit status.
inline CommandResult runCommand(const std::string& cmd) {
    CommandResult r;
    FILE* p = popen((cmd + " 2>&1").c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.output.append(buf.data(), n);
    int status = pclose(p);
    r.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

// Single-quotes a string for the shell.
inline std::string shellQuote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out.push_back(c);
    }
    return out + "'";
}

}  // namespace fluxi::testutil
