// Compiling Flux regular expressions (RE2 syntax).
#include "eval/regex.h"

#include "eval/error.h"

namespace fluxi {

RegexObj::RegexObj(std::string p) : pattern(std::move(p)) {
    re2::RE2::Options opts;
    opts.set_log_errors(false);
    re = std::make_unique<re2::RE2>(pattern, opts);
}

Ref<RegexObj> compileRegex(const std::string& pattern) {
    auto r = make<RegexObj>(pattern);
    if (!r->re->ok()) throw FluxError("invalid regular expression /" + pattern + "/: " + r->re->error());
    return r;
}

}  // namespace fluxi
