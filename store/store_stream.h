// The stream behind from(): the tables of one bucket of the store, one per series (and value type),
// shaped as InfluxDB gives them. It takes over range() and filter() work pushed down to it
// (StreamObj::withRange / withFilter): the time range and series predicates become part of its scan.
#pragma once

#include <memory>
#include <string>

#include "eval/stream.h"
#include "store/store.h"

namespace fluxi::store {

struct StoreStreamOptions {
    // Take over range() and filter() (false: decline, so those builtins do the work; an unranged
    // stream then reads all time instead of failing, so results can be compared with push-down on).
    bool pushdown = true;
    int64_t now = 0;  // ns; the reference time for bucket retention
};

// Tables with columns _start, _stop, _time, _value, _field, _measurement and the tags (sorted by
// key), group key _start, _stop, _field, _measurement and the tags, rows sorted by time, tables in
// series order (measurement, tags, field). Opening it without a range (with push-down on) throws
// FluxError "cannot submit unbounded read", as InfluxDB does.
StreamRef makeStoreStream(std::shared_ptr<Store> store, BucketInfo bucket, StoreStreamOptions options);

}  // namespace fluxi::store
