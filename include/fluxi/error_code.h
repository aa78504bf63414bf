// The kinds of error a run reports (RunResult::code of the embedding API, include/fluxi/fluxi.h;
// experimental.catch's numbers), numbered as the reference implementation numbers them.
#pragma once

#include <cstdint>
#include <string_view>

namespace fluxi {

// The kinds of error, numbered as the reference implementation numbers them (its `codes` package):
// experimental.catch reports the number, the embedding API the kind.
enum class ErrorCode : uint32_t {
    OK = 0,
    Canceled = 1,
    Unknown = 2,
    Invalid = 3,             // a bad argument or script: the default
    DeadlineExceeded = 4,
    NotFound = 5,            // a requested entity (bucket, table, package) does not exist
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,   // e.g. the call stack is too deep
    FailedPrecondition = 9,  // the data is not what the operation needs (division by zero, missing column)
    Aborted = 10,
    OutOfRange = 11,         // an index past the end
    Unimplemented = 12,      // something fluxi does not implement
    Internal = 13,           // a broken invariant of fluxi itself
    Unavailable = 14,
    Unauthenticated = 15,
};

// "invalid", "not found", ... as the reference spells them.
std::string_view errorCodeName(ErrorCode c);

}  // namespace fluxi
