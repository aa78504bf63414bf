// Stream kernels shared by the table transformations: a per-table stream that regroups only when
// a transformation changes group keys, the concatenation of several streams, and a stream whose
// side effect (writing to a database, publishing to a broker) runs once however often it is read.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "eval/stream.h"
#include "eval/table.h"

namespace fluxi::tableops {

// A stream applying `fn` to each input table. While each result keeps the key of its input table,
// tables flow one at a time. As soon as a result has a different key (a group key column was
// dropped, renamed onto another, or given new values), the rest of the input is gathered and the
// results are merged by key, as Flux requires one table per group key. (Tables already passed on
// before that point are not revisited.) The input's query bounds carry over.
StreamRef makeRegroupStream(StreamRef input, std::function<std::vector<TablePtr>(const TablePtr&)> fn,
                            std::string origin);

// The tables of several streams one after another (lazy). Its query bounds span the inputs'
// bounds when every input has some.
StreamRef makeConcatStream(std::vector<StreamRef> inputs, std::string origin);

// A stream that hands its whole input to `effect` on the first open and then gives the tables
// `effect` returned. Later opens (the same stream yielded twice, or read by two consumers) give
// those tables again, or throw the same error again, without reading the input or running `effect`
// a second time: a side effect such as an SQL transaction or an MQTT message happens once per call.
StreamRef makeOnceStream(StreamRef input, std::function<std::vector<TablePtr>(std::vector<TablePtr>)> effect,
                         std::string origin);

}  // namespace fluxi::tableops
