// Writing results as InfluxDB annotated CSV, byte for byte as /api/v2/query does with the dialect
// `annotations: ["datatype", "group", "default"]`:
//
//     #datatype,string,long,dateTime:RFC3339,double,string
//     #group,false,false,false,false,true
//     #default,_result,,,,
//     ,result,table,_time,_value,host
//     ,,0,2021-01-01T00:00:00Z,1.5,a
//     ,,1,2021-01-01T00:00:00Z,2,b
//     (blank line)
//
// A new annotation block (preceded by a blank line) starts whenever a table's columns, types or
// group key columns differ from the previous table's. Tables are numbered from 0 within each
// result; the result name is in #default, so data rows leave the result cell empty. Each result
// ends with a blank line. An empty table gets its own block whose #default row carries its table
// number and group key values, and no data rows. Times print in RFC3339Nano (UTC, trailing zeros of
// the fraction trimmed), floats in the shortest form that reads back exactly, without exponent
// (+Inf, -Inf, NaN for the special values), nulls as empty cells; fields with a comma, quote, line
// break or leading space are quoted. Lines end with CRLF like InfluxDB's, unless options say LF.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "eval/execution.h"
#include "eval/stream.h"

namespace fluxi {

struct CsvWriteOptions {
    bool crlf = true;  // end lines with "\r\n" (InfluxDB); false: "\n"
    // The dialect of /api/v2/query: the annotation rows written before each header, in this order
    // (each one of "datatype", "group", "default"); without "default" the data rows carry the result
    // name in their result cell. `header` false leaves out the header row; `delimiter` separates
    // fields (one ASCII character other than CR, LF and '"').
    std::vector<std::string> annotations{"datatype", "group", "default"};
    bool header = true;
    char delimiter = ',';
};

// Writes every result in order, pulling each stream's tables one at a time.
void writeAnnotatedCsv(const std::vector<NamedResult>& results, std::ostream& out, const CsvWriteOptions& opts = {});

// Writes one result (table numbers from 0) followed by its terminating blank line.
void writeAnnotatedCsvResult(std::string_view name, const StreamObj& stream, std::ostream& out,
                             const CsvWriteOptions& opts = {});

// Writes a query error the way InfluxDB reports an error in a CSV response:
//     #datatype,string,string / #group,true,true / #default,, / ,error,reference / ,MESSAGE,
// preceded by a blank line when `afterOutput` (something was written before). The reader raises
// such a block as an error.
void writeAnnotatedCsvError(std::string_view message, bool afterOutput, std::ostream& out,
                            const CsvWriteOptions& opts = {});

}  // namespace fluxi
