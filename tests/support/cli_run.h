// Test helper: run the real `fluxi` binary (FLUXI_BINARY) in a temporary directory and look at its
// exit status, stdout and stderr.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>

namespace fluxi::testutil {

namespace fs = std::filesystem;

struct TempDir {
    fs::path path;
    TempDir() {
        std::random_device rd;
        path = fs::temp_directory_path() / ("fluxi_cli_" + std::to_string(rd()) + std::to_string(::getpid()));
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

inline std::string readFile(const fs::path& p) {
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
inline Run runFluxi(const TempDir& dir, const std::string& args, const std::string* input = nullptr) {
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

inline std::string q(const fs::path& p) { return "'" + p.string() + "'"; }

}  // namespace fluxi::testutil
