// Tests of the Flux lexer (grammar/FluxLexer.g4: regex vs division, strings and interpolation,
// numbers, durations, dates, keywords) and of the literal decoders (parser/literals.h).
#include <doctest/doctest.h>

#include "FluxLexer.h"
#include "antlr4-runtime.h"
#include "parser/literals.h"

namespace {

// The token names of `src`, separated by spaces.
std::string lex(const std::string& src) {
    antlr4::ANTLRInputStream input(src);
    fluxi::gen::FluxLexer lexer(&input);
    lexer.removeErrorListeners();
    std::string out;
    for (auto t = lexer.nextToken(); t->getType() != antlr4::Token::EOF; t = lexer.nextToken()) {
        if (!out.empty()) out += ' ';
        out += lexer.getVocabulary().getSymbolicName(t->getType());
    }
    return out;
}

std::string decodeString(const std::string& raw) {
    std::string out;
    auto err = fluxi::literals::decodeStringText(raw, out);
    return err ? "error@" + std::to_string(err->offset) + ": " + err->message : out;
}

std::string durationText(const std::string& token) {
    std::vector<fluxi::ast::DurationPart> parts;
    if (auto err = fluxi::literals::decodeDuration(token, parts)) return "error: " + err->message;
    std::string out;
    for (auto& p : parts) out += std::to_string(p.magnitude) + fluxi::literals::durationUnitText(p.unit) + " ";
    return out;
}

int64_t nanos(const std::string& token) {
    int64_t ns = 0;
    auto err = fluxi::literals::decodeDateTime(token, ns);
    REQUIRE_MESSAGE(!err, token << ": " << (err ? err->message : ""));
    return ns;
}

std::string dateError(const std::string& token) {
    int64_t ns = 0;
    auto err = fluxi::literals::decodeDateTime(token, ns);
    return err ? err->message : "";
}

}  // namespace

TEST_CASE("lexer: a slash after an operand is division, elsewhere it starts a regex") {
    CHECK(lex("a / b / c") == "IDENT DIV IDENT DIV IDENT");
    CHECK(lex("f(x: /re/)") == "IDENT LPAREN IDENT COLON REGEX RPAREN");
    CHECK(lex("r._value =~ /a\\/b/") == "IDENT DOT IDENT REGEX_EQ REGEX");
    CHECK(lex("(a) / 2 / (b)") == "LPAREN IDENT RPAREN DIV INT DIV LPAREN IDENT RPAREN");
    CHECK(lex("x[0] / 2 / y") == "IDENT LBRACK INT RBRACK DIV INT DIV IDENT");
    CHECK(lex("{a: 4}.a / 2 / 1") == "LBRACE IDENT COLON INT RBRACE DOT IDENT DIV INT DIV INT");
    CHECK(lex("1 /2/ 3") == "INT DIV INT DIV INT");
    CHECK(lex("1.5 / 2.5 / 1h") == "FLOAT DIV FLOAT DIV DURATION");
    CHECK(lex("\"s\" / 2 / 1") == "DQUOTE STR_TEXT DQUOTE_END DIV INT DIV INT");
    CHECK(lex("return /x/") == "RETURN REGEX");
    CHECK(lex("[/a/, /b/]") == "LBRACK REGEX COMMA REGEX RBRACK");
    CHECK(lex("not /a/ =~ s") == "NOT REGEX REGEX_EQ IDENT");
    CHECK(lex("a // a comment / with / slashes\nb") == "IDENT IDENT");
    CHECK(lex("/a/ / 2") == "REGEX DIV INT");
    // A regex does not span lines: without its closing slash on the line, '/' is an operator.
    CHECK(lex("x = /a\nb/") == "IDENT ASSIGN DIV IDENT IDENT DIV");
}

TEST_CASE("lexer: '.name' is a label where an operand may start, member access after one") {
    CHECK(lex("f(columns: [.a, ._value])") == "IDENT LPAREN IDENT COLON LBRACK LABEL COMMA LABEL RBRACK RPAREN");
    CHECK(lex("r.a.b") == "IDENT DOT IDENT DOT IDENT");
    CHECK(lex("f().a") == "IDENT LPAREN RPAREN DOT IDENT");
    CHECK(lex("x = .a") == "IDENT ASSIGN LABEL");
    CHECK(lex("x = a\n.b") == "IDENT ASSIGN IDENT DOT IDENT");
    CHECK(lex(".5 + .a") == "FLOAT ADD LABEL");
}

TEST_CASE("lexer: keywords and identifiers") {
    CHECK(lex("and or not exists if then else") == "AND OR NOT EXISTS IF THEN ELSE");
    CHECK(lex("import package option builtin return testcase") ==
          "IMPORT PACKAGE OPTION BUILTIN RETURN TESTCASE");
    CHECK(lex("andy order nothing exists_ iffy thenx elsewhere options") ==
          "IDENT IDENT IDENT IDENT IDENT IDENT IDENT IDENT");
    CHECK(lex("with extends where") == "WITH EXTENDS WHERE");
    CHECK(lex("_x x1 \xCE\xB1\xCE\xB2 longIdentifierName") == "IDENT IDENT IDENT IDENT");
    CHECK(lex("a.b") == "IDENT DOT IDENT");
    CHECK(lex("# ~") == "BAD_CHAR BAD_CHAR");
}

TEST_CASE("lexer: operators take the longest match") {
    CHECK(lex("|> <- => == != <= >= < > =~ !~ =") ==
          "PIPE_FORWARD PIPE_RECEIVE ARROW EQ NEQ LTE GTE LT GT REGEX_EQ REGEX_NEQ ASSIGN");
    CHECK(lex("+ - * % ^ ( ) [ ] { } , : . ? @") ==
          "ADD SUB MUL MOD POW LPAREN RPAREN LBRACK RBRACK LBRACE RBRACE COMMA COLON DOT QUESTION AT");
    CHECK(lex("a<-b") == "IDENT PIPE_RECEIVE IDENT");
}

TEST_CASE("lexer: numbers, durations and date-times") {
    CHECK(lex("0 42 1.5 1. .26") == "INT INT FLOAT FLOAT FLOAT");
    CHECK(lex("1h 1h30m 1mo5d 3w 2y 10ms 10us 10\xC2\xB5s 5ns 1m") ==
          "DURATION DURATION DURATION DURATION DURATION DURATION DURATION DURATION DURATION DURATION");
    CHECK(lex("-1h") == "SUB DURATION");
    CHECK(lex("2020-01-01 2020-01-01T10:00:00Z 2018-08-15T13:36:23.5-07:00") == "DATETIME DATETIME DATETIME");
    CHECK(lex("2020 - 01 - 01") == "INT SUB INT SUB INT");
    CHECK(lex("2020-01-01T00:00:00Z+1h") == "DATETIME ADD DURATION");
}

TEST_CASE("lexer: strings and interpolation keep track of braces") {
    CHECK(lex("\"abc\"") == "DQUOTE STR_TEXT DQUOTE_END");
    CHECK(lex("\"\"") == "DQUOTE DQUOTE_END");
    CHECK(lex("\"a ${b} c\"") == "DQUOTE STR_TEXT INTERP_START IDENT RBRACE STR_TEXT DQUOTE_END");
    CHECK(lex("\"a ${ {x: \"}\"}.x } b\"") ==
          "DQUOTE STR_TEXT INTERP_START LBRACE IDENT COLON DQUOTE STR_TEXT DQUOTE_END RBRACE DOT IDENT RBRACE "
          "STR_TEXT DQUOTE_END");
    CHECK(lex("\"${\"${x}\"}\"") ==
          "DQUOTE INTERP_START DQUOTE INTERP_START IDENT RBRACE DQUOTE_END RBRACE DQUOTE_END");
    CHECK(lex("\"cost: $5 \\${x}\"") == "DQUOTE STR_TEXT STR_DOLLAR STR_TEXT DQUOTE_END");
    CHECK(lex("\"say \\\"hi\\\" // not a comment\"") == "DQUOTE STR_TEXT DQUOTE_END");
    CHECK(lex("\"line 1\nline 2\"") == "DQUOTE STR_TEXT DQUOTE_END");
    CHECK(lex("\"a\" / \"b\"") == "DQUOTE STR_TEXT DQUOTE_END DIV DQUOTE STR_TEXT DQUOTE_END");
    // A '}' outside any brace or interpolation does not upset the lexer.
    CHECK(lex("} }") == "RBRACE RBRACE");
}

TEST_CASE("lexer: string escapes") {
    CHECK(decodeString("a\\nb\\tc\\rd") == "a\nb\tc\rd");
    CHECK(decodeString("\\\"q\\\" \\\\ \\$") == "\"q\" \\ $");
    CHECK(decodeString("\\x41\\x62") == "Ab");
    CHECK(decodeString("\\xe6\\x97\\xa5") == "\xE6\x97\xA5");
    CHECK(decodeString("\xE6\x97\xA5") == "\xE6\x97\xA5");
    CHECK(decodeString("ab\\q").rfind("error@2: invalid escape sequence '\\q'", 0) == 0);
    CHECK(decodeString("\\x4").find("two hex digits") != std::string::npos);
    CHECK(decodeString("\\xZZ").find("two hex digits") != std::string::npos);
    CHECK(decodeString("ok \\xff").find("valid UTF-8") != std::string::npos);
    CHECK(decodeString("end\\").find("error@3") == 0);
}

TEST_CASE("lexer: regex, integer and float decoding") {
    std::string pattern;
    CHECK_FALSE(fluxi::literals::decodeRegex("/a\\/b\\d+/", pattern));
    CHECK(pattern == "a/b\\d+");
    CHECK_FALSE(fluxi::literals::decodeRegex("/\\\\xZZ/", pattern));
    CHECK(pattern == "\\\\xZZ");
    int64_t v = 0;
    CHECK_FALSE(fluxi::literals::decodeInteger("9223372036854775807", v));
    CHECK(v == INT64_MAX);
    auto err = fluxi::literals::decodeInteger("9223372036854775808", v);
    REQUIRE(err);
    CHECK(err->message.find("out of range") != std::string::npos);
    double d = 0;
    CHECK_FALSE(fluxi::literals::decodeFloat(".26", d));
    CHECK(d == doctest::Approx(0.26));
    CHECK_FALSE(fluxi::literals::decodeFloat("1.", d));
    CHECK(d == 1.0);
    CHECK_FALSE(fluxi::literals::decodeFloat("072.40", d));
    CHECK(d == doctest::Approx(72.4));
}

TEST_CASE("lexer: durations keep their parts as written") {
    CHECK(durationText("1h30m") == "1h 30m ");
    CHECK(durationText("1mo5d") == "1mo 5d ");
    CHECK(durationText("1y2mo3w4d5h6m7s8ms9us10ns") == "1y 2mo 3w 4d 5h 6m 7s 8ms 9us 10ns ");
    CHECK(durationText("3\xC2\xB5s") == "3us ");
    CHECK(durationText("3\xCE\xBCs") == "3us ");
    CHECK(durationText("99999999999999999999h").find("out of range") != std::string::npos);
}

TEST_CASE("lexer: date-times become UTC nanoseconds") {
    CHECK(nanos("1970-01-01") == 0);
    CHECK(nanos("1970-01-01T00:00:00Z") == 0);
    CHECK(nanos("2020-01-01") == 1577836800LL * 1000000000);
    CHECK(nanos("2020-01-01T00:00:00Z") == 1577836800LL * 1000000000);
    CHECK(nanos("2020-01-01T01:00:00+01:00") == 1577836800LL * 1000000000);
    CHECK(nanos("2019-12-31T17:00:00-07:00") == 1577836800LL * 1000000000);
    CHECK(nanos("2020-01-01T00:00:00.5Z") == 1577836800LL * 1000000000 + 500000000);
    CHECK(nanos("2020-01-01T00:00:00.123456789Z") == 1577836800LL * 1000000000 + 123456789);
    CHECK(nanos("1969-12-31T23:59:59Z") == -1000000000);
    CHECK(nanos("2020-02-29") == 1582934400LL * 1000000000);
    CHECK(dateError("2019-02-29").find("no such day") != std::string::npos);
    CHECK(dateError("2020-13-01").find("no such day") != std::string::npos);
    CHECK(dateError("2020-01-01T25:00:00Z").find("out of range") != std::string::npos);
    CHECK(dateError("2020-01-01T10:00:00").find("no time zone") != std::string::npos);
    CHECK(dateError("2020-01-01T10:00Z").find("hh:mm:ss") != std::string::npos);
    CHECK(dateError("1600-01-01").find("out of range") != std::string::npos);
}
