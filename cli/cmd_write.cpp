// `fluxi write --bucket B [--precision ns|us|ms|s] [--format lp|csv] [--compression none|gzip]
// [--header LINE]... [--skip-header N] [--batch-size N] [--data DIR] [--dry-run] [--create-bucket]
// [-f FILE]... [FILE...]`, with `influx write`'s habits: inputs are files (-f, repeatable, or
// positional) or standard input, plain or gzip (by --compression, a .gz name, or gzip's magic bytes);
// line protocol, or CSV (by --format, a .csv / .csv.gz name, or --header): extended annotated CSV
// (store/extended_csv.h) or a Flux query result (`fluxi run --format csv`). All inputs go into one
// store transaction, all or nothing: a malformed line is reported with its file, line and column and
// nothing is written. Line protocol is read and parsed in pieces of a few MiB, so memory does not grow
// with the input; --batch-size N commits every N lines instead (atomic per batch). Writing to a bucket
// that does not exist in an existing store is an error unless --create-bucket; the first write into a
// folder without a store creates the store and the bucket (noted on stderr). --dry-run checks everything and prints the
// line protocol that would be written (timestamps in ns) on stdout, writing nothing.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <cstring>
#include <fstream>
#include <iostream>
#include <algorithm>
#include <memory>
#include <optional>
#include <sstream>

#include "cli/commands.h"
#include "cli/write_input.h"
#include "cli/durability_option.h"
#include "format/annotated_csv_reader.h"
#include "store/data_dir.h"
#include "store/extended_csv.h"
#include "store/line_protocol.h"
#include "store/store.h"
#include "store/table_points.h"

namespace fluxi::cli {

namespace {

struct WriteOptions {
    std::string bucket;
    std::string precision = "ns";
    std::string format;  // "" = by the input's name
    std::string compression;
    std::string dataDir;
    std::vector<std::string> files;      // positional
    std::vector<std::string> fileFlags;  // -f/--file, as `influx write` takes them
    std::vector<std::string> headers;    // --header lines put before each CSV input
    size_t skipHeader = 0;               // lines of each CSV input skipped
    bool verbose = false;
    bool dryRun = false;
    bool createBucket = false;
    size_t batchSize = 0;  // lines per committed batch; 0 = the whole input in one transaction
};

// Size of the pieces line protocol is read in.
constexpr size_t kReadPiece = 4 << 20;

bool endsWith(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
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

// A failure already reported on stderr.
struct Reported {};

// Where the points go: one store transaction for all inputs (or one per --batch-size lines), or, with
// --dry-run, stdout as line protocol.
class Sink {
public:
    Sink(const WriteOptions& o, int64_t now) : o_(o), now_(now) {}

    // Applies what `batch` holds (and clears it); `commit` ends the transaction.
    void flush(store::WriteBatch& batch, bool commit, size_t lines) {
        if (o_.dryRun) {
            // the batch keeps every point (type conflicts across pieces are found); print the new ones
            std::string out;
            store::appendLineProtocol(out, batch, printed_);
            printed_ = batch.size();
            std::fwrite(out.data(), 1, out.size(), stdout);
            pendingLines_ += lines;
            return;
        }
        if (!st_) st_ = store::Store::open(store::resolveDataDir(o_.dataDir));
        if (!batch.empty()) {
            if (!tx_) tx_.emplace(st_->beginWrite(now_));
            store::ApplyStats s = tx_->apply(batch);
            total_.points += s.points;
            total_.beyondRetention += s.beyondRetention;
            batch.clear();
        }
        pendingLines_ += lines;
        if (commit && tx_) {
            tx_->commit();
            tx_.reset();
            committedLines_ += pendingLines_;
            pendingLines_ = 0;
            batches_++;
        }
    }
    // The input's batch is done with (a dry run prints the next input's batch from its start).
    void endInput() { printed_ = 0; }
    void abandon() {
        tx_.reset();
        if (o_.dryRun) return;
        if (batches_ == 0)
            std::cerr << "fluxi write: nothing was written\n";
        else
            std::cerr << "fluxi write: the first " << committedLines_ << " lines were written (" << batches_
                      << " batches of --batch-size " << o_.batchSize << "); nothing from the failing batch on\n";
    }
    const store::ApplyStats& total() const { return total_; }
    std::shared_ptr<store::Store> store() const { return st_; }

private:
    const WriteOptions& o_;
    int64_t now_;
    std::shared_ptr<store::Store> st_;
    std::optional<store::Store::WriteTransaction> tx_;
    store::ApplyStats total_;
    size_t printed_ = 0;
    size_t pendingLines_ = 0, committedLines_ = 0, batches_ = 0;
};

struct Counts {
    size_t lines = 0;   // lines (line protocol) or rows (CSV) holding points
    size_t points = 0;  // field values
};

// Line protocol, read and parsed piece by piece into the sink.
void writeLineProtocol(const WriteOptions& o, WriteInput& in, store::Precision precision, int64_t now, Sink& sink,
                       Counts& counts) {
    const std::string& displayName = in.displayName();
    std::string buf;
    size_t nextLine = 1, linesInBatch = 0;
    bool eof = false;
    store::WriteBatch batch;
    while (true) {
        if (!eof) {
            size_t old = buf.size();
            buf.resize(old + kReadPiece);
            size_t got = 0;
            while (got < kReadPiece) {
                size_t n = in.read(buf.data() + old + got, kReadPiece - got);
                if (n == 0) {
                    eof = true;
                    break;
                }
                got += n;
            }
            buf.resize(old + got);
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
                    c = store::parseLineProtocolChunk(text.substr(used), o.bucket, precision, now, batch, nextLine, room);
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
                throw Reported{};
            }
            counts.lines += c.stats.lines;
            counts.points += c.stats.points;
            linesInBatch += c.stats.lines;
            used += c.consumed;
            if (c.nextLine) nextLine = c.nextLine;
            else nextLine += static_cast<size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(used - c.consumed),
                                                           text.begin() + static_cast<std::ptrdiff_t>(used), '\n'));
            if (o.batchSize && linesInBatch >= o.batchSize) {
                sink.flush(batch, true, linesInBatch);
                linesInBatch = 0;
                continue;
            }
            if (c.consumed == 0) break;  // a string value continues in the next piece
        }
        sink.flush(batch, false, 0);
        buf.erase(0, used);
        if (eof) break;
    }
    sink.flush(batch, false, linesInBatch);
    sink.endInput();
}

// CSV: --header lines, then the input after --skip-header lines. `where(line)` names a line of that
// text in messages: "FILE:LINE" or "--header N".
void writeCsv(const WriteOptions& o, WriteInput& in, int64_t precisionNanos, int64_t now, Sink& sink, Counts& counts) {
    const std::string& displayName = in.displayName();
    std::string body = in.readAll();
    size_t skipped = 0, cut = 0;
    while (skipped < o.skipHeader && cut < body.size()) {
        size_t nl = body.find('\n', cut);
        cut = nl == std::string::npos ? body.size() : nl + 1;
        skipped++;
    }
    std::string text;
    for (const std::string& h : o.headers) text += h + "\n";
    text.append(body, cut, std::string::npos);
    body.clear();
    const size_t headerLines = o.headers.size();
    auto where = [&](size_t line) {
        if (line >= 1 && line <= headerLines) return "--header " + std::to_string(line);
        return displayName + ":" + std::to_string(line - headerLines + skipped);
    };
    store::WriteBatch batch;
    if (store::isExtendedCsv(text)) {
        try {
            store::ExtendedCsvStats st = store::stageExtendedCsv(text, o.bucket, precisionNanos, now, batch);
            counts.lines += st.rows;
            counts.points += st.fields;
        } catch (const store::ExtendedCsvError& e) {
            std::cerr << where(e.line()) << ": error: ";
            if (!e.column().empty()) std::cerr << "column \"" << e.column() << "\": ";
            std::cerr << e.detail() << "\n";
            throw Reported{};
        }
    } else {
        // A Flux query result: each row is a point, with the columns to() uses by default (_time,
        // _measurement, _field, _value, string columns as tags).
        std::vector<CsvResult> results;
        try {
            results = readAnnotatedCsv(text);
        } catch (const CsvError& e) {
            std::cerr << where(e.line()) << ": error: " << e.detail();
            if (!e.column().empty()) std::cerr << " (column " << e.column() << ")";
            std::cerr << "\n";
            throw Reported{};
        }
        store::TablePointSpec spec;
        spec.bucket = o.bucket;
        for (const CsvResult& r : results) {
            for (size_t i = 0; i < r.tables.size(); i++) {
                const CsvTableLines& lines = r.lines.at(i);
                spec.sourceLine = [&lines](size_t row) { return lines.lineOfRow(row); };
                size_t before = batch.size();
                try {
                    store::stageTablePoints(*r.tables[i], spec, batch);
                    counts.lines += r.tables[i]->nrows;
                    counts.points += batch.size() - before;
                } catch (const store::TablePointError& e) {
                    // a row's line, or the header's for what is wrong with the table as a whole
                    size_t line = e.row() > 0 ? lines.lineOfRow(e.row() - 1) : lines.header;
                    std::cerr << where(line) << ": error: result \"" << r.name << "\", table " << i
                              << (e.row() > 0 ? "" : " (header row)") << ": " << e.detail() << "\n";
                    throw Reported{};
                }
            }
        }
    }
    sink.flush(batch, false, 0);
    sink.endInput();
}

int runWrite(const WriteOptions& o) {
    store::Precision precision;
    if (!store::parsePrecision(o.precision, precision)) {
        std::cerr << "fluxi write: unknown --precision \"" << o.precision << "\" (expected ns, us, ms or s)\n";
        return 2;
    }
    if (!o.format.empty() && o.format != "lp" && o.format != "csv") {
        std::cerr << "fluxi write: unknown --format \"" << o.format << "\" (expected lp or csv)\n";
        return 2;
    }
    Compression compression;
    if (!parseCompression(o.compression, compression)) {
        std::cerr << "fluxi write: unknown --compression \"" << o.compression << "\" (expected none or gzip)\n";
        return 2;
    }
    if (o.bucket.empty()) {
        std::cerr << "fluxi write: --bucket must not be empty\n";
        return 2;
    }
    std::vector<std::string> inputs = o.fileFlags;
    inputs.insert(inputs.end(), o.files.begin(), o.files.end());
    if (inputs.empty()) inputs.push_back("-");
    if (std::count(inputs.begin(), inputs.end(), "-") > 1) {
        std::cerr << "fluxi write: standard input ('-') can be read only once\n";
        return 2;
    }
    // The format of each input: --format, else CSV for a .csv name or when --header lines are given.
    auto formatOf = [&](const std::string& path) -> std::string {
        if (!o.format.empty()) return o.format;
        if (!o.headers.empty() || endsWith(path, ".csv") || endsWith(path, ".csv.gz")) return "csv";
        return "lp";
    };
    for (const std::string& in : inputs) {
        if (formatOf(in) == "lp" && (!o.headers.empty() || o.skipHeader > 0)) {
            std::cerr << "fluxi write: --header and --skip-header apply to CSV input, and " << (in == "-" ? "<stdin>" : in)
                      << " is read as line protocol (--format lp)\n";
            return 2;
        }
        if (formatOf(in) == "csv" && o.batchSize > 0) {
            std::cerr << "fluxi write: --batch-size applies to line protocol (--format lp), not to csv\n";
            return 2;
        }
    }
    // In an existing store the bucket must exist unless --create-bucket (InfluxDB refuses a write to a
    // missing bucket: a mistyped name must not start a new one). The first write into a folder without
    // a store starts the store with that bucket, and says so.
    const std::string dir = store::resolveDataDir(o.dataDir);
    bool newStore = false;
    if (!o.createBucket) {
        std::error_code ec;
        bool exists = false;
        newStore = !std::filesystem::is_regular_file(store::Store::databaseFile(dir), ec);
        if (!newStore) {
            try {
                exists = store::Store::open(dir)->findBucket(o.bucket).has_value();
            } catch (const store::StoreError& e) {
                std::cerr << "fluxi write: error: " << e.what() << "\n";
                return 1;
            }
        }
        if (!exists && !newStore) {
            std::cerr << "fluxi write: error: bucket \"" << o.bucket << "\" not found in " << dir
                      << "; create it with `fluxi bucket create " << o.bucket
                      << "` or write with --create-bucket\n";
            if (!o.dryRun) std::cerr << "fluxi write: nothing was written\n";
            return 1;
        }
    }
    const int64_t now = nowNanos();
    Sink sink(o, now);
    Counts counts;
    try {
        for (const std::string& path : inputs) {
            WriteInput in(path, compression);
            if (formatOf(path) == "lp") writeLineProtocol(o, in, precision, now, sink, counts);
            else writeCsv(o, in, store::precisionNanos(precision), now, sink, counts);
        }
        store::WriteBatch none;
        sink.flush(none, true, 0);
    } catch (const Reported&) {
        sink.abandon();
        return 1;
    } catch (const store::FieldTypeConflict& e) {
        // (the file of the conflicting line is not tracked across inputs: name it when there is one)
        if (e.line() > 0 && inputs.size() == 1)
            std::cerr << (inputs[0] == "-" ? "<stdin>" : inputs[0]) << ":" << e.line() << ": error: " << e.detail() << "\n";
        else
            std::cerr << "fluxi write: error: " << e.what() << "\n";
        sink.abandon();
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "fluxi write: error: " << e.what() << "\n";
        sink.abandon();
        return 1;
    }
    const char* unit = std::all_of(inputs.begin(), inputs.end(), [&](auto& p) { return formatOf(p) == "csv"; })
                           ? " rows" : " lines";
    if (o.dryRun) {
        std::fflush(stdout);
        std::cerr << "fluxi write: dry run: " << counts.points << " points from " << counts.lines << unit
                  << " are valid for bucket \"" << o.bucket << "\"; nothing was written\n";
        return 0;
    }
    try {
        auto st = sink.store();
        if (!st) st = store::Store::open(dir);
        if (sink.total().beyondRetention > 0)
            std::cerr << "fluxi write: warning: " << sink.total().beyondRetention
                      << " points older than the retention of bucket \"" << o.bucket << "\" were dropped\n";
        st->enforceRetention(now);
        if (newStore)
            std::cerr << "fluxi write: started a new store in " << st->dir() << " with bucket \"" << o.bucket
                      << "\" (retention forever)\n";
        if (o.verbose)
            std::cerr << "fluxi write: wrote " << sink.total().points << " points from " << counts.lines << unit
                      << " to bucket \"" << o.bucket << "\" in " << st->dir() << "\n";
    } catch (const store::StoreError& e) {
        std::cerr << "fluxi write: error: " << e.what() << "\n";
        return 1;
    }
    return 0;
}

}  // namespace

void registerWrite(CLI::App& app, int& exitCode) {
    auto opts = std::make_shared<WriteOptions>();
    auto* cmd = app.add_subcommand("write", "Write line protocol or CSV into a bucket of the store");
    cmd->add_option("file", opts->files, "Input files ('-' or nothing for standard input)");
    cmd->add_option("-b,--bucket", opts->bucket, "Bucket to write to (it must exist, see --create-bucket)")->required();
    // (one value per -f / --header, so that a FILE argument after them stays a FILE)
    cmd->add_option("-f,--file", opts->fileFlags, "Input file (as `influx write -f`; may be repeated)")
        ->allow_extra_args(false);
    cmd->add_option("-p,--precision", opts->precision,
                    "Unit of line protocol timestamps and dateTime:number CSV values: ns (default), us, ms or s");
    cmd->add_option("--format", opts->format,
                    "Input format: lp (line protocol) or csv (extended annotated CSV, or a Flux result as `fluxi "
                    "run --format csv` prints it); default: csv for *.csv and *.csv.gz files and with --header, "
                    "else lp");
    cmd->add_option("--compression", opts->compression,
                    "Input compression: none or gzip (default: gzip for *.gz names and data that starts with "
                    "gzip's magic bytes)");
    cmd->add_option("--header", opts->headers, "A line put before each CSV input, e.g. an annotation (repeatable)")
        ->allow_extra_args(false);
    cmd->add_option("--skip-header", opts->skipHeader, "Skip the first N lines of each CSV input");
    cmd->add_option("--data", opts->dataDir, "Data folder of the embedded store (default $FLUXI_DATA or ./fluxi-data)");
    cmd->add_flag("--create-bucket", opts->createBucket, "Create the bucket (retention forever) when it does not exist");
    addDurabilityOption(cmd);
    cmd->add_flag("-v,--verbose", opts->verbose, "Print how many points were written");
    cmd->add_flag("--dry-run", opts->dryRun,
                  "Check the input and print the line protocol that would be written (timestamps in ns); write "
                  "nothing");
    cmd->add_option("--batch-size", opts->batchSize,
                    "Commit every N lines of line protocol (each batch atomic on its own; default: the whole "
                    "input in one transaction)")
        ->check(CLI::PositiveNumber);
    cmd->callback([opts, &exitCode] { exitCode = runWrite(*opts); });
}

}  // namespace fluxi::cli
