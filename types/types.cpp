// Type store, unification, kind constraints and printing (see types/types.h).
#include "types/types.h"

#include <algorithm>
#include <map>
#include <unordered_set>

namespace fluxi::types {

const char* basicName(Basic b) {
    switch (b) {
        case Basic::Bool: return "bool";
        case Basic::Int: return "int";
        case Basic::Uint: return "uint";
        case Basic::Float: return "float";
        case Basic::String: return "string";
        case Basic::Duration: return "duration";
        case Basic::Time: return "time";
        case Basic::Regexp: return "regexp";
        case Basic::Bytes: return "bytes";
        case Basic::Dynamic: return "dynamic";
    }
    return "?";
}

static const char* const kKindNames[kKindCount] = {"Addable",  "Basic",    "Comparable", "Divisible",
                                                   "Equatable", "Negatable", "Nullable",  "Numeric",
                                                   "Record",   "Stringable", "Subtractable", "Timeable"};

const char* kindName(int bit) { return bit >= 0 && bit < kKindCount ? kKindNames[bit] : "?"; }

bool kindFromName(const std::string& n, Kind& k) {
    for (int i = 0; i < kKindCount; ++i)
        if (n == kKindNames[i]) {
            k = static_cast<Kind>(1 << i);
            return true;
        }
    return false;
}

namespace {
constexpr Kinds K(Kind k) { return static_cast<Kinds>(k); }
constexpr Kinds kNumberKinds = K(Kind::Addable) | K(Kind::Subtractable) | K(Kind::Divisible) |
                               K(Kind::Numeric) | K(Kind::Comparable) | K(Kind::Equatable) |
                               K(Kind::Nullable) | K(Kind::Basic) | K(Kind::Stringable) | K(Kind::Negatable);

// Which kinds each basic type has.
Kinds basicKinds(Basic b) {
    switch (b) {
        case Basic::Bool: return K(Kind::Equatable) | K(Kind::Nullable) | K(Kind::Basic) | K(Kind::Stringable);
        case Basic::Int:
        case Basic::Uint:
        case Basic::Float: return kNumberKinds;
        case Basic::String:
            return K(Kind::Addable) | K(Kind::Comparable) | K(Kind::Equatable) | K(Kind::Nullable) |
                   K(Kind::Basic) | K(Kind::Stringable);
        case Basic::Duration:
            return K(Kind::Comparable) | K(Kind::Equatable) | K(Kind::Nullable) | K(Kind::Basic) |
                   K(Kind::Negatable) | K(Kind::Stringable) | K(Kind::Timeable);
        case Basic::Time:
            return K(Kind::Comparable) | K(Kind::Equatable) | K(Kind::Nullable) | K(Kind::Basic) |
                   K(Kind::Timeable) | K(Kind::Stringable);
        case Basic::Regexp: return K(Kind::Basic);
        case Basic::Bytes: return K(Kind::Equatable) | K(Kind::Basic);
        case Basic::Dynamic: return 0;
    }
    return 0;
}

void wrapAll(std::vector<std::string>& from, std::vector<std::string>& into, const std::string& prefix,
             const std::string& suffix) {
    for (std::string& e : from) into.push_back(prefix + e + suffix);
}
}  // namespace

Store::Store() {
    nodes_.reserve(256);
    for (int i = 0; i <= static_cast<int>(Basic::Dynamic); ++i) {
        Node n;
        n.tag = Tag::Basic;
        n.basic = static_cast<Basic>(i);
        basics_[i] = static_cast<TypeId>(nodes_.size());
        nodes_.push_back(n);
    }
    Node e;
    e.tag = Tag::Error;
    error_ = static_cast<TypeId>(nodes_.size());
    nodes_.push_back(e);
    Node r;
    r.tag = Tag::EmptyRecord;
    empty_ = static_cast<TypeId>(nodes_.size());
    nodes_.push_back(r);
}

TypeId Store::fresh(uint32_t level, Kinds kinds) {
    Node n;
    n.tag = Tag::Var;
    n.level = level;
    n.kinds = kinds;
    nodes_.push_back(n);
    return static_cast<TypeId>(nodes_.size() - 1);
}

TypeId Store::make(Tag tag, TypeId a, TypeId b) {
    Node n;
    n.tag = tag;
    n.a = a;
    n.b = b;
    nodes_.push_back(n);
    return static_cast<TypeId>(nodes_.size() - 1);
}

TypeId Store::extend(const std::string& label, TypeId field, TypeId tail) {
    auto [it, added] = labelIds_.try_emplace(label, static_cast<uint32_t>(labels_.size()));
    if (added) labels_.push_back(label);
    TypeId t = make(Tag::Record, field, tail);
    nodes_[t].extra = it->second;
    return t;
}

TypeId Store::function(std::vector<Param> params, TypeId ret) {
    TypeId t = make(Tag::Function, ret);
    nodes_[t].extra = static_cast<uint32_t>(fnParams_.size());
    fnParams_.push_back(std::move(params));
    return t;
}

TypeId Store::find(TypeId t) {
    TypeId root = t;
    while (nodes_[root].tag == Tag::Var && nodes_[root].link != kNoType) root = nodes_[root].link;
    while (nodes_[t].tag == Tag::Var && nodes_[t].link != kNoType) {
        TypeId next = nodes_[t].link;
        nodes_[t].link = root;
        t = next;
    }
    return root;
}

// The walks below follow a record's tail (and an array's element) in a loop, not by recursion: a
// record type with 200k fields is a chain of 200k nodes, and recursion is only as deep as the
// nesting of the types.
bool Store::occurs(TypeId var, TypeId t) {
    for (;;) {
        t = find(t);
        if (t == var) return true;
        const Node n = nodes_[t];
        switch (n.tag) {
            case Tag::Array:
            case Tag::Stream:
            case Tag::Vector: t = n.a; continue;
            case Tag::Dict:
            case Tag::Record:
                if (occurs(var, n.a)) return true;
                t = n.b;
                continue;
            case Tag::Function: {
                if (occurs(var, n.a)) return true;
                for (size_t i = 0; i < fnParams_[n.extra].size(); ++i)
                    if (occurs(var, fnParams_[n.extra][i].type)) return true;
                return false;
            }
            default: return false;
        }
    }
}

void Store::adjustLevels(TypeId t, uint32_t level) {
    for (;;) {
        t = find(t);
        Node& n = nodes_[t];
        switch (n.tag) {
            case Tag::Var:
                if (n.level > level) n.level = level;
                return;
            case Tag::Array:
            case Tag::Stream:
            case Tag::Vector: t = n.a; continue;
            case Tag::Dict:
            case Tag::Record: {
                TypeId a = n.a, b = n.b;
                adjustLevels(a, level);
                t = b;
                continue;
            }
            case Tag::Function: {
                TypeId ret = n.a;
                uint32_t fi = n.extra;
                adjustLevels(ret, level);
                for (size_t i = 0; i < fnParams_[fi].size(); ++i) adjustLevels(fnParams_[fi][i].type, level);
                return;
            }
            default: return;
        }
    }
}

bool Store::constrain(TypeId t, Kinds kinds, std::vector<std::string>& errors) {
    t = find(t);
    Node& n = nodes_[t];
    if (n.tag == Tag::Var) {
        n.kinds |= kinds;
        return true;
    }
    if (n.tag == Tag::Error || kinds == 0) return true;
    bool ok = true;
    for (int bit = 0; bit < kKindCount; ++bit) {
        Kinds k = static_cast<Kinds>(1 << bit);
        if (!(kinds & k)) continue;
        const Node cur = nodes_[t];
        bool good = false;
        switch (cur.tag) {
            case Tag::Basic: good = (basicKinds(cur.basic) & k) != 0; break;
            // Compound types pass the constraint on to their parts, which report their own errors.
            case Tag::Array:
                good = k == K(Kind::Equatable);
                if (good) ok = constrain(cur.a, k, errors) && ok;
                break;
            case Tag::Vector:
                good = true;
                ok = constrain(cur.a, k, errors) && ok;
                break;
            case Tag::EmptyRecord: good = k == K(Kind::Record) || k == K(Kind::Equatable); break;
            case Tag::Record:
                if (k == K(Kind::Record)) {
                    good = true;
                } else if (k == K(Kind::Equatable)) {
                    good = true;
                    TypeId r = t;  // each field along the tail (a loop: records can be long)
                    for (; nodes_[r].tag == Tag::Record; r = find(nodes_[r].b)) ok = constrain(nodes_[r].a, k, errors) && ok;
                    ok = constrain(r, k, errors) && ok;
                }
                break;
            default: break;
        }
        if (!good) {
            Printer p(*this);
            errors.push_back(p.print(t) + " is not " + kindName(bit));
            ok = false;
        }
    }
    return ok;
}

bool Store::bindVar(TypeId var, TypeId t, std::vector<std::string>& errors) {
    if (occurs(var, t)) {
        Printer p(*this);
        std::string v = p.print(var);
        errors.push_back("recursive types not supported " + v + " != " + p.print(t));
        return false;
    }
    Kinds kinds = nodes_[var].kinds;
    adjustLevels(t, nodes_[var].level);
    nodes_[var].link = t;
    if (kinds != 0) return constrain(t, kinds, errors);
    return true;
}

bool Store::unify(TypeId expected, TypeId actual, std::vector<std::string>& errors) {
    TypeId e = find(expected), a = find(actual);
    if (e == a) return true;
    const Node en = nodes_[e], an = nodes_[a];
    if (en.tag == Tag::Error || an.tag == Tag::Error) return true;
    if (en.tag == Tag::Var && an.tag == Tag::Var) {
        nodes_[a].kinds |= en.kinds;
        nodes_[a].level = std::min(en.level, an.level);
        nodes_[e].link = a;
        return true;
    }
    if (en.tag == Tag::Var) return bindVar(e, a, errors);
    if (an.tag == Tag::Var) return bindVar(a, e, errors);
    bool recordish = (en.tag == Tag::Record || en.tag == Tag::EmptyRecord) &&
                     (an.tag == Tag::Record || an.tag == Tag::EmptyRecord);
    if (recordish) return unifyRecords(e, a, errors);
    if (en.tag != an.tag || (en.tag == Tag::Basic && en.basic != an.basic)) {
        Printer p(*this);
        std::string es = p.print(e);
        errors.push_back("expected " + es + " but found " + p.print(a));
        return false;
    }
    switch (en.tag) {
        case Tag::Array:
        case Tag::Stream:
        case Tag::Vector: return unify(en.a, an.a, errors);
        case Tag::Dict: {
            bool k = unify(en.a, an.a, errors);
            return unify(en.b, an.b, errors) && k;
        }
        case Tag::Function: return unifyFunctions(e, a, errors);
        default: return true;
    }
}

namespace {
struct Field {
    uint32_t label;
    TypeId type;
};
}  // namespace

bool Store::unifyRecords(TypeId exp, TypeId act, std::vector<std::string>& errors) {
    auto flatten = [this](TypeId t, std::vector<Field>& fields) {
        t = find(t);
        while (nodes_[t].tag == Tag::Record) {
            fields.push_back({nodes_[t].extra, nodes_[t].a});
            t = find(nodes_[t].b);
        }
        return t;
    };
    std::vector<Field> ef, af;
    TypeId te = flatten(exp, ef), ta = flatten(act, af);
    std::vector<bool> used(af.size(), false);
    std::vector<Field> expRest, actRest;
    bool ok = true;
    // Large records find their labels through an index (two records of 200k fields must not take
    // quadratic time); each label's positions are kept last-first, so back() is the first unused one.
    std::unordered_map<uint32_t, std::vector<size_t>> byLabel;
    const bool indexed = ef.size() * af.size() > 1024;
    if (indexed)
        for (size_t j = af.size(); j-- > 0;) byLabel[af[j].label].push_back(j);
    for (const Field& f : ef) {
        size_t j = 0;
        if (indexed) {
            j = af.size();
            auto it = byLabel.find(f.label);
            if (it != byLabel.end() && !it->second.empty()) {
                j = it->second.back();
                it->second.pop_back();
            }
        } else {
            while (j < af.size() && (used[j] || af[j].label != f.label)) ++j;
        }
        if (j == af.size()) {
            expRest.push_back(f);
            continue;
        }
        used[j] = true;
        ok = unify(f.type, af[j].type, errors) && ok;
    }
    for (size_t j = 0; j < af.size(); ++j)
        if (!used[j]) actRest.push_back(af[j]);
    te = find(te);
    ta = find(ta);
    const Tag tagE = nodes_[te].tag, tagA = nodes_[ta].tag;
    if (tagE == Tag::Error || tagA == Tag::Error) return ok;
    if (expRest.empty() && actRest.empty()) return unify(te, ta, errors) && ok;
    if (te == ta && tagE == Tag::Var) {
        Printer p(*this);
        std::string es = p.print(exp);
        errors.push_back("expected " + es + " but found " + p.print(act));
        return false;
    }
    bool extra = !actRest.empty() && tagE != Tag::Var, missing = !expRest.empty() && tagA != Tag::Var;
    if (extra) errors.push_back("found unexpected label " + labels_[actRest.front().label]);
    if (missing) errors.push_back("record is missing label " + labels_[expRest.front().label]);
    if (extra || missing) return false;
    auto build = [this](const std::vector<Field>& fields, TypeId tail) {
        for (size_t i = fields.size(); i-- > 0;) tail = extend(labels_[fields[i].label], fields[i].type, tail);
        return tail;
    };
    if (tagE == Tag::Var && tagA == Tag::Var) {
        TypeId r = fresh(std::min(nodes_[te].level, nodes_[ta].level));
        ok = unify(ta, build(expRest, r), errors) && ok;
        return unify(te, build(actRest, r), errors) && ok;
    }
    if (tagA == Tag::Var) return unify(ta, build(expRest, te), errors) && ok;
    return unify(te, build(actRest, ta), errors) && ok;
}

bool Store::unifyFunctions(TypeId exp, TypeId act, std::vector<std::string>& errors) {
    // Copies: unification below may add parameter lists (fnParams_ may reallocate).
    const std::vector<Param> fp = fnParams_[nodes_[exp].extra], gp = fnParams_[nodes_[act].extra];
    const TypeId fret = nodes_[exp].a, gret = nodes_[act].a;
    std::map<std::string, TypeId> freq, fopt, greq, gopt;
    const Param *fpipe = nullptr, *gpipe = nullptr;
    for (const Param& p : fp) {
        if (p.pipe) fpipe = &p;
        else (p.optional ? fopt : freq)[p.name] = p.type;
    }
    for (const Param& p : gp) {
        if (p.pipe) gpipe = &p;
        else (p.optional ? gopt : greq)[p.name] = p.type;
    }
    bool ok = true;
    if (fpipe && gpipe) {
        if (fpipe->name != "<-" && gpipe->name != "<-" && fpipe->name != gpipe->name) {
            errors.push_back("expected pipe argument " + fpipe->name + " but found " + gpipe->name);
            ok = false;
        } else {
            freq[fpipe->name] = fpipe->type;
            greq[fpipe->name] = gpipe->type;
        }
    } else if (fpipe) {
        if (fpipe->name == "<-") {
            errors.push_back("missing pipe argument");
            ok = false;
        } else {
            freq[fpipe->name] = fpipe->type;
        }
    } else if (gpipe) {
        if (gpipe->name == "<-") {
            errors.push_back("missing pipe argument");
            ok = false;
        } else {
            greq[gpipe->name] = gpipe->type;
        }
    }
    for (const auto& [name, t] : greq) {
        (void)t;
        if (!freq.count(name) && !fopt.count(name)) {
            errors.push_back("found unexpected argument " + name);
            ok = false;
        }
    }
    auto take = [&](const std::string& name, TypeId& out) {
        auto it = greq.find(name);
        if (it != greq.end()) {
            out = it->second;
            greq.erase(it);
            return true;
        }
        it = gopt.find(name);
        if (it != gopt.end()) {
            out = it->second;
            gopt.erase(it);
            return true;
        }
        return false;
    };
    auto unifyArg = [&](const std::string& name, TypeId e, TypeId a) {
        std::vector<std::string> inner;
        if (!unify(e, a, inner)) ok = false;
        wrapAll(inner, errors, "", " (argument " + name + ")");
    };
    for (const auto& [name, t] : freq) {
        TypeId a;
        if (take(name, a)) {
            unifyArg(name, t, a);
        } else {
            errors.push_back("missing required argument " + name);
            ok = false;
        }
    }
    for (const auto& [name, t] : fopt) {
        TypeId a;
        if (take(name, a)) unifyArg(name, t, a);
    }
    std::vector<std::string> inner;
    std::string before;
    {
        Printer p(*this);
        before = "expected " + p.print(fret) + " but found ";
        before += p.print(gret);
    }
    if (!unify(fret, gret, inner)) ok = false;
    wrapAll(inner, errors, before + " for return type caused by ", "");
    return ok;
}

void Store::freeVars(TypeId t, std::vector<TypeId>& out) {
    std::unordered_set<TypeId> seen(out.begin(), out.end());  // 100k parameters: no linear search
    freeVars(t, out, seen);
}

void Store::freeVars(TypeId t, std::vector<TypeId>& out, std::unordered_set<TypeId>& seen) {
    for (;;) {
        t = find(t);
        const Node n = nodes_[t];
        switch (n.tag) {
            case Tag::Var:
                if (seen.insert(t).second) out.push_back(t);
                return;
            case Tag::Array:
            case Tag::Stream:
            case Tag::Vector: t = n.a; continue;
            case Tag::Dict:
            case Tag::Record:
                freeVars(n.a, out, seen);
                t = n.b;
                continue;
            case Tag::Function:
                for (size_t i = 0; i < fnParams_[n.extra].size(); ++i) freeVars(fnParams_[n.extra][i].type, out, seen);
                t = n.a;
                continue;
            default: return;
        }
    }
}

TypeId Store::copy(TypeId t, std::unordered_map<TypeId, TypeId>& map, uint32_t level) {
    t = find(t);
    const Node n = nodes_[t];
    switch (n.tag) {
        case Tag::Var: {
            auto it = map.find(t);
            if (it == map.end()) return t;  // not generic
            if (it->second == kNoType) it->second = fresh(level, n.kinds);
            return it->second;
        }
        case Tag::Array: return array(copy(n.a, map, level));
        case Tag::Stream: return stream(copy(n.a, map, level));
        case Tag::Vector: return vector(copy(n.a, map, level));
        case Tag::Dict: {
            TypeId k = copy(n.a, map, level);
            return dict(k, copy(n.b, map, level));
        }
        case Tag::Record: {
            // The fields along the tail, copied in order, then the record rebuilt from its tail.
            std::vector<std::pair<uint32_t, TypeId>> fields;
            TypeId r = t;
            for (; nodes_[r].tag == Tag::Record; r = find(nodes_[r].b)) {
                const uint32_t label = nodes_[r].extra;
                const TypeId field = nodes_[r].a;
                fields.emplace_back(label, copy(field, map, level));
            }
            TypeId tail = copy(r, map, level);
            for (size_t i = fields.size(); i-- > 0;) tail = extend(labels_[fields[i].first], fields[i].second, tail);
            return tail;
        }
        case Tag::Function: {
            std::vector<Param> ps = fnParams_[n.extra];
            for (Param& p : ps) p.type = copy(p.type, map, level);
            TypeId ret = copy(n.a, map, level);
            return function(std::move(ps), ret);
        }
        default: return t;
    }
}

TypeId Store::instantiate(TypeId t, const std::vector<TypeId>& generic, uint32_t level) {
    if (generic.empty()) return t;
    std::unordered_map<TypeId, TypeId> map;
    for (TypeId g : generic) map.emplace(find(g), kNoType);
    return copy(t, map, level);
}

// ---------------------------------------------------------------------------------------------
// Printing

std::string Printer::varName(TypeId root) {
    auto [it, added] = seenIndex_.try_emplace(root, seen_.size());
    if (added) seen_.push_back(root);
    const size_t i = it->second;
    if (i < 26) return std::string(1, static_cast<char>('A' + i));
    return "t" + std::to_string(i);
}

void Printer::write(TypeId t, std::string& out) {
    t = s_.find(t);
    const Node n = s_.node(t);
    switch (n.tag) {
        case Tag::Var: out += varName(t); return;
        case Tag::Error: out += "<error>"; return;
        case Tag::Basic: out += basicName(n.basic); return;
        case Tag::Array:
            out += '[';
            write(n.a, out);
            out += ']';
            return;
        case Tag::Stream:
        case Tag::Vector:
            out += n.tag == Tag::Stream ? "stream[" : "vector[";
            write(n.a, out);
            out += ']';
            return;
        case Tag::Dict:
            out += '[';
            write(n.a, out);
            out += ": ";
            write(n.b, out);
            out += ']';
            return;
        case Tag::EmptyRecord: out += "{}"; return;
        case Tag::Record: {
            std::vector<std::pair<std::string, TypeId>> fields;
            TypeId cur = t;
            while (s_.node(cur).tag == Tag::Record) {
                fields.emplace_back(s_.label(cur), s_.node(cur).a);
                cur = s_.find(s_.node(cur).b);
            }
            out += '{';
            if (s_.node(cur).tag == Tag::Var) out += varName(cur) + " with ";
            for (size_t i = 0; i < fields.size(); ++i) {
                if (i) out += ", ";
                out += fields[i].first + ": ";
                write(fields[i].second, out);
            }
            out += '}';
            return;
        }
        case Tag::Function: {
            std::vector<Param> ps = s_.params(t);
            std::stable_sort(ps.begin(), ps.end(), [](const Param& a, const Param& b) {
                int ra = a.pipe ? 0 : a.optional ? 2 : 1, rb = b.pipe ? 0 : b.optional ? 2 : 1;
                return ra != rb ? ra < rb : a.name < b.name;
            });
            out += '(';
            for (size_t i = 0; i < ps.size(); ++i) {
                if (i) out += ", ";
                if (ps[i].pipe) out += ps[i].name == "<-" ? "<-" : "<-" + ps[i].name;
                else if (ps[i].optional) out += "?" + ps[i].name;
                else out += ps[i].name;
                out += ": ";
                write(ps[i].type, out);
            }
            out += ") => ";
            write(n.a, out);
            return;
        }
    }
}

std::string Printer::print(TypeId t) {
    std::string out;
    write(t, out);
    return out;
}

std::string Printer::printScheme(TypeId t) {
    std::string out = print(t);
    std::string where;
    for (size_t i = 0; i < seen_.size(); ++i) {
        Kinds k = s_.node(seen_[i]).kinds;
        if (!k) continue;
        where += where.empty() ? " where " : ", ";
        where += varName(seen_[i]) + ": ";
        bool first = true;
        for (int bit = 0; bit < kKindCount; ++bit)
            if (k & (1 << bit)) {
                if (!first) where += " + ";
                where += kindName(bit);
                first = false;
            }
    }
    return out + where;
}

}  // namespace fluxi::types
