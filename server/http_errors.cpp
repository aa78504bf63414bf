// InfluxDB-style JSON error bodies (see http_errors.h).
#include "server/http_errors.h"

#include <httplib.h>

#include "format/json_writer.h"

namespace fluxi::server {

std::string errorBody(const HttpErrorKind& kind, std::string_view message) {
    std::string out = "{\"code\":";
    appendJsonString(out, kind.code);
    out += ",\"message\":";
    appendJsonString(out, message);
    out += "}";
    return out;
}

void sendError(httplib::Response& res, const HttpErrorKind& kind, std::string_view message) {
    res.status = kind.status;
    res.set_content(errorBody(kind, message), "application/json; charset=utf-8");
}

HttpErrorKind errorKindOf(ErrorCode code) {
    switch (code) {
        case ErrorCode::Invalid:
        case ErrorCode::FailedPrecondition:
        case ErrorCode::OutOfRange:
        case ErrorCode::AlreadyExists: return kInvalid;
        case ErrorCode::NotFound: return kNotFound;
        case ErrorCode::PermissionDenied: return kForbidden;
        case ErrorCode::Unauthenticated: return kUnauthorized;
        case ErrorCode::ResourceExhausted: return kTooManyRequests;
        case ErrorCode::Unimplemented: return kNotImplemented;
        case ErrorCode::Unavailable: return kUnavailable;
        default: return kInternal;
    }
}

}  // namespace fluxi::server
