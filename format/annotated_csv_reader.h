// Reading InfluxDB annotated CSV (the format of /api/v2/query and of Flux's csv.from) into tables.
//
// Annotated mode: each block starts with annotation rows (#datatype, #group and #default are all
// required, in any order; other #annotations are ignored), then a header row `,result,table,col...`,
// then data rows. Column 0 is the annotation column (empty on data rows), column 1 the result name,
// column 2 the table id; neither result nor table becomes a column of the tables read.
//   - A new table starts at each annotation block and whenever the table id (or the result name)
//     of a row differs from the row before. A header with no data rows gives an empty table whose
//     group key values come from #default.
//   - #group marks the group key columns; the key values are those of the table's first row. As in
//     the reference implementation, later rows are not checked against them (its tests rely on it).
//   - An empty cell is the column's #default value, or null when #default is empty. (So an empty
//     string is read as null, as in Flux.)
//   - The result name is the row's result cell, or the #default result when that cell is empty.
//     Consecutive tables with the same result name form one result.
//   - Datatypes: string, long (int), unsignedLong (uint), double (float: also NaN, +Inf, -Inf),
//     boolean (true/false, also t/f, 1/0, TRUE/True/...), dateTime, dateTime:RFC3339 and
//     dateTime:RFC3339Nano (RFC3339 with optional fraction and offset; all the same to the reader;
//     times past the int64 nanosecond range wrap around as in the reference implementation).
//     `duration`, `base64Binary` and other datatypes are rejected with an error: fluxi columns have
//     no duration or bytes type, and the reference implementation rejects them too.
//   - A header whose result column is named `error` is a serialized query error: reading it raises
//     that error's message.
// Raw mode (csv.from(mode: "raw")): no annotations; the first row is the header, every column is a
// string column, all rows form one table of one result "_result" with an empty group key; empty
// cells are null.
//
// Fields may be quoted ("a,b", "say ""hi""", embedded newlines); blank lines are skipped; CRLF line
// ends and a leading UTF-8 byte order mark are accepted. Repeated string values in a column share
// one string object.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "eval/table.h"

namespace fluxi {

// A CSV syntax or content error. `line` is 1-based within the text; `column` is the header label of
// the offending column ("" when the error is not about one column).
class CsvError : public std::runtime_error {
public:
    CsvError(size_t line, std::string column, const std::string& what);
    size_t line() const { return line_; }
    const std::string& column() const { return column_; }
    // The message without the "line N" prefix.
    const std::string& detail() const { return detail_; }

private:
    size_t line_;
    std::string column_;
    std::string detail_;
};

// Where a table was in the text: the line of its block's header row and the line of each data row.
struct CsvTableLines {
    size_t header = 0;
    size_t firstRow = 0;         // 0 for a table without rows
    std::vector<size_t> rows;    // empty when row r is on line firstRow + r (no multi-line cells)
    size_t lineOfRow(size_t r) const { return rows.empty() ? firstRow + r : rows.at(r); }
};

struct CsvResult {
    std::string name;
    std::vector<TablePtr> tables;
    std::vector<CsvTableLines> lines;  // one per table
};

enum class CsvMode { Annotations, Raw };

// Parses the whole text. Throws CsvError on malformed input.
std::vector<CsvResult> readAnnotatedCsv(std::string_view text, CsvMode mode = CsvMode::Annotations);

// Parses a mode name as csv.from takes it ("annotations" or "raw"); false when unknown.
bool parseCsvMode(std::string_view name, CsvMode& out);

}  // namespace fluxi
