// Printing values as Flux literals, as string() text and as display() text (see eval/format.h).
#include "eval/value_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

#include "eval/error.h"
#include "eval/function.h"
#include "eval/regex.h"
#include "eval/stream.h"
#include "eval/time.h"

namespace fluxi {

namespace {

const char* specialFloat(double f) {
    if (std::isnan(f)) return "NaN";
    if (std::isinf(f)) return f > 0 ? "+Inf" : "-Inf";
    return nullptr;
}

std::string toChars(double f, std::chars_format fmt, bool useFmt) {
    char buf[400];
    auto r = useFmt ? std::to_chars(buf, buf + sizeof buf, f, fmt) : std::to_chars(buf, buf + sizeof buf, f);
    return std::string(buf, r.ptr);
}

bool isIdentifier(const std::string& s) {
    if (s.empty()) return false;
    auto letter = [](unsigned char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; };
    if (!letter(static_cast<unsigned char>(s[0]))) return false;
    for (unsigned char c : s)
        if (!letter(c) && !(c >= '0' && c <= '9')) return false;
    return true;
}

std::string hexBytes(const std::string& data) {
    static const char* digits = "0123456789abcdef";
    std::string out = "0x";
    out.reserve(2 + data.size() * 2);
    for (unsigned char c : data) {
        out.push_back(digits[c >> 4]);
        out.push_back(digits[c & 15]);
    }
    return out;
}

std::string functionText(const Value& v) {
    const FunctionObj& f = v.asFunction();
    std::string out = "<function ";
    if (f.type == FunctionObj::Type::Builtin) {
        const auto& b = static_cast<const BuiltinFunction&>(f);
        if (!b.package.empty() && b.package != "universe") out += b.package + ".";
    }
    out += f.name.empty() ? "anonymous" : f.name;
    out += "(";
    for (size_t i = 0; i < f.params.size(); i++) {
        if (i) out += ", ";
        if (f.params[i].pipe) out += "<-";
        else if (!f.params[i].required) out += "?";
        out += f.params[i].name;
    }
    out += ")>";
    return out;
}

std::string regexLiteral(const std::string& pattern) {
    std::string out = "/";
    for (char c : pattern) {
        if (c == '/') out += "\\/";
        else out.push_back(c);
    }
    out.push_back('/');
    return out;
}

void formatInto(std::string& out, const Value& v) {
    switch (v.kind()) {
        case Kind::Null: out += "null"; return;
        case Kind::Bool: out += v.asBool() ? "true" : "false"; return;
        case Kind::Int: out += std::to_string(v.asInt()); return;
        case Kind::UInt: out += std::to_string(v.asUInt()); return;
        case Kind::Float: out += formatFloatLiteral(v.asFloat()); return;
        case Kind::String: out += quoteString(v.asString()); return;
        case Kind::Duration: out += formatDuration(v.asDuration()); return;
        case Kind::Time: out += formatTime(v.asTime()); return;
        case Kind::Regexp: out += regexLiteral(v.asRegexp().pattern); return;
        case Kind::Bytes: out += hexBytes(v.asBytes().data); return;
        case Kind::Array: {
            out.push_back('[');
            const auto& elems = v.asArray().elems;
            for (size_t i = 0; i < elems.size(); i++) {
                if (i) out += ", ";
                formatInto(out, elems[i]);
            }
            out.push_back(']');
            return;
        }
        case Kind::Record: {
            out.push_back('{');
            const auto& fields = v.asRecord().fields;
            for (size_t i = 0; i < fields.size(); i++) {
                if (i) out += ", ";
                out += isIdentifier(fields[i].first) ? fields[i].first : quoteString(fields[i].first);
                out += ": ";
                formatInto(out, fields[i].second);
            }
            out.push_back('}');
            return;
        }
        case Kind::Dict: {
            const auto& entries = v.asDict().entries;
            if (entries.empty()) {
                out += "[:]";
                return;
            }
            out.push_back('[');
            for (size_t i = 0; i < entries.size(); i++) {
                if (i) out += ", ";
                formatInto(out, entries[i].first);
                out += ": ";
                formatInto(out, entries[i].second);
            }
            out.push_back(']');
            return;
        }
        case Kind::Function: out += functionText(v); return;
        case Kind::Stream: {
            const std::string& origin = v.asStream().origin;
            out += origin.empty() ? "<table stream>" : "<table stream from " + origin + ">";
            return;
        }
    }
}

// ---- display() ----
void newline(std::string& out, int indent) {
    out.push_back('\n');
    for (int i = 0; i < indent; i++) out += "    ";
}

void displayInto(std::string& out, const Value& v, int indent) {
    switch (v.kind()) {
        case Kind::Null: out += "<null>"; return;
        case Kind::Stream: out += "<table stream>"; return;
        case Kind::String: out += v.asString(); return;
        case Kind::Bytes: out += hexBytes(v.asBytes().data); return;
        case Kind::Float: out += formatFloatGo(v.asFloat()); return;
        case Kind::Time: out += formatTimeFixed(v.asTime()); return;
        case Kind::Regexp: out += v.asRegexp().pattern; return;
        case Kind::Array: {
            const auto& elems = v.asArray().elems;
            bool multiline = elems.size() > 3;
            out.push_back('[');
            if (multiline) newline(out, indent + 1);
            for (size_t i = 0; i < elems.size(); i++) {
                if (i) {
                    out += ", ";
                    if (multiline) newline(out, indent + 1);
                }
                displayInto(out, elems[i], indent + 1);
            }
            if (multiline) newline(out, indent);
            out.push_back(']');
            return;
        }
        case Kind::Record: {
            const auto& fields = v.asRecord().fields;
            std::vector<size_t> order(fields.size());
            for (size_t i = 0; i < order.size(); i++) order[i] = i;
            std::stable_sort(order.begin(), order.end(),
                             [&](size_t a, size_t b) { return fields[a].first < fields[b].first; });
            bool multiline = fields.size() > 3;
            out.push_back('{');
            if (multiline) newline(out, indent + 1);
            for (size_t k = 0; k < order.size(); k++) {
                if (k) {
                    out += multiline ? "," : ", ";
                    if (multiline) newline(out, indent + 1);
                }
                out += fields[order[k]].first;
                out += ": ";
                displayInto(out, fields[order[k]].second, indent + 1);
            }
            if (multiline) newline(out, indent);
            out.push_back('}');
            return;
        }
        case Kind::Dict: {
            const auto& entries = v.asDict().entries;
            if (entries.empty()) {
                out += "[:]";
                return;
            }
            bool multiline = entries.size() > 3;
            out.push_back('[');
            if (multiline) newline(out, indent + 1);
            for (size_t i = 0; i < entries.size(); i++) {
                if (i) {
                    out += ", ";
                    if (multiline) newline(out, indent + 1);
                }
                displayInto(out, entries[i].first, indent + 1);
                out += ": ";
                displayInto(out, entries[i].second, indent + 1);
            }
            if (multiline) newline(out, indent);
            out.push_back(']');
            return;
        }
        default: formatInto(out, v); return;
    }
}

}  // namespace

std::string formatFloatLiteral(double f) {
    if (const char* s = specialFloat(f)) return s;
    std::string s = toChars(f, std::chars_format::general, false);
    if (s.find_first_of(".e") == std::string::npos) s += ".0";
    return s;
}

std::string formatFloatPlain(double f) {
    if (const char* s = specialFloat(f)) return s;
    return toChars(f, std::chars_format::fixed, true);
}

std::string formatFloatGo(double f) {
    if (const char* s = specialFloat(f)) return s;
    if (f == 0) return std::signbit(f) ? "-0" : "0";
    // The shortest digits in scientific form give the decimal exponent; like Go's %g with the
    // shortest precision, use the exponent form when it is below -4 or at least 6.
    std::string sci = toChars(f, std::chars_format::scientific, true);
    size_t e = sci.find('e');
    int exp = std::atoi(sci.c_str() + e + 1);
    if (exp < -4 || exp >= 6) return sci;
    return toChars(f, std::chars_format::fixed, true);
}

std::string quoteString(const std::string& s) {
    std::string out;
    out.reserve(s.size() + 2);
    out.push_back('"');
    for (size_t i = 0; i < s.size(); i++) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '$':
                if (i + 1 < s.size() && s[i + 1] == '{') out += "\\$";
                else out.push_back('$');
                break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\x%02x", c);
                    out += buf;
                } else {
                    out.push_back(static_cast<char>(c));
                }
        }
    }
    out.push_back('"');
    return out;
}

std::string formatValue(const Value& v) {
    std::string out;
    formatInto(out, v);
    return out;
}

bool isStringable(Kind k) {
    switch (k) {
        case Kind::String:
        case Kind::Bytes:
        case Kind::Int:
        case Kind::UInt:
        case Kind::Float:
        case Kind::Bool:
        case Kind::Time:
        case Kind::Duration: return true;
        default: return false;
    }
}

std::string valueToString(const Value& v) {
    switch (v.kind()) {
        case Kind::String: return v.asString();
        case Kind::Bytes: return v.asBytes().data;
        case Kind::Int: return std::to_string(v.asInt());
        case Kind::UInt: return std::to_string(v.asUInt());
        case Kind::Float: return formatFloatPlain(v.asFloat());
        case Kind::Bool: return v.asBool() ? "true" : "false";
        case Kind::Time: return formatTimeFixed(v.asTime());
        case Kind::Duration: return formatDuration(v.asDuration());
        default: throw FluxError(std::string("cannot convert ") + kindName(v.kind()) + " to string");
    }
}

std::string displayValue(const Value& v) {
    std::string out;
    displayInto(out, v, 0);
    return out;
}

}  // namespace fluxi
