// Shared helpers of the verbs: reading a script from a file or stdin, and printing results in the
// formats `--format` names (table, csv, json).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "eval/execution.h"

namespace fluxi::cli {

enum class OutputFormat { Table, Csv, Json };

// "" picks table on a terminal and csv otherwise. False for an unknown name.
bool parseOutputFormat(const std::string& name, OutputFormat& out);

// Reads FILE ("-" = stdin); on failure prints "fluxi: cannot read FILE: reason" and returns false.
bool readSource(const std::string& path, std::string& source, std::string& displayName);

// `tableWidth`: for the table format, the width to fit tables in (0: no limit; see table_printer.h).
void writeResults(const std::vector<NamedResult>& results, OutputFormat fmt, std::ostream& out, size_t tableWidth = 0);

}  // namespace fluxi::cli
