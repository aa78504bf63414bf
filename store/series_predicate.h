// A predicate over series (not rows): comparisons of `_measurement`, `_field` or a tag with a string
// or a regular expression, combined with and/or. Used by the store's scans; built by the filter
// push-down (store/pushdown.h) from a Flux filter function.
//
// Null logic follows Flux: a comparison that reads a tag the series does not have is null; `and`
// is false when either side is false, `or` is true when either side is true, otherwise a null side
// makes the result null. A series is kept only when the predicate is true.
#pragma once

#include <memory>
#include <string>

#include <re2/re2.h>

#include "store/store.h"

namespace fluxi::store {

enum class Truth : uint8_t { False, True, Null };

class SeriesPredicate {
public:
    enum class Op : uint8_t { And, Or, Eq, Neq, Match, NotMatch };

    static std::unique_ptr<SeriesPredicate> compare(Op op, std::string column, std::string value);
    // `regex` must have compiled (ok()).
    static std::unique_ptr<SeriesPredicate> match(Op op, std::string column, std::shared_ptr<const re2::RE2> regex);
    static std::unique_ptr<SeriesPredicate> logical(Op op, std::unique_ptr<SeriesPredicate> l,
                                                    std::unique_ptr<SeriesPredicate> r);

    Truth eval(const SeriesInfo& s) const;
    bool matches(const SeriesInfo& s) const { return eval(s) == Truth::True; }

    // e.g. `_measurement == "cpu" and (host =~ /a.*/ or _field != "x")`, for messages and tests.
    std::string describe() const;

    Op op() const { return op_; }

private:
    Op op_ = Op::Eq;
    std::string column_;
    std::string value_;
    std::shared_ptr<const re2::RE2> regex_;
    std::unique_ptr<SeriesPredicate> left_, right_;
};

}  // namespace fluxi::store
