// Flux tokens. Strings are lexed in their own mode so that `${...}` interpolations can hold any
// expression (including braces and nested strings); a `/` starts a regular expression only where an
// operand may begin (not after an identifier, a literal, `)`, `]` or `}`), otherwise it is division;
// likewise `.name` is a label literal only where an operand may begin, otherwise member access.
// Whitespace, comments and string text have hand-written fast paths (see nextToken).
lexer grammar FluxLexer;

// Made by nextToken below, not by rules: a rule with a predicate would keep the lexer's DFA from
// caching every path through '/' and '.'.
tokens { REGEX, LABEL }

@lexer::members {
  // Type of the last token handed to the parser: after an operand, '/' is division and '.' is
  // member access; elsewhere they start a regular expression or a label literal (`.name`).
  size_t lastTokenType_ = 0;

  bool operandMayStart() const {
    switch (lastTokenType_) {
      case IDENT: case WITH: case EXTENDS: case WHERE:
      case INT: case FLOAT: case DURATION: case DATETIME: case REGEX: case LABEL: case DQUOTE_END:
      case RPAREN: case RBRACK: case RBRACE: case PIPE_RECEIVE:
        return false;
      default:
        return true;
    }
  }

  std::unique_ptr<antlr4::Token> nextToken() override {
    std::unique_ptr<antlr4::Token> t;
    if (mode == DEFAULT_MODE) skipSpaceAndComments();
    const size_t c = _input->LA(1);
    if (mode == STRING && c != '"' && c != '$' && c != antlr4::Token::EOF) {
      t = stringText();
    } else if (mode == DEFAULT_MODE && (c == '/' || c == '.') && operandMayStart()) {
      const size_t length = c == '/' ? regexLength() : labelLength();
      t = length > 0 ? manualToken(c == '/' ? REGEX : LABEL, length) : antlr4::Lexer::nextToken();
    } else {
      t = antlr4::Lexer::nextToken();
    }
    lastTokenType_ = t->getType();
    return t;
  }

  // Length of the regular expression `/.../` starting here (escapes `\x`, no line break, at least
  // one character inside), or 0.
  size_t regexLength() {
    size_t k = 2;
    for (;;) {
      const size_t ch = _input->LA(static_cast<ssize_t>(k));
      if (ch == '\n' || ch == antlr4::Token::EOF) return 0;
      if (ch == '/') return k > 2 ? k : 0;
      if (ch == '\\') {
        const size_t next = _input->LA(static_cast<ssize_t>(k + 1));
        if (next == '\n' || next == antlr4::Token::EOF) return 0;
        k += 2;
      } else {
        ++k;
      }
    }
  }

  static bool isLabelChar(size_t ch, bool first) {
    if (ch == antlr4::Token::EOF) return false;
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_' || ch >= 0x80 ||
           (!first && ch >= '0' && ch <= '9');
  }

  // Length of the label literal `.name` starting here, or 0.
  size_t labelLength() {
    if (!isLabelChar(_input->LA(2), true)) return 0;
    size_t k = 3;
    while (isLabelChar(_input->LA(static_cast<ssize_t>(k)), false)) ++k;
    return k - 1;
  }

  // A token of `length` characters made without the lexer's automaton.
  std::unique_ptr<antlr4::Token> manualToken(size_t tokenType, size_t length) {
    auto* sim = getInterpreter<antlr4::atn::LexerATNSimulator>();
    tokenStartCharIndex = _input->index();
    tokenStartLine = sim->getLine();
    tokenStartCharPositionInLine = sim->getCharPositionInLine();
    hitEOF = false;
    channel = antlr4::Token::DEFAULT_CHANNEL;
    type = tokenType;
    setText("");
    for (size_t i = 0; i < length; ++i) sim->consume(_input);
    emit();
    return std::move(token);
  }

  // Fast path for the WS and LINE_COMMENT rules (which skip): a plain loop instead of the DFA.
  void skipSpaceAndComments() {
    auto* sim = getInterpreter<antlr4::atn::LexerATNSimulator>();
    for (;;) {
      const size_t c = _input->LA(1);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        sim->consume(_input);
      } else if (c == '/' && _input->LA(2) == '/') {
        while (_input->LA(1) != '\n' && _input->LA(1) != antlr4::Token::EOF) sim->consume(_input);
      } else {
        return;
      }
    }
  }

  // Fast path for the text of a string (the STR_TEXT rule, often long CSV data): a plain loop
  // instead of the DFA, same result.
  std::unique_ptr<antlr4::Token> stringText() {
    size_t k = 1;
    for (;;) {
      const size_t c = _input->LA(static_cast<ssize_t>(k));
      if (c == '"' || c == '$' || c == antlr4::Token::EOF) break;
      ++k;
      if (c == '\\' && _input->LA(static_cast<ssize_t>(k)) != antlr4::Token::EOF) ++k;
    }
    return manualToken(STR_TEXT, k - 1);
  }

  void reset() override {
    lastTokenType_ = 0;
    antlr4::Lexer::reset();
  }

  // A '}' closes an interpolation (back to string mode) or a brace opened in code.
  void closeBrace() {
    if (!modeStack.empty()) popMode();
  }
}

// ---- keywords
AND      : 'and';
OR       : 'or';
NOT      : 'not';
EXISTS   : 'exists';
IF       : 'if';
THEN     : 'then';
ELSE     : 'else';
IMPORT   : 'import';
PACKAGE  : 'package';
OPTION   : 'option';
BUILTIN  : 'builtin';
RETURN   : 'return';
TESTCASE : 'testcase';
// contextual keywords: also usable as identifiers (see `identifier` in the parser)
WITH     : 'with';
EXTENDS  : 'extends';
WHERE    : 'where';

// ---- operators and punctuation
PIPE_FORWARD : '|>';
PIPE_RECEIVE : '<-';
ARROW        : '=>';
EQ           : '==';
NEQ          : '!=';
LTE          : '<=';
GTE          : '>=';
LT           : '<';
GT           : '>';
REGEX_EQ     : '=~';
REGEX_NEQ    : '!~';
ASSIGN       : '=';
ADD          : '+';
SUB          : '-';
MUL          : '*';
DIV          : '/';
MOD          : '%';
POW          : '^';
LPAREN       : '(';
RPAREN       : ')';
LBRACK       : '[';
RBRACK       : ']';
LBRACE       : '{' -> pushMode(DEFAULT_MODE);
RBRACE       : '}' { closeBrace(); };
COMMA        : ',';
COLON        : ':';
DOT          : '.';
QUESTION     : '?';
AT           : '@';

// ---- literals (values are decoded and checked by lexer/literals.cpp)
// Date-times are matched loosely after the date so that a malformed time gets a precise message.
DATETIME : DATE ('T' DIGIT [0-9:.]* ([Zz] | [+-] DIGIT DIGIT ':' DIGIT DIGIT)?)?;
DURATION : (DIGITS DURATION_UNIT)+;
FLOAT    : DIGITS '.' DIGITS? | '.' DIGITS;
INT      : DIGITS;
// Non-ASCII characters are accepted in names and checked to be letters/digits when the AST is
// built: a Unicode class such as \p{L} makes the lexer's ATN thousands of intervals, which ANTLR
// deserializes at every process start.
IDENT    : [a-zA-Z_\u0080-\u{10FFFF}] [a-zA-Z0-9_\u0080-\u{10FFFF}]*;
DQUOTE   : '"' -> pushMode(STRING);

WS           : [ \t\r\n\f]+ -> skip;
LINE_COMMENT : '//' ~[\n]* -> skip;

// Anything else becomes a token of its own so that the parser reports it with context.
BAD_CHAR : .;

fragment DIGIT         : [0-9];
fragment DIGITS        : DIGIT+;
fragment DATE          : DIGIT DIGIT DIGIT DIGIT '-' DIGIT DIGIT '-' DIGIT DIGIT;
fragment DURATION_UNIT : 'y' | 'mo' | 'w' | 'd' | 'h' | 'm' | 's' | 'ms' | 'us' | [\u00B5\u03BC] 's' | 'ns';

// ---- inside "..."
mode STRING;
DQUOTE_END   : '"' -> popMode;
INTERP_START : '${' -> pushMode(DEFAULT_MODE);
STR_DOLLAR   : '$';
STR_TEXT     : (~["\\$] | '\\' .?)+;
