// `fluxi write --bucket B [--precision ns|us|ms|s] [--format lp|csv] [--data DIR] [FILE|-]`: writes
// line protocol (or annotated CSV) into a bucket of the embedded store, all or nothing: a malformed
// line is reported with its position and nothing is written.
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "store/data_dir.h"
#include "store/line_protocol.h"
#include "store/store.h"

namespace fluxi::cli {

namespace {

struct WriteOptions {
    std::string bucket;
    std::string precision = "ns";
    std::string format = "lp";
    std::string dataDir;
    std::string file = "-";
    bool verbose = false;
};

bool readAll(const std::string& path, std::string& out, std::string& err) {
    if (path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        if (std::cin.bad()) {
            err = "cannot read standard input";
            return false;
        }
        out = ss.str();
        return true;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        err = "cannot read " + path + ": " + std::strerror(errno);
        return false;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

// The text of line `line` (1-based) of `text`, for the error excerpt.
std::string_view lineOf(std::string_view text, size_t line) {
    size_t pos = 0;
    for (size_t l = 1; l < line && pos != std::string_view::npos; l++) {
        pos = text.find('\n', pos);
        if (pos != std::string_view::npos) pos++;
    }
    if (pos == std::string_view::npos || pos > text.size()) return {};
    size_t end = text.find('\n', pos);
    std::string_view l = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    return l;
}

int64_t nowNanos() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

int runWrite(const WriteOptions& o) {
    store::Precision precision;
    if (!store::parsePrecision(o.precision, precision)) {
        std::cerr << "fluxi write: unknown --precision \"" << o.precision << "\" (expected ns, us, ms or s)\n";
        return 2;
    }
    if (o.format != "lp" && o.format != "csv") {
        std::cerr << "fluxi write: unknown --format \"" << o.format << "\" (expected lp or csv)\n";
        return 2;
    }
    if (o.bucket.empty()) {
        std::cerr << "fluxi write: --bucket must not be empty\n";
        return 2;
    }
    std::string text, err;
    if (!readAll(o.file, text, err)) {
        std::cerr << "fluxi write: " << err << "\n";
        return 1;
    }
    const std::string displayName = o.file == "-" ? "<stdin>" : o.file;
    const int64_t now = nowNanos();
    store::WriteBatch batch;
    size_t lines = 0;
    if (o.format == "csv") {
        std::cerr << "fluxi write: --format csv is not implemented yet (annotated CSV import)\n";
        return 1;
    }
    try {
        lines = store::parseLineProtocol(text, o.bucket, precision, now, batch).lines;
    } catch (const store::LineProtocolError& e) {
        std::cerr << displayName << ":" << e.line() << ":" << e.column() << ": error: " << e.message() << "\n";
        std::string_view l = lineOf(text, e.line());
        if (!l.empty() && l.size() < 400 && e.column() <= l.size() + 1) {
            std::cerr << "    " << l << "\n    " << std::string(e.column() - 1, ' ') << "^\n";
        }
        std::cerr << "fluxi write: nothing was written\n";
        return 1;
    }
    try {
        auto st = store::Store::open(store::resolveDataDir(o.dataDir));
        store::ApplyStats stats = st->apply(batch, now);
        if (stats.beyondRetention > 0)
            std::cerr << "fluxi write: warning: " << stats.beyondRetention
                      << " points older than the retention of bucket \"" << o.bucket << "\" were dropped\n";
        st->enforceRetention(now);
        if (o.verbose)
            std::cerr << "fluxi write: wrote " << stats.points << " points from " << lines << " lines to bucket \""
                      << o.bucket << "\" in " << st->dir() << "\n";
    } catch (const store::StoreError& e) {
        std::cerr << "fluxi write: error: " << e.what() << "\nfluxi write: nothing was written\n";
        return 1;
    }
    return 0;
}

}  // namespace

void registerWrite(CLI::App& app, int& exitCode) {
    auto opts = std::make_shared<WriteOptions>();
    auto* cmd = app.add_subcommand("write", "Write line protocol (or annotated CSV) into a bucket of the store");
    cmd->add_option("file", opts->file, "Input file ('-' or nothing for standard input)");
    cmd->add_option("-b,--bucket", opts->bucket, "Bucket to write to (created when missing)")->required();
    cmd->add_option("-p,--precision", opts->precision, "Unit of the timestamps: ns (default), us, ms or s");
    cmd->add_option("--format", opts->format, "Input format: lp (line protocol, default) or csv (annotated CSV)");
    cmd->add_option("--data", opts->dataDir, "Data folder of the embedded store (default $FLUXI_DATA or ./fluxi-data)");
    cmd->add_flag("-v,--verbose", opts->verbose, "Print how many points were written");
    cmd->callback([opts, &exitCode] { exitCode = runWrite(*opts); });
}

}  // namespace fluxi::cli
