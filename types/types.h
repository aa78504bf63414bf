// Monotypes of the static type checker: a store of type nodes addressed by index, with type
// variables bound by union-find (a variable points at what it was unified with), kind constraints
// on variables (Addable, Comparable, ...), row-polymorphic records (a chain of labelled fields
// ending in the empty record or a variable) and function types with required, optional and pipe
// parameters. Unification follows the reference's rules and error texts ("expected int but found
// string", "missing required argument x", ...).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace fluxi::types {

using TypeId = uint32_t;
inline constexpr TypeId kNoType = UINT32_MAX;

enum class Basic : uint8_t { Bool, Int, Uint, Float, String, Duration, Time, Regexp, Bytes, Dynamic };
const char* basicName(Basic b);

// Kinds, ordered by name as the reference prints them.
enum class Kind : uint16_t {
    Addable = 1 << 0,
    Basic = 1 << 1,
    Comparable = 1 << 2,
    Divisible = 1 << 3,
    Equatable = 1 << 4,
    Negatable = 1 << 5,
    Nullable = 1 << 6,
    Numeric = 1 << 7,
    Record = 1 << 8,
    Stringable = 1 << 9,
    Subtractable = 1 << 10,
    Timeable = 1 << 11,
};
using Kinds = uint16_t;
inline constexpr int kKindCount = 12;
const char* kindName(int bit);                      // name of kind 1<<bit
bool kindFromName(const std::string& n, Kind& k);  // false when unknown

enum class Tag : uint8_t { Var, Error, Basic, Array, Stream, Vector, Dict, EmptyRecord, Record, Function };

struct Param {
    std::string name;  // "<-" for the unnamed pipe argument of a call
    TypeId type = kNoType;
    bool optional = false;
    bool pipe = false;
};

struct Node {
    Tag tag = Tag::Var;
    Basic basic = Basic::Int;
    Kinds kinds = 0;          // Var: constraints
    uint32_t level = 0;       // Var: let-nesting depth where it was made (for generalization)
    TypeId link = kNoType;    // Var: what it was unified with
    TypeId a = kNoType;       // Array/Stream/Vector element, Dict key, Record field type, Function return
    TypeId b = kNoType;       // Dict value, Record tail
    uint32_t extra = 0;       // Record: label index; Function: parameter list index
};

class Store {
public:
    Store();
    TypeId fresh(uint32_t level, Kinds kinds = 0);
    TypeId error() const { return error_; }
    TypeId basic(Basic b) const { return basics_[static_cast<int>(b)]; }
    TypeId array(TypeId e) { return make(Tag::Array, e); }
    TypeId stream(TypeId e) { return make(Tag::Stream, e); }
    TypeId vector(TypeId e) { return make(Tag::Vector, e); }
    TypeId dict(TypeId k, TypeId v) { return make(Tag::Dict, k, v); }
    TypeId emptyRecord() const { return empty_; }
    TypeId extend(const std::string& label, TypeId field, TypeId tail);
    TypeId function(std::vector<Param> params, TypeId ret);

    // Follows variable links (with path compression).
    TypeId find(TypeId t);
    const Node& node(TypeId t) const { return nodes_[t]; }
    const std::string& label(TypeId rec) const { return labels_[nodes_[rec].extra]; }
    const std::vector<Param>& params(TypeId fn) const { return fnParams_[nodes_[fn].extra]; }
    size_t size() const { return nodes_.size(); }

    // Unifies the expected type with the actual one; appends one message per problem (reference
    // wording) and returns whether it succeeded.
    bool unify(TypeId expected, TypeId actual, std::vector<std::string>& errors);
    // Requires `t` to be of kind `k`.
    bool constrain(TypeId t, Kinds k, std::vector<std::string>& errors);

    // Free variables of t (roots), in order of appearance.
    void freeVars(TypeId t, std::vector<TypeId>& out);
    // Lowers the level of every variable in t to at most `level`.
    void adjustLevels(TypeId t, uint32_t level);
    // A copy of t where each variable in `generic` is replaced by a fresh one (same kinds).
    TypeId instantiate(TypeId t, const std::vector<TypeId>& generic, uint32_t level);

private:
    TypeId make(Tag tag, TypeId a, TypeId b = kNoType);
    bool occurs(TypeId var, TypeId t);
    bool bindVar(TypeId var, TypeId t, std::vector<std::string>& errors);
    bool unifyRecords(TypeId exp, TypeId act, std::vector<std::string>& errors);
    bool unifyFunctions(TypeId exp, TypeId act, std::vector<std::string>& errors);
    TypeId copy(TypeId t, std::unordered_map<TypeId, TypeId>& map, uint32_t level);
    void freeVars(TypeId t, std::vector<TypeId>& out, std::unordered_set<TypeId>& seen);

    std::vector<Node> nodes_;
    std::vector<std::string> labels_;
    std::unordered_map<std::string, uint32_t> labelIds_;
    std::vector<std::vector<Param>> fnParams_;
    TypeId basics_[10];
    TypeId error_, empty_;
};

// Prints types in the reference's notation, naming variables A, B, C, ... in order of
// appearance; one Namer shared by several calls keeps the names consistent between them.
class Printer {
public:
    explicit Printer(Store& s) : s_(s) {}
    std::string print(TypeId t);
    // `print(t)` followed by ` where A: Addable + ...` for the constrained variables seen.
    std::string printScheme(TypeId t);

private:
    void write(TypeId t, std::string& out);
    std::string varName(TypeId root);
    Store& s_;
    std::vector<TypeId> seen_;
    std::unordered_map<TypeId, size_t> seenIndex_;  // position of each in seen_
};

}  // namespace fluxi::types
