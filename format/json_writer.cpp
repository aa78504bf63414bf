// JSON output of results (see json_writer.h).
#include "format/json_writer.h"

#include <cmath>

#include "format/cell_text.h"

namespace fluxi {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when it is not valid.
size_t utf8Length(std::string_view s, size_t i) {
    auto byte = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
    unsigned char c = byte(i);
    size_t n;
    uint32_t cp;
    if (c < 0x80) return 1;
    if ((c & 0xE0) == 0xC0) {
        n = 2;
        cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
        n = 3;
        cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    for (size_t k = 1; k < n; k++) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    // reject overlong forms, surrogates and values past U+10FFFF
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) return 0;
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return 0;
    return n;
}

void appendJsonCell(std::string& out, const Column& col, size_t row) {
    if (col.isNull(row)) {
        out.append("null");
        return;
    }
    switch (col.type()) {
        case ColType::String: appendJsonString(out, col.strings()[row]->s); return;
        case ColType::Time:
            out.push_back('"');
            appendCellText(out, col, row);
            out.push_back('"');
            return;
        case ColType::Float: {
            double v = col.floats()[row];
            if (!std::isfinite(v)) {
                out.push_back('"');
                appendFloatText(out, v);
                out.push_back('"');
                return;
            }
            appendFloatText(out, v);
            return;
        }
        default: appendCellText(out, col, row); return;
    }
}

void appendJsonValue(std::string& out, const Value& v) {
    switch (v.kind()) {
        case Kind::Null: out.append("null"); return;
        case Kind::String: appendJsonString(out, v.asString()); return;
        case Kind::Time:
            out.push_back('"');
            appendValueText(out, v);
            out.push_back('"');
            return;
        case Kind::Float:
            if (!std::isfinite(v.asFloat())) {
                out.push_back('"');
                appendValueText(out, v);
                out.push_back('"');
                return;
            }
            appendValueText(out, v);
            return;
        default: appendValueText(out, v); return;
    }
}

void flushIfLarge(std::ostream& os, std::string& out) {
    if (out.size() >= 64 * 1024) {
        os.write(out.data(), static_cast<std::streamsize>(out.size()));
        out.clear();
    }
}

}  // namespace

void appendJsonString(std::string& out, std::string_view s) {
    static const char* hex = "0123456789abcdef";
    out.push_back('"');
    for (size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0x80) {
            size_t n = utf8Length(s, i);
            if (n == 0) {
                out.append("\\ufffd");
                i++;
            } else {
                out.append(s.substr(i, n));
                i += n;
            }
            continue;
        }
        switch (c) {
            case '"': out.append("\\\""); break;
            case '\\': out.append("\\\\"); break;
            case '\n': out.append("\\n"); break;
            case '\r': out.append("\\r"); break;
            case '\t': out.append("\\t"); break;
            case '\b': out.append("\\b"); break;
            case '\f': out.append("\\f"); break;
            default:
                if (c < 0x20) {
                    out.append("\\u00");
                    out.push_back(hex[c >> 4]);
                    out.push_back(hex[c & 15]);
                } else {
                    out.push_back(static_cast<char>(c));
                }
        }
        i++;
    }
    out.push_back('"');
}

void writeJsonResults(const std::vector<NamedResult>& results, std::ostream& os) {
    std::string out;
    out.push_back('[');
    for (size_t ri = 0; ri < results.size(); ri++) {
        const NamedResult& r = results[ri];
        if (ri) out.push_back(',');
        out.append("{\"result\":");
        appendJsonString(out, r.name);
        out.append(",\"tables\":[");
        std::unique_ptr<TableIterator> it = r.stream->open();
        bool firstTable = true;
        while (TablePtr tp = it->next()) {
            const Table& t = *tp;
            if (!firstTable) out.push_back(',');
            firstTable = false;
            out.append("{\"key\":{");
            for (size_t k = 0; k < t.key.cols.size(); k++) {
                if (k) out.push_back(',');
                appendJsonString(out, t.key.cols[k].name);
                out.push_back(':');
                appendJsonValue(out, t.key.values[k]);
            }
            out.append("},\"columns\":[");
            for (size_t c = 0; c < t.numColumns(); c++) {
                if (c) out.push_back(',');
                out.append("{\"name\":");
                appendJsonString(out, t.meta[c].name);
                out.append(",\"type\":\"");
                out.append(colTypeName(t.meta[c].type));
                out.append("\",\"group\":");
                out.append(t.key.has(t.meta[c].name) ? "true" : "false");
                out.push_back('}');
            }
            out.append("],\"rows\":[");
            for (size_t row = 0; row < t.nrows; row++) {
                if (row) out.push_back(',');
                out.push_back('[');
                for (size_t c = 0; c < t.numColumns(); c++) {
                    if (c) out.push_back(',');
                    appendJsonCell(out, t.column(c), row);
                }
                out.push_back(']');
                flushIfLarge(os, out);
            }
            out.append("]}");
        }
        out.append("]}");
    }
    out.append("]\n");
    os.write(out.data(), static_cast<std::streamsize>(out.size()));
}

}  // namespace fluxi
