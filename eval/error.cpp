// Formatting of runtime errors with position, source line and Flux call stack.
#include "eval/error.h"

#include "parser/parser.h"

namespace fluxi {

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
