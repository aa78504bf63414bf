// json.encode(v): v as JSON text, returned as bytes. Records (and dicts with string keys) become
// objects with their keys sorted, arrays arrays, null null; ints, uints and floats numbers (floats in
// their shortest exact form, exponent notation below 1e-6 and from 1e21 up, as Go's encoder does);
// strings are escaped the HTML-safe way (<, >, & as \u003c, \u003e, \u0026); times are RFC3339
// strings, durations their literal ("1m"), regexps their pattern, bytes base64. NaN and infinities,
// functions and streams cannot be encoded.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "eval/builtin.h"
#include "eval/value_text.h"
#include "eval/function.h"
#include "eval/regex.h"
#include "eval/time.h"
#include "stdlib/json/encode.h"

namespace fluxi {
namespace {

void encodeString(std::string& out, std::string_view s) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (size_t i = 0; i < s.size(); i++) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\n': out += "\\n"; continue;
            case '\r': out += "\\r"; continue;
            case '\t': out += "\\t"; continue;
            default: break;
        }
        if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
            out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";  // JS line separators
            i += 2;
        } else {
            out += static_cast<char>(c);
        }
    }
    out += '"';
}

bool encodeFloat(std::string& out, double f) {
    if (!std::isfinite(f)) return false;
    char buf[64];
    double a = std::fabs(f);
    bool sci = a != 0 && (a < 1e-6 || a >= 1e21);
    auto r = std::to_chars(buf, buf + sizeof buf, f, sci ? std::chars_format::scientific : std::chars_format::fixed);
    std::string s(buf, r.ptr);
    if (sci) {
        // "1e-07" -> "1e-7": a small negative exponent loses its leading zero ("1e+21" stays).
        size_t e = s.find('e');
        if (e != std::string::npos && s.size() - e == 4 && s[e + 1] == '-' && s[e + 2] == '0') s.erase(e + 2, 1);
    }
    out += s;
    return true;
}

std::string base64(std::string_view in) {
    static const char* tbl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        uint32_t n = (uint8_t(in[i]) << 16) | (uint8_t(in[i + 1]) << 8) | uint8_t(in[i + 2]);
        for (int k = 18; k >= 0; k -= 6) out += tbl[(n >> k) & 63];
    }
    if (i < in.size()) {
        uint32_t n = uint8_t(in[i]) << 16;
        if (i + 1 < in.size()) n |= uint8_t(in[i + 1]) << 8;
        out += tbl[(n >> 18) & 63];
        out += tbl[(n >> 12) & 63];
        out += i + 1 < in.size() ? tbl[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

void encode(const CallContext& ctx, std::string& out, const Value& v, const std::string& path, const JsonEncodeStyle& st) {
    auto where = [&] { return path.empty() ? std::string() : " at " + path; };
    switch (v.kind()) {
        case Kind::Null: out += "null"; return;
        case Kind::Bool: out += v.asBool() ? "true" : "false"; return;
        case Kind::Int: out += std::to_string(v.asInt()); return;
        case Kind::UInt: out += std::to_string(v.asUInt()); return;
        case Kind::Float:
            if (!encodeFloat(out, v.asFloat()))
                ctx.fail(st.fname + ": cannot encode the float " + std::string(std::isnan(v.asFloat()) ? "NaN" : "infinity") +
                         where() + " (JSON has no such number)");
            return;
        case Kind::String: encodeString(out, v.asString()); return;
        case Kind::Time: encodeString(out, formatTime(v.asTime())); return;
        case Kind::Duration: encodeString(out, formatDuration(v.asDuration())); return;
        case Kind::Regexp: encodeString(out, v.asRegexp().pattern); return;
        case Kind::Bytes: encodeString(out, base64(v.asBytes().data)); return;
        case Kind::Array: {
            out += '[';
            const auto& elems = v.asArray().elems;
            for (size_t i = 0; i < elems.size(); i++) {
                if (i) out += ',';
                encode(ctx, out, elems[i], path + "[" + std::to_string(i) + "]", st);
            }
            out += ']';
            return;
        }
        case Kind::Record: {
            std::vector<const std::pair<std::string, Value>*> fields;
            for (auto& f : v.asRecord().fields) fields.push_back(&f);
            std::stable_sort(fields.begin(), fields.end(), [](auto* a, auto* b) { return a->first < b->first; });
            out += '{';
            for (size_t i = 0; i < fields.size(); i++) {
                if (i) out += ',';
                encodeString(out, fields[i]->first);
                out += ':';
                encode(ctx, out, fields[i]->second, path + "." + fields[i]->first, st);
            }
            out += '}';
            return;
        }
        case Kind::Dict: {
            out += '{';
            bool first = true;
            for (auto& [k, val] : v.asDict().entries) {  // kept sorted by key
                std::string key;
                if (k.is(Kind::String)) key = k.asString();
                else if (st.displayDictKeys) key = formatValue(k);
                else
                    ctx.fail(st.fname + ": a dictionary with " + std::string(kindName(k.kind())) + " keys" + where() +
                             " cannot be encoded (JSON object keys are strings)");
                if (!first) out += ',';
                first = false;
                encodeString(out, key);
                out += ':';
                encode(ctx, out, val, path + "[" + key + "]", st);
            }
            out += '}';
            return;
        }
        case Kind::Function: ctx.fail(st.fname + ": a function" + where() + " cannot be encoded");
        case Kind::Stream:
            ctx.fail(st.fname + ": got a table stream" + where() +
                     " instead of a value; use tableFind() or findRecord() to extract data from it");
    }
    ctx.fail(st.fname + ": cannot encode a " + std::string(kindName(v.kind())));
}

Value encodeFn(CallContext& ctx, const Args& args) {
    const Value* v = args.get("v");
    return Value::bytes(make<BytesObj>(encodeJson(ctx, v ? *v : Value(), {"json.encode", false})));
}

}  // namespace

std::string encodeJson(const CallContext& ctx, const Value& v, const JsonEncodeStyle& style) {
    std::string out;
    encode(ctx, out, v, "", style);
    return out;
}

FLUXI_BUILTIN("json", "encode", "v", encodeFn);

}  // namespace fluxi
