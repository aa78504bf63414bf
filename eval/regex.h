// Regular-expression values: a compiled RE2 pattern (Flux regexes use RE2 syntax).
#pragma once

#include <memory>
#include <string>

#include <re2/re2.h>

#include "eval/value.h"

namespace fluxi {

struct RegexObj final : HeapObject {
    std::string pattern;
    std::unique_ptr<re2::RE2> re;
    // Compiles `pattern`; on a bad pattern, `re->ok()` is false and `re->error()` says why.
    explicit RegexObj(std::string p);
};

inline Value Value::regexp(Ref<RegexObj> r) { return fromObj(Kind::Regexp, r.get()); }
inline const RegexObj& Value::asRegexp() const { return *static_cast<const RegexObj*>(u_.obj); }

// Compiles or throws FluxError("invalid regular expression ...").
Ref<RegexObj> compileRegex(const std::string& pattern);

}  // namespace fluxi
