// Evaluation of series predicates (see series_predicate.h).
#include "store/series_predicate.h"

namespace fluxi::store {

std::unique_ptr<SeriesPredicate> SeriesPredicate::compare(Op op, std::string column, std::string value) {
    auto p = std::make_unique<SeriesPredicate>();
    p->op_ = op;
    p->column_ = std::move(column);
    p->value_ = std::move(value);
    return p;
}

std::unique_ptr<SeriesPredicate> SeriesPredicate::match(Op op, std::string column,
                                                        std::shared_ptr<const re2::RE2> regex) {
    auto p = std::make_unique<SeriesPredicate>();
    p->op_ = op;
    p->column_ = std::move(column);
    p->regex_ = std::move(regex);
    return p;
}

std::unique_ptr<SeriesPredicate> SeriesPredicate::logical(Op op, std::unique_ptr<SeriesPredicate> l,
                                                          std::unique_ptr<SeriesPredicate> r) {
    auto p = std::make_unique<SeriesPredicate>();
    p->op_ = op;
    p->left_ = std::move(l);
    p->right_ = std::move(r);
    return p;
}

Truth SeriesPredicate::eval(const SeriesInfo& s) const {
    switch (op_) {
        case Op::And: {
            Truth l = left_->eval(s);
            if (l == Truth::False) return Truth::False;
            Truth r = right_->eval(s);
            if (r == Truth::False) return Truth::False;
            return (l == Truth::Null || r == Truth::Null) ? Truth::Null : Truth::True;
        }
        case Op::Or: {
            Truth l = left_->eval(s);
            if (l == Truth::True) return Truth::True;
            Truth r = right_->eval(s);
            if (r == Truth::True) return Truth::True;
            return (l == Truth::Null || r == Truth::Null) ? Truth::Null : Truth::False;
        }
        default: break;
    }
    const std::string* v;
    if (column_ == "_measurement")
        v = &s.measurement;
    else if (column_ == "_field")
        v = &s.field;
    else
        v = s.tag(column_);
    if (!v) return Truth::Null;
    bool r = false;
    switch (op_) {
        case Op::Eq: r = *v == value_; break;
        case Op::Neq: r = *v != value_; break;
        case Op::Match: r = re2::RE2::PartialMatch(*v, *regex_); break;
        case Op::NotMatch: r = !re2::RE2::PartialMatch(*v, *regex_); break;
        default: break;
    }
    return r ? Truth::True : Truth::False;
}

std::string SeriesPredicate::describe() const {
    auto quote = [](const std::string& s) {
        std::string out = "\"";
        for (char c : s) {
            if (c == '"' || c == '\\') out.push_back('\\');
            out.push_back(c);
        }
        return out + "\"";
    };
    switch (op_) {
        case Op::And: return "(" + left_->describe() + " and " + right_->describe() + ")";
        case Op::Or: return "(" + left_->describe() + " or " + right_->describe() + ")";
        case Op::Eq: return column_ + " == " + quote(value_);
        case Op::Neq: return column_ + " != " + quote(value_);
        case Op::Match: return column_ + " =~ /" + regex_->pattern() + "/";
        case Op::NotMatch: return column_ + " !~ /" + regex_->pattern() + "/";
    }
    return "?";
}

}  // namespace fluxi::store
