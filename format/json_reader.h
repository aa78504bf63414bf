// A small JSON reader (RFC 8259) producing a tree of nodes, for the builtins that take JSON input
// (experimental/json.parse, experimental/dynamic.jsonParse, influxdata/influxdb/v1.json). Errors
// name the line and column inside the JSON text.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fluxi::json {

struct Member;

struct Node {
    enum class Type { Null, Bool, Number, String, Array, Object };
    Type type = Type::Null;
    bool boolean = false;
    double number = 0;  // Number: the value as a double
    std::string text;   // String: the decoded string; Number: the literal as written
    std::vector<Node> items;                            // Array
    std::vector<Member> members;  // Object, in document order (duplicates kept)

    // Object member by key: the last one with that key (as Go's decoder keeps), or nullptr.
    const Node* find(std::string_view key) const;
    const char* typeName() const;  // "null", "boolean", "number", "string", "array", "object"
};

// One member of an object. A struct, not std::pair<std::string, Node>: clang cannot instantiate
// that pair's default-constructor traits while Node is still being completed.
struct Member {
    std::string first;  // the key
    Node second;        // the value
    Member(std::string key, Node value) : first(std::move(key)), second(std::move(value)) {}
};

struct ParseError : std::runtime_error {
    size_t line, col;
    ParseError(const std::string& msg, size_t l, size_t c)
        : std::runtime_error("invalid JSON at line " + std::to_string(l) + ", column " + std::to_string(c) + ": " + msg),
          line(l),
          col(c) {}
};

// Parses one JSON document (surrounding white space allowed). Throws ParseError. Numbers that do
// not fit a double (1e400) are errors, as are nesting deeper than 1000 levels.
Node parse(std::string_view text);

}  // namespace fluxi::json
