// ast::TypeExpr -> type scheme (see types/type_expr.h).
#include "types/type_expr.h"

#include <map>

namespace fluxi::types {
namespace {

bool isLabelVariable(const std::string& name) { return name.size() == 1 && name[0] >= 'A' && name[0] <= 'Z'; }

struct Converter {
    Store& s;
    uint32_t level;
    std::map<std::string, TypeId> vars;
    std::vector<TypeId> order;
    TypeExprError& err;
    bool failed = false;

    TypeId fail(const ast::TypeExpr& e, std::string msg) {
        if (!failed) err = {e.span.start, std::move(msg)};
        failed = true;
        return s.error();
    }

    TypeId var(const std::string& name) {
        auto it = vars.find(name);
        if (it != vars.end()) return it->second;
        TypeId v = s.fresh(level);
        vars.emplace(name, v);
        order.push_back(v);
        return v;
    }

    TypeId conv(const ast::TypeExpr* e) {
        if (e == nullptr) return s.error();
        using K = ast::TypeExpr::Kind;
        switch (e->kind) {
            case K::Named: {
                static const std::pair<const char*, Basic> names[] = {
                    {"bool", Basic::Bool},         {"int", Basic::Int},   {"uint", Basic::Uint},
                    {"float", Basic::Float},       {"string", Basic::String}, {"duration", Basic::Duration},
                    {"time", Basic::Time},         {"regexp", Basic::Regexp}, {"bytes", Basic::Bytes}};
                for (const auto& [n, b] : names)
                    if (e->name == n) return s.basic(b);
                return fail(*e, "unknown type '" + e->name +
                                    "' (expected bool, int, uint, float, string, duration, time, regexp, bytes, "
                                    "dynamic or a type variable)");
            }
            case K::Dynamic: return s.basic(Basic::Dynamic);
            case K::Var: return var(e->name);
            case K::Array: return s.array(conv(e->elems.empty() ? nullptr : e->elems[0].get()));
            case K::Stream: return s.stream(conv(e->elems.empty() ? nullptr : e->elems[0].get()));
            case K::Vector: return s.vector(conv(e->elems.empty() ? nullptr : e->elems[0].get()));
            case K::Dict: {
                if (e->elems.size() != 2) return fail(*e, "a dictionary type needs a key and a value type");
                TypeId k = conv(e->elems[0].get());
                return s.dict(k, conv(e->elems[1].get()));
            }
            case K::Record: {
                TypeId tail = e->name.empty() ? s.emptyRecord() : var(e->name);
                std::vector<TypeId> fieldTypes;
                for (const auto& f : e->fields) fieldTypes.push_back(conv(f.type.get()));
                for (size_t i = e->fields.size(); i-- > 0;) {
                    // A field named by a type variable (`{A with K: V}`, as record.get declares) is a
                    // label chosen by an argument; the label may be absent (the call then gives its
                    // default), so it adds no field: the record is only required to be a record.
                    if (isLabelVariable(e->fields[i].name)) {
                        std::vector<std::string> ignored;
                        s.constrain(tail, static_cast<Kinds>(Kind::Record), ignored);
                        continue;
                    }
                    tail = s.extend(e->fields[i].name, fieldTypes[i], tail);
                }
                return tail;
            }
            case K::Function: {
                std::vector<Param> ps;
                for (const auto& f : e->fields) {
                    Param p;
                    p.pipe = f.pipe;
                    p.optional = f.optional;
                    p.name = f.name.empty() ? "<-" : f.name;
                    p.type = conv(f.type.get());
                    ps.push_back(std::move(p));
                }
                TypeId ret = conv(e->elems.empty() ? nullptr : e->elems.back().get());
                return s.function(std::move(ps), ret);
            }
        }
        return s.error();
    }
};

}  // namespace

bool schemeFromTypeExpr(Store& store, const ast::TypeExpr& expr, uint32_t level, Scheme& out, TypeExprError& error) {
    Converter c{store, level, {}, {}, error};
    TypeId t = c.conv(&expr);
    for (const auto& [var, kinds] : expr.constraints) {
        auto it = c.vars.find(var);
        if (it == c.vars.end()) {
            if (!c.failed) error = {expr.span.start, "constraint on type variable " + var + ", which the type does not use"};
            c.failed = true;
            continue;
        }
        for (const std::string& kn : kinds) {
            Kind k;
            if (!kindFromName(kn, k)) {
                if (!c.failed)
                    error = {expr.span.start, "unknown kind '" + kn +
                                                  "' (expected Addable, Basic, Comparable, Divisible, Equatable, "
                                                  "Negatable, Nullable, Numeric, Record, Stringable, Subtractable "
                                                  "or Timeable)"};
                c.failed = true;
                continue;
            }
            std::vector<std::string> ignored;
            store.constrain(it->second, static_cast<Kinds>(k), ignored);
        }
    }
    out.type = t;
    out.generic = c.order;
    return !c.failed;
}

}  // namespace fluxi::types
