// Runtime errors. A FluxError carries the message, the kind of error (the reference's error codes),
// the source position of the expression that failed and the Flux call stack at that point; builtins
// throw it through CallContext::fail.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string_view>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "fluxi/error_code.h"

namespace fluxi {

// ErrorCode and errorCodeName: include/fluxi/error_code.h (public: the embedding API reports it).

struct StackFrame {
    std::string function;  // Flux function name ("<anonymous>" for an unnamed closure)
    std::string file;
    ast::SourceLoc loc;    // the call site
};

class FluxError : public std::runtime_error {
public:
    FluxError(std::string message, std::string file = {}, ast::SourceLoc loc = {})
        : FluxError(ErrorCode::Invalid, std::move(message), std::move(file), loc) {}
    FluxError(ErrorCode code, std::string message, std::string file = {}, ast::SourceLoc loc = {})
        : std::runtime_error(message), message_(std::move(message)), file_(std::move(file)), loc_(loc), code_(code) {}

    const std::string& message() const { return message_; }
    const std::string& file() const { return file_; }
    ast::SourceLoc loc() const { return loc_; }
    bool hasLocation() const { return loc_.line != 0; }
    const std::vector<StackFrame>& stack() const { return stack_; }
    ErrorCode code() const { return code_; }

    // Set the position once: the innermost expression that knows where it is wins.
    void setLocationIfUnset(const std::string& file, ast::SourceLoc loc) {
        if (!hasLocation()) {
            file_ = file;
            loc_ = loc;
        }
    }
    void pushFrame(StackFrame f) { stack_.push_back(std::move(f)); }

    // "FILE:LINE:COL: error: MESSAGE" (+ the source line and caret when `source` is given,
    // + "  in FUNCTION called at FILE:LINE:COL" lines for the stack).
    std::string format(const std::string* source = nullptr) const;

private:
    std::string message_;
    std::string file_;
    ast::SourceLoc loc_;
    std::vector<StackFrame> stack_;
    ErrorCode code_ = ErrorCode::Invalid;
};

}  // namespace fluxi
