// The Flux abstract syntax tree: what the parser produces and the evaluator walks.
// Every node carries its source span. Nodes are owned through std::unique_ptr by their parent; a
// File owns its statements. Identifier nodes carry a slot filled by the evaluator's resolver
// (eval/resolver) so that variables are found by index, not by name, at run time.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fluxi::ast {

struct SourceLoc {
    uint32_t line = 0;  // 1-based; 0 = unknown
    uint32_t col = 0;   // 1-based, in characters (UTF-8 code points)
};

// `loc` moved past the first `bytes` bytes of `text` (all of it by default): a newline starts the
// next line at column 1, every other UTF-8 code point advances the column by one.
SourceLoc advance(SourceLoc loc, std::string_view text, size_t bytes = std::string_view::npos);

struct Span {
    SourceLoc start, end;
};

enum class NodeKind : uint8_t {
    // expressions
    Identifier,
    IntegerLit,
    FloatLit,
    StringLit,
    DurationLit,
    DateTimeLit,
    RegexLit,
    LabelLit,
    ArrayExpr,
    RecordExpr,
    DictExpr,
    FunctionExpr,
    CallExpr,
    PipeExpr,
    MemberExpr,
    IndexExpr,
    UnaryExpr,
    BinaryExpr,
    LogicalExpr,
    ConditionalExpr,
    PipeLit,  // the `<-` default of a pipe parameter
    // statements
    VariableAssignment,
    MemberAssignment,
    OptionStmt,
    BuiltinStmt,
    TestCaseStmt,
    ReturnStmt,
    ExpressionStmt,
    Block,
};

const char* nodeKindName(NodeKind k);

// A value the evaluator computes once for a literal node and keeps (a string or compiled regex), so
// literals in per-row functions do not allocate on every evaluation. Set once, atomically.
struct RuntimeCache {
    std::atomic<void*> ptr{nullptr};
    void (*destroy)(void*) = nullptr;
    RuntimeCache() = default;
    RuntimeCache(const RuntimeCache&) = delete;
    ~RuntimeCache() {
        if (void* p = ptr.load()) destroy(p);
    }
};

struct Node {
    NodeKind kind;
    Span span;
    explicit Node(NodeKind k) : kind(k) {}
    virtual ~Node() = default;
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;
};

struct Expr : Node {
    using Node::Node;
};
using ExprPtr = std::unique_ptr<Expr>;

struct Stmt : Node {
    using Node::Node;
};
using StmtPtr = std::unique_ptr<Stmt>;

// ----------------------------------------------------------------------------------------------
// Attributes: `@name(arg, ...)` before a package clause, import or statement.
struct Attribute {
    Span span;
    std::string name;
    std::vector<ExprPtr> params;
};

// ----------------------------------------------------------------------------------------------
// Expressions

// Where the resolver found a name. Filled by eval/resolver before evaluation.
struct Resolution {
    enum class Where : uint8_t { Unresolved, Local, Capture, Global, Universe } where = Where::Unresolved;
    uint32_t index = 0;  // slot within that scope
};

struct Identifier : Expr {
    std::string name;
    Resolution res;
    Identifier() : Expr(NodeKind::Identifier) {}
};

struct IntegerLit : Expr {
    int64_t value = 0;
    IntegerLit() : Expr(NodeKind::IntegerLit) {}
};

struct FloatLit : Expr {
    double value = 0;
    FloatLit() : Expr(NodeKind::FloatLit) {}
};

// A string literal. Escapes are already decoded. Without interpolation it has one text part.
struct StringPart {
    std::string text;  // used when expr is null
    ExprPtr expr;      // `${expr}`
};
struct StringLit : Expr {
    std::vector<StringPart> parts;
    mutable RuntimeCache cache;  // the evaluated value of a plain literal
    StringLit() : Expr(NodeKind::StringLit) {}
    bool isPlain() const { return parts.size() <= 1 && (parts.empty() || !parts[0].expr); }
    const std::string& plainText() const {
        static const std::string empty;
        return parts.empty() ? empty : parts[0].text;
    }
};

// `1h30m`: magnitudes with their units, in source order.
enum class DurationUnit : uint8_t { ns, us, ms, s, m, h, d, w, mo, y };
struct DurationPart {
    int64_t magnitude = 0;
    DurationUnit unit = DurationUnit::ns;
};
struct DurationLit : Expr {
    std::vector<DurationPart> parts;
    DurationLit() : Expr(NodeKind::DurationLit) {}
};

struct DateTimeLit : Expr {
    int64_t nanos = 0;  // since the Unix epoch, UTC (offset applied)
    std::string text;   // as written
    DateTimeLit() : Expr(NodeKind::DateTimeLit) {}
};

struct RegexLit : Expr {
    std::string pattern;  // `\/` already turned into `/`
    mutable RuntimeCache cache;  // the compiled regex
    RegexLit() : Expr(NodeKind::RegexLit) {}
};

// `.name`: a label literal (used by some builtins to name a column).
struct LabelLit : Expr {
    std::string name;
    LabelLit() : Expr(NodeKind::LabelLit) {}
};

struct ArrayExpr : Expr {
    std::vector<ExprPtr> elements;
    ArrayExpr() : Expr(NodeKind::ArrayExpr) {}
};

struct Property {
    Span span;
    std::string key;  // identifier or string-literal key, decoded
    ExprPtr value;    // null for the shorthand `{a}` (meaning `{a: a}`)
};
struct RecordExpr : Expr {
    ExprPtr with;  // `{r with ...}`: the record extended; null otherwise
    std::vector<Property> properties;
    RecordExpr() : Expr(NodeKind::RecordExpr) {}
};

struct DictEntry {
    ExprPtr key, value;
};
struct DictExpr : Expr {
    std::vector<DictEntry> entries;  // empty for `[:]`
    DictExpr() : Expr(NodeKind::DictExpr) {}
};

struct Block;
struct Parameter {
    Span span;
    std::string name;
    ExprPtr defaultValue;  // null when required; a PipeLit for `tables=<-`
    bool isPipe() const { return defaultValue && defaultValue->kind == NodeKind::PipeLit; }
};
struct FunctionExpr : Expr {
    std::vector<Parameter> params;
    ExprPtr bodyExpr;              // `(x) => x + 1`
    std::unique_ptr<Block> block;  // `(x) => { ... }` (exactly one of bodyExpr/block is set)
    // Filled by the resolver: number of local slots a call frame needs, and the captured outer
    // slots (in order) the closure copies when it is created.
    uint32_t frameSize = 0;
    std::vector<Resolution> captures;
    FunctionExpr() : Expr(NodeKind::FunctionExpr) {}
};

struct PipeLit : Expr {
    PipeLit() : Expr(NodeKind::PipeLit) {}
};

struct CallExpr : Expr {
    ExprPtr callee;
    std::unique_ptr<RecordExpr> args;  // null for `f()`; Flux calls take one record of named args
    CallExpr() : Expr(NodeKind::CallExpr) {}
};

struct PipeExpr : Expr {
    ExprPtr argument;                // left of `|>`
    std::unique_ptr<CallExpr> call;  // right of `|>`
    PipeExpr() : Expr(NodeKind::PipeExpr) {}
};

struct MemberExpr : Expr {
    ExprPtr object;
    std::string property;  // `a.b` and `a["b"]` both end here
    // Index of `property` in the record last seen here: rows of one table share their field
    // layout, so `r.col` in a per-row function finds its field at once (checked, never trusted).
    mutable std::atomic<uint32_t> fieldHint{0};
    MemberExpr() : Expr(NodeKind::MemberExpr) {}
};

struct IndexExpr : Expr {
    ExprPtr object, index;  // `a[expr]` where expr is not a plain string literal
    IndexExpr() : Expr(NodeKind::IndexExpr) {}
};

enum class UnaryOp : uint8_t { Neg, Pos, Not, Exists };
struct UnaryExpr : Expr {
    UnaryOp op = UnaryOp::Neg;
    ExprPtr argument;
    UnaryExpr() : Expr(NodeKind::UnaryExpr) {}
};

enum class BinaryOp : uint8_t {
    Add, Sub, Mul, Div, Mod, Pow,
    Eq, Neq, Lt, Lte, Gt, Gte,
    RegexMatch, RegexNotMatch,
};
const char* binaryOpText(BinaryOp op);
struct BinaryExpr : Expr {
    BinaryOp op = BinaryOp::Add;
    ExprPtr left, right;
    BinaryExpr() : Expr(NodeKind::BinaryExpr) {}
};

enum class LogicalOp : uint8_t { And, Or };
struct LogicalExpr : Expr {
    LogicalOp op = LogicalOp::And;
    ExprPtr left, right;
    LogicalExpr() : Expr(NodeKind::LogicalExpr) {}
};

struct ConditionalExpr : Expr {
    ExprPtr test, consequent, alternate;
    ConditionalExpr() : Expr(NodeKind::ConditionalExpr) {}
};

// ----------------------------------------------------------------------------------------------
// Statements. `attributes` holds the `@...` lines written before the statement.

struct StmtBase : Stmt {
    std::vector<Attribute> attributes;
    using Stmt::Stmt;
};

struct VariableAssignment : StmtBase {
    std::unique_ptr<Identifier> id;
    ExprPtr init;
    VariableAssignment() : StmtBase(NodeKind::VariableAssignment) {}
};

// `option a.b = v` (only inside an OptionStmt)
struct MemberAssignment : StmtBase {
    std::unique_ptr<MemberExpr> member;  // object is an Identifier naming the package
    ExprPtr init;
    MemberAssignment() : StmtBase(NodeKind::MemberAssignment) {}
};

struct OptionStmt : StmtBase {
    StmtPtr assignment;  // VariableAssignment or MemberAssignment
    OptionStmt() : StmtBase(NodeKind::OptionStmt) {}
};

// Type expressions of `builtin` declarations, kept as a small tree (for `fluxi parse` and `check`).
struct TypeExpr {
    enum class Kind : uint8_t { Named, Var, Array, Stream, Vector, Dict, Record, Function, Dynamic } kind =
        Kind::Named;
    Span span;
    std::string name;  // Named: `int`, `string`, ...; Var: `A`; Record: the `with` variable or ""
    std::vector<std::unique_ptr<TypeExpr>> elems;  // Array/Stream/Vector: 1; Dict: key, value; Function: return type last
    struct Field {
        std::string name;
        std::unique_ptr<TypeExpr> type;
        bool optional = false;  // `?name:` in function parameters
        bool pipe = false;      // `<-name:` in function parameters
    };
    std::vector<Field> fields;  // Record properties or Function parameters
    std::vector<std::pair<std::string, std::vector<std::string>>> constraints;  // `where A: Numeric + Comparable`
};

struct BuiltinStmt : StmtBase {
    std::unique_ptr<Identifier> id;
    std::unique_ptr<TypeExpr> type;
    BuiltinStmt() : StmtBase(NodeKind::BuiltinStmt) {}
};

struct Block : Stmt {
    std::vector<StmtPtr> body;
    uint32_t frameSize = 0;  // filled by the resolver when the block is a scope of its own
    Block() : Stmt(NodeKind::Block) {}
};

struct TestCaseStmt : StmtBase {
    std::unique_ptr<Identifier> id;
    std::string extends;  // `extends "pkg/path"`, empty when absent
    std::unique_ptr<Block> block;
    TestCaseStmt() : StmtBase(NodeKind::TestCaseStmt) {}
};

struct ReturnStmt : StmtBase {
    ExprPtr argument;
    ReturnStmt() : StmtBase(NodeKind::ReturnStmt) {}
};

struct ExpressionStmt : StmtBase {
    ExprPtr expression;
    ExpressionStmt() : StmtBase(NodeKind::ExpressionStmt) {}
};

// ----------------------------------------------------------------------------------------------
// Files

struct ImportDecl {
    Span span;
    std::vector<Attribute> attributes;
    std::string alias;  // empty when none
    std::string path;   // "strings", "influxdata/influxdb/monitor", ...
};

struct PackageClause {
    Span span;
    std::vector<Attribute> attributes;
    std::string name;
};

struct File {
    std::string name;  // file name as given to the parser (for messages)
    std::string source;  // the full source text (for carets in messages)
    std::vector<Attribute> attributes;  // attributes before the package clause / first statement
    std::optional<PackageClause> package;
    std::vector<ImportDecl> imports;
    std::vector<StmtPtr> body;
};

}  // namespace fluxi::ast
