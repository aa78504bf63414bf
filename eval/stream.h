// Streams of tables. A stream value is a recipe that can be opened any number of times; each open()
// yields its tables one by one, pulling from its inputs, so a pipeline holds one table per stage
// at a time (blocking stages such as group() or sort() gather only what they must).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eval/table.h"
#include "eval/value.h"

namespace fluxi {

namespace agg {
struct FusedAggregate;  // eval/kernels/aggregate_builtins.h
}

class TableIterator {
public:
    virtual ~TableIterator() = default;
    // The next table, or nullptr at the end. Throws FluxError on failure.
    virtual TablePtr next() = 0;
};

// The time range [start, stop) a stream's rows were selected from, when known -- what Flux's planner
// calls the query bounds. range() sets it on its output; the recipes below (map, flat-map, blocking)
// carry it over from their input. window() and aggregateWindow() clip their windows to it.
struct TimeBounds {
    int64_t start = INT64_MIN;
    int64_t stop = INT64_MAX;
};

struct StreamObj : HeapObject {
    // The builtin call that made the stream (when made inside one): errors raised while its tables
    // are produced later, lazily, without a position of their own (limits, out of memory) take it.
    StreamObj();
    std::string siteFile;
    ast::SourceLoc siteLoc;
    // Human-readable name of the producing function ("filter", "csv.from", ...), for messages.
    std::string origin;
    // Query bounds of the rows (see TimeBounds); empty when no range() precedes this stream.
    std::optional<TimeBounds> bounds;
    virtual std::unique_ptr<TableIterator> open() const = 0;

    // Push-down hooks. A source that can do the work itself (the store behind from()) returns a new
    // stream that does it; the default returns null and the caller (range, filter) does the work.
    // `fn` is the filter predicate closure; a source accepts it only when it can evaluate all of it.
    virtual Ref<StreamObj> withRange(int64_t /*start*/, int64_t /*stop*/) const { return {}; }
    virtual Ref<StreamObj> withFilter(const Value& /*fn*/) const { return {}; }
    // An aggregate or selector of each table's `_value` (count, sum, mean, min, max, first, last):
    // the returned stream's tables must equal `perTable` applied to each table of this stream (a
    // source may call perTable itself for the tables it cannot answer otherwise).
    virtual Ref<StreamObj> withAggregate(const agg::FusedAggregate& /*what*/,
                                         std::function<TablePtr(const TablePtr&)> /*perTable*/) const {
        return {};
    }
};

inline Value Value::stream(Ref<StreamObj> s) { return fromObj(Kind::Stream, s.get()); }
inline const StreamObj& Value::asStream() const { return *static_cast<const StreamObj*>(u_.obj); }

// A stream whose tables are already in memory (csv.from, array.from, results of blocking stages).
StreamRef makeMaterializedStream(std::vector<TablePtr> tables, std::string origin);

// A stream that applies `fn` to each input table; a null result drops that table.
StreamRef makeMapTablesStream(StreamRef input, std::function<TablePtr(const TablePtr&)> fn, std::string origin);

// A stream that turns each input table into zero or more tables.
StreamRef makeFlatMapStream(StreamRef input, std::function<std::vector<TablePtr>(const TablePtr&)> fn,
                            std::string origin);

// A stream that needs all of its input before it can produce anything (group, sort across tables).
StreamRef makeBlockingStream(StreamRef input,
                             std::function<std::vector<TablePtr>(std::vector<TablePtr>)> fn, std::string origin);

// Reads a whole stream into memory.
std::vector<TablePtr> collect(const StreamObj& s);

}  // namespace fluxi
