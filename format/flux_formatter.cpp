// The Flux formatter (see format/flux_formatter.h). The AST says what to print; the token stream
// of the source (parser/parser.h lexFlux) supplies what the AST does not keep: comments (each one
// belongs to the token that follows it and is printed right before that token, as the reference
// parser attaches them), the exact text of string literals, and which form a member access was
// written in. Layout decisions are made by format/pretty_doc's renderer.
#include "format/flux_formatter.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <cstring>

#include "format/pretty_doc.h"
#include "format/rfc3339.h"
#include "parser/parser.h"

namespace fluxi::format {

namespace {

using namespace fluxi::pretty;

constexpr int kIndent = 4;
constexpr size_t kMultiline = 4;  // lists with more items than this are always one item per line
constexpr size_t kWidth = 100;

struct Comment {
    std::string text;  // "// ...\n" (the newline is part of it unless the file ends there)
    bool used = false;
};

// A prefix and suffix around a body that the layout tries to keep on the line before the body
// ("hanging"), e.g. `x =` and `{` ... `}` around a record's properties.
struct Affixes {
    Doc prefix, suffix;
    bool nest = false;
};

Affixes affixes(Doc prefix, Doc suffix, bool nested = false) { return {std::move(prefix), std::move(suffix), nested}; }

// Tries the layouts that keep as many prefixes as possible on one line, the first that fits wins:
//   x = () => {        x = () =>          x =
//       ...                {                  () =>
//   }                          ...                {
//                          }                          ...
Doc formatHang(const std::vector<Affixes>& surrounding, const Doc& body) {
    if (surrounding.empty()) return body;
    const Doc failOnMultiLine = flatAlt(fail(), nil());
    const size_t n = surrounding.size();
    Doc result;
    bool have = false;
    for (size_t split = n; split >= 1; --split) {
        const bool last = split == 1;
        Doc prefixes, beforeSuffixes, afterSuffixes;
        bool allNil = true;
        for (size_t i = 0; i < split; ++i) {
            prefixes = cat(prefixes, surrounding[i].prefix);
            beforeSuffixes = cat(beforeSuffixes, surrounding[i].suffix);
            allNil = allNil && isNil(surrounding[i].prefix);
        }
        for (size_t i = split; i < n; ++i) afterSuffixes = cat(afterSuffixes, surrounding[i].suffix);
        Doc inner = cat(nest(cat(body, !last && allNil ? failOnMultiLine : nil()), kIndent), afterSuffixes);
        for (size_t i = n; i-- > split;) {
            Doc d = cat(surrounding[i].prefix, inner);
            if (surrounding[i].nest) d = nest(d, kIndent);
            inner = group(d);
        }
        Doc alternative = cat(group(cat(prefixes, last ? nil() : failOnMultiLine)), group(cat(inner, beforeSuffixes)));
        result = have ? unionOf(result, alternative) : alternative;
        have = true;
    }
    return result;
}

struct HangDoc {
    std::vector<Affixes> affixes;  // innermost first
    Doc body;

    void addPrefix(const Doc& d) {
        if (!affixes.empty())
            affixes.back().prefix = cat(d, affixes.back().prefix);
        else
            body = cat(d, body);
    }
    Doc format() const {
        std::vector<Affixes> outerFirst(affixes.rbegin(), affixes.rend());
        return formatHang(outerFirst, body);
    }
};

Doc commaListWith(const std::vector<Doc>& items, const Doc& lineDoc) {
    std::vector<Doc> grouped;
    grouped.reserve(items.size());
    for (const Doc& d : items) grouped.push_back(group(d));
    Doc trailingComma = items.empty() ? nil() : flatAlt(text(","), nil());
    return cat(intersperse(grouped, cat(text(","), lineDoc)), trailingComma);
}

struct ItemList {
    Doc open, body, close;
};

ItemList formatItemList(const char* open, const char* close, const Doc& trailingComments,
                        const std::vector<Doc>& items) {
    const bool multiline = items.size() > kMultiline;
    const Doc ln = multiline ? hardline() : line();
    const Doc ln_ = multiline ? hardline() : line_();
    return {text(open), cat(ln_, commaListWith(items, ln)),
            cat({isNil(trailingComments) ? ln_ : nil(), trailingComments, text(close)})};
}

std::string escapeString(const std::string& s) {
    std::string out;
    out.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '"' || c == '\\' || (c == '$' && i + 1 < s.size() && s[i + 1] == '{')) out += '\\';
        out += c;
    }
    return out;
}

bool isIdentifierText(const std::string& s) {
    if (s.empty()) return false;
    for (size_t i = 0; i < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        const bool letter = std::isalpha(c) || c == '_' || c >= 0x80;
        if (!(letter || (i > 0 && std::isdigit(c)))) return false;
    }
    return true;
}

// Binding strength, lower binds tighter (0: an operand that never needs parentheses). As an
// operand, a prefix `-`/`+` counts as loosely as `+` (the reference writes `n * (-1)`); as an operator
// it binds tighter than any binary operator, so `-(a + b)` keeps its parentheses.
int precedence(const ast::Expr& e, bool asParent) {
    switch (e.kind) {
        case ast::NodeKind::CallExpr:
        case ast::NodeKind::MemberExpr:
        case ast::NodeKind::IndexExpr:
            return 2;
        case ast::NodeKind::UnaryExpr: {
            const auto op = static_cast<const ast::UnaryExpr&>(e).op;
            if (op == ast::UnaryOp::Neg || op == ast::UnaryOp::Pos) return asParent ? 3 : 12;
            return 16;
        }
        case ast::NodeKind::PipeExpr: return 4;
        case ast::NodeKind::FunctionExpr: return 6;
        case ast::NodeKind::BinaryExpr:
            switch (static_cast<const ast::BinaryExpr&>(e).op) {
                case ast::BinaryOp::Pow: return 8;
                case ast::BinaryOp::Mul:
                case ast::BinaryOp::Div:
                case ast::BinaryOp::Mod: return 10;
                case ast::BinaryOp::Add:
                case ast::BinaryOp::Sub: return 12;
                default: return 14;
            }
        case ast::NodeKind::LogicalExpr:
            return static_cast<const ast::LogicalExpr&>(e).op == ast::LogicalOp::And ? 18 : 20;
        case ast::NodeKind::ConditionalExpr: return 22;
        default: return 0;
    }
}

bool needsParens(const ast::Expr& parent, const ast::Expr& child, bool isRight) {
    const int p = precedence(parent, true), c = precedence(child, false);
    if (p == 0 || c == 0) return false;
    return isRight ? c >= p : c > p;
}

const char* durationUnitText(ast::DurationUnit u) {
    switch (u) {
        case ast::DurationUnit::ns: return "ns";
        case ast::DurationUnit::us: return "us";
        case ast::DurationUnit::ms: return "ms";
        case ast::DurationUnit::s: return "s";
        case ast::DurationUnit::m: return "m";
        case ast::DurationUnit::h: return "h";
        case ast::DurationUnit::d: return "d";
        case ast::DurationUnit::w: return "w";
        case ast::DurationUnit::mo: return "mo";
        case ast::DurationUnit::y: return "y";
    }
    return "";
}

const char* unaryOpText(ast::UnaryOp op) {
    switch (op) {
        case ast::UnaryOp::Neg: return "-";
        case ast::UnaryOp::Pos: return "+";
        case ast::UnaryOp::Not: return "not";
        case ast::UnaryOp::Exists: return "exists";
    }
    return "";
}

// The shortest text that reads back as `v`, without an exponent, always with a decimal point.
std::string floatText(double v) {
    char buf[512];
    auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    std::string s = r.ec == std::errc() ? std::string(buf, r.ptr) : std::to_string(v);
    if (s.find('.') == std::string::npos) s += ".0";
    return s;
}

// RFC3339 with the offset it was written with (`Z` for UTC), seconds or a trimmed fraction.
std::string dateTimeText(const ast::DateTimeLit& lit) {
    int offsetSeconds = 0;
    const std::string& t = lit.text;
    if (t.size() >= 6 && t.find('T') != std::string::npos) {
        const std::string tail = t.substr(t.size() - 6);
        if ((tail[0] == '+' || tail[0] == '-') && tail[3] == ':') {
            offsetSeconds = ((tail[1] - '0') * 10 + (tail[2] - '0')) * 3600 + ((tail[4] - '0') * 10 + (tail[5] - '0')) * 60;
            if (tail[0] == '-') offsetSeconds = -offsetSeconds;
        }
    }
    std::string s = rfc3339::formatNano(lit.nanos + static_cast<int64_t>(offsetSeconds) * 1000000000LL);
    if (offsetSeconds != 0 && !s.empty() && s.back() == 'Z') {
        s.pop_back();
        const int a = offsetSeconds < 0 ? -offsetSeconds : offsetSeconds;
        char buf[32];
        std::snprintf(buf, sizeof buf, "%c%02d:%02d", offsetSeconds < 0 ? '-' : '+', a / 3600, (a / 60) % 60);
        s += buf;
    }
    return s;
}

bool before(const ast::SourceLoc& a, const ast::SourceLoc& b) {
    return a.line != b.line ? a.line < b.line : a.col < b.col;
}
bool sameLoc(const ast::SourceLoc& a, const ast::SourceLoc& b) { return a.line == b.line && a.col == b.col; }

class Formatter {
public:
    explicit Formatter(const ast::File& file) : file_(file), src_(file.source), tokens_(lexFlux(file.source)) {
        collectComments();
    }

    FormatResult run() {
        FormatResult result;
        Doc doc = group(formatFile());
        std::string rendered = renderDoc(doc, kWidth);
        // Trim trailing white space from every line, end with exactly one newline.
        std::string out;
        out.reserve(rendered.size() + 1);
        size_t start = 0;
        while (start <= rendered.size()) {
            size_t nl = rendered.find('\n', start);
            if (nl == std::string::npos) nl = rendered.size();
            size_t end = nl;
            while (end > start && (rendered[end - 1] == ' ' || rendered[end - 1] == '\t' || rendered[end - 1] == '\r')) --end;
            out.append(rendered, start, end - start);
            if (nl < rendered.size()) out += '\n';
            start = nl + 1;
        }
        if (!out.empty()) out += '\n';
        for (size_t t = 0; t < tokens_.size(); ++t)
            for (size_t c : commentsOf_[t])
                if (!comments_[c].used) {
                    result.error = file_.name + ":" + std::to_string(tokens_[t].start.line) + ":" +
                                   std::to_string(tokens_[t].start.col) +
                                   ": error: cannot keep the comment before this token in its place (a comment "
                                   "inside parentheses the formatter removes); move it before the statement";
                    return result;
                }
        result.ok = true;
        result.text = std::move(out);
        return result;
    }

private:
    // ------------------------------------------------------------------------------------------
    // tokens and comments

    void collectComments() {
        commentsOf_.resize(tokens_.size());
        size_t prevEnd = 0;
        for (size_t t = 0; t < tokens_.size(); ++t) {
            const size_t gapEnd = tokens_[t].startByte;
            size_t i = prevEnd;
            while (i + 1 < gapEnd + 1 && i < gapEnd) {
                if (src_[i] == '/' && i + 1 < gapEnd && src_[i + 1] == '/') {
                    size_t nl = src_.find('\n', i);
                    size_t end = nl == std::string::npos || nl >= gapEnd ? gapEnd : nl + 1;
                    std::string textOf = src_.substr(i, end - i);
                    // Keep the newline, drop a carriage return before it.
                    if (textOf.size() >= 2 && textOf[textOf.size() - 1] == '\n' && textOf[textOf.size() - 2] == '\r')
                        textOf.erase(textOf.size() - 2, 1);
                    commentsOf_[t].push_back(comments_.size());
                    comments_.push_back({std::move(textOf), false});
                    i = end;
                } else {
                    ++i;
                }
            }
            prevEnd = tokens_[t].endByte;
        }
    }

    // Index of the first token starting at or after `loc`.
    size_t tokenAtOrAfter(ast::SourceLoc loc) const {
        auto it = std::lower_bound(tokens_.begin(), tokens_.end(), loc,
                                   [](const LexedToken& t, const ast::SourceLoc& l) { return before(t.start, l); });
        return static_cast<size_t>(it - tokens_.begin());
    }
    // The token starting exactly at `loc`, or -1.
    long tokenAt(ast::SourceLoc loc) const {
        size_t i = tokenAtOrAfter(loc);
        return i < tokens_.size() && sameLoc(tokens_[i].start, loc) ? static_cast<long>(i) : -1;
    }
    // The last token ending at or before `end` (the last token of a node whose span ends there).
    long tokenEndingAt(ast::SourceLoc end) const {
        size_t i = tokenAtOrAfter(end);
        return i == 0 ? -1 : static_cast<long>(i - 1);
    }
    // The token `text` after `loc`, passing closing parentheses of a parenthesized operand; or -1.
    long tokenAfter(ast::SourceLoc loc, const char* want) const {
        size_t i = tokenAtOrAfter(loc);
        while (i < tokens_.size() && tokens_[i].text == ")" && std::strcmp(want, ")") != 0) ++i;
        if (i < tokens_.size() && !tokens_[i].inString && (want[0] == 0 || tokens_[i].text == want))
            return static_cast<long>(i);
        return -1;
    }

    bool hasComments(long tok) const {
        if (tok < 0) return false;
        for (size_t c : commentsOf_[static_cast<size_t>(tok)])
            if (!comments_[c].used) return true;
        return false;
    }

    // The comments before token `tok`, each followed by a line break.
    Doc comments(long tok) {
        if (tok < 0) return nil();
        Doc out;
        for (size_t c : commentsOf_[static_cast<size_t>(tok)]) {
            Comment& cm = comments_[c];
            if (cm.used) continue;
            cm.used = true;
            std::vector<Doc> parts;
            size_t start = 0;
            for (;;) {
                size_t nl = cm.text.find('\n', start);
                parts.push_back(text(cm.text.substr(start, nl == std::string::npos ? std::string::npos : nl - start)));
                if (nl == std::string::npos) break;
                start = nl + 1;
            }
            out = cat(out, intersperse(parts, hardline()));
        }
        return out;
    }

    // Comments that follow what is already on the line: on the next line, indented.
    Doc appendComments(long tok) {
        Doc c = comments(tok);
        if (isNil(c)) return nil();
        return nest(cat(line(), c), kIndent);
    }

    // The source text of the plain string literal whose opening quote is token `open`.
    std::string rawString(long open, long* closeOut = nullptr) const {
        if (open < 0) return "\"\"";
        size_t i = static_cast<size_t>(open) + 1;
        while (i < tokens_.size() && tokens_[i].inString) ++i;
        if (i >= tokens_.size()) i = tokens_.size() - 1;
        if (closeOut) *closeOut = static_cast<long>(i);
        return src_.substr(tokens_[static_cast<size_t>(open)].startByte,
                           tokens_[i].endByte - tokens_[static_cast<size_t>(open)].startByte);
    }

    // ------------------------------------------------------------------------------------------
    // files and statements

    Doc formatFile() {
        Doc doc;
        const bool hasBody = !file_.imports.empty() || !file_.body.empty();
        if (file_.package && !file_.package->name.empty()) {
            long kw = tokenAt(file_.package->span.start);
            doc = cat({formatAttributes(file_.package->attributes), comments(kw), text("package "),
                       comments(kw >= 0 ? kw + 1 : -1), text(file_.package->name), hardline(),
                       hasBody ? cat(hardline(), hardline()) : nil()});
        } else {
            doc = formatAttributes(file_.attributes);
        }
        std::vector<Doc> imports;
        for (const ast::ImportDecl& imp : file_.imports) {
            long kw = tokenAt(imp.span.start);
            long pathOpen = tokenAtOrAfterIndex(kw + 1);
            Doc alias;
            if (!imp.alias.empty()) {
                alias = cat({comments(pathOpen), text(imp.alias), text(" ")});
                pathOpen = pathOpen + 1;
            }
            imports.push_back(cat({formatAttributes(imp.attributes), comments(kw), text("import "), alias,
                                   comments(pathOpen), text(rawString(pathOpen))}));
        }
        doc = cat(doc, intersperse(imports, hardline()));
        if (!file_.imports.empty() && !file_.body.empty()) doc = cat({doc, hardline(), hardline()});
        doc = cat(doc, formatStatementList(file_.body));
        Doc eof = comments(static_cast<long>(tokens_.size()) - 1);
        // As the reference does, the comments at the end follow the last statement directly.
        doc = cat(doc, eof);
        return doc;
    }

    long tokenAtOrAfterIndex(long i) const { return i < 0 ? -1 : std::min<long>(i, static_cast<long>(tokens_.size()) - 1); }

    Doc formatAttributes(const std::vector<ast::Attribute>& attrs) {
        Doc out;
        for (const ast::Attribute& a : attrs) {
            Doc d = cat(comments(tokenAt(a.span.start)), text("@" + a.name));
            if (!a.params.empty()) {
                std::vector<Doc> params;
                for (const ast::ExprPtr& p : a.params) params.push_back(formatExpression(*p));
                d = cat({d, text("("), intersperse(params, text(", ")), text(")")});
            }
            out = cat({out, d, hardline()});
        }
        return out;
    }

    static int statementType(const ast::Stmt& s) {
        switch (s.kind) {
            case ast::NodeKind::ExpressionStmt: return 0;
            case ast::NodeKind::VariableAssignment: return 1;
            case ast::NodeKind::OptionStmt: return 2;
            case ast::NodeKind::ReturnStmt: return 3;
            case ast::NodeKind::TestCaseStmt: return 6;
            case ast::NodeKind::BuiltinStmt: return 7;
            default: return 8;
        }
    }

    Doc formatStatementList(const std::vector<ast::StmtPtr>& body) {
        std::vector<Doc> docs;
        int prevType = -1;
        long previousEndLine = -1;
        for (size_t i = 0; i < body.size(); ++i) {
            const ast::Stmt& stmt = *body[i];
            const int cur = statementType(stmt);
            Doc extra;
            if (i != 0) {
                const long gap = static_cast<long>(stmt.span.start.line) - previousEndLine;
                if (gap > 1 || cur != prevType || hasComments(tokenAt(stmt.span.start))) extra = hardline();
            }
            previousEndLine = static_cast<long>(stmt.span.end.line);
            prevType = cur;
            Doc attrs;
            if (stmt.kind != ast::NodeKind::Block)
                attrs = formatAttributes(static_cast<const ast::StmtBase&>(stmt).attributes);
            docs.push_back(cat({extra, attrs, formatStatement(stmt)}));
        }
        return intersperse(docs, hardline());
    }

    Doc formatStatement(const ast::Stmt& s) {
        Doc out;
        switch (s.kind) {
            case ast::NodeKind::ExpressionStmt:
                out = formatExpression(*static_cast<const ast::ExpressionStmt&>(s).expression);
                break;
            case ast::NodeKind::VariableAssignment:
                out = formatVariableAssignment(static_cast<const ast::VariableAssignment&>(s), true);
                break;
            case ast::NodeKind::OptionStmt: {
                const auto& o = static_cast<const ast::OptionStmt&>(s);
                Doc kw = comments(tokenAt(o.span.start));
                Doc assignment;
                if (o.assignment && o.assignment->kind == ast::NodeKind::VariableAssignment)
                    assignment = formatVariableAssignment(static_cast<const ast::VariableAssignment&>(*o.assignment), false);
                else if (o.assignment)
                    assignment = formatMemberAssignment(static_cast<const ast::MemberAssignment&>(*o.assignment));
                out = cat({kw, text("option "), assignment});
                break;
            }
            case ast::NodeKind::ReturnStmt: {
                const auto& r = static_cast<const ast::ReturnStmt&>(s);
                Doc prefix = cat(comments(tokenAt(r.span.start)), text("return"));
                HangDoc hang = hangExpression(*r.argument);
                hang.addPrefix(line());
                hang.affixes.push_back(affixes(prefix, nil(), true));
                out = hang.format();
                break;
            }
            case ast::NodeKind::TestCaseStmt: {
                const auto& t = static_cast<const ast::TestCaseStmt&>(s);
                Doc comment = comments(tokenAt(t.span.start));
                Doc prefix = cat({text("testcase"), line(), formatIdentifier(*t.id)});
                if (!t.extends.empty()) {
                    long kw = tokenAfter(t.id->span.end, "extends");
                    long open = kw >= 0 ? kw + 1 : -1;
                    prefix = cat({prefix, line(), comments(kw), text("extends"), line(), comments(open),
                                  text(rawString(open))});
                }
                prefix = cat(prefix, line());
                HangDoc hang = formatBlock(*t.block);
                hang.affixes.push_back(affixes(prefix, nil(), true));
                out = cat(comment, hang.format());
                break;
            }
            case ast::NodeKind::BuiltinStmt: {
                const auto& b = static_cast<const ast::BuiltinStmt&>(s);
                Doc kw = comments(tokenAt(b.span.start));
                long colon = tokenAfter(b.id->span.end, ":");
                Doc colonComments = comments(colon);
                out = cat(kw, group(nest(cat({group(cat({text("builtin"), line(), formatIdentifier(*b.id)})),
                                              isNil(colonComments) ? text(" ") : line(), colonComments, text(": "),
                                              formatTypeExpression(*b.type)}),
                                         kIndent)));
                break;
            }
            case ast::NodeKind::Block: {
                out = formatBlock(static_cast<const ast::Block&>(s)).format();
                break;
            }
            default:
                break;
        }
        return group(out);
    }

    Doc formatVariableAssignment(const ast::VariableAssignment& v, bool splitComment) {
        long idTok = tokenAt(v.id->span.start);
        Doc comment = comments(idTok);
        Doc prefix = cat({splitComment ? nil() : comment, text(v.id->name), appendComments(tokenAfter(v.id->span.end, "=")),
                          text(" =")});
        HangDoc hang = hangExpression(*v.init);
        hang.addPrefix(line());
        hang.affixes.push_back(affixes(prefix, nil(), true));
        return splitComment ? cat(comment, hang.format()) : hang.format();
    }

    Doc formatMemberAssignment(const ast::MemberAssignment& m) {
        Doc prefix = cat({formatMemberExpression(*m.member), appendComments(tokenAfter(m.member->span.end, "=")),
                          text(" =")});
        HangDoc hang = hangExpression(*m.init);
        hang.addPrefix(line());
        hang.affixes.push_back(affixes(prefix, nil(), true));
        return hang.format();
    }

    HangDoc formatBlock(const ast::Block& b) {
        long open = tokenAt(b.span.start);
        long close = tokenEndingAt(b.span.end);
        Doc prefix = cat(comments(open), text("{"));
        Doc stmts = formatStatementList(b.body);
        Doc closeComments = comments(close);
        return HangDoc{{affixes(prefix, cat(hardline(), text("}")))}, cat({hardline(), stmts, closeComments})};
    }

    // ------------------------------------------------------------------------------------------
    // types of builtin declarations

    Doc formatTypeExpression(const ast::TypeExpr& t) {
        Doc out = formatMonoType(t);
        if (!t.constraints.empty()) {
            const Doc ln = t.constraints.size() > kMultiline ? hardline() : line();
            std::vector<Doc> items;
            for (const auto& [var, kinds] : t.constraints) {
                std::vector<Doc> ks;
                for (const std::string& k : kinds) ks.push_back(text(k));
                items.push_back(group(cat({text(var), text(": "), intersperse(ks, text(" + "))})));
            }
            out = cat({out, ln, text("where"), ln, intersperse(items, cat(text(","), ln))});
        }
        return out;
    }

    Doc formatMonoType(const ast::TypeExpr& t) {
        Doc out;
        auto elem = [&](size_t i) { return i < t.elems.size() && t.elems[i] ? formatMonoType(*t.elems[i]) : nil(); };
        switch (t.kind) {
            case ast::TypeExpr::Kind::Named:
            case ast::TypeExpr::Kind::Var:
            case ast::TypeExpr::Kind::Dynamic:
                out = text(t.name.empty() && t.kind == ast::TypeExpr::Kind::Dynamic ? "dynamic" : t.name);
                break;
            case ast::TypeExpr::Kind::Array: out = cat({text("["), elem(0), text("]")}); break;
            case ast::TypeExpr::Kind::Stream: out = cat({text("stream["), elem(0), text("]")}); break;
            case ast::TypeExpr::Kind::Vector: out = cat({text("vector["), elem(0), text("]")}); break;
            case ast::TypeExpr::Kind::Dict: out = cat({text("["), elem(0), text(":"), elem(1), text("]")}); break;
            case ast::TypeExpr::Kind::Record: {
                const bool multiline = t.fields.size() > kMultiline;
                const Doc ln = multiline ? hardline() : line();
                const Doc ln_ = multiline ? hardline() : line_();
                std::vector<Doc> fields;
                for (const auto& f : t.fields) {
                    std::string key = isIdentifierText(f.name) ? f.name : "\"" + escapeString(f.name) + "\"";
                    fields.push_back(group(cat({text(key), text(": "), f.type ? formatMonoType(*f.type) : nil()})));
                }
                Doc with = t.name.empty() ? nil() : cat({text(t.name), line(), text("with"), line()});
                out = cat({text("{"), nest(cat({ln_, with, commaListWith(fields, ln)}), kIndent), ln_, text("}")});
                break;
            }
            case ast::TypeExpr::Kind::Function: {
                const bool multiline = t.fields.size() > kMultiline;
                const Doc ln = multiline ? hardline() : line();
                const Doc ln_ = multiline ? hardline() : line_();
                std::vector<Doc> params;
                for (const auto& f : t.fields) {
                    Doc name = text(f.pipe ? "<-" + f.name : f.optional ? "?" + f.name : f.name);
                    params.push_back(cat({name, text(": "), f.type ? formatMonoType(*f.type) : nil()}));
                }
                out = cat({text("("), nest(cat(ln_, commaListWith(params, ln)), kIndent), ln_, text(")"), text(" => "),
                           t.elems.empty() ? nil() : elem(t.elems.size() - 1)});
                break;
            }
        }
        return group(out);
    }

    // ------------------------------------------------------------------------------------------
    // expressions

    Doc formatIdentifier(const ast::Identifier& id) { return cat(comments(tokenAt(id.span.start)), text(id.name)); }

    Doc childWithParens(const ast::Expr& parent, const ast::Expr& child, bool isRight) {
        Doc d = formatExpression(child);
        if (needsParens(parent, child, isRight)) return cat({text("("), d, text(")")});
        return d;
    }

    Doc formatPropertyKey(const ast::Property& p, ast::SourceLoc* keyEnd) {
        long tok = tokenAt(p.span.start);
        if (tok >= 0 && tokens_[static_cast<size_t>(tok)].text == "\"" && !tokens_[static_cast<size_t>(tok)].inString) {
            long close = -1;
            std::string raw = rawString(tok, &close);
            if (keyEnd && close >= 0) *keyEnd = tokens_[static_cast<size_t>(close)].end;
            return cat(comments(tok), text(raw));
        }
        if (keyEnd && tok >= 0) *keyEnd = tokens_[static_cast<size_t>(tok)].end;
        return cat(comments(tok), text(p.key));
    }

    Doc formatProperty(const ast::Property& p) {
        ast::SourceLoc keyEnd = p.span.end;
        Doc key = formatPropertyKey(p, &keyEnd);
        if (!p.value) return key;
        Doc prefix = cat({key, appendComments(tokenAfter(keyEnd, ":")), text(":")});
        HangDoc hang = hangExpression(*p.value);
        hang.addPrefix(line());
        hang.affixes.push_back(affixes(prefix, nil(), true));
        return hang.format();
    }

    // `{...}` or, for call arguments (braces = false), the properties alone: (open, body, close).
    ItemList formatRecordBraces(const ast::RecordExpr& r, bool braces) {
        const bool multiline = r.properties.size() > kMultiline;
        const Doc ln = multiline ? hardline() : line();
        const Doc ln_ = multiline ? hardline() : line_();
        long open = braces ? tokenAt(r.span.start) : -1;
        long close = braces ? tokenEndingAt(r.span.end) : -1;
        Doc first = cat(comments(open), braces ? text("{") : nil());
        Doc head;
        if (r.with) {
            long withTok = tokenAfter(r.with->span.end, "with");
            Doc withComments = comments(withTok);
            head = group(cat({formatExpression(*r.with), withComments, isNil(withComments) ? text(" ") : nil(),
                              text("with"), ln}));
        } else {
            head = ln_;
        }
        std::vector<Doc> props;
        for (const ast::Property& p : r.properties) {
            Doc d = formatProperty(p);
            long comma = tokenAfter(p.value ? p.value->span.end : p.span.end, ",");
            props.push_back(cat(d, appendComments(comma)));
        }
        Doc body = cat({head, commaListWith(props, ln), appendComments(close)});
        return {first, body, cat(ln_, braces ? text("}") : nil())};
    }

    Doc formatFunctionParameter(const ast::Parameter& p) {
        long nameTok = tokenAt(p.span.start);
        Doc name = cat(comments(nameTok), text(p.name));
        if (!p.defaultValue) return name;
        ast::SourceLoc nameEnd = nameTok >= 0 ? tokens_[static_cast<size_t>(nameTok)].end : p.span.start;
        Doc prefix = cat({name, comments(tokenAfter(nameEnd, "=")), text("=")});
        HangDoc hang = hangExpression(*p.defaultValue);
        hang.affixes.push_back(affixes(prefix, nil(), true));
        return hang.format();
    }

    HangDoc formatFunction(const ast::FunctionExpr& f) {
        const bool multiline = f.params.size() > kMultiline;
        const Doc ln = multiline ? hardline() : line();
        const Doc ln_ = multiline ? hardline() : line_();
        long lparen = tokenAt(f.span.start);
        Doc lparenComments = comments(lparen);
        std::vector<Doc> params;
        for (const ast::Parameter& p : f.params) {
            Doc d = formatFunctionParameter(p);
            params.push_back(cat(d, comments(tokenAfter(p.span.end, ","))));
        }
        // `=>` is the first arrow after the parameters; `)` comes right before it.
        ast::SourceLoc from = f.params.empty() ? f.span.start : f.params.back().span.end;
        long arrow = -1;
        for (size_t i = tokenAtOrAfter(from); i < tokens_.size(); ++i)
            if (!tokens_[i].inString && tokens_[i].text == "=>") {
                arrow = static_cast<long>(i);
                break;
            }
        long rparen = arrow > 0 ? arrow - 1 : -1;
        Doc arrowComments = appendComments(arrow);
        Doc args = group(cat({text("("), nest(cat(ln_, commaListWith(params, ln)), kIndent), ln_, comments(rparen),
                              text(")"), isNil(arrowComments) ? softline() : nil(), arrowComments, text("=>")}));
        if (f.block) {
            HangDoc hang = formatBlock(*f.block);
            hang.addPrefix(line());
            hang.affixes.push_back(affixes(args, nil()));
            hang.affixes.push_back(affixes(lparenComments, nil(), true));
            return hang;
        }
        Doc body;
        if (f.bodyExpr && f.bodyExpr->kind == ast::NodeKind::RecordExpr)
            body = group(cat({text("("), formatExpression(*f.bodyExpr), text(")")}));
        else if (f.bodyExpr)
            body = formatExpression(*f.bodyExpr);
        return HangDoc{{affixes(args, nil()), affixes(lparenComments, nil(), true)}, cat(line(), body)};
    }

    HangDoc hangExpression(const ast::Expr& e) {
        switch (e.kind) {
            case ast::NodeKind::ArrayExpr: {
                const auto& a = static_cast<const ast::ArrayExpr&>(e);
                long open = tokenAt(a.span.start);
                long close = tokenEndingAt(a.span.end);
                Doc openComments = comments(open);
                std::vector<Doc> items;
                for (const ast::ExprPtr& el : a.elements) {
                    Doc d = formatExpression(*el);
                    items.push_back(cat(d, comments(tokenAfter(el->span.end, ","))));
                }
                ItemList list = formatItemList("[", "]", comments(close), items);
                return HangDoc{{affixes(list.open, list.close), affixes(openComments, nil(), true)}, list.body};
            }
            case ast::NodeKind::RecordExpr: {
                ItemList list = formatRecordBraces(static_cast<const ast::RecordExpr&>(e), true);
                return HangDoc{{affixes(list.open, list.close, true)}, list.body};
            }
            case ast::NodeKind::StringLit: {
                const auto& s = static_cast<const ast::StringLit&>(e);
                long open = tokenAt(s.span.start);
                if (s.isPlain()) {
                    Doc c = comments(open);
                    return HangDoc{{}, cat(c, text(rawString(open)))};
                }
                Doc c = comments(open);
                Doc body;
                for (const ast::StringPart& part : s.parts) {
                    if (part.expr) {
                        body = cat({body, text("${"), formatExpression(*part.expr), text("}")});
                    } else {
                        std::vector<Doc> lines;
                        size_t start = 0;
                        for (;;) {
                            size_t nl = part.text.find('\n', start);
                            lines.push_back(text(escapeString(
                                part.text.substr(start, nl == std::string::npos ? std::string::npos : nl - start))));
                            if (nl == std::string::npos) break;
                            start = nl + 1;
                        }
                        body = cat(body, intersperse(lines, hardlineAtColumn0()));
                    }
                }
                return HangDoc{{affixes(cat(c, text("\"")), text("\""), true)}, body};
            }
            case ast::NodeKind::FunctionExpr:
                return formatFunction(static_cast<const ast::FunctionExpr&>(e));
            case ast::NodeKind::IndexExpr: {
                const auto& ix = static_cast<const ast::IndexExpr&>(e);
                Doc object = childWithParens(ix, *ix.object, false);
                long open = tokenAfter(ix.object->span.end, "[");
                long close = tokenEndingAt(ix.span.end);
                Doc prefix = cat({object, comments(open), text("[")});
                Doc body = formatExpression(*ix.index);
                return HangDoc{{affixes(prefix, cat(comments(close), text("]")), true)}, body};
            }
            default:
                return HangDoc{{}, formatExpression(e)};
        }
    }

    Doc formatMemberExpression(const ast::MemberExpr& m) {
        Doc object = childWithParens(m, *m.object, false);
        long op = tokenAfter(m.object->span.end, "");
        if (op >= 0 && tokens_[static_cast<size_t>(op)].text == "[") {
            long open = op + 1;
            long close = -1;
            std::string raw = rawString(open, &close);
            long rbrack = close >= 0 ? close + 1 : -1;
            Doc lb = comments(op);
            Doc str = cat(comments(open), text(raw));
            return cat({object, lb, text("["), str, appendComments(rbrack), text("]")});
        }
        Doc dot = appendComments(op);
        return cat({object, dot, text("."), comments(op >= 0 ? op + 1 : -1), text(m.property)});
    }

    Doc formatBinary(const ast::Expr& parentIn) {
        // Walks down right operands that bind tighter than their parent (written without
        // parentheses), printing `a + b * c` as one run of operands and operators.
        const ast::Expr* parent = &parentIn;
        auto parts = [](const ast::Expr& e, const ast::Expr*& l, const ast::Expr*& r, std::string& op) {
            if (e.kind == ast::NodeKind::BinaryExpr) {
                const auto& b = static_cast<const ast::BinaryExpr&>(e);
                l = b.left.get();
                r = b.right.get();
                op = ast::binaryOpText(b.op);
            } else {
                const auto& b = static_cast<const ast::LogicalExpr&>(e);
                l = b.left.get();
                r = b.right.get();
                op = b.op == ast::LogicalOp::And ? "and" : "or";
            }
        };
        const ast::Expr *lhs = nullptr, *rhs = nullptr;
        std::string op;
        parts(*parent, lhs, rhs, op);
        Doc l = childWithParens(*parent, *lhs, false);
        Doc doc;
        const ast::Expr* opLeft = lhs;
        for (;;) {
            Doc opComments = comments(tokenAfter(opLeft->span.end, ""));
            Doc opDoc = group(cat({line(), opComments, text(op), line()}));
            if (rhs->kind == ast::NodeKind::BinaryExpr && !needsParens(*parent, *rhs, true)) {
                const ast::Expr *innerL = nullptr, *innerR = nullptr;
                std::string innerOp;
                parts(*rhs, innerL, innerR, innerOp);
                doc = cat({doc, opDoc, childWithParens(*rhs, *innerL, false)});
                parent = rhs;
                op = innerOp;
                opLeft = innerL;
                rhs = innerR;
            } else {
                doc = cat({doc, opDoc, childWithParens(*parent, *rhs, true)});
                break;
            }
        }
        return group(cat(l, nest(doc, kIndent)));
    }

    Doc formatPipe(const ast::PipeExpr& outer) {
        const Doc ln = outer.span.start.line != outer.span.end.line ? hardline() : line();
        std::vector<Doc> arguments, operators;
        const ast::PipeExpr* pipe = &outer;
        for (;;) {
            arguments.push_back(group(formatCall(*pipe->call)));
            operators.push_back(cat(comments(tokenAfter(pipe->argument->span.end, "|>")), text("|> ")));
            if (pipe->argument->kind == ast::NodeKind::PipeExpr) {
                pipe = static_cast<const ast::PipeExpr*>(pipe->argument.get());
            } else {
                arguments.push_back(group(childWithParens(*pipe, *pipe->argument, false)));
                break;
            }
        }
        std::reverse(arguments.begin(), arguments.end());
        std::reverse(operators.begin(), operators.end());
        Doc rest = ln;
        for (size_t i = 0; i < operators.size(); ++i) {
            rest = cat(rest, group(cat(operators[i], arguments[i + 1])));
            if (i + 2 < arguments.size()) rest = cat(rest, ln);
        }
        return group(cat(arguments[0], nest(rest, kIndent)));
    }

    Doc formatCall(const ast::CallExpr& c) {
        Doc callee = childWithParens(c, *c.callee, false);
        long lparen = tokenAfter(c.callee->span.end, "(");
        long rparen = tokenEndingAt(c.span.end);
        Doc lp = appendComments(lparen);
        Doc args;
        if (c.args) {
            ItemList rec = formatRecordBraces(*c.args, false);
            Doc hang = formatHang({affixes(rec.open, rec.close, true)}, rec.body);
            args = cat({text("("), hang, comments(rparen), text(")")});
        } else {
            ItemList list = formatItemList("(", ")", comments(rparen), {});
            args = formatHang({affixes(list.open, list.close, true)}, list.body);
        }
        return group(cat({callee, lp, args}));
    }

    Doc formatConditional(const ast::ConditionalExpr& c) {
        const Doc ln = c.span.start.line != c.span.end.line ? hardline() : line();
        Doc ifComments = comments(tokenAt(c.span.start));
        long thenTok = tokenAfter(c.test->span.end, "then");
        Doc test = nest(formatExpression(*c.test), kIndent);
        Doc thenComments = comments(thenTok);
        Doc doc = cat({group(cat({text("if "), test, thenComments, isNil(thenComments) ? line() : nil(), text("then")})),
                       nest(cat(ln, formatExpression(*c.consequent)), kIndent), ln,
                       comments(tokenAfter(c.consequent->span.end, "else"))});
        const ast::Expr* alternate = c.alternate.get();
        for (;;) {
            if (alternate->kind == ast::NodeKind::ConditionalExpr) {
                const auto& n = static_cast<const ast::ConditionalExpr&>(*alternate);
                Doc nIf = comments(tokenAt(n.span.start));
                Doc nTest = nest(formatExpression(*n.test), kIndent);
                Doc nThen = comments(tokenAfter(n.test->span.end, "then"));
                doc = cat({doc, nIf, text("else if "), nTest, nThen, text(" then"),
                           nest(cat(ln, formatExpression(*n.consequent)), kIndent), ln,
                           comments(tokenAfter(n.consequent->span.end, "else"))});
                alternate = n.alternate.get();
            } else {
                doc = cat({doc, text("else"), nest(cat(ln, formatExpression(*alternate)), kIndent)});
                break;
            }
        }
        return cat(ifComments, group(doc));
    }

    Doc formatExpression(const ast::Expr& e) {
        Doc out;
        long first = -1;
        auto literal = [&](std::string s) {
            first = tokenAt(e.span.start);
            return cat(comments(first), text(std::move(s)));
        };
        switch (e.kind) {
            case ast::NodeKind::ArrayExpr:
            case ast::NodeKind::RecordExpr:
            case ast::NodeKind::StringLit:
            case ast::NodeKind::FunctionExpr:
            case ast::NodeKind::IndexExpr:
                out = hangExpression(e).format();
                break;
            case ast::NodeKind::Identifier:
                out = formatIdentifier(static_cast<const ast::Identifier&>(e));
                break;
            case ast::NodeKind::DictExpr: {
                const auto& d = static_cast<const ast::DictExpr&>(e);
                const Doc ln = d.span.start.line != d.span.end.line ? hardline() : line();
                long open = tokenAt(d.span.start);
                long close = tokenEndingAt(d.span.end);
                Doc openComments = comments(open);
                Doc items;
                if (d.entries.empty()) {
                    items = text(":");
                } else {
                    std::vector<Doc> entries;
                    for (const ast::DictEntry& en : d.entries) {
                        Doc k = formatExpression(*en.key);
                        Doc v = formatExpression(*en.value);
                        entries.push_back(cat({k, text(":"), text(" "), v, comments(tokenAfter(en.value->span.end, ","))}));
                    }
                    items = commaListWith(entries, ln);
                }
                out = cat({openComments, text("["), nest(cat({line_(), items, comments(close)}), kIndent), line_(),
                           text("]")});
                break;
            }
            case ast::NodeKind::LogicalExpr:
            case ast::NodeKind::BinaryExpr:
                out = formatBinary(e);
                break;
            case ast::NodeKind::MemberExpr:
                out = formatMemberExpression(static_cast<const ast::MemberExpr&>(e));
                break;
            case ast::NodeKind::UnaryExpr: {
                const auto& u = static_cast<const ast::UnaryExpr&>(e);
                Doc c = comments(tokenAt(u.span.start));
                const bool symbol = u.op == ast::UnaryOp::Neg || u.op == ast::UnaryOp::Pos;
                out = cat({c, text(unaryOpText(u.op)), symbol ? nil() : text(" "), childWithParens(u, *u.argument, false)});
                break;
            }
            case ast::NodeKind::PipeExpr:
                out = formatPipe(static_cast<const ast::PipeExpr&>(e));
                break;
            case ast::NodeKind::CallExpr:
                out = formatCall(static_cast<const ast::CallExpr&>(e));
                break;
            case ast::NodeKind::ConditionalExpr:
                out = formatConditional(static_cast<const ast::ConditionalExpr&>(e));
                break;
            case ast::NodeKind::IntegerLit:
                out = literal(std::to_string(static_cast<const ast::IntegerLit&>(e).value));
                break;
            case ast::NodeKind::FloatLit:
                out = literal(floatText(static_cast<const ast::FloatLit&>(e).value));
                break;
            case ast::NodeKind::DurationLit: {
                const auto& d = static_cast<const ast::DurationLit&>(e);
                long tok = tokenAt(d.span.start);
                const bool micro = tok >= 0 && tokens_[static_cast<size_t>(tok)].text.find("\xC2\xB5") != std::string::npos;
                std::string s;
                for (const ast::DurationPart& p : d.parts)
                    s += std::to_string(p.magnitude) +
                         (p.unit == ast::DurationUnit::us && micro ? "\xC2\xB5s" : durationUnitText(p.unit));
                out = literal(s);
                break;
            }
            case ast::NodeKind::DateTimeLit:
                out = literal(dateTimeText(static_cast<const ast::DateTimeLit&>(e)));
                break;
            case ast::NodeKind::RegexLit: {
                std::string pattern = static_cast<const ast::RegexLit&>(e).pattern, escaped;
                for (char ch : pattern) {
                    if (ch == '/') escaped += '\\';
                    escaped += ch;
                }
                out = literal("/" + escaped + "/");
                break;
            }
            case ast::NodeKind::LabelLit:
                out = literal("." + static_cast<const ast::LabelLit&>(e).name);
                break;
            case ast::NodeKind::PipeLit:
                out = literal("<-");
                break;
            default:
                break;
        }
        return group(out);
    }

    const ast::File& file_;
    const std::string& src_;
    std::vector<LexedToken> tokens_;
    std::vector<Comment> comments_;
    std::vector<std::vector<size_t>> commentsOf_;  // per token
};

}  // namespace

FormatResult formatFile(const ast::File& file) { return Formatter(file).run(); }

FormatResult formatSource(const std::string& source, const std::string& fileName) {
    ParseResult parsed = parseFlux(source, fileName);
    if (!parsed.ok()) {
        FormatResult r;
        for (const SyntaxError& e : parsed.errors) r.error += formatDiagnostic(fileName, source, e.loc, e.message);
        return r;
    }
    return formatFile(*parsed.file);
}

}  // namespace fluxi::format
