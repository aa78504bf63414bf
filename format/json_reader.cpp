// The JSON reader: a recursive-descent parser over the text, tracking line and column for errors.
#include "format/json_reader.h"

#include <charconv>
#include <cstdint>

namespace fluxi::json {

const Node* Node::find(std::string_view key) const {
    for (size_t i = members.size(); i-- > 0;)
        if (members[i].first == key) return &members[i].second;
    return nullptr;
}

const char* Node::typeName() const {
    switch (type) {
        case Type::Null: return "null";
        case Type::Bool: return "boolean";
        case Type::Number: return "number";
        case Type::String: return "string";
        case Type::Array: return "array";
        case Type::Object: return "object";
    }
    return "?";
}

namespace {

constexpr int kMaxDepth = 1000;  // recursion depth: stays far below any thread's stack

class Parser {
public:
    explicit Parser(std::string_view s) : s_(s) {}

    Node document() {
        skipSpace();
        Node n = value(0);
        skipSpace();
        if (pos_ < s_.size()) fail("unexpected " + describe() + " after the end of the value");
        return n;
    }

private:
    std::string_view s_;
    size_t pos_ = 0;

    [[noreturn]] void failAt(size_t at, const std::string& msg) const {
        size_t line = 1, col = 1;
        for (size_t i = 0; i < at && i < s_.size(); i++) {
            if (s_[i] == '\n') {
                line++;
                col = 1;
            } else if ((static_cast<unsigned char>(s_[i]) & 0xC0) != 0x80) {
                col++;  // count characters, not UTF-8 continuation bytes
            }
        }
        throw ParseError(msg, line, col);
    }
    [[noreturn]] void fail(const std::string& msg) const { failAt(pos_, msg); }

    std::string describe() const {
        if (pos_ >= s_.size()) return "end of input";
        char c = s_[pos_];
        if (static_cast<unsigned char>(c) < 0x20) return "control character";
        return std::string("character '") + c + "'";
    }

    void skipSpace() {
        while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) pos_++;
    }

    void expectWord(std::string_view w) {
        if (s_.substr(pos_, w.size()) != w) fail("unexpected " + describe() + ", expected a JSON value");
        pos_ += w.size();
    }

    Node value(int depth) {
        if (depth > kMaxDepth) fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
        if (pos_ >= s_.size()) fail("unexpected end of input, expected a JSON value");
        Node n;
        switch (s_[pos_]) {
            case '{': objectInto(n, depth); break;
            case '[': arrayInto(n, depth); break;
            case '"':
                n.type = Node::Type::String;
                n.text = string();
                break;
            case 't':
                expectWord("true");
                n.type = Node::Type::Bool;
                n.boolean = true;
                break;
            case 'f':
                expectWord("false");
                n.type = Node::Type::Bool;
                break;
            case 'n': expectWord("null"); break;
            default:
                if (s_[pos_] == '-' || (s_[pos_] >= '0' && s_[pos_] <= '9')) {
                    numberInto(n);
                    break;
                }
                fail("unexpected " + describe() + ", expected a JSON value");
        }
        return n;
    }

    void objectInto(Node& n, int depth) {
        n.type = Node::Type::Object;
        pos_++;  // {
        skipSpace();
        if (pos_ < s_.size() && s_[pos_] == '}') {
            pos_++;
            return;
        }
        for (;;) {
            skipSpace();
            if (pos_ >= s_.size() || s_[pos_] != '"') fail("unexpected " + describe() + ", expected an object key string");
            std::string key = string();
            skipSpace();
            if (pos_ >= s_.size() || s_[pos_] != ':') fail("unexpected " + describe() + ", expected ':' after an object key");
            pos_++;
            skipSpace();
            n.members.emplace_back(std::move(key), value(depth + 1));
            skipSpace();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                pos_++;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == '}') {
                pos_++;
                return;
            }
            fail("unexpected " + describe() + ", expected ',' or '}' in an object");
        }
    }

    void arrayInto(Node& n, int depth) {
        n.type = Node::Type::Array;
        pos_++;  // [
        skipSpace();
        if (pos_ < s_.size() && s_[pos_] == ']') {
            pos_++;
            return;
        }
        for (;;) {
            skipSpace();
            n.items.push_back(value(depth + 1));
            skipSpace();
            if (pos_ < s_.size() && s_[pos_] == ',') {
                pos_++;
                continue;
            }
            if (pos_ < s_.size() && s_[pos_] == ']') {
                pos_++;
                return;
            }
            fail("unexpected " + describe() + ", expected ',' or ']' in an array");
        }
    }

    void numberInto(Node& n) {
        size_t start = pos_;
        auto digits = [&] {
            size_t b = pos_;
            while (pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9') pos_++;
            return pos_ - b;
        };
        if (s_[pos_] == '-') pos_++;
        if (pos_ < s_.size() && s_[pos_] == '0') {
            pos_++;
        } else if (digits() == 0) {
            fail("unexpected " + describe() + ", expected a digit in a number");
        }
        if (pos_ < s_.size() && s_[pos_] == '.') {
            pos_++;
            if (digits() == 0) fail("unexpected " + describe() + ", expected a digit after the decimal point");
        }
        bool negExp = false;
        if (pos_ < s_.size() && (s_[pos_] == 'e' || s_[pos_] == 'E')) {
            pos_++;
            if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-')) negExp = s_[pos_++] == '-';
            if (digits() == 0) fail("unexpected " + describe() + ", expected a digit in the exponent");
        }
        n.type = Node::Type::Number;
        n.text = std::string(s_.substr(start, pos_ - start));
        auto r = std::from_chars(s_.data() + start, s_.data() + pos_, n.number);
        if (r.ec == std::errc::result_out_of_range) {
            if (!negExp) failAt(start, "number " + n.text + " is out of the range of a 64-bit float");
            n.number = 0;  // underflow: rounds to zero
        } else if (r.ec != std::errc()) {
            failAt(start, "malformed number " + n.text);
        }
    }

    static void appendUtf8(std::string& out, uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    uint32_t hex4() {
        if (pos_ + 4 > s_.size()) fail("unexpected end of input in a \\u escape");
        uint32_t v = 0;
        for (int i = 0; i < 4; i++) {
            char c = s_[pos_];
            v <<= 4;
            if (c >= '0' && c <= '9') v |= static_cast<uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f') v |= static_cast<uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') v |= static_cast<uint32_t>(c - 'A' + 10);
            else fail("unexpected " + describe() + " in a \\u escape, expected a hexadecimal digit");
            pos_++;
        }
        return v;
    }

    std::string string() {
        size_t open = pos_;
        pos_++;  // "
        std::string out;
        for (;;) {
            if (pos_ >= s_.size()) failAt(open, "unterminated string");
            char c = s_[pos_];
            if (c == '"') {
                pos_++;
                return out;
            }
            if (static_cast<unsigned char>(c) < 0x20) fail("control character in a string (it must be escaped)");
            if (c != '\\') {
                out += c;
                pos_++;
                continue;
            }
            pos_++;
            if (pos_ >= s_.size()) failAt(open, "unterminated string");
            char e = s_[pos_++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    uint32_t cp = hex4();
                    if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(pos_, 2) == "\\u") {
                        size_t save = pos_;
                        pos_ += 2;
                        uint32_t lo = hex4();
                        if (lo >= 0xDC00 && lo < 0xE000) {
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        } else {
                            pos_ = save;
                            cp = 0xFFFD;
                        }
                    } else if (cp >= 0xD800 && cp < 0xE000) {
                        cp = 0xFFFD;  // lone surrogate: the replacement character, as Go's decoder does
                    }
                    appendUtf8(out, cp);
                    break;
                }
                default: failAt(pos_ - 2, std::string("invalid escape '\\") + e + "' in a string");
            }
        }
    }
};

}  // namespace

Node parse(std::string_view text) { return Parser(text).document(); }

}  // namespace fluxi::json
