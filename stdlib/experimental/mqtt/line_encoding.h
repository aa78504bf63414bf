// The line protocol mqtt.to() sends, as the reference writes it (InfluxData's Go line-protocol
// encoder with fields sorted and errors on bad fields):
//
//     name[,tag=value...] field=value[,field=value...] timestamp\n
//
// Tags in table column order (a tag with an empty or null value is left out), fields sorted by
// name; floats in plain decimal ("1.5", "3"), ints and uints with an "i" suffix (a uint above
// 2^63-1 is written as 9223372036854775807i, as the reference does), strings quoted, bools
// true/false, the timestamp in nanoseconds. Names, tag keys/values and field keys escape tab, newline,
// form feed and carriage return (as \t \n \f \r), comma and space, keys and values also '='; string
// fields escape those control characters, '"' and '\'.
#pragma once

#include <string>
#include <vector>

#include "eval/table.h"

namespace fluxi::mqtt {

struct LineSpec {
    std::string name;        // the measurement for every row, or "" to read nameColumn
    std::string nameColumn = "_measurement";
    std::string timeColumn = "_time";
    std::vector<std::string> tagColumns;
    std::vector<std::string> valueColumns = {"_value"};
};

// One table's rows as lines, and the topic the reference derives from the first line when none is
// given ("/name/tagkey/tagvalue/..."). Throws std::invalid_argument with a message for a missing
// or mistyped time, measurement, tag or value column, NaN or infinite floats, a row without a
// measurement name. A null time writes the line without a timestamp; null fields are left out, and
// a row whose fields are all null writes no line.
struct EncodedTable {
    std::string lines;
    std::string firstTopic;
};
EncodedTable encodeTable(const Table& t, const LineSpec& spec);

}  // namespace fluxi::mqtt
