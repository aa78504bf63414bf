// Annotated CSV writer (see annotated_csv_writer.h). Rows are formatted into one buffer that is
// handed to the stream in large pieces; tables are pulled from each result's stream one at a time.
#include "format/annotated_csv_writer.h"

#include <cstdint>

#include "format/cell_text.h"

namespace fluxi {
namespace {

const char* datatypeName(ColType t) {
    switch (t) {
        case ColType::Bool: return "boolean";
        case ColType::Int: return "long";
        case ColType::UInt: return "unsignedLong";
        case ColType::Float: return "double";
        case ColType::String: return "string";
        case ColType::Time: return "dateTime:RFC3339";
    }
    return "string";
}

// True when the first UTF-8 character of s is a Unicode space (CSV writers quote such fields so
// readers that trim spaces keep them).
bool startsWithSpace(std::string_view s) {
    unsigned char c = static_cast<unsigned char>(s[0]);
    if (c == ' ' || (c >= '\t' && c <= '\r')) return true;
    if (c == 0xC2 && s.size() >= 2) {
        unsigned char d = static_cast<unsigned char>(s[1]);
        return d == 0x85 || d == 0xA0;  // NEL, NO-BREAK SPACE
    }
    if (c == 0xE1 && s.size() >= 3)
        return static_cast<unsigned char>(s[1]) == 0x9A && static_cast<unsigned char>(s[2]) == 0x80;  // U+1680
    if (c == 0xE2 && s.size() >= 3) {
        unsigned char d = static_cast<unsigned char>(s[1]), e = static_cast<unsigned char>(s[2]);
        if (d == 0x80 && (e <= 0x8A || e == 0xA8 || e == 0xA9 || e == 0xAF)) return true;  // U+2000-200A, 2028/9, 202F
        if (d == 0x81 && e == 0x9F) return true;                                             // U+205F
    }
    if (c == 0xE3 && s.size() >= 3)
        return static_cast<unsigned char>(s[1]) == 0x80 && static_cast<unsigned char>(s[2]) == 0x80;  // U+3000
    return false;
}

class CsvOut {
public:
    CsvOut(std::ostream& os, const CsvWriteOptions& opts)
        : os_(os), eol_(opts.crlf ? "\r\n" : "\n"), delim_(opts.delimiter), opts_(opts) {
        buf_.reserve(kFlushAt + 4096);
    }

    const CsvWriteOptions& options() const { return opts_; }
    char delim() const { return delim_; }
    ~CsvOut() { flush(); }

    std::string& buf() { return buf_; }

    // Appends a field, quoting it when needed.
    void field(std::string_view s) { fieldTo(buf_, s); }
    void fieldTo(std::string& dst, std::string_view s) const {
        if (!needsQuotes(s)) {
            dst.append(s);
            return;
        }
        dst.push_back('"');
        for (char c : s) {
            switch (c) {
                case '"': dst.append("\"\""); break;
                case '\r':
                    if (eol_.size() == 1) dst.push_back('\r');  // CRLF mode drops CR (readers drop it anyway)
                    break;
                case '\n': dst.append(eol_); break;
                default: dst.push_back(c);
            }
        }
        dst.push_back('"');
    }

    void endLine() {
        buf_.append(eol_);
        if (buf_.size() >= kFlushAt) flush();
    }

    void flush() {
        if (!buf_.empty()) {
            os_.write(buf_.data(), static_cast<std::streamsize>(buf_.size()));
            buf_.clear();
        }
    }

private:
    static constexpr size_t kFlushAt = 64 * 1024;

    bool needsQuotes(std::string_view s) const {
        if (s.empty()) return false;
        if (s == "\\.") return true;
        for (char c : s)
            if (c == delim_ || c == '"' || c == '\n' || c == '\r') return true;
        return startsWithSpace(s);
    }

    std::ostream& os_;
    std::string eol_;
    char delim_;
    const CsvWriteOptions& opts_;
    std::string buf_;
};

struct Schema {
    std::vector<ColumnMeta> meta;
    std::vector<bool> group;
    bool operator==(const Schema&) const = default;
};

void writeBlockHeader(CsvOut& out, std::string_view resultName, const Table& t, const Schema& schema,
                      bool empty, int64_t tableId) {
    std::string& b = out.buf();
    const char d = out.delim();
    for (const std::string& annotation : out.options().annotations) {
        if (annotation == "datatype") {
            b.append("#datatype");
            b.push_back(d);
            b.append("string");
            b.push_back(d);
            b.append("long");
            for (auto& m : schema.meta) {
                b.push_back(d);
                b.append(datatypeName(m.type));
            }
        } else if (annotation == "group") {
            b.append("#group");
            b.push_back(d);
            b.append("false");
            b.push_back(d);
            b.append("false");
            for (bool g : schema.group) {
                b.push_back(d);
                b.append(g ? "true" : "false");
            }
        } else if (annotation == "default") {
            b.append("#default");
            b.push_back(d);
            out.field(resultName);
            b.push_back(d);
            if (empty) b.append(std::to_string(tableId));
            std::string cell;
            for (size_t i = 0; i < schema.meta.size(); i++) {
                b.push_back(d);
                if (!empty) continue;
                // An empty table has no rows to carry its group key, so the defaults do.
                int k = t.key.indexOf(schema.meta[i].name);
                if (k < 0) continue;
                cell.clear();
                appendValueText(cell, t.key.values[static_cast<size_t>(k)]);
                out.field(cell);
            }
        } else {
            continue;  // the caller validates the dialect; unknown annotations write nothing
        }
        out.endLine();
    }
    if (!out.options().header) return;
    b.push_back(d);
    b.append("result");
    b.push_back(d);
    b.append("table");
    for (auto& m : schema.meta) {
        b.push_back(d);
        out.field(m.name);
    }
    out.endLine();
}

bool hasDefaultAnnotation(const CsvWriteOptions& o) {
    for (auto& a : o.annotations)
        if (a == "default") return true;
    return false;
}

void writeResult(CsvOut& out, std::string_view name, const StreamObj& stream) {
    std::unique_ptr<TableIterator> it = stream.open();
    Schema last, cur;
    bool first = true, lastEmpty = false;
    int64_t tableId = 0;
    std::string cell, idText;
    struct CellCache {
        bool valid = false;
        int64_t time = 0;
        const StringObj* str = nullptr;  // strings are immutable: the same object is the same text
        std::string text;
    };
    std::vector<CellCache> cache;
    const bool defaultRow = hasDefaultAnnotation(out.options());
    while (TablePtr tp = it->next()) {
        const Table& t = *tp;
        cur.meta = t.meta;
        cur.group.assign(t.meta.size(), false);
        for (size_t i = 0; i < t.meta.size(); i++) cur.group[i] = t.key.has(t.meta[i].name);
        bool empty = t.nrows == 0;
        if (first || lastEmpty || empty || !(cur == last)) {
            if (!first) out.endLine();
            writeBlockHeader(out, name, t, cur, empty, tableId);
        }
        // Without a #default row the result name is in every row's result cell.
        idText.assign(1, out.delim());
        if (!defaultRow) out.fieldTo(idText, name);
        idText.push_back(out.delim());
        idText += std::to_string(tableId);
        std::string& b = out.buf();
        size_t ncols = t.numColumns();
        // The text of the last time or string of each column, reused while the column repeats it
        // (key columns such as _start, _stop and tags hold one value for the whole table).
        cache.assign(ncols, CellCache{});
        for (size_t r = 0; r < t.nrows; r++) {
            b.append(idText);
            for (size_t c = 0; c < ncols; c++) {
                b.push_back(out.delim());
                const Column& col = t.column(c);
                if (col.isNull(r)) continue;
                CellCache& k = cache[c];
                if (col.type() == ColType::String) {
                    const StringObj* v = col.strings()[r].get();
                    if (!k.valid || k.str != v) {
                        k.text.clear();
                        out.fieldTo(k.text, v->s);
                        k.str = v;
                        k.valid = true;
                    }
                    b.append(k.text);
                } else if (col.type() == ColType::Time) {
                    int64_t v = col.ints()[r];
                    if (!k.valid || k.time != v) {
                        k.text.clear();
                        appendCellText(k.text, col, r);
                        k.time = v;
                        k.valid = true;
                    }
                    b.append(k.text);
                } else {
                    appendCellText(b, col, r);  // numbers and booleans never need quotes
                }
            }
            out.endLine();
        }
        std::swap(last, cur);
        lastEmpty = empty;
        first = false;
        tableId++;
    }
    out.endLine();  // the blank line that ends a result
}

}  // namespace

void writeAnnotatedCsvResult(std::string_view name, const StreamObj& stream, std::ostream& os,
                             const CsvWriteOptions& opts) {
    CsvOut out(os, opts);
    writeResult(out, name, stream);
}

void writeAnnotatedCsv(const std::vector<NamedResult>& results, std::ostream& os, const CsvWriteOptions& opts) {
    CsvOut out(os, opts);
    for (const NamedResult& r : results) {
        writeResult(out, r.name, *r.stream);
        out.flush();
    }
}

void writeAnnotatedCsvError(std::string_view message, bool afterOutput, std::ostream& os,
                            const CsvWriteOptions& opts) {
    CsvOut out(os, opts);
    std::string& b = out.buf();
    if (afterOutput) out.endLine();
    const char d = out.delim();
    for (const std::string& annotation : opts.annotations) {
        if (annotation == "datatype") b.append("#datatype").append(1, d).append("string").append(1, d).append("string");
        else if (annotation == "group") b.append("#group").append(1, d).append("true").append(1, d).append("true");
        else if (annotation == "default") b.append("#default").append(1, d).append(1, d);
        else continue;
        out.endLine();
    }
    b.append(1, d).append("error").append(1, d).append("reference");
    out.endLine();
    b.push_back(d);
    out.field(message);
    b.push_back(d);
    out.endLine();
}

}  // namespace fluxi
