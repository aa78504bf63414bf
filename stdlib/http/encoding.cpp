// http.basicAuth(u:, p:) -- "Basic " + base64("u:p") -- and http.pathEscape(inputString:), which
// escapes a string for use as one URL path segment as Go's url.PathEscape does: letters, digits and
// `-_.~` stay, and so do `$&+:=@`; everything else (incl. `/`, `;`, `,`, `?`, space, non-ASCII bytes)
// becomes %XX with upper-case hex digits.
#include "eval/builtin.h"

namespace fluxi {

namespace {

std::string base64(std::string_view in) {
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        uint32_t n = (uint32_t(uint8_t(in[i])) << 16) | (uint32_t(uint8_t(in[i + 1])) << 8) | uint8_t(in[i + 2]);
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += alphabet[(n >> 6) & 63];
        out += alphabet[n & 63];
    }
    if (i < in.size()) {
        uint32_t n = uint32_t(uint8_t(in[i])) << 16;
        if (i + 1 < in.size()) n |= uint32_t(uint8_t(in[i + 1])) << 8;
        out += alphabet[(n >> 18) & 63];
        out += alphabet[(n >> 12) & 63];
        out += i + 1 < in.size() ? alphabet[(n >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

Value basicAuth(CallContext& ctx, const Args& args) {
    std::string u = ctx.requireString(args, "u");
    std::string p = ctx.requireString(args, "p");
    return Value::string("Basic " + base64(u + ":" + p));
}

bool keptInPathSegment(unsigned char c) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return true;
    switch (c) {
        case '-': case '_': case '.': case '~':
        case '$': case '&': case '+': case ':': case '=': case '@': return true;
        default: return false;
    }
}

Value pathEscape(CallContext& ctx, const Args& args) {
    static const char* hex = "0123456789ABCDEF";
    const std::string& in = ctx.require(args, "inputString", Kind::String).asString();
    std::string out;
    out.reserve(in.size());
    for (unsigned char c : in) {
        if (keptInPathSegment(c)) {
            out += char(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return Value::string(std::move(out));
}

}  // namespace

FLUXI_BUILTIN("http", "basicAuth", "u, p", basicAuth);
FLUXI_BUILTIN("http", "pathEscape", "inputString", pathEscape);

}  // namespace fluxi
