// Walks the ANTLR parse tree of a Flux file (grammar/FluxParser.g4) and builds the AST of
// ast/ast.h, with a source span on every node. Literal values are decoded here (parser/literals.h);
// problems found while building (bad escapes, integer overflow, a pipe into something that is not
// a call, ...) are added to the error list with their exact position. On a tree with syntax errors
// it builds what it can and fills the holes with `<invalid>` identifiers.
#pragma once

#include <cstddef>
#include <vector>

#include "FluxParser.h"
#include "ast/ast.h"
#include "parser/parser.h"

namespace fluxi::parser_detail {

// How deeply expressions may nest in the AST (a longer chain of operators counts as deeper).
// The evaluator and the AST printers recurse on this depth.
constexpr unsigned kMaxExpressionDepth = 1000;

class AstBuilder {
public:
    explicit AstBuilder(std::vector<SyntaxError>& errors) : errors_(errors) {}

    void buildFile(gen::FluxParser::FileContext* ctx, ast::File& file);

private:
    using P = gen::FluxParser;

    // statements
    std::unique_ptr<ast::StmtBase> buildStatement(P::StatementContext* ctx);
    std::unique_ptr<ast::Block> buildBlock(P::BlockContext* ctx);
    std::unique_ptr<ast::StmtBase> buildStatementBody(P::StatementBodyContext* ctx);
    std::vector<ast::Attribute> buildAttributes(const std::vector<P::AttributeContext*>& attrs);
    ast::ImportDecl buildImport(P::ImportDeclContext* ctx);

    // expressions
    ast::ExprPtr buildExpression(P::ExpressionContext* ctx);
    ast::ExprPtr buildExpr(P::ExprContext* ctx);
    ast::ExprPtr buildExprHead(P::ExprContext* ctx);
    ast::ExprPtr buildExprSuffix(P::ExprContext* ctx, ast::ExprPtr left);
    void checkNotOperand(P::ExprContext* operand, antlr4::Token* op);
    ast::ExprPtr buildPrimary(P::PrimaryContext* ctx);
    ast::ExprPtr buildLiteralToken(antlr4::Token* token);
    std::unique_ptr<ast::StringLit> buildString(P::StringLitContext* ctx);
    ast::ExprPtr buildArrayOrDict(P::ArrayOrDictContext* ctx);
    std::unique_ptr<ast::RecordExpr> buildRecord(P::RecordContext* ctx);
    void buildProperties(P::PropertyListContext* ctx, std::vector<ast::Property>& out);
    ast::ExprPtr buildParenOrFunction(P::ParenOrFunctionContext* ctx);
    std::unique_ptr<ast::Identifier> buildIdentifier(P::IdentifierContext* ctx);
    ast::ExprPtr combine(antlr4::Token* op, ast::ExprPtr left, ast::ExprPtr right);

    // types
    std::unique_ptr<ast::TypeExpr> buildTypeExpression(P::TypeExpressionContext* ctx);
    std::unique_ptr<ast::TypeExpr> buildMonoType(P::MonoTypeContext* ctx);

    // helpers
    ast::ExprPtr invalid(const ast::Span& span);
    std::string plainString(P::StringLitContext* ctx, const char* what);
    void error(ast::SourceLoc loc, std::string message);
    void errorInToken(antlr4::Token* token, size_t byteOffset, std::string message);
    bool tooDeep(antlr4::ParserRuleContext* ctx);

    std::vector<SyntaxError>& errors_;
    unsigned depth_ = 0;
    bool reportedTooDeep_ = false;
};

}  // namespace fluxi::parser_detail
