// Readable syntax error messages for the Flux parser (see parser/syntax_errors.h).
#include "parser/syntax_errors.h"

#include <algorithm>

#include "FluxParser.h"

namespace fluxi::parser_detail {

using gen::FluxParser;
using antlr4::Token;

namespace {

std::string truncated(std::string s) {
    // Keep messages short: long literals are cut (at a UTF-8 boundary).
    constexpr size_t kMax = 24;
    if (s.size() <= kMax) return s;
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
    return s.substr(0, cut) + "...";
}

std::string oneLine(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return s;
}

bool isExpressionStart(size_t t) {
    switch (t) {
        case FluxParser::IDENT: case FluxParser::WITH: case FluxParser::EXTENDS: case FluxParser::WHERE:
        case FluxParser::INT: case FluxParser::FLOAT: case FluxParser::DURATION: case FluxParser::DATETIME:
        case FluxParser::REGEX: case FluxParser::LABEL: case FluxParser::DQUOTE: case FluxParser::LPAREN: case FluxParser::LBRACK:
        case FluxParser::LBRACE: case FluxParser::ADD: case FluxParser::SUB: case FluxParser::NOT:
        case FluxParser::EXISTS: case FluxParser::IF: case FluxParser::PIPE_RECEIVE:
            return true;
        default:
            return false;
    }
}

bool isIdentifierToken(size_t t) {
    return t == FluxParser::IDENT || t == FluxParser::WITH || t == FluxParser::EXTENDS || t == FluxParser::WHERE;
}

// Tokens that continue an expression: binary operators and the postfix `.`, `(`, `[`.
bool isOperator(size_t t) {
    switch (t) {
        case FluxParser::ADD: case FluxParser::SUB: case FluxParser::MUL: case FluxParser::DIV:
        case FluxParser::MOD: case FluxParser::POW: case FluxParser::EQ: case FluxParser::NEQ:
        case FluxParser::LT: case FluxParser::LTE: case FluxParser::GT: case FluxParser::GTE:
        case FluxParser::REGEX_EQ: case FluxParser::REGEX_NEQ: case FluxParser::AND: case FluxParser::OR:
        case FluxParser::PIPE_FORWARD: case FluxParser::DOT: case FluxParser::LPAREN: case FluxParser::LBRACK:
            return true;
        default:
            return false;
    }
}

bool isStatementKeyword(size_t t) {
    return t == FluxParser::OPTION || t == FluxParser::BUILTIN || t == FluxParser::TESTCASE ||
           t == FluxParser::RETURN;
}

std::string tokenTypeName(size_t t, const antlr4::dfa::Vocabulary& vocabulary) {
    switch (t) {
        case Token::EOF: return "end of file";
        case FluxParser::IDENT: return "an identifier";
        case FluxParser::INT: return "an integer";
        case FluxParser::FLOAT: return "a float";
        case FluxParser::DURATION: return "a duration";
        case FluxParser::DATETIME: return "a date-time";
        case FluxParser::REGEX: return "a regular expression";
        case FluxParser::LABEL: return "a label";
        case FluxParser::DQUOTE: return "a string";
        case FluxParser::DQUOTE_END: return "'\"'";
        case FluxParser::STR_TEXT: return "string text";
        case FluxParser::STR_DOLLAR: return "'$'";
        case FluxParser::INTERP_START: return "'${'";
        case FluxParser::BAD_CHAR: return "a character";
        default: {
            std::string lit = vocabulary.getLiteralName(t);
            if (!lit.empty()) return lit;  // already quoted: ')'
            return vocabulary.getSymbolicName(t);
        }
    }
}

std::string joinAlternatives(const std::vector<std::string>& items) {
    std::string out;
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += (i + 1 == items.size()) ? " or " : ", ";
        out += items[i];
    }
    return out;
}

size_t closerFor(size_t opener) {
    switch (opener) {
        case FluxParser::LPAREN: return FluxParser::RPAREN;
        case FluxParser::LBRACK: return FluxParser::RBRACK;
        case FluxParser::LBRACE: return FluxParser::RBRACE;
        case FluxParser::INTERP_START: return FluxParser::RBRACE;
        case FluxParser::DQUOTE: return FluxParser::DQUOTE_END;
        default: return 0;
    }
}

bool isCloser(size_t t) {
    return t == FluxParser::RPAREN || t == FluxParser::RBRACK || t == FluxParser::RBRACE || t == FluxParser::DQUOTE_END;
}

}  // namespace

// The bracket (or string quote) opened directly in `ctx` and not closed yet, or null. The scan of a
// context's children goes on from where the last one stopped: a list of 100k elements with an
// error in each must not be rescanned at every error.
Token* FluxErrorStrategy::unclosedOpenerIn(antlr4::RuleContext* ctx) {
    OpenScan& scan = openScans_[ctx];
    const std::vector<antlr4::tree::ParseTree*>& children = ctx->children;
    if (scan.scanned > children.size() || (scan.scanned > 0 && children[scan.scanned - 1] != scan.last))
        scan = OpenScan{};  // the runtime replaced a child (left recursion): start again
    for (; scan.scanned < children.size(); ++scan.scanned) {
        antlr4::tree::ParseTree* child = children[scan.scanned];
        scan.last = child;
        auto* term = dynamic_cast<antlr4::tree::TerminalNode*>(child);
        if (term == nullptr || dynamic_cast<antlr4::tree::ErrorNode*>(child) != nullptr) continue;
        Token* tok = term->getSymbol();
        if (tok == nullptr || tok->getTokenIndex() == INVALID_INDEX) continue;
        size_t type = tok->getType();
        if (closerFor(type) != 0) {
            scan.open.push_back(tok);
        } else if (!scan.open.empty() && closerFor(scan.open.back()->getType()) == type) {
            scan.open.pop_back();
        }
    }
    return scan.open.empty() ? nullptr : scan.open.back();
}

// The innermost bracket opened in `ctx` or one of its parents that is not closed yet, or null.
Token* FluxErrorStrategy::unclosedOpener(antlr4::RuleContext* ctx) {
    for (; ctx != nullptr; ctx = dynamic_cast<antlr4::RuleContext*>(ctx->parent))
        if (Token* t = unclosedOpenerIn(ctx)) return t;
    return nullptr;
}

namespace {

// Looks ahead from the current token for the bracket that closes `opener` (LT offset >= 1), or 0
// when the input first reaches a line that starts at or left of the opener line's indentation (a
// new statement, most likely), a mismatched closing bracket, or the end of the file.
// `budget`: tokens all the scans of one parse may still visit; when it is spent the answer is 0
// (plain ANTLR recovery), so that input with an error every few tokens stays linear.
size_t closerAhead(antlr4::Parser* recognizer, Token* opener, size_t& budget) {
    // Tokens are read by index (LT(k) costs k steps on a buffered stream) and at most kScan of them in
    // each direction: recovery runs at every error, so this must stay cheap on hostile input.
    constexpr size_t kScan = 4000;
    antlr4::TokenStream* ts = recognizer->getTokenStream();
    if (budget == 0) return 0;
    size_t visited = 0;  // charged to the budget when the scan ends
    struct Charge {
        size_t& budget;
        const size_t& visited;
        ~Charge() { budget -= std::min(budget, visited); }
    } charge{budget, visited};
    const size_t want = closerFor(opener->getType());
    size_t first = opener->getTokenIndex();
    size_t back = 0;
    while (first > 0 && back++ < kScan && ts->get(first - 1)->getLine() == opener->getLine()) --first;
    visited = back;
    const size_t baseCol = back > kScan ? 0 : ts->get(first)->getCharPositionInLine();
    size_t prevLine = ts->LT(-1) != nullptr ? ts->LT(-1)->getLine() : opener->getLine();
    std::vector<size_t> pending;  // closers of the brackets opened while scanning
    const size_t end = ts->size();
    size_t k = 0;  // LT offset of the token at `i` (default channel tokens only)
    for (size_t i = ts->index(); i < end && k < kScan; ++i) {
        Token* t = ts->get(i);
        ++visited;
        if (t->getChannel() != Token::DEFAULT_CHANNEL) continue;
        ++k;
        const size_t type = t->getType();
        if (type == Token::EOF) return 0;
        if (pending.empty() && type == want) return k;
        const bool firstOnLine = t->getLine() > prevLine;
        prevLine = t->getLine();
        if (firstOnLine && t->getCharPositionInLine() <= baseCol) return 0;
        if (size_t closer = closerFor(type)) {
            pending.push_back(closer);
        } else if (!pending.empty() && pending.back() == type) {
            pending.pop_back();
        } else if (isCloser(type)) {
            return 0;
        }
    }
    return 0;
}

// What must come after a token, for tokens that always need something particular after them.
const char* whatFollows(size_t type) {
    switch (type) {
        case FluxParser::DOT: case FluxParser::OPTION: case FluxParser::BUILTIN: case FluxParser::TESTCASE:
        case FluxParser::PACKAGE: case FluxParser::AT: case FluxParser::QUESTION:
            return "an identifier";
        case FluxParser::IMPORT: return "an import path (a string)";
        case FluxParser::EXTENDS: return "a string";
        case FluxParser::PIPE_FORWARD: return "a function call";
        case FluxParser::ADD: case FluxParser::SUB: case FluxParser::MUL: case FluxParser::DIV: case FluxParser::MOD:
        case FluxParser::POW: case FluxParser::EQ: case FluxParser::NEQ: case FluxParser::LT: case FluxParser::LTE:
        case FluxParser::GT: case FluxParser::GTE: case FluxParser::REGEX_EQ: case FluxParser::REGEX_NEQ:
        case FluxParser::AND: case FluxParser::OR: case FluxParser::NOT: case FluxParser::EXISTS: case FluxParser::IF:
        case FluxParser::THEN: case FluxParser::ELSE: case FluxParser::RETURN: case FluxParser::ASSIGN:
        case FluxParser::INTERP_START:
            return "an expression";
        case FluxParser::ARROW: return "an expression or a block";
        default: return nullptr;
    }
}

}  // namespace

// Whether the brackets opened by `opener` (in `ctx` or a parent) hold a comma-separated list.
bool FluxErrorStrategy::inCommaList(Token* opener, antlr4::RuleContext* ctx) {
    for (; ctx != nullptr; ctx = dynamic_cast<antlr4::RuleContext*>(ctx->parent)) {
        if (unclosedOpenerIn(ctx) != opener) continue;
        return dynamic_cast<FluxParser::CallExprContext*>(ctx) != nullptr ||
               dynamic_cast<FluxParser::ArrayOrDictContext*>(ctx) != nullptr ||
               dynamic_cast<FluxParser::RecordContext*>(ctx) != nullptr ||
               dynamic_cast<FluxParser::AttributeContext*>(ctx) != nullptr ||
               dynamic_cast<FluxParser::MonoTypeContext*>(ctx) != nullptr;
    }
    return false;
}

namespace {

std::string at(const ast::SourceLoc& loc) { return std::to_string(loc.line) + ":" + std::to_string(loc.col); }

}  // namespace

ast::SourceLoc tokenStart(const Token* t) {
    if (t == nullptr) return {};
    return {static_cast<uint32_t>(t->getLine()), static_cast<uint32_t>(t->getCharPositionInLine() + 1)};
}

ast::SourceLoc tokenEnd(const Token* t) {
    ast::SourceLoc loc = tokenStart(t);
    if (t == nullptr || t->getType() == Token::EOF) return loc;
    size_t start = t->getStartIndex(), stop = t->getStopIndex();
    if (start == INVALID_INDEX || stop == INVALID_INDEX || stop + 1 < start) return loc;
    if (t->getType() == FluxParser::STR_TEXT) {
        std::string text = t->getText();
        if (text.find('\n') != std::string::npos) {
            // Multi-line text: count lines, then the code points after the last newline.
            return ast::advance(loc, text);
        }
    }
    loc.col += static_cast<uint32_t>(stop + 1 - start);
    return loc;
}

ast::SourceLoc errorLocation(Token* t, antlr4::TokenStream* tokens) {
    if (t != nullptr && t->getType() == Token::EOF && tokens != nullptr) {
        size_t index = t->getTokenIndex();
        if (index != INVALID_INDEX && index > 0) return tokenEnd(tokens->get(index - 1));
    }
    ast::SourceLoc loc = tokenStart(t);
    if (loc.line == 0) loc = {1, 1};
    return loc;
}

std::string describeFoundToken(const Token* t) {
    if (t == nullptr) return "nothing";
    size_t type = t->getType();
    std::string text = oneLine(truncated(t->getText()));
    switch (type) {
        case Token::EOF: return "end of file";
        case FluxParser::IDENT: return "identifier '" + text + "'";
        case FluxParser::WITH: case FluxParser::EXTENDS: case FluxParser::WHERE: return "identifier '" + text + "'";
        case FluxParser::INT: return "integer " + text;
        case FluxParser::FLOAT: return "float " + text;
        case FluxParser::DURATION: return "duration " + text;
        case FluxParser::DATETIME: return "date-time " + text;
        case FluxParser::REGEX: return "regular expression " + text;
        case FluxParser::LABEL: return "label " + text;
        case FluxParser::DQUOTE: return "a string";
        case FluxParser::DQUOTE_END: return "'\"'";
        case FluxParser::STR_TEXT: return "string text";
        case FluxParser::BAD_CHAR: return "character '" + text + "'";
        default:
            break;
    }
    if (type >= FluxParser::AND && type <= FluxParser::TESTCASE) return "keyword '" + text + "'";
    return "'" + text + "'";
}

std::string describeExpected(const antlr4::misc::IntervalSet& expected, const antlr4::dfa::Vocabulary& vocabulary,
                             bool inType) {
    std::vector<size_t> types;
    for (ssize_t t : expected.toList())
        if (t >= 0) types.push_back(static_cast<size_t>(t));
    size_t exprStarts = 0, operators = 0, statementKeywords = 0;
    bool identifier = false;
    for (size_t t : types) {
        if (isExpressionStart(t) && (!isIdentifierToken(t) || t == FluxParser::IDENT)) ++exprStarts;
        if (isOperator(t)) ++operators;
        if (isStatementKeyword(t)) ++statementKeywords;
        if (isIdentifierToken(t)) identifier = true;
    }
    const bool anExpression = exprStarts >= 4;
    const bool aStatement = anExpression && statementKeywords >= 2;
    const bool someOperators = operators >= 3;
    std::vector<std::string> specific;
    for (size_t t : types) {
        if ((anExpression && isExpressionStart(t)) || (aStatement && isStatementKeyword(t))) continue;
        if (isIdentifierToken(t)) continue;
        if (someOperators && isOperator(t)) continue;
        if (t == FluxParser::AT && aStatement) continue;  // attributes come with statements
        std::string name = tokenTypeName(t, vocabulary);
        if (t == Token::EOF) continue;  // listed last
        specific.push_back(name);
    }
    std::vector<std::string> items = specific;
    if (aStatement) items.push_back("a statement");
    else if (anExpression) items.push_back(inType ? "a type" : "an expression");
    else if (identifier) items.push_back("an identifier");
    if (items.empty() && someOperators) items.push_back("an operator");
    if (expected.contains(Token::EOF)) items.push_back("end of file");
    if (items.size() > 6) {
        items.resize(6);
        items.push_back("...");
    }
    if (items.empty()) return "something else";
    return joinAlternatives(items);
}

void FluxErrorStrategy::add(antlr4::Parser* recognizer, Token* token, std::string message) {
    addAt(errorLocation(token, recognizer->getTokenStream()), std::move(message));
}

size_t& FluxErrorStrategy::scanBudget(antlr4::Parser* recognizer) {
    if (!scanBudgetSet_) {
        scanBudgetSet_ = true;
        scanBudget_ = kScanBudgetBase + kScanBudgetPerToken * recognizer->getTokenStream()->size();
    }
    return scanBudget_;
}

void FluxErrorStrategy::addAt(ast::SourceLoc loc, std::string message) {
    if (!reported_.insert(key(loc)).second) return;  // one error per position
    sink_.push_back({loc, std::move(message)});
}

void FluxErrorStrategy::report(antlr4::Parser* recognizer, Token* offending, antlr4::ParserRuleContext* ctx,
                               const antlr4::misc::IntervalSet& expected) {
    const size_t found = offending != nullptr ? offending->getType() : Token::EOF;
    // Constructs that are in the wrong place get a message of their own.
    if (found == FluxParser::IMPORT) {
        add(recognizer, offending, "import declarations must come before all other statements");
        return;
    }
    if (found == FluxParser::PACKAGE) {
        add(recognizer, offending, "the package clause must be the first statement of the file");
        return;
    }
    antlr4::misc::IntervalSet wantedSet = expected;
    Token* opener = unclosedOpener(ctx);
    // A closing bracket is expected but an element follows: most likely a ',' is missing.
    if (opener != nullptr && expected.contains(closerFor(opener->getType())) && isExpressionStart(found) &&
        inCommaList(opener, ctx))
        wantedSet.add(FluxParser::COMMA);
    bool inType = false;
    for (antlr4::RuleContext* c = ctx; c != nullptr && !inType; c = dynamic_cast<antlr4::RuleContext*>(c->parent))
        inType = dynamic_cast<FluxParser::TypeExpressionContext*>(c) != nullptr;
    std::string wanted = describeExpected(wantedSet, recognizer->getVocabulary(), inType);
    std::string message;
    if (opener != nullptr && expected.contains(closerFor(opener->getType()))) {
        ast::SourceLoc openedAt = tokenStart(opener);
        if (opener->getType() == FluxParser::DQUOTE && found == Token::EOF) {
            add(recognizer, opener, "unterminated string: no closing '\"' for the string that starts here");
            return;
        }
        if (opener->getType() == FluxParser::INTERP_START)
            wanted += " (to close the '${' at " + at(openedAt) + ")";
        else if (opener->getType() != FluxParser::DQUOTE)
            wanted += " (to close the '" + opener->getText() + "' at " + at(openedAt) + ")";
    }
    if (found == FluxParser::BAD_CHAR) {
        message = "unexpected character '" + offending->getText() + "'; expected " + wanted;
        add(recognizer, offending, std::move(message));
        return;
    }
    message = "expected " + wanted + ", found " + describeFoundToken(offending);
    // When the unexpected token starts a later line, what is missing belongs at the end of the
    // line before: point there.
    Token* previous = nullptr;
    if (offending != nullptr && offending->getTokenIndex() != INVALID_INDEX && offending->getTokenIndex() > 0)
        previous = recognizer->getTokenStream()->get(offending->getTokenIndex() - 1);
    if (previous != nullptr && found != Token::EOF && tokenEnd(previous).line < offending->getLine()) {
        ast::SourceLoc foundAt = tokenStart(offending);
        message += " at " + at(foundAt);
        addAt(tokenEnd(previous), std::move(message));
        return;
    }
    add(recognizer, offending, std::move(message));
}

Token* FluxErrorStrategy::recoverInline(antlr4::Parser* recognizer) {
    // A closing bracket is missing here: when it comes later on the same logical line, skip what is
    // in between (one error) instead of pretending it was there (which makes the rest of the line
    // report errors of its own).
    Token* opener = unclosedOpenerIn(recognizer->getContext());
    if (opener != nullptr && getExpectedTokens(recognizer).contains(closerFor(opener->getType()))) {
        if (Token* matched = singleTokenDeletion(recognizer)) {
            recognizer->consume();
            return matched;
        }
        if (size_t k = closerAhead(recognizer, opener, scanBudget(recognizer))) {
            if (!inErrorRecoveryMode(recognizer)) {
                beginErrorCondition(recognizer);
                report(recognizer, recognizer->getCurrentToken(), recognizer->getContext(), getExpectedTokens(recognizer));
            }
            for (size_t i = 1; i < k; ++i) recognizer->consume();
            Token* matched = recognizer->getCurrentToken();
            reportMatch(recognizer);
            recognizer->consume();
            return matched;
        }
    }
    return DefaultErrorStrategy::recoverInline(recognizer);
}

void FluxErrorStrategy::recover(antlr4::Parser* recognizer, std::exception_ptr e) {
    // Resynchronise at the bracket that closes the innermost open one, when it is near.
    antlr4::ParserRuleContext* ctx = recognizer->getContext();
    if (Token* opener = unclosedOpener(ctx)) {
        if (size_t k = closerAhead(recognizer, opener, scanBudget(recognizer))) {
            const bool ownBracket = unclosedOpenerIn(ctx) == opener;
            const size_t skip = ownBracket ? k : k - 1;  // the rule that opened it also takes the closer
            if (skip > 0) {
                for (size_t i = 0; i < skip; ++i) recognizer->consume();
                return;
            }
        }
    }
    DefaultErrorStrategy::recover(recognizer, e);
}

void FluxErrorStrategy::reportNoViableAlternative(antlr4::Parser* recognizer, const antlr4::NoViableAltException& e) {
    Token* offending = e.getOffendingToken();
    Token* start = e.getStartToken();
    auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(e.getCtx());
    // The parser looked ahead past the start of the decision: the expected tokens of the decision
    // say little about the point of failure, but the token before it usually does.
    if (offending != nullptr && start != nullptr && offending->getTokenIndex() != INVALID_INDEX &&
        offending->getTokenIndex() > start->getTokenIndex() && offending->getTokenIndex() > 0) {
        Token* before = recognizer->getTokenStream()->get(offending->getTokenIndex() - 1);
        if (const char* what = whatFollows(before->getType())) {
            if (offending->getType() != FluxParser::IMPORT && offending->getType() != FluxParser::PACKAGE) {
                std::string message = std::string("expected ") + what + " after '" + before->getText() + "', found " +
                                      describeFoundToken(offending);
                if (offending->getType() == FluxParser::BAD_CHAR)
                    message = "unexpected character '" + offending->getText() + "'; expected " + what + " after '" +
                              before->getText() + "'";
                add(recognizer, offending, std::move(message));
                return;
            }
        }
    }
    report(recognizer, offending, ctx, e.getExpectedTokens());
}

void FluxErrorStrategy::reportInputMismatch(antlr4::Parser* recognizer, const antlr4::InputMismatchException& e) {
    report(recognizer, e.getOffendingToken(), dynamic_cast<antlr4::ParserRuleContext*>(e.getCtx()),
           e.getExpectedTokens());
}

void FluxErrorStrategy::reportFailedPredicate(antlr4::Parser* recognizer, const antlr4::FailedPredicateException& e) {
    // Only the precedence predicates of the expression rule exist; they fail on input that has no
    // operator where one is needed.
    report(recognizer, e.getOffendingToken(), recognizer->getContext(), getExpectedTokens(recognizer));
}

void FluxErrorStrategy::reportUnwantedToken(antlr4::Parser* recognizer) {
    if (inErrorRecoveryMode(recognizer)) return;
    beginErrorCondition(recognizer);
    report(recognizer, recognizer->getCurrentToken(), recognizer->getContext(), getExpectedTokens(recognizer));
}

void FluxErrorStrategy::reportMissingToken(antlr4::Parser* recognizer) {
    if (inErrorRecoveryMode(recognizer)) return;
    beginErrorCondition(recognizer);
    report(recognizer, recognizer->getCurrentToken(), recognizer->getContext(), getExpectedTokens(recognizer));
}

Token* FirstErrorStrategy::recoverInline(antlr4::Parser* recognizer) {
    antlr4::InputMismatchException e(recognizer);
    reportError(recognizer, e);
    throw Stop{};
}

void FirstErrorStrategy::recover(antlr4::Parser*, std::exception_ptr) {
    throw Stop{};  // the rule reported the error before it called this
}

void FirstErrorStrategy::sync(antlr4::Parser*) {
    // Nothing: an unexpected token is found by the match or prediction that follows.
}

void CollectingErrorListener::syntaxError(antlr4::Recognizer*, Token* offendingSymbol, size_t line,
                                          size_t charPositionInLine, const std::string& msg, std::exception_ptr) {
    ast::SourceLoc loc{static_cast<uint32_t>(line), static_cast<uint32_t>(charPositionInLine + 1)};
    if (offendingSymbol != nullptr) loc = tokenStart(offendingSymbol);
    if (loc.line == 0) loc = {1, 1};
    sink_.push_back({loc, msg});
}

}  // namespace fluxi::parser_detail
