// Where the conformance suite is, for the tests that read it: $FLUXI_CONFORMANCE_DIR when set (e.g.
// for a worktree that is not next to the shared folder), else the folder CMake passes
// (../shared/conformance of the repo). These tests form the doctest suite "conformance", which ctest
// runs as its own test: when the folder is missing, conformanceDir() ends that process with exit code
// 77, which ctest reports as skipped (never as passed). CI requires the folder.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace fluxi::testutil {

inline constexpr int kSkippedExitCode = 77;

inline std::filesystem::path conformanceDir() {
    std::filesystem::path dir = FLUXI_CONFORMANCE_DIR;
    if (const char* env = std::getenv("FLUXI_CONFORMANCE_DIR"); env != nullptr && *env != '\0') dir = env;
    if (!std::filesystem::is_directory(dir)) {
        std::fprintf(stderr, "conformance suite not found at %s: skipped\n", dir.string().c_str());
        std::fflush(stderr);
        std::_Exit(kSkippedExitCode);
    }
    return dir;
}

// An annotated CSV string literal of the conformance suite, decoded, with the file it is in.
struct CsvLiteral {
    std::filesystem::path file;
    std::string text;
};

// Every string literal of the suite's .flux files that holds annotated CSV (`#datatype`), escapes
// decoded; literals with ${...} interpolation and text in comments are left out.
inline std::vector<CsvLiteral> conformanceCsvLiterals() {
    std::vector<CsvLiteral> out;
    for (auto& entry : std::filesystem::recursive_directory_iterator(conformanceDir())) {
        if (entry.path().extension() != ".flux") continue;
        std::ifstream in(entry.path());
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string src = ss.str();
        for (size_t i = 0; i < src.size(); i++) {
            if (src[i] == '/' && i + 1 < src.size() && src[i + 1] == '/') {
                while (i < src.size() && src[i] != '\n') i++;
                continue;
            }
            if (src[i] != '"') continue;
            std::string lit;
            bool interpolated = false;
            size_t j = i + 1;
            for (; j < src.size() && src[j] != '"'; j++) {
                if (src[j] == '\\' && j + 1 < src.size()) {
                    char e = src[++j];
                    lit.push_back(e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e);
                } else {
                    if (src[j] == '$' && j + 1 < src.size() && src[j + 1] == '{') interpolated = true;
                    lit.push_back(src[j]);
                }
            }
            i = j;
            if (!interpolated && lit.find("#datatype") != std::string::npos) out.push_back({entry.path(), lit});
        }
    }
    return out;
}

}  // namespace fluxi::testutil
