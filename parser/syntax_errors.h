// Turns ANTLR's recognition errors into messages a person can act on ("expected ')' to close the
// '(' at 3:9, found end of file") and collects them with their source positions. Used by
// parser/parser.cpp for the second (full LL, error-recovering) parsing stage.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "antlr4-runtime.h"
#include "parser/parser.h"

namespace fluxi::parser_detail {

// Where a token starts, and where it ends (the position just after its last character).
ast::SourceLoc tokenStart(const antlr4::Token* t);
ast::SourceLoc tokenEnd(const antlr4::Token* t);

// Position to report an error at `t`: its start, or for end of file the end of the token before.
ast::SourceLoc errorLocation(antlr4::Token* t, antlr4::TokenStream* tokens);

// "identifier 'x'", "end of file", "')'", "keyword 'then'", ...
std::string describeFoundToken(const antlr4::Token* t);

// "an expression", "',' or ')'", ... (`inType`: inside a type expression, "a type" not "an expression")
std::string describeExpected(const antlr4::misc::IntervalSet& expected, const antlr4::dfa::Vocabulary& vocabulary,
                             bool inType = false);

// Reports each syntax error once through `sink` and recovers (DefaultErrorStrategy's single token
// insertion/deletion and resynchronisation) so that later errors are found too.
class FluxErrorStrategy : public antlr4::DefaultErrorStrategy {
public:
    explicit FluxErrorStrategy(std::vector<SyntaxError>& sink) : sink_(sink) {
        for (const SyntaxError& e : sink_) reported_.insert(key(e.loc));
    }

    antlr4::Token* recoverInline(antlr4::Parser* recognizer) override;
    void recover(antlr4::Parser* recognizer, std::exception_ptr e) override;

protected:
    void reportNoViableAlternative(antlr4::Parser* recognizer, const antlr4::NoViableAltException& e) override;
    void reportInputMismatch(antlr4::Parser* recognizer, const antlr4::InputMismatchException& e) override;
    void reportFailedPredicate(antlr4::Parser* recognizer, const antlr4::FailedPredicateException& e) override;
    void reportUnwantedToken(antlr4::Parser* recognizer) override;
    void reportMissingToken(antlr4::Parser* recognizer) override;

private:
    void report(antlr4::Parser* recognizer, antlr4::Token* offending, antlr4::ParserRuleContext* ctx,
                const antlr4::misc::IntervalSet& expected);
    void add(antlr4::Parser* recognizer, antlr4::Token* at, std::string message);
    antlr4::Token* unclosedOpenerIn(antlr4::RuleContext* ctx);
    antlr4::Token* unclosedOpener(antlr4::RuleContext* ctx);
    bool inCommaList(antlr4::Token* opener, antlr4::RuleContext* ctx);
    // How far unclosedOpenerIn has looked at a context's children, and the brackets still open there.
    struct OpenScan {
        size_t scanned = 0;
        antlr4::tree::ParseTree* last = nullptr;  // children[scanned - 1]
        std::vector<antlr4::Token*> open;
    };
    std::unordered_map<const antlr4::RuleContext*, OpenScan> openScans_;
    // Adds the error unless one is reported at `loc` already (one per position).
    void addAt(ast::SourceLoc loc, std::string message);
    static uint64_t key(ast::SourceLoc loc) { return uint64_t{loc.line} << 32 | loc.col; }
    // Tokens the look-ahead for closing brackets may still visit in this parse (see closerAhead in
    // syntax_errors.cpp): a few thousand errors' worth, plus some per token of the file.
    size_t& scanBudget(antlr4::Parser* recognizer);
    static constexpr size_t kScanBudgetBase = 4000000;
    static constexpr size_t kScanBudgetPerToken = 64;
    size_t scanBudget_ = 0;
    bool scanBudgetSet_ = false;

    std::vector<SyntaxError>& sink_;
    std::unordered_set<uint64_t> reported_;  // positions in sink_ (a set: input can hold 100k errors)
};

// The first syntax error only, worded as FluxErrorStrategy words it; then the parse stops by throwing
// Stop. This is the fast first parsing stage (SLL, no recovery), and its error is what a file too large
// or too hostile for the recovering stage reports.
class FirstErrorStrategy : public FluxErrorStrategy {
public:
    struct Stop {};
    using FluxErrorStrategy::FluxErrorStrategy;
    antlr4::Token* recoverInline(antlr4::Parser* recognizer) override;
    void recover(antlr4::Parser* recognizer, std::exception_ptr e) override;
    void sync(antlr4::Parser* recognizer) override;
};

// Collects anything the lexer or the runtime reports through the listener interface.
class CollectingErrorListener : public antlr4::BaseErrorListener {
public:
    explicit CollectingErrorListener(std::vector<SyntaxError>& sink) : sink_(sink) {}
    void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offendingSymbol, size_t line,
                     size_t charPositionInLine, const std::string& msg, std::exception_ptr e) override;

private:
    std::vector<SyntaxError>& sink_;
};

}  // namespace fluxi::parser_detail
