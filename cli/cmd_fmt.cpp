// `fluxi fmt [--check] [-w] FILE|DIR...`: formats Flux source with the canonical formatter
// (format/flux_formatter). Without flags the formatted text goes to standard output; --check lists
// the files that are not formatted, with a diff, and exits 1 when there is one; -w rewrites such files
// in place (through a temporary file renamed over the original, so a file is never half written).
// Directories are searched for *.flux files. Exit status 1 also for files that do not parse (their
// syntax errors go to stderr) and 2 for files that cannot be read or written.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/output.h"
#include "format/flux_formatter.h"
#include "format/line_diff.h"

namespace fluxi::cli {

namespace {

struct FmtOptions {
    std::vector<std::string> paths;
    bool check = false;
    bool write = false;
};

// Writes `text` to `path` through a temporary file in the same folder, keeping the file's mode.
bool writeAtomically(const std::string& path, const std::string& text, std::string& error) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string tmpl = (dir / ("." + target.filename().string() + ".fmt-XXXXXX")).string();
    std::vector<char> name(tmpl.begin(), tmpl.end());
    name.push_back('\0');
    const int fd = mkstemp(name.data());
    if (fd < 0) {
        error = std::string("cannot create a temporary file in ") + dir.string() + ": " + std::strerror(errno);
        return false;
    }
    struct stat st {};
    if (stat(path.c_str(), &st) == 0) fchmod(fd, st.st_mode & 07777);
    size_t done = 0;
    while (done < text.size()) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            error = std::string("cannot write ") + name.data() + ": " + std::strerror(errno);
            close(fd);
            unlink(name.data());
            return false;
        }
        done += static_cast<size_t>(n);
    }
    if (fsync(fd) != 0 || close(fd) != 0) {
        error = std::string("cannot write ") + name.data() + ": " + std::strerror(errno);
        unlink(name.data());
        return false;
    }
    if (std::rename(name.data(), path.c_str()) != 0) {
        error = "cannot replace " + path + ": " + std::strerror(errno);
        unlink(name.data());
        return false;
    }
    return true;
}

// The files named on the command line, with directories replaced by their *.flux files (sorted).
bool expandPaths(const std::vector<std::string>& paths, std::vector<std::string>& files) {
    namespace fs = std::filesystem;
    bool ok = true;
    for (const std::string& p : paths) {
        std::error_code ec;
        if (p != "-" && fs::is_directory(p, ec)) {
            std::vector<std::string> found;
            for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
                 it.increment(ec))
                if (it->is_regular_file() && it->path().extension() == ".flux") found.push_back(it->path().string());
            if (ec) {
                std::cerr << "fluxi fmt: cannot list " << p << ": " << ec.message() << "\n";
                ok = false;
            }
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else {
            files.push_back(p);
        }
    }
    return ok;
}

int runFmt(const FmtOptions& o) {
    if (o.check && o.write) {
        std::cerr << "fluxi fmt: --check and -w cannot be used together\n";
        return 2;
    }
    std::vector<std::string> files;
    int status = expandPaths(o.paths.empty() ? std::vector<std::string>{"-"} : o.paths, files) ? 0 : 2;
    size_t unformatted = 0;
    for (const std::string& path : files) {
        std::string source, name;
        if (!readSource(path, source, name)) {
            status = 2;
            continue;
        }
        format::FormatResult r = format::formatSource(source, name);
        if (!r.ok) {
            std::cerr << r.error;
            if (!r.error.empty() && r.error.back() != '\n') std::cerr << "\n";
            status = std::max(status, 1);
            continue;
        }
        if (o.check) {
            if (r.text != source) {
                ++unformatted;
                std::cout << name << "\n" << format::unifiedDiff(source, r.text, name, name + " (formatted)");
                status = std::max(status, 1);
            }
        } else if (o.write && path != "-") {
            if (r.text != source) {
                std::string error;
                if (!writeAtomically(path, r.text, error)) {
                    std::cerr << "fluxi fmt: " << error << "\n";
                    status = 2;
                }
            }
        } else {
            std::cout << r.text;
        }
    }
    if (o.check && unformatted > 0)
        std::cerr << unformatted << (unformatted == 1 ? " file is" : " files are") << " not formatted\n";
    return status;
}

}  // namespace

void registerFmt(CLI::App& app, int& exitCode) {
    auto opts = std::make_shared<FmtOptions>();
    auto* cmd = app.add_subcommand("fmt", "Format Flux source files in the canonical style");
    cmd->add_option("files", opts->paths, "Flux files or folders of them ('-' or none: standard input)");
    cmd->add_flag("--check", opts->check,
                  "Print the names of files that are not formatted, with a diff; exit 1 if there is one");
    cmd->add_flag("-w,--write", opts->write, "Rewrite files in place (atomically) instead of printing them");
    cmd->callback([opts, &exitCode] { exitCode = runFmt(*opts); });
}

}  // namespace fluxi::cli
