// Declaration file reader (see types/declaration_parser.h).
#include "types/declaration_parser.h"

#include <cctype>

namespace fluxi::types {
namespace {

class Reader {
public:
    explicit Reader(std::string_view s) : s_(s) {}

    bool file(std::vector<Declaration>& out) {
        skip();
        if (!word("package") || ident().empty()) return false;
        for (;;) {
            skip();
            if (i_ >= s_.size()) return true;
            if (!word("builtin")) return false;
            Declaration d;
            d.name = ident();
            if (d.name.empty() || !punct(":")) return false;
            d.type = typeExpression();
            if (!d.type) return false;
            out.push_back(std::move(d));
        }
    }

private:
    using T = std::unique_ptr<ast::TypeExpr>;

    void skip() {
        while (i_ < s_.size()) {
            char c = s_[i_];
            if (c == '\n') {
                ++line_;
                col_ = 1;
                ++i_;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                ++i_;
                ++col_;
            } else if (c == '/' && i_ + 1 < s_.size() && s_[i_ + 1] == '/') {
                while (i_ < s_.size() && s_[i_] != '\n') ++i_;
            } else {
                return;
            }
        }
    }
    ast::SourceLoc loc() const { return {line_, col_}; }
    bool peek(std::string_view p) {
        skip();
        return s_.substr(i_, p.size()) == p;
    }
    bool punct(std::string_view p) {
        if (!peek(p)) return false;
        i_ += p.size();
        col_ += static_cast<uint32_t>(p.size());
        return true;
    }
    static bool identChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
    std::string ident() {
        skip();
        size_t start = i_;
        if (i_ < s_.size() && (std::isalpha(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_'))
            while (i_ < s_.size() && identChar(s_[i_])) ++i_;
        col_ += static_cast<uint32_t>(i_ - start);
        return std::string(s_.substr(start, i_ - start));
    }
    bool word(std::string_view w) {
        skip();
        if (s_.substr(i_, w.size()) != w || (i_ + w.size() < s_.size() && identChar(s_[i_ + w.size()]))) return false;
        i_ += w.size();
        col_ += static_cast<uint32_t>(w.size());
        return true;
    }

    T typeExpression() {
        T t = monoType();
        if (!t) return nullptr;
        if (word("where")) {
            do {
                std::string var = ident();
                if (var.empty() || !punct(":")) return nullptr;
                std::vector<std::string> kinds;
                do {
                    std::string k = ident();
                    if (k.empty()) return nullptr;
                    kinds.push_back(std::move(k));
                } while (punct("+"));
                t->constraints.emplace_back(std::move(var), std::move(kinds));
            } while (punct(","));
        }
        return t;
    }

    T monoType() {
        skip();
        auto t = std::make_unique<ast::TypeExpr>();
        t->span.start = loc();
        using K = ast::TypeExpr::Kind;
        if (punct("[")) {
            T k = monoType();
            if (!k) return nullptr;
            t->elems.push_back(std::move(k));
            t->kind = K::Array;
            if (punct(":")) {
                T v = monoType();
                if (!v) return nullptr;
                t->elems.push_back(std::move(v));
                t->kind = K::Dict;
            }
            return punct("]") ? std::move(t) : nullptr;
        }
        if (punct("{")) {
            t->kind = K::Record;
            size_t save = i_;
            uint32_t saveCol = col_, saveLine = line_;
            std::string first = ident();
            if (!first.empty() && word("with")) {
                t->name = first;
            } else {
                i_ = save;
                col_ = saveCol;
                line_ = saveLine;
            }
            while (!punct("}")) {
                ast::TypeExpr::Field f;
                f.name = ident();
                if (f.name.empty() || !punct(":")) return nullptr;  // (string keys: left to the Flux parser)
                f.type = monoType();
                if (!f.type) return nullptr;
                t->fields.push_back(std::move(f));
                if (!punct(",")) {
                    if (!punct("}")) return nullptr;
                    break;
                }
            }
            return t;
        }
        if (punct("(")) {
            t->kind = K::Function;
            while (!punct(")")) {
                ast::TypeExpr::Field f;
                if (punct("?")) f.optional = true;
                else if (punct("<-")) f.pipe = true;
                if (!(f.pipe && peek(":"))) {
                    f.name = ident();
                    if (f.name.empty()) return nullptr;
                }
                if (!punct(":")) return nullptr;
                f.type = monoType();
                if (!f.type) return nullptr;
                t->fields.push_back(std::move(f));
                if (!punct(",")) {
                    if (!punct(")")) return nullptr;
                    break;
                }
            }
            if (!punct("=>")) return nullptr;
            T ret = monoType();
            if (!ret) return nullptr;
            t->elems.push_back(std::move(ret));
            return t;
        }
        std::string name = ident();
        if (name.empty()) return nullptr;
        if (punct("[")) {
            if (name == "stream") t->kind = K::Stream;
            else if (name == "vector") t->kind = K::Vector;
            else return nullptr;
            T e = monoType();
            if (!e || !punct("]")) return nullptr;
            t->elems.push_back(std::move(e));
            return t;
        }
        t->name = name;
        t->kind = name == "dynamic" ? K::Dynamic : name.size() == 1 ? K::Var : K::Named;
        return t;
    }

    std::string_view s_;
    size_t i_ = 0;
    uint32_t line_ = 1, col_ = 1;
};

}  // namespace

bool readDeclarations(std::string_view source, std::vector<Declaration>& out) {
    Reader r(source);
    std::vector<Declaration> decls;
    if (!r.file(decls)) return false;
    out = std::move(decls);
    return true;
}

}  // namespace fluxi::types
