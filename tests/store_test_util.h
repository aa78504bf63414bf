// Helpers for the store tests: a temporary data folder removed at the end of the test.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

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

}  // namespace fluxi::testutil
