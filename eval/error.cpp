// Formatting of runtime errors with position, source line and Flux call stack.
#include "eval/error.h"

#include "parser/parser.h"

namespace fluxi {

std::string_view errorCodeName(ErrorCode c) {
    switch (c) {
        case ErrorCode::OK: return "ok";
        case ErrorCode::Canceled: return "canceled";
        case ErrorCode::Unknown: return "unknown";
        case ErrorCode::Invalid: return "invalid";
        case ErrorCode::DeadlineExceeded: return "deadline exceeded";
        case ErrorCode::NotFound: return "not found";
        case ErrorCode::AlreadyExists: return "already exists";
        case ErrorCode::PermissionDenied: return "permission denied";
        case ErrorCode::ResourceExhausted: return "resource exhausted";
        case ErrorCode::FailedPrecondition: return "failed precondition";
        case ErrorCode::Aborted: return "aborted";
        case ErrorCode::OutOfRange: return "out of range";
        case ErrorCode::Unimplemented: return "unimplemented";
        case ErrorCode::Internal: return "internal";
        case ErrorCode::Unavailable: return "unavailable";
        case ErrorCode::Unauthenticated: return "unauthenticated";
    }
    return "unknown";
}

std::string FluxError::format(const std::string* source) const {
    std::string out;
    if (hasLocation() && source) {
        out = formatDiagnostic(file_, *source, loc_, message_);
    } else if (hasLocation()) {
        out = file_ + ":" + std::to_string(loc_.line) + ":" + std::to_string(loc_.col) + ": error: " + message_ + "\n";
    } else {
        out = (file_.empty() ? std::string() : file_ + ": ") + "error: " + message_ + "\n";
    }
    for (auto& f : stack_) {
        out += "  in " + f.function;
        if (f.loc.line) out += " called at " + f.file + ":" + std::to_string(f.loc.line) + ":" + std::to_string(f.loc.col);
        out += "\n";
    }
    return out;
}

}  // namespace fluxi
