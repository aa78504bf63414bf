// Fuzz target "csv": the annotated CSV reader (format/annotated_csv_reader.h) in both modes on any
// bytes. Malformed input must be a CsvError with a line number inside the input; what reads must
// write back as annotated CSV (format/annotated_csv_writer.h) that reads again into as many tables
// and rows.
#include <algorithm>
#include <sstream>
#include <string>

#include "eval/stream.h"
#include "format/annotated_csv_reader.h"
#include "format/annotated_csv_writer.h"
#include "fuzz/fuzz_target.h"

namespace {

using namespace fluxi;

struct Counts {
    size_t tables = 0, rows = 0;
};

Counts count(const std::vector<CsvResult>& results) {
    Counts c;
    for (const CsvResult& r : results) {
        fuzz::require(r.lines.size() == r.tables.size(), "a table without its line numbers");
        c.tables += r.tables.size();
        for (const TablePtr& t : r.tables) {
            fuzz::require(t != nullptr, "a null table");
            fuzz::require(t->cols.size() == t->meta.size(), "a table whose columns and metadata disagree");
            for (const ColumnPtr& col : t->cols) fuzz::require(col->size() == t->nrows, "a column of the wrong length");
            c.rows += t->nrows;
        }
    }
    return c;
}

// Reads `text`; false (after checking the error's line) when it is malformed.
bool read(std::string_view text, CsvMode mode, std::vector<CsvResult>& out) {
    try {
        out = readAnnotatedCsv(text, mode);
        return true;
    } catch (const CsvError& e) {
        const size_t lines = 1 + static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
        fuzz::require(e.line() >= 1 && e.line() <= lines + 1, "CSV error on a line outside the input");
        fuzz::require(!e.detail().empty(), "CSV error without a message");
        return false;
    }
}

}  // namespace

FLUXI_FUZZ_TARGET("csv") {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (CsvMode mode : {CsvMode::Annotations, CsvMode::Raw}) {
        std::vector<CsvResult> results;
        if (!read(text, mode, results)) continue;
        const Counts before = count(results);
        std::vector<NamedResult> named;
        for (const CsvResult& r : results) named.push_back({r.name, makeMaterializedStream(r.tables, "csv")});
        std::ostringstream written;
        writeAnnotatedCsv(named, written);
        std::vector<CsvResult> again;
        fuzz::require(read(written.str(), CsvMode::Annotations, again), "the CSV written does not read back");
        const Counts after = count(again);
        fuzz::require(after.tables == before.tables && after.rows == before.rows,
                      "the CSV written reads back with other tables or rows");
    }
}
