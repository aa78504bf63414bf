// Parse tree -> AST (see parser/ast_builder.h).
#include "parser/ast_builder.h"

#include "parser/literals.h"

#include <unordered_set>
#include <re2/re2.h>
#include "parser/syntax_errors.h"

namespace fluxi::parser_detail {

using antlr4::Token;
using antlr4::tree::ErrorNode;
using antlr4::tree::TerminalNode;
using P = gen::FluxParser;

namespace {

ast::Span spanOf(antlr4::ParserRuleContext* ctx) {
    ast::Span s;
    if (ctx == nullptr) return s;
    Token* start = ctx->getStart();
    Token* stop = ctx->getStop();
    s.start = tokenStart(start);
    if (stop != nullptr && start != nullptr && stop->getTokenIndex() != INVALID_INDEX &&
        stop->getTokenIndex() >= start->getTokenIndex() && stop->getType() != Token::EOF)
        s.end = tokenEnd(stop);
    else
        s.end = s.start;
    return s;
}

ast::Span spanOfToken(Token* t) { return {tokenStart(t), tokenEnd(t)}; }

ast::Span join(const ast::Span& a, const ast::Span& b) { return {a.start, b.end}; }

template <class T>
std::unique_ptr<T> makeNode(const ast::Span& span) {
    auto n = std::make_unique<T>();
    n->span = span;
    return n;
}

// A placeholder for a part that did not parse (already reported).
bool isInvalid(const ast::Expr& e) {
    return e.kind == ast::NodeKind::Identifier && static_cast<const ast::Identifier&>(e).name == "<invalid>";
}

bool isErrorNode(antlr4::tree::ParseTree* t) { return dynamic_cast<ErrorNode*>(t) != nullptr; }

// A real (not conjured by error recovery) token, or null.
Token* realToken(TerminalNode* node) {
    if (node == nullptr || isErrorNode(node)) return nullptr;
    Token* t = node->getSymbol();
    if (t == nullptr || t->getTokenIndex() == INVALID_INDEX) return nullptr;
    return t;
}

}  // namespace

// ----------------------------------------------------------------------------------------------
// helpers

void AstBuilder::error(ast::SourceLoc loc, std::string message) {
    if (loc.line == 0) loc = {1, 1};
    errors_.push_back({loc, std::move(message)});
}

void AstBuilder::errorInToken(Token* token, size_t byteOffset, std::string message) {
    error(ast::advance(tokenStart(token), token->getText(), byteOffset), std::move(message));
}

ast::ExprPtr AstBuilder::invalid(const ast::Span& span) {
    auto id = makeNode<ast::Identifier>(span);
    id->name = "<invalid>";
    return id;
}

bool AstBuilder::tooDeep(antlr4::ParserRuleContext* ctx) {
    if (depth_ <= kMaxExpressionDepth) return false;
    if (!reportedTooDeep_) {
        reportedTooDeep_ = true;
        error(spanOf(ctx).start, "expression nested too deeply (more than " +
                                     std::to_string(kMaxExpressionDepth) + " levels); split it up");
    }
    return true;
}

std::string AstBuilder::plainString(P::StringLitContext* ctx, const char* what) {
    if (ctx == nullptr) return {};
    auto lit = buildString(ctx);
    if (!lit->isPlain()) {
        error(lit->span.start, std::string(what) + " must be a plain string, without ${...} interpolation");
        return {};
    }
    return lit->plainText();
}

std::unique_ptr<ast::Identifier> AstBuilder::buildIdentifier(P::IdentifierContext* ctx) {
    auto id = makeNode<ast::Identifier>(spanOf(ctx));
    Token* t = ctx != nullptr ? ctx->getStart() : nullptr;
    if (ctx == nullptr || t == nullptr || ctx->children.empty() || isErrorNode(ctx->children[0]))
        id->name = "<invalid>";
    else
        id->name = t->getText();
    // The lexer lets any non-ASCII character into an identifier; only letters and digits belong.
    bool ascii = true;
    for (unsigned char c : id->name) ascii = ascii && c < 0x80;
    if (!ascii) {
        static const re2::RE2 valid("[\\p{L}_][\\p{L}\\p{Nd}_]*");
        if (!re2::RE2::FullMatch(id->name, valid))
            error(id->span.start, "invalid character in identifier \"" + id->name +
                                      "\" (identifiers are letters, digits and _)");
    }
    return id;
}

// ----------------------------------------------------------------------------------------------
// files and statements

std::vector<ast::Attribute> AstBuilder::buildAttributes(const std::vector<P::AttributeContext*>& attrs) {
    std::vector<ast::Attribute> out;
    for (P::AttributeContext* a : attrs) {
        ast::Attribute attr;
        attr.span = spanOf(a);
        attr.name = buildIdentifier(a->identifier())->name;
        for (P::PrimaryContext* p : a->primary()) attr.params.push_back(buildPrimary(p));
        out.push_back(std::move(attr));
    }
    return out;
}

ast::ImportDecl AstBuilder::buildImport(P::ImportDeclContext* ctx) {
    ast::ImportDecl imp;
    imp.span = spanOf(ctx);
    if (ctx->IMPORT() != nullptr) imp.span.start = tokenStart(ctx->IMPORT()->getSymbol());
    imp.attributes = buildAttributes(ctx->attribute());
    if (ctx->identifier() != nullptr) imp.alias = buildIdentifier(ctx->identifier())->name;
    imp.path = plainString(ctx->stringLit(), "an import path");
    if (ctx->stringLit() != nullptr && imp.path.empty())
        error(spanOf(ctx->stringLit()).start, "an import path must not be empty");
    return imp;
}

void AstBuilder::buildFile(P::FileContext* ctx, ast::File& file) {
    // The attributes at the top of the file belong to the file and to what they precede.
    const std::vector<P::AttributeContext*>* topAttributes = nullptr;
    if (P::PackageClauseContext* pkg = ctx->packageClause()) {
        ast::PackageClause pc;
        pc.span = spanOf(pkg);
        if (pkg->PACKAGE() != nullptr) pc.span.start = tokenStart(pkg->PACKAGE()->getSymbol());
        pc.name = buildIdentifier(pkg->identifier())->name;
        pc.attributes = buildAttributes(pkg->attribute());
        file.package = std::move(pc);
    }
    std::vector<P::ImportDeclContext*> imports = ctx->importDecl();
    std::vector<P::StatementContext*> statements = ctx->statement();
    std::vector<P::AttributeContext*> pkgAttrs, firstImportAttrs, firstStmtAttrs;
    std::vector<P::AttributeContext*> trailing = ctx->attribute();
    if (ctx->packageClause() != nullptr) pkgAttrs = ctx->packageClause()->attribute();
    if (!imports.empty()) firstImportAttrs = imports.front()->attribute();
    if (!statements.empty()) firstStmtAttrs = statements.front()->attribute();
    if (ctx->packageClause() != nullptr) topAttributes = &pkgAttrs;
    else if (!imports.empty()) topAttributes = &firstImportAttrs;
    else if (!statements.empty()) topAttributes = &firstStmtAttrs;
    else topAttributes = &trailing;
    file.attributes = buildAttributes(*topAttributes);
    for (P::ImportDeclContext* imp : imports) file.imports.push_back(buildImport(imp));
    file.body.reserve(statements.size());
    for (P::StatementContext* stmt : statements) file.body.push_back(buildStatement(stmt));
    if (!trailing.empty())
        error(spanOf(trailing.front()).start,
              "attributes must be followed by a package clause, an import or a statement");
}

std::unique_ptr<ast::Block> AstBuilder::buildBlock(P::BlockContext* ctx) {
    auto block = makeNode<ast::Block>(spanOf(ctx));
    if (ctx == nullptr) return block;
    for (P::StatementContext* stmt : ctx->statement()) block->body.push_back(buildStatement(stmt));
    if (!ctx->attribute().empty())
        error(spanOf(ctx->attribute().front()).start, "attributes must be followed by a statement");
    return block;
}

std::unique_ptr<ast::StmtBase> AstBuilder::buildStatement(P::StatementContext* stmt) {
    std::unique_ptr<ast::StmtBase> s = buildStatementBody(stmt->statementBody());
    s->attributes = buildAttributes(stmt->attribute());
    return s;
}

std::unique_ptr<ast::StmtBase> AstBuilder::buildStatementBody(P::StatementBodyContext* ctx) {
    const ast::Span span = spanOf(ctx);
    if (ctx == nullptr) {
        auto e = makeNode<ast::ExpressionStmt>(span);
        e->expression = invalid(span);
        return e;
    }
    auto expressionOrInvalid = [&](P::ExpressionContext* e) {
        return e != nullptr ? buildExpression(e) : invalid(span);
    };
    std::vector<P::IdentifierContext*> ids = ctx->identifier();
    if (ctx->OPTION() != nullptr) {
        auto opt = makeNode<ast::OptionStmt>(span);
        if (ctx->DOT() != nullptr && ids.size() >= 2) {
            auto assign = makeNode<ast::MemberAssignment>(join(spanOf(ids[0]), span));
            auto member = makeNode<ast::MemberExpr>(join(spanOf(ids[0]), spanOf(ids[1])));
            member->object = buildIdentifier(ids[0]);
            member->property = buildIdentifier(ids[1])->name;
            assign->member = std::move(member);
            assign->init = expressionOrInvalid(ctx->expression());
            opt->assignment = std::move(assign);
        } else {
            auto assign = makeNode<ast::VariableAssignment>(join(spanOf(ids.empty() ? nullptr : ids[0]), span));
            assign->id = buildIdentifier(ids.empty() ? nullptr : ids[0]);
            assign->init = expressionOrInvalid(ctx->expression());
            opt->assignment = std::move(assign);
        }
        return opt;
    }
    if (ctx->BUILTIN() != nullptr) {
        auto b = makeNode<ast::BuiltinStmt>(span);
        b->id = buildIdentifier(ids.empty() ? nullptr : ids[0]);
        if (ctx->typeExpression() != nullptr) b->type = buildTypeExpression(ctx->typeExpression());
        if (!b->type) {
            b->type = std::make_unique<ast::TypeExpr>();
            b->type->span = span;
            b->type->name = "<invalid>";
        }
        return b;
    }
    if (ctx->TESTCASE() != nullptr) {
        auto t = makeNode<ast::TestCaseStmt>(span);
        t->id = buildIdentifier(ids.empty() ? nullptr : ids[0]);
        if (ctx->EXTENDS() != nullptr) {
            t->extends = plainString(ctx->stringLit(), "the path after 'extends'");
            if (ctx->stringLit() != nullptr && t->extends.empty())
                error(spanOf(ctx->stringLit()).start, "the path after 'extends' must not be empty");
        }
        t->block = buildBlock(ctx->block());
        return t;
    }
    if (ctx->RETURN() != nullptr) {
        auto r = makeNode<ast::ReturnStmt>(span);
        r->argument = expressionOrInvalid(ctx->expression());
        return r;
    }
    if (ctx->ASSIGN() != nullptr) {
        auto v = makeNode<ast::VariableAssignment>(span);
        v->id = buildIdentifier(ids.empty() ? nullptr : ids[0]);
        v->init = expressionOrInvalid(ctx->expression());
        return v;
    }
    auto e = makeNode<ast::ExpressionStmt>(span);
    e->expression = expressionOrInvalid(ctx->expression());
    return e;
}

// ----------------------------------------------------------------------------------------------
// expressions

ast::ExprPtr AstBuilder::buildExpression(P::ExpressionContext* ctx) {
    if (ctx == nullptr) return invalid({});
    ++depth_;
    struct Leave {
        unsigned& d;
        ~Leave() { --d; }
    } leave{depth_};
    if (tooDeep(ctx)) return invalid(spanOf(ctx));
    if (ctx->IF() != nullptr) {
        auto c = makeNode<ast::ConditionalExpr>(spanOf(ctx));
        std::vector<P::ExpressionContext*> parts = ctx->expression();
        c->test = buildExpression(parts.size() > 0 ? parts[0] : nullptr);
        c->consequent = buildExpression(parts.size() > 1 ? parts[1] : nullptr);
        c->alternate = buildExpression(parts.size() > 2 ? parts[2] : nullptr);
        return c;
    }
    return buildExpr(ctx->expr());
}

namespace {

// The left operand of a left-recursive alternative (`a.b`, `f()`, `a[i]`, `a op b`), else null.
P::ExprContext* leftOperand(P::ExprContext* ctx) {
    if (ctx->children.empty()) return nullptr;
    return dynamic_cast<P::ExprContext*>(ctx->children[0]);
}

}  // namespace

// `a + b * c |> f()` parses into a tree whose left spine can be as long as the source (a chain of
// operators); it is walked with a loop, only right operands recurse.
ast::ExprPtr AstBuilder::buildExpr(P::ExprContext* ctx) {
    if (ctx == nullptr) return invalid({});
    std::vector<P::ExprContext*> spine;
    P::ExprContext* head = ctx;
    while (P::ExprContext* left = leftOperand(head)) {
        spine.push_back(head);
        head = left;
    }
    // The head ends up deepest in the AST: charge the chain length.
    const unsigned chain = static_cast<unsigned>(spine.size());
    depth_ += chain;
    ast::ExprPtr e = tooDeep(head) ? invalid(spanOf(head)) : buildExprHead(head);
    depth_ -= chain;
    for (size_t i = spine.size(); i-- > 0;) {
        const unsigned extra = static_cast<unsigned>(i + 1);
        depth_ += extra;
        e = buildExprSuffix(spine[i], std::move(e));
        depth_ -= extra;
    }
    return e;
}

// An operand that binds more loosely than the operator it is given to: `a + not b`. The grammar
// accepts it (there is no other reading) but the specification does not.
void AstBuilder::checkNotOperand(P::ExprContext* operand, antlr4::Token* op) {
    auto* notCtx = dynamic_cast<P::NotExprContext*>(operand);
    if (notCtx == nullptr || op == nullptr) return;
    const std::string word = notCtx->NOT() != nullptr ? "not" : "exists";
    error(spanOf(operand).start, "'" + word + "' binds more loosely than '" + op->getText() +
                                     "': put the '" + word + "' expression in parentheses");
}

ast::ExprPtr AstBuilder::buildExprHead(P::ExprContext* ctx) {
    if (auto* prim = dynamic_cast<P::PrimaryExprContext*>(ctx)) return buildPrimary(prim->primary());
    auto* unary = dynamic_cast<P::UnaryExprContext*>(ctx);
    auto* notExpr = dynamic_cast<P::NotExprContext*>(ctx);
    if (unary == nullptr && notExpr == nullptr) return invalid(spanOf(ctx));
    P::ExprContext* operand = unary != nullptr ? unary->expr() : notExpr->expr();
    auto u = makeNode<ast::UnaryExpr>(spanOf(ctx));
    if (unary != nullptr) {
        u->op = unary->SUB() != nullptr ? ast::UnaryOp::Neg : ast::UnaryOp::Pos;
        checkNotOperand(operand, ctx->getStart());
    } else {
        u->op = notExpr->NOT() != nullptr ? ast::UnaryOp::Not : ast::UnaryOp::Exists;
    }
    ++depth_;
    u->argument = operand != nullptr && !tooDeep(ctx) ? buildExpr(operand) : invalid(spanOf(ctx));
    --depth_;
    return u;
}

ast::ExprPtr AstBuilder::buildExprSuffix(P::ExprContext* ctx, ast::ExprPtr left) {
    const ast::Span span = join(left->span, spanOf(ctx));
    if (auto* member = dynamic_cast<P::MemberExprContext*>(ctx)) {
        auto m = makeNode<ast::MemberExpr>(span);
        m->object = std::move(left);
        m->property = buildIdentifier(member->identifier())->name;
        return m;
    }
    if (auto* callCtx = dynamic_cast<P::CallExprContext*>(ctx)) {
        auto call = makeNode<ast::CallExpr>(span);
        call->callee = std::move(left);
        if (P::PropertyListContext* props = callCtx->propertyList()) {
            call->args = makeNode<ast::RecordExpr>(spanOf(props));
            buildProperties(props, call->args->properties);
        }
        return call;
    }
    if (auto* indexCtx = dynamic_cast<P::IndexExprContext*>(ctx)) {
        ast::ExprPtr index = buildExpression(indexCtx->expression());
        if (index->kind == ast::NodeKind::StringLit && static_cast<ast::StringLit&>(*index).isPlain()) {
            auto m = makeNode<ast::MemberExpr>(span);
            m->object = std::move(left);
            m->property = static_cast<ast::StringLit&>(*index).plainText();
            return m;
        }
        auto ix = makeNode<ast::IndexExpr>(span);
        ix->object = std::move(left);
        ix->index = std::move(index);
        return ix;
    }
    // A binary operator: expr OP expr.
    Token* op = nullptr;
    if (ctx->children.size() >= 2)
        if (auto* t = dynamic_cast<TerminalNode*>(ctx->children[1]); t != nullptr && !isErrorNode(t)) op = t->getSymbol();
    P::ExprContext* rightCtx = ctx->children.size() >= 3 ? dynamic_cast<P::ExprContext*>(ctx->children[2]) : nullptr;
    if (op == nullptr) return left;
    if (op->getType() != P::AND && op->getType() != P::OR) checkNotOperand(rightCtx, op);
    ast::ExprPtr right = rightCtx != nullptr ? buildExpr(rightCtx) : invalid({tokenEnd(op), tokenEnd(op)});
    return combine(op, std::move(left), std::move(right));
}

ast::ExprPtr AstBuilder::combine(Token* op, ast::ExprPtr left, ast::ExprPtr right) {
    const ast::Span span = join(left->span, right->span);
    const size_t type = op != nullptr ? op->getType() : 0;
    if (type == P::AND || type == P::OR) {
        auto l = makeNode<ast::LogicalExpr>(span);
        l->op = type == P::AND ? ast::LogicalOp::And : ast::LogicalOp::Or;
        l->left = std::move(left);
        l->right = std::move(right);
        return l;
    }
    if (type == P::PIPE_FORWARD) {
        auto p = makeNode<ast::PipeExpr>(span);
        p->argument = std::move(left);
        if (right->kind == ast::NodeKind::CallExpr) {
            p->call.reset(static_cast<ast::CallExpr*>(right.release()));
        } else {
            if (!isInvalid(*right)) error(right->span.start, "the right side of '|>' must be a function call, like f()");
            auto call = makeNode<ast::CallExpr>(right->span);
            call->callee = std::move(right);
            p->call = std::move(call);
        }
        return p;
    }
    auto b = makeNode<ast::BinaryExpr>(span);
    switch (type) {
        case P::ADD: b->op = ast::BinaryOp::Add; break;
        case P::SUB: b->op = ast::BinaryOp::Sub; break;
        case P::MUL: b->op = ast::BinaryOp::Mul; break;
        case P::DIV: b->op = ast::BinaryOp::Div; break;
        case P::MOD: b->op = ast::BinaryOp::Mod; break;
        case P::POW: b->op = ast::BinaryOp::Pow; break;
        case P::EQ: b->op = ast::BinaryOp::Eq; break;
        case P::NEQ: b->op = ast::BinaryOp::Neq; break;
        case P::LT: b->op = ast::BinaryOp::Lt; break;
        case P::LTE: b->op = ast::BinaryOp::Lte; break;
        case P::GT: b->op = ast::BinaryOp::Gt; break;
        case P::GTE: b->op = ast::BinaryOp::Gte; break;
        case P::REGEX_EQ: b->op = ast::BinaryOp::RegexMatch; break;
        case P::REGEX_NEQ: b->op = ast::BinaryOp::RegexNotMatch; break;
        default: error(span.start, "unknown operator"); break;
    }
    b->left = std::move(left);
    b->right = std::move(right);
    return b;
}

ast::ExprPtr AstBuilder::buildPrimary(P::PrimaryContext* ctx) {
    if (ctx == nullptr) return invalid({});
    if (ctx->stringLit() != nullptr) return buildString(ctx->stringLit());
    if (ctx->arrayOrDict() != nullptr) return buildArrayOrDict(ctx->arrayOrDict());
    if (ctx->record() != nullptr) return buildRecord(ctx->record());
    if (ctx->parenOrFunction() != nullptr) return buildParenOrFunction(ctx->parenOrFunction());
    if (ctx->children.size() == 1) {
        if (Token* t = realToken(dynamic_cast<TerminalNode*>(ctx->children[0]))) {
            switch (t->getType()) {
                case P::IDENT: case P::WITH: case P::EXTENDS: case P::WHERE: {
                    auto id = makeNode<ast::Identifier>(spanOfToken(t));
                    id->name = t->getText();
                    return id;
                }
                default:
                    return buildLiteralToken(t);
            }
        }
    }
    return invalid(spanOf(ctx));
}

ast::ExprPtr AstBuilder::buildLiteralToken(Token* token) {
    const ast::Span span = spanOfToken(token);
    const std::string text = token->getText();
    switch (token->getType()) {
        case P::INT: {
            auto lit = makeNode<ast::IntegerLit>(span);
            if (auto err = literals::decodeInteger(text, lit->value)) errorInToken(token, err->offset, err->message);
            return lit;
        }
        case P::FLOAT: {
            auto lit = makeNode<ast::FloatLit>(span);
            if (auto err = literals::decodeFloat(text, lit->value)) errorInToken(token, err->offset, err->message);
            return lit;
        }
        case P::DURATION: {
            auto lit = makeNode<ast::DurationLit>(span);
            if (auto err = literals::decodeDuration(text, lit->parts)) errorInToken(token, err->offset, err->message);
            return lit;
        }
        case P::DATETIME: {
            auto lit = makeNode<ast::DateTimeLit>(span);
            lit->text = text;
            if (auto err = literals::decodeDateTime(text, lit->nanos)) errorInToken(token, err->offset, err->message);
            return lit;
        }
        case P::REGEX: {
            auto lit = makeNode<ast::RegexLit>(span);
            if (auto err = literals::decodeRegex(text, lit->pattern)) errorInToken(token, err->offset, err->message);
            return lit;
        }
        case P::PIPE_RECEIVE:
            return makeNode<ast::PipeLit>(span);
        case P::LABEL: {
            auto label = makeNode<ast::LabelLit>(span);
            label->name = text.substr(1);  // without the '.'
            return label;
        }
        default:
            return invalid(span);
    }
}

std::unique_ptr<ast::StringLit> AstBuilder::buildString(P::StringLitContext* ctx) {
    auto lit = makeNode<ast::StringLit>(spanOf(ctx));
    std::string text;
    auto flushText = [&]() {
        if (text.empty()) return;
        ast::StringPart part;
        part.text = std::move(text);
        text.clear();
        lit->parts.push_back(std::move(part));
    };
    for (P::StringPartContext* part : ctx->stringPart()) {
        if (Token* t = realToken(part->STR_TEXT())) {
            if (auto err = literals::decodeStringText(t->getText(), text)) errorInToken(t, err->offset, err->message);
        } else if (part->STR_DOLLAR() != nullptr) {
            text.push_back('$');
        } else if (part->INTERP_START() != nullptr) {
            flushText();
            ast::StringPart interp;
            interp.expr = buildExpression(part->expression());
            lit->parts.push_back(std::move(interp));
        }
    }
    flushText();
    if (lit->parts.empty()) lit->parts.emplace_back();  // "": one empty text part
    return lit;
}

ast::ExprPtr AstBuilder::buildArrayOrDict(P::ArrayOrDictContext* ctx) {
    std::vector<P::ExpressionContext*> exprs = ctx->expression();
    const bool isDict = !ctx->COLON().empty();
    if (isDict) {
        auto dict = makeNode<ast::DictExpr>(spanOf(ctx));
        for (size_t i = 0; i + 1 < exprs.size(); i += 2) {
            ast::DictEntry entry;
            entry.key = buildExpression(exprs[i]);
            entry.value = buildExpression(exprs[i + 1]);
            dict->entries.push_back(std::move(entry));
        }
        return dict;
    }
    auto arr = makeNode<ast::ArrayExpr>(spanOf(ctx));
    arr->elements.reserve(exprs.size());
    for (P::ExpressionContext* e : exprs) arr->elements.push_back(buildExpression(e));
    return arr;
}

std::unique_ptr<ast::RecordExpr> AstBuilder::buildRecord(P::RecordContext* ctx) {
    auto rec = makeNode<ast::RecordExpr>(spanOf(ctx));
    if (ctx->WITH() != nullptr && ctx->identifier() != nullptr) rec->with = buildIdentifier(ctx->identifier());
    if (ctx->propertyList() != nullptr) buildProperties(ctx->propertyList(), rec->properties);
    return rec;
}

void AstBuilder::buildProperties(P::PropertyListContext* ctx, std::vector<ast::Property>& out) {
    std::vector<P::PropertyContext*> props = ctx->property();
    out.reserve(props.size());
    for (P::PropertyContext* p : props) {
        ast::Property prop;
        prop.span = spanOf(p);
        if (p->identifier() != nullptr)
            prop.key = buildIdentifier(p->identifier())->name;
        else
            prop.key = plainString(p->stringLit(), "a record key");
        if (p->expression() != nullptr)
            prop.value = buildExpression(p->expression());
        else if (p->COLON() != nullptr || p->stringLit() != nullptr)
            prop.value = invalid(prop.span);
        out.push_back(std::move(prop));
    }
}

ast::ExprPtr AstBuilder::buildParenOrFunction(P::ParenOrFunctionContext* ctx) {
    if (ctx->ARROW() == nullptr) {
        // `(expr)`: parentheses only group; the node keeps the inner expression's span.
        return buildExpression(ctx->expression());
    }
    auto fn = makeNode<ast::FunctionExpr>(spanOf(ctx));
    size_t pipes = 0;
    std::unordered_set<std::string> seen;  // a set: 100k parameters must not take quadratic time
    for (P::ParameterContext* p : ctx->parameter()) {
        ast::Parameter param;
        param.span = spanOf(p);
        param.name = buildIdentifier(p->identifier())->name;
        if (p->expression() != nullptr) param.defaultValue = buildExpression(p->expression());
        if (param.isPipe() && ++pipes == 2)
            error(param.span.start, "only one parameter can receive the pipe ('<-')");
        if (param.name != "<invalid>" && !seen.insert(param.name).second)
            error(param.span.start, "duplicate parameter '" + param.name + "'");
        fn->params.push_back(std::move(param));
    }
    P::FunctionBodyContext* body = ctx->functionBody();
    if (body != nullptr && body->block() != nullptr)
        fn->block = buildBlock(body->block());
    else if (body != nullptr && body->expression() != nullptr) {
        // `=> {...}` is a block; a record there is a mistake the grammar lets through.
        Token* first = body->getStart();
        if (first != nullptr && first->getType() == P::LBRACE)
            error(tokenStart(first), "a function body that starts with '{' is a block of statements; to return a "
                                     "record, wrap it in parentheses: => ({...})");
        fn->bodyExpr = buildExpression(body->expression());
    }
    else
        fn->bodyExpr = invalid(spanOf(ctx));
    return fn;
}

// ----------------------------------------------------------------------------------------------
// types

std::unique_ptr<ast::TypeExpr> AstBuilder::buildTypeExpression(P::TypeExpressionContext* ctx) {
    auto type = buildMonoType(ctx->monoType());
    for (P::TypeConstraintContext* c : ctx->typeConstraint()) {
        std::vector<P::IdentifierContext*> ids = c->identifier();
        if (ids.empty()) continue;
        std::vector<std::string> kinds;
        for (size_t i = 1; i < ids.size(); ++i) kinds.push_back(buildIdentifier(ids[i])->name);
        type->constraints.emplace_back(buildIdentifier(ids[0])->name, std::move(kinds));
    }
    type->span = spanOf(ctx);
    return type;
}

std::unique_ptr<ast::TypeExpr> AstBuilder::buildMonoType(P::MonoTypeContext* ctx) {
    auto type = std::make_unique<ast::TypeExpr>();
    type->span = spanOf(ctx);
    if (ctx == nullptr || ctx->getStart() == nullptr) {
        type->name = "<invalid>";
        return type;
    }
    std::vector<P::MonoTypeContext*> inner = ctx->monoType();
    switch (ctx->getStart()->getType()) {
        case P::LBRACK:
            type->kind = ctx->COLON() != nullptr ? ast::TypeExpr::Kind::Dict : ast::TypeExpr::Kind::Array;
            for (P::MonoTypeContext* m : inner) type->elems.push_back(buildMonoType(m));
            return type;
        case P::LBRACE:
            type->kind = ast::TypeExpr::Kind::Record;
            if (ctx->WITH() != nullptr) type->name = buildIdentifier(ctx->identifier())->name;
            for (P::PropertyTypeContext* p : ctx->propertyType()) {
                ast::TypeExpr::Field field;
                field.name = p->identifier() != nullptr ? buildIdentifier(p->identifier())->name
                                                        : plainString(p->stringLit(), "a record type key");
                field.type = buildMonoType(p->monoType());
                type->fields.push_back(std::move(field));
            }
            return type;
        case P::LPAREN:
            type->kind = ast::TypeExpr::Kind::Function;
            for (P::ParameterTypeContext* p : ctx->parameterType()) {
                ast::TypeExpr::Field field;
                field.optional = p->QUESTION() != nullptr;
                field.pipe = p->PIPE_RECEIVE() != nullptr;
                if (p->identifier() != nullptr) field.name = buildIdentifier(p->identifier())->name;
                field.type = buildMonoType(p->monoType());
                type->fields.push_back(std::move(field));
            }
            type->elems.push_back(buildMonoType(inner.empty() ? nullptr : inner.back()));
            return type;
        default:
            break;
    }
    const std::string name = buildIdentifier(ctx->identifier())->name;
    if (ctx->LBRACK() != nullptr) {
        if (name == "stream") {
            type->kind = ast::TypeExpr::Kind::Stream;
        } else if (name == "vector") {
            type->kind = ast::TypeExpr::Kind::Vector;
        } else {
            error(type->span.start, "unknown type constructor '" + name + "' (expected stream[T] or vector[T])");
            type->kind = ast::TypeExpr::Kind::Named;
        }
        type->elems.push_back(buildMonoType(inner.empty() ? nullptr : inner.front()));
        return type;
    }
    type->name = name;
    if (name == "dynamic")
        type->kind = ast::TypeExpr::Kind::Dynamic;
    else if (name.size() == 1)
        type->kind = ast::TypeExpr::Kind::Var;  // type variables are single letters: A, B, ...
    else
        type->kind = ast::TypeExpr::Kind::Named;
    return type;
}

}  // namespace fluxi::parser_detail
