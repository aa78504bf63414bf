// Reading the answer of an InfluxQL server's /query (InfluxDB 1.x JSON, `epoch=ns`): one document,
// or with `chunked=true` one document per line, each holding a part of the statements' series.
// The parts of one series are joined; each series' columns are typed as the caller says.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "eval/table.h"

namespace fluxi::influxdb1 {

struct AnsweredSeries {
    std::string measurement;
    std::vector<std::pair<std::string, std::string>> tags;  // tags with a value, sorted by key
    std::shared_ptr<Column> times;                         // ColType::Time
    std::vector<std::shared_ptr<Column>> values;           // one per selected column, nulls kept
};

struct StatementAnswer {
    std::vector<AnsweredSeries> series;  // in the order the server sent them
};

// `types[i]` are the types of statement i's columns after `time` (the first column, always there). Throws FluxError with the
// server's message for a statement that failed (prefixed by `what`, which names the request), and
// for an answer that is not what InfluxDB sends.
std::vector<StatementAnswer> readQueryAnswer(std::string_view body, const std::vector<std::vector<ColType>>& types,
                                             const std::string& what);

}  // namespace fluxi::influxdb1
