// `fluxi write --bucket B [--precision ns|us|ms|s] [--format lp|csv] [--batch-size N] [--data DIR] [--dry-run]
// [-f FILE | FILE | -]`: writes line protocol (or annotated CSV, e.g. the output of `fluxi run --format csv`)
// into a bucket of the embedded store, all or nothing: a malformed line is reported with its position and
// nothing is written. Line protocol is read and parsed in pieces of a few MiB and written into one store
// transaction as it goes, so memory does not grow with the input; --batch-size N commits every N lines
// instead (atomic per batch). --dry-run checks the input and reports what would be written without
// opening the store.
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <algorithm>
#include <memory>
#include <optional>
#include <sstream>

#include "cli/commands.h"
#include "cli/durability_option.h"
#include "format/annotated_csv_reader.h"
#include "store/data_dir.h"
#include "store/line_protocol.h"
#include "store/store.h"
#include "store/table_points.h"

namespace fluxi::cli {

namespace {

struct WriteOptions {
    std::string bucket;
    std::string precision = "ns";
    std::string format = "lp";
    std::string dataDir;
    std::string file = "-";
    std::string fileFlag;  // -f/--file, as `influx write` takes it
    bool verbose = false;
    bool dryRun = false;
    size_t batchSize = 0;  // lines per committed batch; 0 = the whole input in one transaction
};

// Size of the pieces line protocol is read in.
constexpr size_t kReadPiece = 4 << 20;

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

// Annotated CSV (as `fluxi run --format csv` prints it): each row is a point, with the columns
// to() uses by default (_time, _measurement, _field, _value, string columns as tags).
bool stageCsv(std::string_view text, const std::string& displayName, const std::string& bucket,
              store::WriteBatch& batch, size_t& rows) {
    std::vector<CsvResult> results;
    try {
        results = readAnnotatedCsv(text);
    } catch (const CsvError& e) {
        std::cerr << displayName << ":" << e.line() << ": error: " << e.detail();
        if (!e.column().empty()) std::cerr << " (column " << e.column() << ")";
        std::cerr << "\n";
        return false;
    }
    store::TablePointSpec spec;
    spec.bucket = bucket;
    for (const CsvResult& r : results) {
        for (size_t i = 0; i < r.tables.size(); i++) {
            const CsvTableLines& where = r.lines.at(i);
            spec.sourceLine = [&where](size_t row) { return where.lineOfRow(row); };
            try {
                store::stageTablePoints(*r.tables[i], spec, batch);
                rows += r.tables[i]->nrows;
            } catch (const store::TablePointError& e) {
                // a row's line, or the header's for what is wrong with the table as a whole
                size_t line = e.row() > 0 ? where.lineOfRow(e.row() - 1) : where.header;
                std::cerr << displayName << ":" << line << ": error: result \"" << r.name << "\", table " << i
                          << (e.row() > 0 ? "" : " (header row)") << ": " << e.detail() << "\n";
                return false;
            }
        }
    }
    return true;
}

// Line protocol, read and parsed piece by piece. Points of each piece are applied to the store in one
// transaction for the whole input (or one per --batch-size lines); --dry-run only parses.
int writeLineProtocol(const WriteOptions& o, const std::string& input, const std::string& displayName,
                      store::Precision precision, int64_t now) {
    FILE* in = input == "-" ? stdin : std::fopen(input.c_str(), "rb");
    if (!in) {
        std::cerr << "fluxi write: cannot read " << input << ": " << std::strerror(errno) << "\n";
        return 1;
    }
    struct Closer {
        FILE* f;
        ~Closer() {
            if (f != stdin) std::fclose(f);
        }
    } closer{in};

    std::shared_ptr<store::Store> st;
    std::optional<store::Store::WriteTransaction> tx;
    store::ApplyStats total;
    size_t committedLines = 0, batches = 0;
    std::string buf;
    size_t nextLine = 1, lines = 0, points = 0, linesInBatch = 0;
    bool eof = false;
    store::WriteBatch batch;
    auto nothingWritten = [&] {
        if (batches == 0)
            std::cerr << "fluxi write: nothing was written\n";
        else
            std::cerr << "fluxi write: the first " << committedLines << " lines were written (" << batches
                      << " batches of --batch-size " << o.batchSize << "); nothing from the failing batch on\n";
    };
    auto flush = [&](bool commit) {
        if (o.dryRun) return;  // (the batch keeps every point: type conflicts across pieces are found)
        if (!st) st = store::Store::open(store::resolveDataDir(o.dataDir));
        if (!batch.empty()) {
            if (!tx) tx.emplace(st->beginWrite(now));
            store::ApplyStats s = tx->apply(batch);
            total.points += s.points;
            total.beyondRetention += s.beyondRetention;
            batch.clear();
        }
        if (commit && tx) {
            tx->commit();
            tx.reset();
            committedLines += linesInBatch;
            batches++;
            linesInBatch = 0;
        }
    };
    try {
        while (true) {
            if (!eof) {
                size_t old = buf.size();
                buf.resize(old + kReadPiece);
                size_t got = std::fread(buf.data() + old, 1, kReadPiece, in);
                buf.resize(old + got);
                if (got < kReadPiece) {
                    if (std::ferror(in)) {
                        std::cerr << "fluxi write: cannot read " << (input == "-" ? "standard input" : input) << "\n";
                        nothingWritten();
                        return 1;
                    }
                    eof = std::feof(in);
                }
            }
            // parse the complete lines read so far (everything at the end of the input)
            size_t cut = eof ? buf.size() : buf.rfind('\n');
            if (!eof && cut == std::string::npos) continue;  // no line break yet: read more
            if (!eof) cut++;
            std::string_view text(buf.data(), cut);
            size_t pieceLine = nextLine;
            size_t used = 0;
            while (used < text.size()) {
                size_t room = o.batchSize ? o.batchSize - linesInBatch : SIZE_MAX;
                store::LineProtocolChunk c;
                try {
                    if (eof && room == SIZE_MAX) {
                        auto stats = store::parseLineProtocol(text.substr(used), o.bucket, precision, now, batch, nextLine);
                        c.stats = stats;
                        c.consumed = text.size() - used;
                    } else {
                        c = store::parseLineProtocolChunk(text.substr(used), o.bucket, precision, now, batch, nextLine,
                                                          room);
                        if (eof && c.consumed == 0 && c.stats.lines == 0) {
                            // an unterminated string at the very end: the whole parser reports it
                            store::parseLineProtocol(text.substr(used), o.bucket, precision, now, batch, nextLine);
                        }
                    }
                } catch (const store::LineProtocolError& e) {
                    std::cerr << displayName << ":" << e.line() << ":" << e.column() << ": error: " << e.message() << "\n";
                    std::string_view l = lineOf(text, e.line() - pieceLine + 1);
                    if (!l.empty() && l.size() < 400 && e.column() <= l.size() + 1)
                        std::cerr << "    " << l << "\n    " << std::string(e.column() - 1, ' ') << "^\n";
                    tx.reset();
                    nothingWritten();
                    return 1;
                }
                lines += c.stats.lines;
                points += c.stats.points;
                linesInBatch += c.stats.lines;
                used += c.consumed;
                if (c.nextLine) nextLine = c.nextLine;
                else nextLine += static_cast<size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(used - c.consumed),
                                                               text.begin() + static_cast<std::ptrdiff_t>(used), '\n'));
                if (o.batchSize && linesInBatch >= o.batchSize) {
                    flush(true);
                    continue;
                }
                if (c.consumed == 0) break;  // a string value continues in the next piece
            }
            flush(false);
            buf.erase(0, used);
            if (eof) break;
        }
        flush(true);
    } catch (const store::FieldTypeConflict& e) {
        tx.reset();
        if (e.line() > 0)
            std::cerr << displayName << ":" << e.line() << ": error: " << e.detail() << "\n";
        else
            std::cerr << "fluxi write: error: " << e.what() << "\n";
        nothingWritten();
        return 1;
    } catch (const store::StoreError& e) {
        tx.reset();
        std::cerr << "fluxi write: error: " << e.what() << "\n";
        nothingWritten();
        return 1;
    }
    if (o.dryRun) {
        std::cerr << "fluxi write: dry run: " << points << " points from " << lines << " lines are valid for bucket \""
                  << o.bucket << "\"; nothing was written\n";
        return 0;
    }
    try {
        if (!st) st = store::Store::open(store::resolveDataDir(o.dataDir));
        if (total.beyondRetention > 0)
            std::cerr << "fluxi write: warning: " << total.beyondRetention
                      << " points older than the retention of bucket \"" << o.bucket << "\" were dropped\n";
        st->enforceRetention(now);
    } catch (const store::StoreError& e) {
        std::cerr << "fluxi write: error: " << e.what() << "\n";
        return 1;
    }
    if (o.verbose)
        std::cerr << "fluxi write: wrote " << total.points << " points from " << lines << " lines to bucket \""
                  << o.bucket << "\" in " << st->dir() << "\n";
    return 0;
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
    if (!o.fileFlag.empty() && o.file != "-") {
        std::cerr << "fluxi write: give the input either as -f FILE or as FILE, not both\n";
        return 2;
    }
    if (o.batchSize > 0 && o.format == "csv") {
        std::cerr << "fluxi write: --batch-size applies to line protocol (--format lp), not to csv\n";
        return 2;
    }
    const std::string input = o.fileFlag.empty() ? o.file : o.fileFlag;
    const std::string displayName = input == "-" ? "<stdin>" : input;
    const int64_t now = nowNanos();
    if (o.format == "lp") return writeLineProtocol(o, input, displayName, precision, now);
    std::string text, err;
    if (!readAll(input, text, err)) {
        std::cerr << "fluxi write: " << err << "\n";
        return 1;
    }
    store::WriteBatch batch;
    size_t lines = 0;
    if (!stageCsv(text, displayName, o.bucket, batch, lines)) {
        std::cerr << "fluxi write: nothing was written\n";
        return 1;
    }
    if (o.dryRun) {
        std::cerr << "fluxi write: dry run: " << batch.size() << " points from " << lines
                  << (o.format == "csv" ? " rows" : " lines") << " are valid for bucket \"" << o.bucket
                  << "\"; nothing was written\n";
        return 0;
    }
    try {
        auto st = store::Store::open(store::resolveDataDir(o.dataDir));
        store::ApplyStats stats = st->apply(batch, now);
        if (stats.beyondRetention > 0)
            std::cerr << "fluxi write: warning: " << stats.beyondRetention
                      << " points older than the retention of bucket \"" << o.bucket << "\" were dropped\n";
        st->enforceRetention(now);
        if (o.verbose)
            std::cerr << "fluxi write: wrote " << stats.points << " points from " << lines
                      << (o.format == "csv" ? " rows" : " lines") << " to bucket \""
                      << o.bucket << "\" in " << st->dir() << "\n";
    } catch (const store::FieldTypeConflict& e) {
        if (e.line() > 0)
            std::cerr << displayName << ":" << e.line() << ": error: " << e.detail() << "\n";
        else
            std::cerr << "fluxi write: error: " << e.what() << "\n";
        std::cerr << "fluxi write: nothing was written\n";
        return 1;
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
    cmd->add_option("-p,--precision", opts->precision, "Unit of line protocol timestamps: ns (default), us, ms or s");
    cmd->add_option("--format", opts->format, "Input format: lp (line protocol, default) or csv (annotated CSV)");
    cmd->add_option("--data", opts->dataDir, "Data folder of the embedded store (default $FLUXI_DATA or ./fluxi-data)");
    addDurabilityOption(cmd);
    cmd->add_flag("-v,--verbose", opts->verbose, "Print how many points were written");
    cmd->add_option("-f,--file", opts->fileFlag, "Input file (as `influx write -f`)");
    cmd->add_flag("--dry-run", opts->dryRun, "Check the input and report what would be written; write nothing");
    cmd->add_option("--batch-size", opts->batchSize,
                    "Commit every N lines of line protocol (each batch atomic on its own; default: the whole "
                    "input in one transaction)")
        ->check(CLI::PositiveNumber);
    cmd->callback([opts, &exitCode] { exitCode = runWrite(*opts); });
}

}  // namespace fluxi::cli
