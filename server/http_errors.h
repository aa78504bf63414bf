// InfluxDB's JSON error body, {"code":"invalid","message":"..."}, with the HTTP status that goes
// with each code, and the mapping from a Flux error code (eval/error.h) to them.
#pragma once

#include <string>
#include <string_view>

#include "eval/error.h"

namespace httplib {
struct Response;
}

namespace fluxi::server {

// InfluxDB's error codes (influxdb/errors.go) and their statuses.
struct HttpErrorKind {
    int status;
    const char* code;
};
inline constexpr HttpErrorKind kInvalid{400, "invalid"};
inline constexpr HttpErrorKind kUnauthorized{401, "unauthorized"};
inline constexpr HttpErrorKind kForbidden{403, "forbidden"};
inline constexpr HttpErrorKind kNotFound{404, "not found"};
inline constexpr HttpErrorKind kMethodNotAllowed{405, "method not allowed"};
inline constexpr HttpErrorKind kConflict{409, "conflict"};
inline constexpr HttpErrorKind kTooLarge{413, "request too large"};
inline constexpr HttpErrorKind kUnsupportedMediaType{415, "unsupported media type"};
inline constexpr HttpErrorKind kUnprocessable{422, "unprocessable entity"};
inline constexpr HttpErrorKind kTooManyRequests{429, "too many requests"};
inline constexpr HttpErrorKind kInternal{500, "internal error"};
inline constexpr HttpErrorKind kNotImplemented{501, "not implemented"};
inline constexpr HttpErrorKind kUnavailable{503, "unavailable"};

// The JSON body for an error.
std::string errorBody(const HttpErrorKind& kind, std::string_view message);
// Sets status, Content-Type and the JSON body on `res`.
void sendError(httplib::Response& res, const HttpErrorKind& kind, std::string_view message);

// The HTTP error for a failed Flux run with this code: invalid scripts 400, missing buckets 404,
// unimplemented features 501, unavailable services 503, ...; fluxi's own failures 500.
HttpErrorKind errorKindOf(ErrorCode code);

}  // namespace fluxi::server
