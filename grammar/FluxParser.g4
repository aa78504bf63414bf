// Flux syntax (see the language specification). Operator precedence, loosest first:
//   if/then/else; or; and; not, exists (prefix); == != < <= > >= =~ !~; + -; * / %; ^; |>;
//   unary + -; postfix call, member, index. Binary operators are left-associative. Where this
//   grammar is looser than the specification (a prefix `not` as the operand of a tighter
//   operator, `a + not b`), the AST builder reports the error.
// Statements need no separators: an expression extends as far as it can (`a = 1\n-1` is `a = 1 - 1`).
parser grammar FluxParser;

options { tokenVocab = FluxLexer; }

// ---------------------------------------------------------------------------------------------
// Files and statements

file
    : packageClause? importDecl* statement* attribute* EOF
    ;

// `@name` or `@name(param, ...)` before a package clause, an import or a statement.
attribute
    : AT identifier (LPAREN (primary (COMMA primary)* COMMA?)? RPAREN)?
    ;

packageClause
    : attribute* PACKAGE identifier
    ;

importDecl
    : attribute* IMPORT identifier? stringLit
    ;

statement
    : attribute* statementBody
    ;

statementBody
    : OPTION identifier (DOT identifier)? ASSIGN expression
    | BUILTIN identifier COLON typeExpression
    | TESTCASE identifier (EXTENDS stringLit)? block
    | RETURN expression
    | identifier ASSIGN expression
    | expression
    ;

block
    : LBRACE statement* attribute* RBRACE
    ;

// ---------------------------------------------------------------------------------------------
// Expressions

expression
    : IF expression THEN expression ELSE expression
    | expr
    ;

// Binary and prefix operators by precedence, tightest first (ANTLR turns this left-recursive rule
// into precedence climbing). The operand of a prefix + or - is a postfix expression or another
// prefix + or -; the right side of |> is such a unary expression; `not`/`exists` take everything
// down to comparisons. Binary operators are left-associative.
expr
    : primary                                                       # primaryExpr
    | expr DOT identifier                                           # memberExpr
    | expr LPAREN propertyList? RPAREN                              # callExpr
    | expr LBRACK expression RBRACK                                 # indexExpr
    | (ADD | SUB) expr                                              # unaryExpr
    | expr PIPE_FORWARD expr                                        # pipeExpr
    | expr POW expr                                                 # powExpr
    | expr (MUL | DIV | MOD) expr                                   # mulExpr
    | expr (ADD | SUB) expr                                         # addExpr
    | expr (EQ | NEQ | LT | LTE | GT | GTE | REGEX_EQ | REGEX_NEQ) expr # compareExpr
    | (NOT | EXISTS) expr                                           # notExpr
    | expr AND expr                                                 # andExpr
    | expr OR expr                                                  # orExpr
    ;

primary
    : IDENT
    | WITH
    | EXTENDS
    | WHERE
    | INT
    | FLOAT
    | DURATION
    | DATETIME
    | REGEX
    | PIPE_RECEIVE
    | LABEL
    | stringLit
    | arrayOrDict
    | record
    | parenOrFunction
    ;

stringLit
    : DQUOTE stringPart* DQUOTE_END
    ;

stringPart
    : STR_TEXT
    | STR_DOLLAR
    | INTERP_START expression RBRACE
    ;

// `[]`, `[a, b]`, `[:]`, `[k: v, ...]`: decided after the first element, so one token of lookahead.
arrayOrDict
    : LBRACK COLON RBRACK
    | LBRACK RBRACK
    | LBRACK expression (COLON expression (COMMA expression COLON expression)* | (COMMA expression)*) COMMA? RBRACK
    ;

record
    : LBRACE (identifier WITH)? propertyList? RBRACE
    ;

propertyList
    : property (COMMA property)* COMMA?
    ;

property
    : identifier (COLON expression)?
    | stringLit COLON expression
    ;

parenOrFunction
    : LPAREN (parameter (COMMA parameter)* COMMA?)? RPAREN ARROW functionBody
    | LPAREN expression RPAREN
    ;

parameter
    : identifier (ASSIGN expression)?
    ;

// A body that starts with '{' is a block (alternative 1 wins the `{a}` ambiguity); a record
// there is reported by the AST builder (return a record as `=> ({...})`).
functionBody
    : block
    | expression
    ;

identifier
    : IDENT
    | WITH
    | EXTENDS
    | WHERE
    ;

// ---------------------------------------------------------------------------------------------
// Type expressions of `builtin` declarations

typeExpression
    : monoType (WHERE typeConstraint (COMMA typeConstraint)*)?
    ;

typeConstraint
    : identifier COLON identifier (ADD identifier)*
    ;

monoType
    : LBRACK monoType (COLON monoType)? RBRACK
    | LBRACE (identifier WITH)? (propertyType (COMMA propertyType)* COMMA?)? RBRACE
    | LPAREN (parameterType (COMMA parameterType)* COMMA?)? RPAREN ARROW monoType
    | identifier (LBRACK monoType RBRACK)?
    ;

propertyType
    : (identifier | stringLit) COLON monoType
    ;

parameterType
    : QUESTION identifier COLON monoType
    | PIPE_RECEIVE identifier? COLON monoType
    | identifier COLON monoType
    ;
