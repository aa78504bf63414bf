// parseFlux: Flux source -> ast::File, in two stages. The first stage parses with ANTLR's fast SLL
// prediction and stops at the first problem, which it reports; only when that fails (a syntax
// error, or the rare input SLL cannot decide) the file is parsed again with full LL prediction and
// error recovery, which reports every syntax error with a readable message. That second stage runs
// on files of up to kFullRecoveryTokens tokens, within a budget of prediction work; past either,
// the first stage's error stands (linear time on any input). The generated parser keeps its ATN and
// DFA caches in static members, so every parse after the first reuses what earlier parses learned.
#include "parser/parser.h"

#include <algorithm>
#include <cstdio>
#include <mutex>

#include "FluxLexer.h"
#include "FluxParser.h"
#include "antlr4-runtime.h"
#include "eval/limits.h"
#include "parser/literals.h"
#include "parser/ast_builder.h"
#include "parser/syntax_errors.h"

namespace fluxi {

namespace {

using namespace parser_detail;

// Stack the recursive-descent parser may use before deeply nested input is rejected. Each level
// of brackets costs a dozen rule frames; this allows a few hundred levels.
constexpr std::ptrdiff_t kParserStackBudget = 1024 * 1024;

struct NestingTooDeep {
    ast::SourceLoc loc;
    std::string message = "brackets or operators nested too deeply here; split the expression up";
};

class GuardedParser : public gen::FluxParser {
public:
    GuardedParser(antlr4::TokenStream* input, const char* stackBase) : FluxParser(input), stackBase_(stackBase) {}

    void enterRule(antlr4::ParserRuleContext* ctx, size_t state, size_t ruleIndex) override {
        checkStack();
        FluxParser::enterRule(ctx, state, ruleIndex);
    }
    // The expression rule is left-recursive: it is entered through here.
    void enterRecursionRule(antlr4::ParserRuleContext* ctx, size_t state, size_t ruleIndex, int precedence) override {
        checkStack();
        FluxParser::enterRecursionRule(ctx, state, ruleIndex, precedence);
    }

private:
    void checkStack() {
        char probe = 0;
        if (stackBase_ - &probe > kParserStackBudget) throw NestingTooDeep{tokenStart(getCurrentToken())};
    }

    const char* stackBase_;
};

// Brackets (and strings inside interpolations) nested deeper than this are refused before ANTLR
// parses: on unclosed brackets its adaptive prediction looks ahead to the end of the input at
// every level, which makes thousands of them take seconds to minutes (quadratic to cubic in the
// length). Real scripts nest a few levels; the stack budget above allows a few hundred.
constexpr int kMaxNesting = 100;

// Throws NestingTooDeep at the first opening bracket that goes past kMaxNesting levels. The input is
// lexed as far as it is read here: a megabyte of '{' is refused after 101 tokens.
void checkNesting(antlr4::CommonTokenStream& tokens) {
    int depth = 0;
    for (;; tokens.consume()) {
        antlr4::Token* t = tokens.LT(1);
        if (t->getType() == antlr4::Token::EOF) break;
        switch (t->getType()) {
            case gen::FluxLexer::LPAREN:
            case gen::FluxLexer::LBRACK:
            case gen::FluxLexer::LBRACE:
            case gen::FluxLexer::INTERP_START:
            case gen::FluxLexer::DQUOTE:
                if (++depth > kMaxNesting)
                    throw NestingTooDeep{tokenStart(t), "brackets nested too deeply here (more than " +
                                                            std::to_string(kMaxNesting) +
                                                            " levels, or never closed); split the expression up"};
                break;
            case gen::FluxLexer::RPAREN:
            case gen::FluxLexer::RBRACK:
            case gen::FluxLexer::RBRACE:
            case gen::FluxLexer::DQUOTE_END:
                if (depth > 0) depth--;
                break;
            default: break;
        }
    }
    tokens.seek(0);
}

ast::SourceLoc locationOfByte(const std::string& source, size_t offset) {
    return ast::advance({1, 1}, source, offset);
}

// The token stream the parser reads, checking the run's time limit and cancellation (eval/limits.h)
// every so many look-aheads: parsing is then bounded by the run's limits however long prediction takes.
class LimitedTokenStream final : public antlr4::CommonTokenStream {
public:
    using CommonTokenStream::CommonTokenStream;
    size_t LA(ssize_t i) override {
        if (++lookaheads_ >= 65536) [[unlikely]] {
            lookaheads_ = 0;
            limits::check("parsing");
        }
        return CommonTokenStream::LA(i);
    }

private:
    uint32_t lookaheads_ = 0;
};

// The work the error-reporting stage may spend on full-context (LL) predictions. ANTLR falls back
// to full context at every decision SLL finds ambiguous -- in this grammar, every binary operator
// and list element -- and each such prediction rebuilds the whole rule stack as its context: inside
// ~100 unclosed brackets that is ~400 frames per operator, seconds per megabyte. Counting the
// depth of each full-context prediction gives a deterministic measure of that work; past the
// budget the stage gives up and the first stage's error is reported.
class PredictionBudget final : public antlr4::BaseErrorListener {
public:
    struct Spent {};
    explicit PredictionBudget(size_t frames) : left_(frames) {}
    void reportAttemptingFullContext(antlr4::Parser* recognizer, const antlr4::dfa::DFA&, size_t, size_t,
                                     const antlrcpp::BitSet&, antlr4::atn::ATNConfigSet*) override {
        size_t depth = 1;
        for (antlr4::tree::ParseTree* c = recognizer->getContext(); c != nullptr; c = c->parent) depth++;
        if (depth > left_) throw Spent{};
        left_ -= depth;
    }

private:
    size_t left_;
};

// Rule frames of full-context predictions the error-reporting stage may spend: a base that no
// ordinary file comes near, plus an allowance per token (tens of frames per operator at
// the nesting depths real scripts have).
constexpr size_t kFullContextFramesBase = 200000;
constexpr size_t kFullContextFramesPerToken = 32;

// Files with more tokens than this that do not parse report their first syntax error only (found by
// the fast first stage): error recovery costs up to tens of microseconds per token on hostile input
// (ANTLR recomputes follow sets and predictions from the whole rule stack), and no one reads the
// second of 100k errors. Ordinary scripts are far smaller (a 1,000-line script has ~10k tokens).
constexpr size_t kFullRecoveryTokens = 20000;

// The ANTLR runtime's shared DFA cache is filled while parsing; keep one parse at a time.
std::mutex& parserMutex() {
    static std::mutex m;
    return m;
}

void parseInto(const std::string& source, ast::File& file, std::vector<SyntaxError>& errors) {
    char stackBase = 0;
    std::lock_guard<std::mutex> lock(parserMutex());
    antlr4::ANTLRInputStream input(source);
    gen::FluxLexer lexer(&input);
    CollectingErrorListener lexerErrors(errors);
    lexer.removeErrorListeners();
    lexer.addErrorListener(&lexerErrors);
    LimitedTokenStream tokens(&lexer);
    checkNesting(tokens);
    GuardedParser parser(&tokens, &stackBase);
    parser.removeErrorListeners();

    // Stage 1: SLL, stopping at the first error (which it reports).
    const size_t lexerErrorCount = errors.size();
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<FirstErrorStrategy>(errors));
    gen::FluxParser::FileContext* tree = nullptr;
    try {
        tree = parser.file();
    } catch (const FirstErrorStrategy::Stop&) {
        tree = nullptr;
    }
    if (tree == nullptr && tokens.size() <= kFullRecoveryTokens) {
        // Stage 2: full LL with recovery, reporting every error, within a budget of prediction work.
        // Past the budget, stage 1's error stands.
        std::vector<SyntaxError> firstError(errors.begin() + static_cast<std::ptrdiff_t>(lexerErrorCount), errors.end());
        errors.erase(errors.begin() + static_cast<std::ptrdiff_t>(lexerErrorCount), errors.end());
        PredictionBudget budget(kFullContextFramesBase + kFullContextFramesPerToken * tokens.size());
        tokens.seek(0);
        parser.reset();
        parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
        parser.setErrorHandler(std::make_shared<FluxErrorStrategy>(errors));
        parser.addErrorListener(&budget);
        try {
            tree = parser.file();
        } catch (const PredictionBudget::Spent&) {
            tree = nullptr;
            errors.erase(errors.begin() + static_cast<std::ptrdiff_t>(lexerErrorCount), errors.end());
            errors.insert(errors.end(), firstError.begin(), firstError.end());
        }
        parser.removeErrorListener(&budget);
    }
    // A file that did not parse and was not recovered has no syntax tree, only its error.
    if (tree != nullptr) AstBuilder(errors).buildFile(tree, file);
}

}  // namespace

ParseResult parseFlux(std::string source, std::string fileName) {
    ParseResult result;
    result.file = std::make_unique<ast::File>();
    result.file->name = std::move(fileName);
    result.file->source = std::move(source);
    const std::string& src = result.file->source;

    size_t bad = 0;
    if (!literals::isValidUtf8(src, bad)) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(src[bad])));
        result.errors.push_back({locationOfByte(src, bad), std::string("invalid UTF-8 (byte ") + hex +
                                                               "): Flux source must be UTF-8 text"});
        return result;
    }
    try {
        parseInto(src, *result.file, result.errors);
    } catch (const NestingTooDeep& e) {
        result.errors.push_back({e.loc.line != 0 ? e.loc : ast::SourceLoc{1, 1},
                                 e.message});
    } catch (const LimitExceeded&) {
        throw;  // the run's time limit or cancellation: not a syntax error
    } catch (const std::exception& e) {
        result.errors.push_back({{1, 1}, std::string("internal parser error: ") + e.what()});
    } catch (...) {
        result.errors.push_back({{1, 1}, "internal parser error"});
    }
    if (!result.errors.empty()) {
        // A partly built AST of a file that does not parse is only a hint; keep it, and order the
        // errors by position, one per position (the first found, i.e. the parser's, wins).
        std::stable_sort(result.errors.begin(), result.errors.end(), [](const SyntaxError& a, const SyntaxError& b) {
            return a.loc.line != b.loc.line ? a.loc.line < b.loc.line : a.loc.col < b.loc.col;
        });
        auto samePlace = [](const SyntaxError& a, const SyntaxError& b) {
            return a.loc.line == b.loc.line && a.loc.col == b.loc.col;
        };
        result.errors.erase(std::unique(result.errors.begin(), result.errors.end(), samePlace), result.errors.end());
    }
    return result;
}

std::vector<LexedToken> lexFlux(const std::string& source) {
    // ANTLR's input stream throws on bytes that are not UTF-8: only the valid prefix is tokenized.
    if (size_t bad = 0; !literals::isValidUtf8(source, bad)) return lexFlux(source.substr(0, bad));
    std::vector<LexedToken> out;
    // ANTLR indexes characters by code point: map each code point index to its byte offset.
    std::vector<size_t> byteOf;
    byteOf.reserve(source.size() + 1);
    for (size_t i = 0; i < source.size(); ++i)
        if ((static_cast<unsigned char>(source[i]) & 0xC0) != 0x80) byteOf.push_back(i);
    byteOf.push_back(source.size());
    std::lock_guard<std::mutex> lock(parserMutex());
    antlr4::ANTLRInputStream input(source);
    gen::FluxLexer lexer(&input);
    lexer.removeErrorListeners();
    for (;;) {
        std::unique_ptr<antlr4::Token> t = lexer.nextToken();
        LexedToken tok;
        tok.start = tokenStart(t.get());
        if (t->getType() == antlr4::Token::EOF) {
            tok.startByte = tok.endByte = source.size();
            tok.start = tok.end = locationOfByte(source, source.size());
            out.push_back(std::move(tok));
            break;
        }
        tok.end = tokenEnd(t.get());
        const size_t first = t->getStartIndex(), last = t->getStopIndex();
        tok.startByte = first < byteOf.size() ? byteOf[first] : source.size();
        tok.endByte = last + 1 < byteOf.size() ? byteOf[last + 1] : source.size();
        tok.text = source.substr(tok.startByte, tok.endByte - tok.startByte);
        tok.inString = t->getType() == gen::FluxLexer::STR_TEXT || t->getType() == gen::FluxLexer::STR_DOLLAR;
        out.push_back(std::move(tok));
    }
    return out;
}

std::string formatDiagnostic(const std::string& fileName, const std::string& source, ast::SourceLoc loc,
                             const std::string& message) {
    std::string out = fileName + ":" + std::to_string(loc.line) + ":" + std::to_string(loc.col) +
                      ": error: " + message + "\n";
    if (loc.line == 0) return out;
    // Find the line.
    size_t start = 0;
    for (uint32_t line = 1; line < loc.line; ++line) {
        size_t nl = source.find('\n', start);
        if (nl == std::string::npos) return out;
        start = nl + 1;
    }
    size_t end = source.find('\n', start);
    std::string text = source.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!text.empty() && text.back() == '\r') text.pop_back();
    // Byte offset of each code point of the line, to cut very long lines down to a window around
    // the column.
    std::vector<size_t> points;
    for (size_t i = 0; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) points.push_back(i);
    constexpr size_t kWindow = 100;
    const size_t column = loc.col > 0 ? loc.col - 1 : 0;  // 0-based code point index
    size_t first = 0, last = points.size();
    if (points.size() > kWindow) {
        first = column > kWindow / 2 ? column - kWindow / 2 : 0;
        if (first > points.size()) first = points.size();
        last = std::min(points.size(), first + kWindow);
    }
    auto byteAt = [&](size_t point) { return point < points.size() ? points[point] : text.size(); };
    std::string shown = text.substr(byteAt(first), byteAt(last) - byteAt(first));
    std::string caretPad = first > 0 ? "   " : "";
    if (first > 0) shown = "..." + shown;
    if (last < points.size()) shown += "...";
    // Put the caret under the column, keeping tabs so that it lines up.
    for (size_t p = first; p < column; ++p) {
        const bool isTab = p < points.size() && text[points[p]] == '\t';
        caretPad.push_back(isTab ? '\t' : ' ');
    }
    const std::string gutter = std::to_string(loc.line);
    out += " " + gutter + " | " + shown + "\n";
    out += " " + std::string(gutter.size(), ' ') + " | " + caretPad;
    out += "^\n";
    return out;
}

}  // namespace fluxi
