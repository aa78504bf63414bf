// Quoting for InfluxQL and the tag conditions of pushed-down filters (see influxql.h).
#include "stdlib/fluxi/influxdb1/influxql.h"

#include "eval/error.h"

namespace fluxi::influxdb1 {

namespace {

std::string escaped(const std::string& s, char quote) {
    std::string out(1, quote);
    for (char c : s) {
        if (c == quote || c == '\\') out.push_back('\\');
        out.push_back(c);
    }
    out.push_back(quote);
    return out;
}

Condition constant(bool v) { return {v ? Condition::Kind::True : Condition::Kind::False, ""}; }
Condition tags(std::string q) { return {Condition::Kind::Tags, std::move(q)}; }

}  // namespace

std::string quoteIdent(const std::string& name) { return escaped(name, '"'); }
std::string quoteString(const std::string& text) { return escaped(text, '\''); }

bool ConditionBuilder::matches(const std::string& pattern, const std::string& text) {
    auto it = regexes_.find(pattern);
    if (it == regexes_.end()) {
        auto re = std::make_unique<re2::RE2>(pattern, re2::RE2::Quiet);
        if (!re->ok()) throw FluxError(ErrorCode::Invalid, "influxdb1.from: invalid regex /" + pattern + "/: " + re->error());
        it = regexes_.emplace(pattern, std::move(re)).first;
    }
    return re2::RE2::PartialMatch(text, *it->second);
}

Condition ConditionBuilder::of(const remote::Predicate& p, const std::string& measurement, const std::string& field) {
    using Op = remote::Predicate::Op;
    using K = Condition::Kind;
    if (p.op == Op::And || p.op == Op::Or) {
        Condition a = of(*p.left, measurement, field);
        Condition b = of(*p.right, measurement, field);
        K absorbing = p.op == Op::And ? K::False : K::True;
        if (a.kind == absorbing || b.kind == absorbing) return constant(absorbing == K::True);
        if (a.kind != K::Tags) return b;  // the neutral constant
        if (b.kind != K::Tags) return a;
        return tags("(" + a.influxql + (p.op == Op::And ? " AND " : " OR ") + b.influxql + ")");
    }
    if (p.column == "_measurement" || p.column == "_field") {
        const std::string& v = p.column == "_measurement" ? measurement : field;
        switch (p.op) {
            case Op::Eq: return constant(v == p.value);
            case Op::Neq: return constant(v != p.value);
            case Op::Match: return constant(matches(p.value, v));
            case Op::NotMatch: return constant(!matches(p.value, v));
            default: break;
        }
    }
    const std::string tag = quoteIdent(p.column) + "::tag";
    const std::string present = tag + " != ''";
    switch (p.op) {
        case Op::Eq: return p.value.empty() ? constant(false) : tags(tag + " = " + quoteString(p.value));
        case Op::Neq:
            return p.value.empty() ? tags(present) : tags("(" + tag + " != " + quoteString(p.value) + " AND " + present + ")");
        case Op::Match: return tags("(" + tag + " =~ " + remote::regexLiteral(p.value) + " AND " + present + ")");
        case Op::NotMatch: return tags("(" + tag + " !~ " + remote::regexLiteral(p.value) + " AND " + present + ")");
        default: break;
    }
    return constant(false);
}

}  // namespace fluxi::influxdb1
