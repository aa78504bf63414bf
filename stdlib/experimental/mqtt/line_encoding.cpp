// Line protocol for mqtt.to() (see line_encoding.h).
#include "stdlib/experimental/mqtt/line_encoding.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "eval/value_text.h"

namespace fluxi::mqtt {

namespace {

void appendControlEscape(std::string& out, char c) {
    switch (c) {
        case '\t': out += "\\t"; break;
        case '\n': out += "\\n"; break;
        case '\f': out += "\\f"; break;
        case '\r': out += "\\r"; break;
        default: out.push_back(c);
    }
}

void appendName(std::string& out, std::string_view s) {
    for (char c : s) {
        if (c == ',' || c == ' ') out.push_back('\\');
        appendControlEscape(out, c);
    }
}

void appendKey(std::string& out, std::string_view s) {
    for (char c : s) {
        if (c == ',' || c == ' ' || c == '=') out.push_back('\\');
        appendControlEscape(out, c);
    }
}

void appendStringField(std::string& out, std::string_view s) {
    out.push_back('"');
    for (char c : s) {
        if (c == '"' || c == '\\') out.push_back('\\');
        appendControlEscape(out, c);
    }
    out.push_back('"');
}

bool contains(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

}  // namespace

EncodedTable encodeTable(const Table& t, const LineSpec& spec) {
    int timeIdx = t.columnIndex(spec.timeColumn);
    if (timeIdx < 0) throw std::invalid_argument("could not get time column \"" + spec.timeColumn + "\"");
    if (t.meta[timeIdx].type != ColType::Time)
        throw std::invalid_argument("invalid type for time column: " + std::string(colTypeName(t.meta[timeIdx].type)));
    int nameIdx = -1;
    if (spec.name.empty()) {
        nameIdx = t.columnIndex(spec.nameColumn);
        if (nameIdx >= 0 && t.meta[nameIdx].type != ColType::String)
            throw std::invalid_argument("invalid type for measurement column: " +
                                        std::string(colTypeName(t.meta[nameIdx].type)));
    }
    std::vector<size_t> tags, fields;
    for (size_t c = 0; c < t.numColumns(); c++) {
        if (static_cast<int>(c) == timeIdx || static_cast<int>(c) == nameIdx) continue;
        const ColumnMeta& m = t.meta[c];
        if (contains(spec.tagColumns, m.name)) {
            if (m.type != ColType::String)
                throw std::invalid_argument("invalid type for tag column " + m.name + ": " + colTypeName(m.type));
            tags.push_back(c);
        } else if (contains(spec.valueColumns, m.name)) {
            if (m.type == ColType::Time)
                throw std::invalid_argument("unsupported type time for value column " + m.name);
            fields.push_back(c);
        }
    }
    std::sort(fields.begin(), fields.end(), [&](size_t a, size_t b) { return t.meta[a].name < t.meta[b].name; });

    EncodedTable out;
    std::string header;
    for (size_t r = 0; r < t.nrows; r++) {
        header.clear();
        if (nameIdx >= 0 && t.column(nameIdx).isValid(r)) appendName(header, t.column(nameIdx).strings()[r]->s);
        else if (nameIdx < 0) appendName(header, spec.name);
        if (header.empty())
            throw std::invalid_argument("row " + std::to_string(r + 1) +
                                        " has no measurement name: give name, or a string column " + spec.nameColumn);
        const bool wantTopic = out.firstTopic.empty();
        std::string topic;
        if (wantTopic) topic = "/" + header;
        for (size_t c : tags) {
            const Column& col = t.column(c);
            if (col.isNull(r) || col.strings()[r]->s.empty() || t.meta[c].name.empty()) continue;
            size_t keyStart = header.size() + 1;
            header.push_back(',');
            appendKey(header, t.meta[c].name);
            size_t keyEnd = header.size();
            header.push_back('=');
            appendKey(header, col.strings()[r]->s);
            if (wantTopic) topic += "/" + header.substr(keyStart, keyEnd - keyStart) + "/" + header.substr(keyEnd + 1);
        }
        size_t lineStart = out.lines.size();
        out.lines += header;
        bool first = true;
        for (size_t c : fields) {
            const Column& col = t.column(c);
            if (col.isNull(r)) continue;
            out.lines.push_back(first ? ' ' : ',');
            first = false;
            appendKey(out.lines, t.meta[c].name);
            out.lines.push_back('=');
            switch (col.type()) {
                case ColType::Float: {
                    double v = col.floats()[r];
                    if (std::isnan(v) || std::isinf(v))
                        throw std::invalid_argument("column " + t.meta[c].name + ", row " + std::to_string(r + 1) + ": " +
                                                    (std::isnan(v) ? "NaN" : "an infinite float") +
                                                    " cannot be written in line protocol");
                    out.lines += formatFloatPlain(v);
                    break;
                }
                case ColType::Int: out.lines += std::to_string(col.ints()[r]) + "i"; break;
                case ColType::UInt: {
                    uint64_t u = std::min<uint64_t>(col.uints()[r], static_cast<uint64_t>(INT64_MAX));
                    out.lines += std::to_string(u) + "i";
                    break;
                }
                case ColType::String: appendStringField(out.lines, col.strings()[r]->s); break;
                case ColType::Bool: out.lines += col.bools()[r] ? "true" : "false"; break;
                case ColType::Time: break;  // refused above
            }
        }
        if (first) {  // no non-null field: no line
            out.lines.resize(lineStart);
            continue;
        }
        if (t.column(timeIdx).isValid(r)) out.lines += " " + std::to_string(t.column(timeIdx).ints()[r]);
        out.lines.push_back('\n');
        if (wantTopic) out.firstTopic = std::move(topic);
    }
    return out;
}

}  // namespace fluxi::mqtt
