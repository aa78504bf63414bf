// Names of AST node kinds and operators (for dumps and messages).
#include "ast/ast.h"

#include <algorithm>

namespace fluxi::ast {

SourceLoc advance(SourceLoc loc, std::string_view text, size_t bytes) {
    const size_t n = std::min(bytes, text.size());
    for (size_t i = 0; i < n; ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') {
            ++loc.line;
            loc.col = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++loc.col;
        }
    }
    return loc;
}

const char* nodeKindName(NodeKind k) {
    switch (k) {
        case NodeKind::Identifier: return "Identifier";
        case NodeKind::IntegerLit: return "IntegerLit";
        case NodeKind::FloatLit: return "FloatLit";
        case NodeKind::StringLit: return "StringLit";
        case NodeKind::DurationLit: return "DurationLit";
        case NodeKind::DateTimeLit: return "DateTimeLit";
        case NodeKind::RegexLit: return "RegexLit";
        case NodeKind::LabelLit: return "LabelLit";
        case NodeKind::ArrayExpr: return "ArrayExpr";
        case NodeKind::RecordExpr: return "RecordExpr";
        case NodeKind::DictExpr: return "DictExpr";
        case NodeKind::FunctionExpr: return "FunctionExpr";
        case NodeKind::CallExpr: return "CallExpr";
        case NodeKind::PipeExpr: return "PipeExpr";
        case NodeKind::MemberExpr: return "MemberExpr";
        case NodeKind::IndexExpr: return "IndexExpr";
        case NodeKind::UnaryExpr: return "UnaryExpr";
        case NodeKind::BinaryExpr: return "BinaryExpr";
        case NodeKind::LogicalExpr: return "LogicalExpr";
        case NodeKind::ConditionalExpr: return "ConditionalExpr";
        case NodeKind::PipeLit: return "PipeLit";
        case NodeKind::VariableAssignment: return "VariableAssignment";
        case NodeKind::MemberAssignment: return "MemberAssignment";
        case NodeKind::OptionStmt: return "OptionStmt";
        case NodeKind::BuiltinStmt: return "BuiltinStmt";
        case NodeKind::TestCaseStmt: return "TestCaseStmt";
        case NodeKind::ReturnStmt: return "ReturnStmt";
        case NodeKind::ExpressionStmt: return "ExpressionStmt";
        case NodeKind::Block: return "Block";
    }
    return "Unknown";
}

const char* binaryOpText(BinaryOp op) {
    switch (op) {
        case BinaryOp::Add: return "+";
        case BinaryOp::Sub: return "-";
        case BinaryOp::Mul: return "*";
        case BinaryOp::Div: return "/";
        case BinaryOp::Mod: return "%";
        case BinaryOp::Pow: return "^";
        case BinaryOp::Eq: return "==";
        case BinaryOp::Neq: return "!=";
        case BinaryOp::Lt: return "<";
        case BinaryOp::Lte: return "<=";
        case BinaryOp::Gt: return ">";
        case BinaryOp::Gte: return ">=";
        case BinaryOp::RegexMatch: return "=~";
        case BinaryOp::RegexNotMatch: return "!~";
    }
    return "?";
}

}  // namespace fluxi::ast
