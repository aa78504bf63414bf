// Shared helpers of the verbs (see output.h).
#include "cli/output.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "format/annotated_csv_writer.h"
#include "format/json_writer.h"
#include "format/table_printer.h"

namespace fluxi::cli {

bool parseOutputFormat(const std::string& name, OutputFormat& out) {
    if (name.empty()) {
        out = isatty(STDOUT_FILENO) ? OutputFormat::Table : OutputFormat::Csv;
        return true;
    }
    if (name == "table") out = OutputFormat::Table;
    else if (name == "csv") out = OutputFormat::Csv;
    else if (name == "json") out = OutputFormat::Json;
    else return false;
    return true;
}

bool readSource(const std::string& path, std::string& source, std::string& displayName) {
    std::ostringstream ss;
    if (path == "-") {
        ss << std::cin.rdbuf();
        displayName = "<stdin>";
    } else {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            std::cerr << "fluxi: cannot read " << path << ": " << std::strerror(errno) << "\n";
            return false;
        }
        ss << in.rdbuf();
        displayName = path;
    }
    source = ss.str();
    return true;
}

void writeResults(const std::vector<NamedResult>& results, OutputFormat fmt, std::ostream& out, size_t tableWidth) {
    switch (fmt) {
        case OutputFormat::Table: printTables(results, out, tableWidth); break;
        case OutputFormat::Csv: writeAnnotatedCsv(results, out); break;
        case OutputFormat::Json: writeJsonResults(results, out); break;
    }
}

}  // namespace fluxi::cli
