// JSON and indented-text dumps of the AST (see ast/ast_json.h). One walk over the tree drives an
// emitter; the JSON emitter writes objects, the text emitter writes one line per node with its
// scalar fields and span, and its children indented below.
#include "ast/ast_json.h"

#include <cinttypes>
#include <cstdio>

namespace fluxi::ast {

namespace {

const char* unaryOpText(UnaryOp op) {
    switch (op) {
        case UnaryOp::Neg: return "-";
        case UnaryOp::Pos: return "+";
        case UnaryOp::Not: return "not";
        case UnaryOp::Exists: return "exists";
    }
    return "?";
}

const char* durationUnitName(DurationUnit u) {
    switch (u) {
        case DurationUnit::ns: return "ns";
        case DurationUnit::us: return "us";
        case DurationUnit::ms: return "ms";
        case DurationUnit::s: return "s";
        case DurationUnit::m: return "m";
        case DurationUnit::h: return "h";
        case DurationUnit::d: return "d";
        case DurationUnit::w: return "w";
        case DurationUnit::mo: return "mo";
        case DurationUnit::y: return "y";
    }
    return "?";
}

const char* typeKindName(TypeExpr::Kind k) {
    switch (k) {
        case TypeExpr::Kind::Named: return "Named";
        case TypeExpr::Kind::Var: return "Var";
        case TypeExpr::Kind::Array: return "Array";
        case TypeExpr::Kind::Stream: return "Stream";
        case TypeExpr::Kind::Vector: return "Vector";
        case TypeExpr::Kind::Dict: return "Dict";
        case TypeExpr::Kind::Record: return "Record";
        case TypeExpr::Kind::Function: return "Function";
        case TypeExpr::Kind::Dynamic: return "Dynamic";
    }
    return "?";
}

std::string formatDouble(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// What the tree walk tells an output format.
class Emitter {
public:
    virtual ~Emitter() = default;
    virtual void beginNode(const char* type, const Span* span) = 0;  // span may be null
    virtual void endNode() = 0;
    virtual void str(const char* name, const std::string& v) = 0;
    virtual void num(const char* name, const std::string& v) = 0;  // already formatted number
    virtual void child(const char* name) = 0;                      // the next node is field `name`
    virtual void null(const char* name) = 0;
    virtual void beginList(const char* name) = 0;
    virtual void endList() = 0;
};

// ---- JSON
std::string jsonQuote(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 2);
    out.push_back('"');
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out.push_back(ch);
                }
        }
    }
    out.push_back('"');
    return out;
}

class JsonEmitter final : public Emitter {
public:
    std::string out;

    void beginNode(const char* type, const Span* span) override {
        open('{');
        str("type", type);
        if (span != nullptr) {
            key("loc");
            out += "{\"start\": {\"line\": " + std::to_string(span->start.line) +
                   ", \"column\": " + std::to_string(span->start.col) + "}, \"end\": {\"line\": " +
                   std::to_string(span->end.line) + ", \"column\": " + std::to_string(span->end.col) + "}}";
        }
    }
    void endNode() override { close('}'); }
    void str(const char* name, const std::string& v) override {
        key(name);
        out += jsonQuote(v);
    }
    void num(const char* name, const std::string& v) override {
        key(name);
        out += v;
    }
    void child(const char* name) override {
        key(name);
        pendingValue_ = true;
    }
    void null(const char* name) override {
        key(name);
        out += "null";
    }
    void beginList(const char* name) override {
        key(name);
        pendingValue_ = true;
        open('[');
    }
    void endList() override { close(']'); }

private:
    void indent() {
        out.push_back('\n');
        out.append(2 * first_.size(), ' ');
    }
    // Starts an object or array: as a field value, as a list element, or at the top.
    void open(char bracket) {
        if (!pendingValue_ && !first_.empty()) {  // element of a list
            if (!first_.back()) out.push_back(',');
            first_.back() = false;
            indent();
        }
        pendingValue_ = false;
        out.push_back(bracket);
        first_.push_back(true);
    }
    void close(char bracket) {
        const bool empty = first_.back();
        first_.pop_back();
        if (!empty) indent();
        out.push_back(bracket);
    }
    void key(const char* name) {
        if (!first_.back()) out.push_back(',');
        first_.back() = false;
        indent();
        out += jsonQuote(name);
        out += ": ";
    }
    std::vector<bool> first_;  // per open object/array: no element written yet
    bool pendingValue_ = false;
};

// ---- text
class TextEmitter final : public Emitter {
public:
    std::string out;

    void beginNode(const char* type, const Span* span) override {
        flush();
        line_.assign(2 * depth_, ' ');
        if (!label_.empty()) {
            line_ += label_ + ": ";
            label_.clear();
        }
        line_ += type;
        if (span != nullptr)
            spanText_ = " @" + std::to_string(span->start.line) + ":" + std::to_string(span->start.col) + "-" +
                        std::to_string(span->end.line) + ":" + std::to_string(span->end.col);
        else
            spanText_.clear();
        open_ = true;
        ++depth_;
    }
    void endNode() override {
        flush();
        --depth_;
    }
    void str(const char* name, const std::string& v) override { line_ += std::string(" ") + name + "=" + jsonQuote(v); }
    void num(const char* name, const std::string& v) override { line_ += std::string(" ") + name + "=" + v; }
    void child(const char* name) override {
        flush();
        label_ = name;
    }
    void null(const char*) override {}
    void beginList(const char* name) override {
        flush();
        out.append(2 * depth_, ' ');
        out += std::string(name) + ":\n";
        ++depth_;
    }
    void endList() override {
        flush();
        --depth_;
    }

private:
    void flush() {
        if (!open_) return;
        out += line_ + spanText_ + "\n";
        open_ = false;
    }
    std::string line_, spanText_, label_;
    size_t depth_ = 0;
    bool open_ = false;
};

// ---- the walk
class Walker {
public:
    explicit Walker(Emitter& e) : e_(e) {}

    void file(const File& f) {
        e_.beginNode("File", nullptr);
        e_.str("name", f.name);
        attributes(f.attributes);
        if (f.package) {
            e_.child("package");
            e_.beginNode("PackageClause", &f.package->span);
            e_.str("name", f.package->name);
            attributes(f.package->attributes);
            e_.endNode();
        }
        if (!f.imports.empty()) {
            e_.beginList("imports");
            for (const ImportDecl& imp : f.imports) {
                e_.beginNode("ImportDeclaration", &imp.span);
                e_.str("path", imp.path);
                if (!imp.alias.empty()) e_.str("alias", imp.alias);
                attributes(imp.attributes);
                e_.endNode();
            }
            e_.endList();
        }
        e_.beginList("body");
        for (const StmtPtr& s : f.body) stmt(*s);
        e_.endList();
        e_.endNode();
    }

private:
    void attributes(const std::vector<Attribute>& attrs) {
        if (attrs.empty()) return;
        e_.beginList("attributes");
        for (const Attribute& a : attrs) {
            e_.beginNode("Attribute", &a.span);
            e_.str("name", a.name);
            if (!a.params.empty()) {
                e_.beginList("params");
                for (const ExprPtr& p : a.params) expr(p.get());
                e_.endList();
            }
            e_.endNode();
        }
        e_.endList();
    }

    void childExpr(const char* name, const Expr* x) {
        if (x == nullptr) {
            e_.null(name);
            return;
        }
        e_.child(name);
        expr(x);
    }

    void stmt(const Stmt& s) {
        e_.beginNode(nodeKindName(s.kind), &s.span);
        if (s.kind != NodeKind::Block) attributes(static_cast<const StmtBase&>(s).attributes);
        switch (s.kind) {
            case NodeKind::VariableAssignment: {
                auto& v = static_cast<const VariableAssignment&>(s);
                e_.str("id", v.id ? v.id->name : "");
                childExpr("init", v.init.get());
                break;
            }
            case NodeKind::MemberAssignment: {
                auto& m = static_cast<const MemberAssignment&>(s);
                childExpr("member", m.member.get());
                childExpr("init", m.init.get());
                break;
            }
            case NodeKind::OptionStmt: {
                auto& o = static_cast<const OptionStmt&>(s);
                if (o.assignment) {
                    e_.child("assignment");
                    stmt(*o.assignment);
                }
                break;
            }
            case NodeKind::BuiltinStmt: {
                auto& b = static_cast<const BuiltinStmt&>(s);
                e_.str("id", b.id ? b.id->name : "");
                if (b.type) {
                    e_.child("typeExpression");
                    type(*b.type);
                }
                break;
            }
            case NodeKind::TestCaseStmt: {
                auto& t = static_cast<const TestCaseStmt&>(s);
                e_.str("id", t.id ? t.id->name : "");
                if (!t.extends.empty()) e_.str("extends", t.extends);
                if (t.block) {
                    e_.child("block");
                    stmt(*t.block);
                }
                break;
            }
            case NodeKind::ReturnStmt:
                childExpr("argument", static_cast<const ReturnStmt&>(s).argument.get());
                break;
            case NodeKind::ExpressionStmt:
                childExpr("expression", static_cast<const ExpressionStmt&>(s).expression.get());
                break;
            case NodeKind::Block: {
                e_.beginList("body");
                for (const StmtPtr& b : static_cast<const Block&>(s).body) stmt(*b);
                e_.endList();
                break;
            }
            default:
                break;
        }
        e_.endNode();
    }

    void type(const TypeExpr& t) {
        e_.beginNode("TypeExpression", &t.span);
        e_.str("kind", typeKindName(t.kind));
        if (!t.name.empty()) e_.str("name", t.name);
        if (!t.elems.empty()) {
            e_.beginList(t.kind == TypeExpr::Kind::Function ? "returns" : "elements");
            for (const auto& el : t.elems)
                if (el) type(*el);
            e_.endList();
        }
        if (!t.fields.empty()) {
            e_.beginList(t.kind == TypeExpr::Kind::Function ? "parameters" : "properties");
            for (const TypeExpr::Field& f : t.fields) {
                e_.beginNode("Field", nullptr);
                e_.str("name", f.name);
                if (f.optional) e_.num("optional", "true");
                if (f.pipe) e_.num("pipe", "true");
                if (f.type) {
                    e_.child("type");
                    type(*f.type);
                }
                e_.endNode();
            }
            e_.endList();
        }
        if (!t.constraints.empty()) {
            e_.beginList("constraints");
            for (const auto& [var, kinds] : t.constraints) {
                e_.beginNode("Constraint", nullptr);
                e_.str("tvar", var);
                std::string joined;
                for (const std::string& k : kinds) joined += (joined.empty() ? "" : " + ") + k;
                e_.str("kinds", joined);
                e_.endNode();
            }
            e_.endList();
        }
        e_.endNode();
    }

    void properties(const std::vector<Property>& props) {
        e_.beginList("properties");
        for (const Property& p : props) {
            e_.beginNode("Property", &p.span);
            e_.str("key", p.key);
            childExpr("value", p.value.get());
            e_.endNode();
        }
        e_.endList();
    }

    void expr(const Expr* x) {
        if (x == nullptr) return;
        e_.beginNode(nodeKindName(x->kind), &x->span);
        switch (x->kind) {
            case NodeKind::Identifier:
                e_.str("name", static_cast<const Identifier*>(x)->name);
                break;
            case NodeKind::IntegerLit: {
                char buf[32];
                std::snprintf(buf, sizeof buf, "%" PRId64, static_cast<const IntegerLit*>(x)->value);
                e_.num("value", buf);
                break;
            }
            case NodeKind::FloatLit:
                e_.num("value", formatDouble(static_cast<const FloatLit*>(x)->value));
                break;
            case NodeKind::StringLit: {
                auto* s = static_cast<const StringLit*>(x);
                if (s->isPlain()) {
                    e_.str("value", s->plainText());
                } else {
                    e_.beginList("parts");
                    for (const StringPart& p : s->parts) {
                        if (p.expr) {
                            e_.beginNode("Interpolation", &p.expr->span);
                            childExpr("expression", p.expr.get());
                        } else {
                            e_.beginNode("Text", nullptr);
                            e_.str("value", p.text);
                        }
                        e_.endNode();
                    }
                    e_.endList();
                }
                break;
            }
            case NodeKind::DurationLit: {
                auto* d = static_cast<const DurationLit*>(x);
                e_.beginList("values");
                for (const DurationPart& p : d->parts) {
                    e_.beginNode("Duration", nullptr);
                    e_.num("magnitude", std::to_string(p.magnitude));
                    e_.str("unit", durationUnitName(p.unit));
                    e_.endNode();
                }
                e_.endList();
                break;
            }
            case NodeKind::DateTimeLit: {
                auto* d = static_cast<const DateTimeLit*>(x);
                e_.str("value", d->text);
                e_.num("nanos", std::to_string(d->nanos));
                break;
            }
            case NodeKind::RegexLit:
                e_.str("pattern", static_cast<const RegexLit*>(x)->pattern);
                break;
            case NodeKind::LabelLit:
                e_.str("name", static_cast<const LabelLit*>(x)->name);
                break;
            case NodeKind::ArrayExpr:
                e_.beginList("elements");
                for (const ExprPtr& el : static_cast<const ArrayExpr*>(x)->elements) expr(el.get());
                e_.endList();
                break;
            case NodeKind::RecordExpr: {
                auto* r = static_cast<const RecordExpr*>(x);
                if (r->with) childExpr("with", r->with.get());
                properties(r->properties);
                break;
            }
            case NodeKind::DictExpr:
                e_.beginList("entries");
                for (const DictEntry& en : static_cast<const DictExpr*>(x)->entries) {
                    e_.beginNode("DictEntry", nullptr);
                    childExpr("key", en.key.get());
                    childExpr("value", en.value.get());
                    e_.endNode();
                }
                e_.endList();
                break;
            case NodeKind::FunctionExpr: {
                auto* f = static_cast<const FunctionExpr*>(x);
                e_.beginList("params");
                for (const Parameter& p : f->params) {
                    e_.beginNode("Parameter", &p.span);
                    e_.str("name", p.name);
                    if (p.defaultValue) childExpr("default", p.defaultValue.get());
                    e_.endNode();
                }
                e_.endList();
                if (f->block) {
                    e_.child("body");
                    stmt(*f->block);
                } else {
                    childExpr("body", f->bodyExpr.get());
                }
                break;
            }
            case NodeKind::CallExpr: {
                auto* c = static_cast<const CallExpr*>(x);
                childExpr("callee", c->callee.get());
                childExpr("arguments", c->args.get());
                break;
            }
            case NodeKind::PipeExpr: {
                auto* p = static_cast<const PipeExpr*>(x);
                childExpr("argument", p->argument.get());
                childExpr("call", p->call.get());
                break;
            }
            case NodeKind::MemberExpr: {
                auto* m = static_cast<const MemberExpr*>(x);
                e_.str("property", m->property);  // scalars before children (the text dump needs it)
                childExpr("object", m->object.get());
                break;
            }
            case NodeKind::IndexExpr: {
                auto* i = static_cast<const IndexExpr*>(x);
                childExpr("object", i->object.get());
                childExpr("index", i->index.get());
                break;
            }
            case NodeKind::UnaryExpr: {
                auto* u = static_cast<const UnaryExpr*>(x);
                e_.str("operator", unaryOpText(u->op));
                childExpr("argument", u->argument.get());
                break;
            }
            case NodeKind::BinaryExpr: {
                auto* b = static_cast<const BinaryExpr*>(x);
                e_.str("operator", binaryOpText(b->op));
                childExpr("left", b->left.get());
                childExpr("right", b->right.get());
                break;
            }
            case NodeKind::LogicalExpr: {
                auto* l = static_cast<const LogicalExpr*>(x);
                e_.str("operator", l->op == LogicalOp::And ? "and" : "or");
                childExpr("left", l->left.get());
                childExpr("right", l->right.get());
                break;
            }
            case NodeKind::ConditionalExpr: {
                auto* c = static_cast<const ConditionalExpr*>(x);
                childExpr("test", c->test.get());
                childExpr("consequent", c->consequent.get());
                childExpr("alternate", c->alternate.get());
                break;
            }
            default:
                break;
        }
        e_.endNode();
    }

    Emitter& e_;
};

}  // namespace

std::string toJson(const File& file) {
    JsonEmitter e;
    Walker(e).file(file);
    e.out.push_back('\n');
    return std::move(e.out);
}

std::string toText(const File& file) {
    TextEmitter e;
    Walker(e).file(file);
    return std::move(e.out);
}

}  // namespace fluxi::ast
