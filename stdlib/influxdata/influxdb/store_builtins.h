// The builtins over the embedded store, shared by the universe and the influxdata/influxdb package
// (which register the same functions under both names).
#pragma once

#include "eval/builtin.h"

namespace fluxi {

inline constexpr const char* kFromSignature = "?bucket, ?bucketID, ?org, ?orgID, ?host, ?token";
inline constexpr const char* kToSignature =
    "<-tables, ?bucket, ?bucketID, ?org, ?orgID, ?host, ?token, ?timeColumn, ?measurementColumn, ?tagColumns, "
    "?fieldFn";
inline constexpr const char* kBucketsSignature = "?org, ?orgID, ?host, ?token";
inline constexpr const char* kWideToSignature = "<-tables, ?bucket, ?bucketID, ?org, ?orgID, ?host, ?token";

Value fromStore(CallContext& ctx, const Args& args);     // from.cpp
Value toStore(CallContext& ctx, const Args& args);       // to.cpp
// to() with `fname` in messages; pivoted: wide rows, tags from the group key (experimental.to, wideTo).
Value writeTablesToStore(CallContext& ctx, const Args& args, bool pivoted, std::string_view fname);  // to.cpp
Value bucketsOfStore(CallContext& ctx, const Args& args);  // buckets.cpp

}  // namespace fluxi
